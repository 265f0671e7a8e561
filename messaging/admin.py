from django.contrib import admin

from core.admin_mixins import ReadOnlyAdminMixin
from messaging.models import Message


@admin.register(Message)
class MessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
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
