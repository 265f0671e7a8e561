from django.contrib import admin

from messaging.models import Message


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    """Read-only, for everyone: the outbox is a log of what was sent."""

    list_display = [
        "created_at",
        "kind",
        "channel",
        "recipient",
        "address",
        "subject",
        "status",
        "attempts",
        "sent_at",
    ]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["subject", "address", "dedupe_key", "recipient__username"]
    date_hierarchy = "created_at"
    list_select_related = ["recipient"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
