"""The inquiry badges, built in Python like the case badges (deadlines'
cases_tags): they are drawn on every row of every inquiry list."""

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.utils.html import format_html
from django.utils.translation import gettext

from inquiries.models import InquiryStatus

register = template.Library()

TONES = {
    InquiryStatus.OPEN: "info",
    InquiryStatus.NOTICE: "warn",
    InquiryStatus.TRANSFERRED: "info",
    InquiryStatus.ACKNOWLEDGED: "warn",
    InquiryStatus.CLOSED: "muted",
}


def _pending_transfer(inquiry):
    try:
        transfer = inquiry.transfer
    except ObjectDoesNotExist:
        return None
    return transfer if transfer.acknowledged_at is None else None


@register.simple_tag
def inquiry_status_badge(inquiry):
    """The status in words; red with "Flagged" when no outcome came in time or
    the transfer was not acknowledged in time."""
    label = inquiry.get_status_display()
    transfer = _pending_transfer(inquiry) if inquiry.status == InquiryStatus.TRANSFERRED else None
    if inquiry.flagged or (transfer is not None and transfer.flagged):
        return format_html(
            '<span class="badge badge-status-late" data-status="{}" data-flagged="1">'
            '<i class="bi bi-flag-fill" aria-hidden="true"></i>{} · {}</span>',
            inquiry.status,
            gettext("Flagged"),
            label,
        )
    return format_html(
        '<span class="badge badge-status-{}" data-status="{}">{}</span>',
        TONES.get(inquiry.status, "muted"),
        inquiry.status,
        label,
    )
