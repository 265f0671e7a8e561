from django.contrib import admin

from core.admin_mixins import ReadOnlyAdminMixin
from core.masking import mask_phone
from messaging.models import Channel, Message


@admin.register(Message)
class MessageAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only, for everyone: the outbox is a log of what was sent."""

    list_display = [
        "created_at",
        "kind",
        "channel",
        "recipient",
        "masked_address",
        "subject",
        "status",
        "attempts",
        "sent_at",
    ]
    list_filter = ["status", "channel", "kind"]
    search_fields = ["subject", "address", "dedupe_key", "recipient__username"]
    date_hierarchy = "created_at"
    list_select_related = ["recipient"]
    # An SMS goes to an applicant's or a visitor's phone: the outbox shows it masked, like every list.
    exclude = ["address"]
    readonly_fields = ["masked_address"]

    @admin.display(description=Message._meta.get_field("address").verbose_name)
    def masked_address(self, message):
        return mask_phone(message.address) if message.channel == Channel.SMS else message.address
