from django.contrib import admin

from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only, for everyone: the trail is never edited, the admin included."""

    list_display = ["at", "actor", "acting_for", "verb", "subject_repr", "reason"]
    list_filter = ["verb", "subject_type"]
    search_fields = ["subject_repr", "reason", "actor__username"]
    date_hierarchy = "at"
    list_select_related = ["actor", "acting_for", "subject_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
