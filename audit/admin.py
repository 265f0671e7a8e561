from django.contrib import admin

from audit.models import AuditEvent
from core.admin_mixins import ReadOnlyAdminMixin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only, for everyone: the trail is never edited, the admin included."""

    list_display = ["seq", "at", "actor", "acting_for", "verb", "subject_repr", "reason"]
    # verify_audit names an event by its seq and id; its page shows the links of the chain.
    readonly_fields = ["seq", "prev_hash", "hash"]
    list_filter = ["verb", "subject_type"]
    search_fields = ["subject_repr", "reason", "actor__username"]
    date_hierarchy = "at"
    list_select_related = ["actor", "acting_for", "subject_type"]
