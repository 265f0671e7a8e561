"""Reads of the refusal register (rule 6): supervisors see every section's,
a section chief their own; counts by status; the rows of the Excel export."""

from django.db.models import Count, Q, QuerySet

from org.predicates import is_supervisor, staff_of
from refusals.models import Refusal, RefusalStatus


def register_section(user):
    """The section a user's register is limited to, or None for all (supervisors)."""
    if is_supervisor(user):
        return None
    me = staff_of(user)
    return me.department if me is not None else None


def register_list(user) -> QuerySet[Refusal]:
    rows = Refusal.objects.select_related("department", "officer", "decided_by", "case", "inquiry")
    if is_supervisor(user):
        return rows
    me = staff_of(user)
    if me is None:
        return rows.none()
    return rows.filter(department_id=me.department_id)


def register_counts(queryset: QuerySet[Refusal]) -> dict:
    """One query: the total and each status's count."""
    return queryset.order_by().aggregate(
        total=Count("pk"),
        **{status: Count("pk", filter=Q(status=status)) for status in RefusalStatus.values},
    )
