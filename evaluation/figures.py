"""The evaluation's figures per staff member or per section over a period,
computed set-based: one grouped query per counted figure, whatever the number
of people or matters, and the rates derived from those counts.

Each counted figure names the rows it counts (``Counted.rows(period)``) and
the fields that say whose and which section's they are, so a figure opens to
the matters behind it (``matters``). Rates are shares of two counts (None when
there is nothing to divide by); the average working days taken are counted in
Python over the period's completed cases, with the calendar read once.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
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

    def grouped(self, period: Period, level: str, ids=None) -> dict[int, int]:
        field = self.staff if level == STAFF else self.department
        rows = self.rows(period).exclude(**{f"{field}__isnull": True})
        if ids is not None:
            rows = rows.filter(**{f"{field}__in": ids})
        return {row["who"]: row["n"] for row in rows.values(who=F(field)).annotate(n=Count("pk")).order_by()}

    def matters(self, period: Period, level: str, who: int) -> QuerySet:
        field = self.staff if level == STAFF else self.department
        return self.rows(period).filter(**{field: who})


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


def _on_time(period):
    return _handled(period).annotate(done_on=TruncDate("completed_at")).filter(done_on__lte=F("due_date"))


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


def _active(period):
    return _ratings(period).filter(is_default=False)


def _level(level):
    return lambda period: _active(period).filter(level=level)


def _poor(period):
    from evaluation.models import POOR_LEVELS

    return _active(period).filter(level__in=POOR_LEVELS)


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
    Counted("on_time", _("Cases handled on time"), _on_time, "handler", "department"),
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
    Counted("active", _("Active ratings"), _active, "staff", "department"),
    Counted("level_5", _("Very satisfied"), _level(5), "staff", "department"),
    Counted("level_4", _("Satisfied"), _level(4), "staff", "department"),
    Counted("level_3", _("Basically satisfied"), _level(3), "staff", "department"),
    Counted("level_2", _("Dissatisfied"), _level(2), "staff", "department"),
    Counted("level_1", _("Very dissatisfied"), _level(1), "staff", "department"),
    Counted("good", _("Good ratings"), lambda p: _ratings(p).filter(level__gte=3), "staff", "department"),
    Counted("poor", _("Poor ratings"), _poor, "staff", "department"),
    Counted(
        "poor_called",
        _("Poor ratings called back"),
        lambda p: _poor(p).filter(follow_up__called_at__isnull=False),
        "staff",
        "department",
    ),
    Counted(
        "poor_fixed",
        _("Poor ratings fixed"),
        lambda p: _poor(p).filter(follow_up__fixed_at__isnull=False),
        "staff",
        "department",
    ),
    Counted(
        "named_poor", _("Named poor ratings"), lambda p: _poor(p).filter(named=True), "staff", "department"
    ),
    Counted(
        "named_poor_called",
        _("Named poor ratings called back"),
        lambda p: _poor(p).filter(named=True, follow_up__called_at__isnull=False),
        "staff",
        "department",
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


def compute(period: Period, level: str, ids=None) -> dict[int, dict]:
    """Every figure of ``period`` for each staff member or section (``level``)
    that has any; ``ids`` limits it to those."""
    if level not in LEVELS:
        raise ValueError(level)
    table: dict[int, dict] = {}
    for figure in COUNTED:
        for who, n in figure.grouped(period, level, ids).items():
            table.setdefault(who, {})[figure.key] = n
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
    """The mean working days from receipt to completion of the period's cases, per group."""
    from workdays.days import UnpublishedYearError, load_schedule

    field = "handler" if level == STAFF else "department"
    rows = _handled(period)
    if ids is not None:
        rows = rows.filter(**{f"{field}__in": ids})
    rows = list(rows.values_list(field, "received_at", "completed_at"))
    if not rows:
        return {}
    days = [(who, timezone.localdate(a), timezone.localdate(b)) for who, a, b in rows]
    schedule = load_schedule(min(d[1].year for d in days), max(d[2].year for d in days))
    totals: dict[int, list[int]] = {}
    for who, received, completed in days:
        try:
            taken = schedule.count_working_days(received + timedelta(days=1), completed)
        except UnpublishedYearError:
            continue
        totals.setdefault(who, []).append(taken)
    return {who: round(sum(values) / len(values), 2) for who, values in totals.items()}


def matters(period: Period, level: str, who: int, key: str) -> QuerySet:
    """The rows behind one counted figure of one staff member or section."""
    return BY_KEY[key].matters(period, level, who)
