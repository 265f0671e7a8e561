"""The evaluation's figures per staff member or per section over a period,
computed set-based: one grouped query per counted figure, whatever the number
of people or matters, and the rates derived from those counts.

Each counted figure names the rows it counts (``Counted.rows(period)``) and
the fields that say whose and which section's they are, so a figure opens to
the matters behind it (``matters``). Rates are shares of two counts (None when
there is nothing to divide by); the average working days taken are counted in
Python over the period's completed cases, with the calendar read once.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _

from evaluation.periods import Period

STAFF, DEPARTMENT = "staff", "department"
LEVELS = (STAFF, DEPARTMENT)


@dataclass(frozen=True)
class Counted:
    key: str
    label: object
    rows: Callable[[Period], QuerySet]
    staff: str  # the field path to the staff member the row counts for
    department: str  # and to the section
    number: Callable[[object], str] | None = None  # how a matter behind the figure is named
    # Which of ``rows`` count (None: all): figures over the same rows are counted in one query.
    where: Q | None = None

    def counted(self, period: Period) -> QuerySet:
        rows = self.rows(period)
        return rows if self.where is None else rows.filter(self.where)

    def grouped(self, period: Period, level: str, ids=None) -> dict[int, int]:
        return {who: row[self.key] for who, row in _grouped([self], period, level, ids).items()}

    def matters(self, period: Period, level: str, who: int) -> QuerySet:
        field = self.staff if level == STAFF else self.department
        return self.counted(period).filter(**{field: who})


def _grouped(together: list["Counted"], period: Period, level: str, ids=None) -> dict[int, dict]:
    """Figures over the same rows, counted in one grouped query with a conditional count each."""
    first = together[0]
    field = first.staff if level == STAFF else first.department
    rows = first.rows(period).exclude(**{f"{field}__isnull": True})
    if ids is not None:
        rows = rows.filter(**{f"{field}__in": ids})
    counts = {f.key: Count("pk", filter=f.where) if f.where is not None else Count("pk") for f in together}
    found = rows.values(who=F(field)).annotate(**counts).order_by()
    return {row.pop("who"): row for row in found}


@dataclass(frozen=True)
class Rate:
    key: str
    label: object
    part: str
    whole: str


def _between(field: str, period: Period) -> Q:
    start, end = period.moments
    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def _days(field: str, period: Period) -> Q:
    return Q(**{f"{field}__gte": period.start, f"{field}__lt": period.end})


def _inquiries(period):
    from inquiries.models import Inquiry

    return Inquiry.objects.filter(_between("asked_at", period))


def _handled(period):
    from deadlines.models import Case, CaseStatus

    return Case.objects.filter(_between("completed_at", period), status=CaseStatus.COMPLETED)


def _extensions(period):
    from deadlines.models import Extension, ExtensionStatus

    return Extension.objects.filter(_between("decided_at", period), status=ExtensionStatus.APPROVED)


def _overdue(period):
    from deadlines.models import Escalation, EscalationStep

    return Escalation.objects.filter(_days("due_date", period), step=EscalationStep.HANDLER)


def _refusals(period):
    from refusals.models import Refusal

    return Refusal.objects.filter(_between("filed_at", period))


def _overturned(period):
    from refusals.models import FindingKind, RefusalFinding

    return RefusalFinding.objects.filter(_days("on", period), kind=FindingKind.OVERTURNED)


def _notice_failures(period):
    from notifications.models import NoticeFailure

    return NoticeFailure.objects.filter(_between("at", period))


def _transfers_late(period):
    from inquiries.models import Transfer

    return Transfer.objects.filter(_days("acknowledge_by", period), flagged=True)


def _cover(period):
    from abpositions.models import Handover

    return Handover.objects.filter(_between("created_at", period))


def _ratings(period):
    from evaluation.models import Rating

    return Rating.objects.filter(_between("rated_at", period), excluded=False)


# The ratings' figures are conditions on the period's ratings, counted together.
ACTIVE = Q(is_default=False)
POOR = ACTIVE & Q(level__lte=2)  # 不满意 and 非常不满意 (models.POOR_LEVELS)
CALLED = Q(follow_up__called_at__isnull=False)


def _complaints(period):
    from accountability.models import Complaint, ComplaintStatus

    return Complaint.objects.filter(
        _between("answered_at", period), status=ComplaintStatus.ANSWERED, upheld=True
    )


def _cards(card):
    def rows(period):
        from accountability.models import CardStep

        return CardStep.objects.filter(_between("at", period), card=card)

    return rows


def _warnings(period):
    from accountability.models import Outcome, Record

    return Record.objects.filter(_between("decision__decided_at", period), decision__outcome=Outcome.WARNING)


def _number(field):
    return lambda row: str(getattr(row, field)) if field != "pk" else str(row.pk)


COUNTED = [
    Counted(
        "inquiries", _("Inquiries received as first responder"), _inquiries, "first_responder", "department"
    ),
    Counted("handled", _("Cases handled"), _handled, "handler", "department"),
    Counted(
        "on_time",
        _("Cases handled on time"),
        _handled,
        "handler",
        "department",
        where=Q(completed_at__date__lte=F("due_date")),
    ),
    Counted("extensions", _("Extensions approved"), _extensions, "requested_by", "case__department"),
    Counted("overdue", _("Cases overdue"), _overdue, "case__handler", "case__department"),
    Counted("refusals", _("Refusals filed"), _refusals, "officer", "department"),
    Counted("overturned", _("Refusals overturned"), _overturned, "staff", "department"),
    Counted("notice_failures", _("Notice failures"), _notice_failures, "staff", "department"),
    Counted(
        "transfers_late", _("Transfers not acknowledged in time"), _transfers_late, "to", "to__department"
    ),
    Counted("cover", _("A/B cover given (handovers)"), _cover, "cover", "cover__department"),
    Counted("ratings", _("Ratings"), _ratings, "staff", "department"),
    Counted("active", _("Active ratings"), _ratings, "staff", "department", where=ACTIVE),
    Counted("level_5", _("Very satisfied"), _ratings, "staff", "department", where=ACTIVE & Q(level=5)),
    Counted("level_4", _("Satisfied"), _ratings, "staff", "department", where=ACTIVE & Q(level=4)),
    Counted("level_3", _("Basically satisfied"), _ratings, "staff", "department", where=ACTIVE & Q(level=3)),
    Counted("level_2", _("Dissatisfied"), _ratings, "staff", "department", where=ACTIVE & Q(level=2)),
    Counted("level_1", _("Very dissatisfied"), _ratings, "staff", "department", where=ACTIVE & Q(level=1)),
    Counted("good", _("Good ratings"), _ratings, "staff", "department", where=Q(level__gte=3)),
    Counted("poor", _("Poor ratings"), _ratings, "staff", "department", where=POOR),
    Counted(
        "poor_called", _("Poor ratings called back"), _ratings, "staff", "department", where=POOR & CALLED
    ),
    Counted(
        "poor_fixed",
        _("Poor ratings fixed"),
        _ratings,
        "staff",
        "department",
        where=POOR & Q(follow_up__fixed_at__isnull=False),
    ),
    Counted(
        "named_poor", _("Named poor ratings"), _ratings, "staff", "department", where=POOR & Q(named=True)
    ),
    Counted(
        "named_poor_called",
        _("Named poor ratings called back"),
        _ratings,
        "staff",
        "department",
        where=POOR & Q(named=True) & CALLED,
    ),
    Counted("complaints_upheld", _("Complaints upheld"), _complaints, "about_staff", "about_department"),
    Counted("yellow_cards", _("Yellow cards"), _cards("yellow"), "record__staff", "record__department"),
    Counted("red_cards", _("Red cards"), _cards("red"), "record__staff", "record__department"),
    Counted("warnings", _("Efficiency warnings"), _warnings, "staff", "department"),
]

RATES = [
    Rate("on_time_rate", _("On-time rate"), "on_time", "handled"),
    # 好评率: 非常满意, 满意 and 基本满意 (the default too) among all ratings counted.
    Rate("good_rate", _("Good ratings (好评率)"), "good", "ratings"),
    Rate("active_rate", _("Active rating rate (主动评价率)"), "active", "ratings"),
    Rate("poor_share", _("Share of poor ratings"), "poor", "active"),
    Rate("follow_up_rate", _("Poor ratings called back"), "poor_called", "poor"),
    Rate("fix_rate", _("Poor-rating fix rate (差评整改率)"), "poor_fixed", "poor"),
    Rate(
        "named_call_back_rate",
        _("Named poor ratings called back (实名差评回访率)"),
        "named_poor_called",
        "named_poor",
    ),
]

BY_KEY = {figure.key: figure for figure in COUNTED}
LABELS = {figure.key: figure.label for figure in [*COUNTED, *RATES]} | {
    "poor_unfollowed": _("Poor ratings not called back"),
    "avg_days": _("Average working days taken"),
}


def _by_rows() -> list[list[Counted]]:
    """The counted figures grouped by the rows they count: one query a group."""
    groups: dict[tuple, list[Counted]] = {}
    for figure in COUNTED:
        groups.setdefault((figure.rows, figure.staff, figure.department), []).append(figure)
    return list(groups.values())


def compute(period: Period, level: str, ids=None) -> dict[int, dict]:
    """Every figure of ``period`` for each staff member or section (``level``)
    that has any; ``ids`` limits it to those."""
    if level not in LEVELS:
        raise ValueError(level)
    table: dict[int, dict] = {}
    for together in _by_rows():
        for who, counts in _grouped(together, period, level, ids).items():
            table.setdefault(who, {}).update(counts)
    for who, days in average_days(period, level, ids).items():
        table.setdefault(who, {})["avg_days"] = days
    for row in table.values():
        for figure in COUNTED:
            row.setdefault(figure.key, 0)
        row.setdefault("avg_days", None)
        row["poor_unfollowed"] = row["poor"] - row["poor_called"]
        for rate in RATES:
            whole = row[rate.whole]
            row[rate.key] = round(100 * row[rate.part] / whole, 1) if whole else None
    return table


def average_days(period: Period, level: str, ids=None) -> dict[int, float]:
    """The mean working days from receipt to completion of the period's cases, per group.

    A case's working days are ``cum(completed) - cum(received)``, ``cum(d)`` being the
    working days up to ``d``; so a group's sum is the sum of ``cum`` over its completion
    days less that over its receipt days, counted from two grouped queries (by group and
    day) with ``cum`` taken once a distinct day, not a case at a time. A case any of whose
    years has no published schedule is left out, as ``count_working_days`` refuses it."""
    from workdays.days import load_schedule

    field = "handler" if level == STAFF else "department"
    rows = _handled(period).exclude(**{f"{field}__isnull": True})
    if ids is not None:
        rows = rows.filter(**{f"{field}__in": ids})
    received = _by_day(rows, field, "received_at")
    if not received:
        return {}
    last_year = (period.end - timedelta(days=1)).year
    schedule = load_schedule(min(day.year for _who, day in received), last_year)
    floor = _first_counted_year(schedule, last_year)
    if floor is None:
        return {}
    if any(day.year < floor for _who, day in received):  # cases received in a year not published
        rows = rows.filter(received_at__gte=Period("year", floor).moments[0])
        received = {key: n for key, n in received.items() if key[1].year >= floor}
    base = date(floor, 1, 1)
    cum = functools.lru_cache(maxsize=None)(lambda day: schedule.count_working_days(base, day))
    totals: dict[int, list[int]] = {}  # who -> [cases, working days]
    for (who, day), n in _by_day(rows, field, "completed_at").items():
        total = totals.setdefault(who, [0, 0])
        total[0] += n
        total[1] += n * cum(day)
    for (who, day), n in received.items():
        totals[who][1] -= n * cum(day)
    return {who: round(days / cases, 2) for who, (cases, days) in totals.items() if cases}


def _by_day(rows: QuerySet, field: str, moment: str) -> dict[tuple[int, date], int]:
    """How many of ``rows`` per group and day (at the bureau) of ``moment``."""
    found = rows.values_list(field, TruncDate(moment)).annotate(n=Count("pk")).order_by()
    return {(who, day): n for who, day, n in found}


def _first_counted_year(schedule, last_year: int) -> int | None:
    """The earliest year from which every year up to ``last_year`` is published."""
    if last_year not in schedule.known:
        return None
    year = last_year
    while year - 1 in schedule.known:
        year -= 1
    return year


def matters(period: Period, level: str, who: int, key: str) -> QuerySet:
    """The rows behind one counted figure of one staff member or section."""
    return BY_KEY[key].matters(period, level, who)
