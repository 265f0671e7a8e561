from django import template

from deadlines.models import CaseStatus
from messaging.sms import mask_phone

register = template.Library()


@register.inclusion_tag("deadlines/includes/days_left.html")
def days_left_badge(case):
    """Working days left of an open case (``case.working_days_left``, set by
    selectors.with_working_days_left): red when overdue, amber when due within a day."""
    left = getattr(case, "working_days_left", None)
    return {
        "open": case.is_open,
        "left": left,
        "overdue_by": -left if left is not None and left < 0 else 0,
        "late": case.is_open and (case.overdue or (left is not None and left < 0)),
    }


@register.inclusion_tag("deadlines/includes/status.html")
def case_status_badge(case):
    if case.is_open and case.overdue:
        tone = "late"
    elif case.status == CaseStatus.COMPLETED:
        tone = "ok" if case.completed_on_time else "warn"
    elif case.is_open:
        tone = "info"
    else:
        tone = "muted"
    return {"case": case, "tone": tone}


@register.filter
def masked_phone(phone: str) -> str:
    """138****5678, for paper that leaves the building."""
    return mask_phone(phone) if phone else ""
