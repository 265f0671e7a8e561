"""The matter a refusal is filed on (a case, or an application inquiry), as
rule 6's pages read it: found as its own page finds it, and whether it may be
refused now."""

from deadlines.models import OPEN_STATUSES, CaseKind
from deadlines.selectors import case_for_page
from inquiries.models import AWAITING_OUTCOME_STATUSES, InquiryKind, InquiryStatus
from inquiries.selectors import inquiry_for_page
from refusals.models import IN_FORCE, Refusal

KINDS = ("case", "inquiry")


def matter_for_page(user, kind: str, pk: int):
    """The case or inquiry, or None when the user may not see it (a 404)."""
    if kind == "case":
        return case_for_page(user, pk)
    return inquiry_for_page(user, pk)


def is_application(inquiry) -> bool:
    return inquiry.kind == InquiryKind.APPLICATION or inquiry.service_item_id is not None


def awaits_decision(matter) -> bool:
    """A case still open; an application inquiry awaiting its outcome (or its notice)."""
    if matter._meta.model_name == "case":
        return matter.kind == CaseKind.SERVICE and matter.status in OPEN_STATUSES
    return is_application(matter) and matter.status in (*AWAITING_OUTCOME_STATUSES, InquiryStatus.NOTICE)


def has_refusal_in_force(matter) -> bool:
    return Refusal.objects.filter(status__in=IN_FORCE, **{matter._meta.model_name: matter}).exists()


def may_be_refused_now(matter) -> bool:
    """Open, and not refused already: an open case has no refusal in force (filing
    refuses it), but an inquiry waits on a notice that filed one."""
    if not awaits_decision(matter):
        return False
    return matter._meta.model_name == "case" or not has_refusal_in_force(matter)
