"""Reads of rule 8's follow-ups (差评整改), scoped by who asks: a section chief
their section's (谁办理谁负责), supervisors every one, anyone else none."""

from django.db.models import Count, Q, QuerySet

from core import clock
from evaluation.models import AppealStatus, FollowUp, FollowUpStatus
from org.predicates import is_section_chief, is_supervisor, staff_of

# Waiting on the section: not called back yet, or called back and not fixed.
PENDING = (FollowUpStatus.OPEN, FollowUpStatus.CALLED)


def follow_ups_for(user) -> QuerySet[FollowUp]:
    """The follow-ups ``user`` may read, with what a list row shows."""
    me = staff_of(user)
    if me is None:
        return FollowUp.objects.none()
    base = FollowUp.objects.select_related(
        "rating", "rating__case", "rating__staff", "department", "assigned_to"
    ).prefetch_related("rating__tags")
    if is_supervisor(user):
        return base
    if is_section_chief(user):
        return base.filter(department_id=me.department_id)
    return FollowUp.objects.none()


def follow_up_for_page(user, pk) -> FollowUp | None:
    """The follow-up with what its page shows, or None when ``user`` may not read it (a 404)."""
    return (
        follow_ups_for(user)
        .select_related(
            "rating__case__service_item",
            "rating__case__department",
            "rating__case__handler",
            "called_by",
            "fixed_by",
            "appealed_by",
            "appeal_decided_by",
        )
        .filter(pk=pk)
        .first()
    )


def late_q(today) -> Q:
    """Not fixed by its date (an excluded rating is no longer waited on)."""
    return Q(status__in=PENDING, due__lt=today)


def is_late(follow_up: FollowUp, today) -> bool:
    """The same test as ``late_q``, on a row already read."""
    return follow_up.status in PENDING and follow_up.due < today


def follow_up_counts(queryset, today) -> dict:
    """The list's cards, in one query: open, called back, late, fixed, appeals waiting, all."""
    return queryset.order_by().aggregate(
        open=Count("pk", filter=Q(status=FollowUpStatus.OPEN)),
        called=Count("pk", filter=Q(status=FollowUpStatus.CALLED)),
        late=Count("pk", filter=late_q(today)),
        fixed=Count("pk", filter=Q(status=FollowUpStatus.FIXED)),
        appealed=Count("pk", filter=Q(appeal_status=AppealStatus.FILED)),
        excluded=Count("pk", filter=Q(status=FollowUpStatus.EXCLUDED)),
        total=Count("pk"),
    )


def home_counts(user) -> dict:
    """The home's counts (to follow up, late, appeals waiting) in one query, kept for the request."""
    cached = getattr(user, "_follow_up_home_counts", None)
    if cached is None:
        cached = (
            follow_ups_for(user)
            .order_by()
            .aggregate(
                pending=Count("pk", filter=Q(status__in=PENDING)),
                late=Count("pk", filter=late_q(clock.localdate())),
                appeals=Count("pk", filter=Q(appeal_status=AppealStatus.FILED)),
            )
        )
        user._follow_up_home_counts = cached
    return cached
