"""Rule 5's card on an inquiry's and a case's page: the notices issued on it,
and the way to issue one (core.navigation.RelatedPanel)."""

from django.urls import reverse

from inquiries.models import AWAITING_OUTCOME_STATUSES
from notifications.selectors import notices_visible_to


def _context(request, *, field: str, obj, may_issue: bool) -> dict:
    notices = list(notices_visible_to(request.user).filter(**{field: obj}).order_by("-issued_at", "-id"))
    if not notices and not may_issue:
        return None
    return {
        "notices": notices,
        "issue_url": f"{reverse('notices:new')}?{field}={obj.pk}" if may_issue else "",
    }


def _may_issue_on_inquiry(request, inquiry) -> bool:
    return (
        inquiry.status in AWAITING_OUTCOME_STATUSES
        and request.user.has_perm("notifications.issue_notice")
        and request.user.has_perm("inquiries.record_outcome", inquiry)
    )


def inquiry_panel(request, inquiry) -> dict | None:
    return _context(request, field="inquiry", obj=inquiry, may_issue=_may_issue_on_inquiry(request, inquiry))


def inquiry_issue_url(request, inquiry) -> str:
    """The inquiry page's "issue a one-time notice" button."""
    if not _may_issue_on_inquiry(request, inquiry):
        return ""
    return f"{reverse('notices:new')}?inquiry={inquiry.pk}"


def case_panel(request, case) -> dict | None:
    if case.service_item_id is None:
        # A leader's instruction: no applicant, no materials to ask for.
        return None
    may_issue = (
        case.is_open
        and request.user.has_perm("notifications.issue_notice")
        and request.user.has_perm("deadlines.work_case", case)
    )
    return _context(request, field="case", obj=case, may_issue=may_issue)
