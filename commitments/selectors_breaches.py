"""Reads of the breach register, scoped to what the asking user may see.

The scoping mirrors the rules in commitments.rules: a supervisor sees every
breach, a section chief those of their own section's staff, and anyone else
only the breaches recorded against themselves.
"""

from django.db.models import Count, QuerySet

from commitments.models import Breach, BreachOutcome, ServiceItem
from org.models import Staff
from org.predicates import is_section_chief, is_supervisor, staff_of


def breaches_visible_to(user) -> QuerySet[Breach]:
    breaches = Breach.objects.select_related(
        "staff__department", "item", "item_version", "recorded_by__staff", "decided_by__staff"
    )
    if is_supervisor(user):
        return breaches
    me = staff_of(user)
    if me is None:
        return breaches.none()
    if is_section_chief(user):
        return breaches.filter(staff__department_id=me.department_id)
    return breaches.filter(staff=me)


def outcome_counts(breaches: QuerySet[Breach]) -> dict[str, int]:
    """How many of ``breaches`` stand at each outcome, every outcome present."""
    rows = breaches.order_by().values("outcome").annotate(n=Count("id"))
    counts = dict.fromkeys(BreachOutcome.values, 0)
    counts.update({row["outcome"]: row["n"] for row in rows})
    return counts


def staff_in_reach_of(user) -> QuerySet[Staff]:
    """The staff a user may record breaches against or filter the register by."""
    staff = Staff.objects.select_related("department")
    if is_supervisor(user):
        return staff
    me = staff_of(user)
    if me is None or not is_section_chief(user):
        return staff.none()
    return staff.filter(department_id=me.department_id)


def items_for_breaches() -> QuerySet[ServiceItem]:
    """Service items a breach can name: those with a version in force."""
    return ServiceItem.objects.filter(current__isnull=False).select_related("current", "department")
