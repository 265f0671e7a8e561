"""Personal data on screen and on paper: the one place phones and ID numbers
are masked. Lists, exports, prints and PDFs always show them masked; a
record's own page shows the full number only to a role that needs it, on
request, and that sight is logged (personal_data.viewed)."""

from django.utils.translation import gettext_lazy as _

# The audit verb of a reveal; the apps that reveal register its label for the history panel.
PERSONAL_DATA_VIEWED = "personal_data.viewed"
PERSONAL_DATA_VIEWED_LABEL = _("Personal data viewed")


def mask_phone(phone: str) -> str:
    """138****5678: enough to tell two people apart, or to call back knowing the number, no more."""
    digits = (phone or "").strip()
    if len(digits) <= 7:
        return "*" * len(digits)
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"


def mask_id_number(value: str) -> str:
    """110105********1234: the region and the last four stay."""
    value = (value or "").strip()
    if len(value) < 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]
