"""Reads of rule 6: which refusals a user sees, and the chief's queue."""

from django.db.models import Q, QuerySet

from org.predicates import is_section_chief, is_supervisor, staff_of
from refusals.models import Refusal, RefusalStatus


def refusals_visible_to(user) -> QuerySet[Refusal]:
    """Supervisors: all; a section chief: their section's; anyone else: those they filed."""
    rows = Refusal.objects.select_related(
        "department", "officer", "decided_by", "case", "inquiry", "service_item", "notice"
    )
    if is_supervisor(user):
        return rows
    me = staff_of(user)
    if me is None:
        return rows.none()
    mine = Q(officer=me)
    if is_section_chief(user):
        mine |= Q(department_id=me.department_id)
    return rows.filter(mine)


def refusal_for_page(user, pk) -> Refusal | None:
    """The refusal, or None when the user may not see it (a 404, not a 403)."""
    refusal = refusals_visible_to(user).filter(pk=pk).first()
    if refusal is None or not user.has_perm("refusals.view_refusal", refusal):
        return None
    return refusal


def waiting_review(user) -> QuerySet[Refusal]:
    """The chief's queue: their section's refusals filed and not yet decided, the earliest due first."""
    me = staff_of(user)
    if me is None or not is_section_chief(user):
        return Refusal.objects.none()
    return (
        refusals_visible_to(user)
        .filter(department_id=me.department_id, status=RefusalStatus.FILED)
        .exclude(officer=me)
        .order_by("review_due", "filed_at", "pk")
    )
