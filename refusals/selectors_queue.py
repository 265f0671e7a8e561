"""Reads of the chief's review queue (rule 6): what waits, how urgent, and what they decided lately."""

from datetime import timedelta

from django.db.models import QuerySet

from core import clock
from org.predicates import staff_of
from refusals.models import Refusal, RefusalStatus
from refusals.selectors import refusals_visible_to

RECENT_DAYS = 30
RECENT_ROWS = 20


def queue_counts(waiting: list[Refusal], today) -> dict:
    """Counted from the rows already read: no query more."""
    return {
        "waiting": len(waiting),
        "due_today": sum(1 for refusal in waiting if refusal.review_due == today),
        "late": sum(1 for refusal in waiting if refusal.review_due < today),
    }


def recently_decided(user) -> QuerySet[Refusal]:
    """The section's refusals decided in the last RECENT_DAYS days, latest first."""
    me = staff_of(user)
    if me is None:
        return Refusal.objects.none()
    since = clock.now() - timedelta(days=RECENT_DAYS)
    return (
        refusals_visible_to(user)
        .filter(department_id=me.department_id, decided_at__gte=since)
        .exclude(status=RefusalStatus.FILED)
        .order_by("-decided_at", "-pk")[:RECENT_ROWS]
    )
