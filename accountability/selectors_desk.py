"""Reads of the supervisor's desk and of a staff member's own records (rule 7):
what waits for whom, with its due date, in a few indexed queries.

Each list's count is the one the home's cards show (``desk_counts``,
``my_open_count``), so that a count and the list it links to agree."""

from django.db.models import Count, Q, QuerySet

from accountability.models import (
    Appeal,
    AppealStatus,
    Card,
    Complaint,
    ComplaintStatus,
    Record,
    RecordStatus,
)
from accountability.selectors import complaints_for, records_for
from org.predicates import is_supervisor, staff_of

DESK_ROWS = 100

# A red card is on the red list, not among the new.
NEW = Q(status=RecordStatus.OPEN) & ~Q(card=Card.RED)
EXPLAINED = Q(status=RecordStatus.EXPLAINED)
RED = Q(card=Card.RED) & ~Q(status=RecordStatus.DECIDED)
OPEN_COMPLAINT = Q(status__in=[ComplaintStatus.RECEIVED, ComplaintStatus.ACCEPTED])


def desk_records(user) -> QuerySet[Record]:
    """Every record a supervisor reads; nothing for anyone else."""
    return records_for(user) if is_supervisor(user) else Record.objects.none()


def new_records(user) -> QuerySet[Record]:
    """Opened, not explained yet and not red yet, the earliest explanation due first."""
    return desk_records(user).filter(NEW).order_by("explain_due", "pk")


def explained_records(user) -> QuerySet[Record]:
    """Explained, waiting for a supervisor's decision: the longest waiting first."""
    return desk_records(user).filter(EXPLAINED).order_by("explained_at", "pk")


def red_records(user) -> QuerySet[Record]:
    return desk_records(user).filter(RED).order_by("red_due", "pk")


def appeals_waiting(user) -> QuerySet[Appeal]:
    if not is_supervisor(user):
        return Appeal.objects.none()
    return (
        Appeal.objects.filter(status=AppealStatus.FILED)
        .select_related("record", "record__staff", "record__department", "by")
        .order_by("decide_due", "pk")
    )


def open_complaints(user) -> QuerySet[Complaint]:
    """Received or accepted, each with the day its next step is due; the earliest first."""
    return complaints_for(user).filter(OPEN_COMPLAINT).order_by("accept_due", "answer_due", "pk")


def complaint_due(complaint: Complaint):
    """A received complaint is due to be accepted or declined; an accepted one answered."""
    return complaint.accept_due if complaint.status == ComplaintStatus.RECEIVED else complaint.answer_due


def desk_counts(user) -> dict:
    """Three queries: the records by state, the appeals waiting, the open complaints."""
    counts = (
        desk_records(user)
        .order_by()
        .aggregate(
            new=Count("pk", filter=NEW), explained=Count("pk", filter=EXPLAINED), red=Count("pk", filter=RED)
        )
    )
    counts["appeals"] = appeals_waiting(user).count()
    counts["complaints"] = open_complaints(user).count()
    return counts


def my_records(user) -> QuerySet[Record]:
    """The records about the user themself, whatever else they may read."""
    me = staff_of(user)
    if me is None:
        return Record.objects.none()
    return records_for(user).filter(staff=me)


MY_OPEN = ~Q(status=RecordStatus.DECIDED) & ~Q(card="")


def my_open_count(user) -> int:
    """The user's yellow and red cards not decided yet (the home's count); a
    supervisor's is read with their desk's counts, in the same query."""
    if is_supervisor(user):
        return home_counts(user)["mine"]
    return my_records(user).filter(MY_OPEN).count()


def my_counts(user) -> dict:
    undecided = ~Q(status=RecordStatus.DECIDED)
    return (
        my_records(user)
        .order_by()
        .aggregate(
            open=Count("pk", filter=MY_OPEN),
            yellow=Count("pk", filter=undecided & Q(card=Card.YELLOW)),
            red=Count("pk", filter=undecided & Q(card=Card.RED)),
            decided=Count("pk", filter=Q(status=RecordStatus.DECIDED)),
            total=Count("pk"),
        )
    )


def home_counts(user) -> dict:
    """The supervisor's home counts of records, and their own open cards, in
    one query kept on the user for the request: each card asks for its own
    (accountability.shell)."""
    cached = getattr(user, "_accountability_home_counts", None)
    if cached is None:
        me = staff_of(user)
        cached = (
            desk_records(user)
            .order_by()
            .aggregate(
                red=Count("pk", filter=RED),
                explained=Count("pk", filter=EXPLAINED),
                appeals=Count("pk", filter=Q(appeal__status=AppealStatus.FILED)),
                mine=Count("pk", filter=MY_OPEN & Q(staff=me)),
            )
        )
        user._accountability_home_counts = cached
    return cached
