"""What the evaluation pages read (rule 8): who sees which rows, the light
monthly series (the on-time trend, the public satisfaction figures), and the
matters behind a counted figure, named and linked.

The series are one grouped query each over twelve months, not twelve full
tables: a chart of the trend needs two counts a month, not every figure.
"""

from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate, TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from evaluation import figures
from evaluation.models import POOR_LEVELS, Rating
from evaluation.periods import Period
from org.models import Department, Staff
from org.predicates import is_section_chief, is_supervisor, staff_of

MATTERS_SHOWN = 50


def months_to(last: Period, count: int = 12) -> list[Period]:
    """The ``count`` months ending with the month ``last`` ends in, oldest first."""
    month = Period.month_of(last.end).previous()
    found = [month]
    while len(found) < count:
        month = month.previous()
        found.append(month)
    return found[::-1]


def section_scope(user) -> int | None:
    """None for a supervisor (every section); a chief's own section's id."""
    if is_supervisor(user):
        return None
    return staff_of(user).department_id


def on_time_trend(months: list[Period], department_id: int | None) -> list[dict]:
    """Cases handled and handled on time each month (the figures' own rules, one query)."""
    from deadlines.models import Case, CaseStatus

    start, end = months[0].moments[0], months[-1].moments[1]
    rows = Case.objects.filter(status=CaseStatus.COMPLETED, completed_at__gte=start, completed_at__lt=end)
    if department_id is not None:
        rows = rows.filter(department_id=department_id)
    counted = (
        rows.annotate(month=TruncMonth("completed_at"), done_on=TruncDate("completed_at"))
        .values("month")
        .annotate(handled=Count("pk"), on_time=Count("pk", filter=Q(done_on__lte=F("due_date"))))
        .order_by()
    )
    by_month = {_month_key(row["month"]): row for row in counted}
    series = []
    for month in months:
        row = by_month.get(month.key, {"handled": 0, "on_time": 0})
        series.append(
            {
                "period": month.key,
                "handled": row["handled"],
                "on_time": row["on_time"],
                "rate": _share(row["on_time"], row["handled"]),
            }
        )
    return series


def _month_key(value) -> str:
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        value = timezone.localtime(value)
    return f"{value.year}-{value.month:02d}"


def _share(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


PUBLIC_RATES = (
    ("good_rate", "good", "ratings"),
    ("active_rate", "active", "ratings"),
    ("fix_rate", "poor_fixed", "poor"),
    ("named_call_back_rate", "named_poor_called", "named_poor"),
)


def public_satisfaction(months: list[Period]) -> list[dict]:
    """Per section and month: 好评率, 主动评价率, 差评整改率, 实名差评回访率,
    counted as the figures count them (excluded ratings out, the default in
    the ratings but not among the active ones). No person is named."""
    start, end = months[0].moments[0], months[-1].moments[1]
    poor = Q(is_default=False, level__in=POOR_LEVELS)
    counted = (
        Rating.objects.filter(rated_at__gte=start, rated_at__lt=end, excluded=False)
        .annotate(month=TruncMonth("rated_at"))
        .values("department", "month")
        .annotate(
            ratings=Count("pk"),
            good=Count("pk", filter=Q(level__gte=3)),
            active=Count("pk", filter=Q(is_default=False)),
            poor=Count("pk", filter=poor),
            poor_fixed=Count("pk", filter=poor & Q(follow_up__fixed_at__isnull=False)),
            named_poor=Count("pk", filter=poor & Q(named=True)),
            named_poor_called=Count("pk", filter=poor & Q(named=True, follow_up__called_at__isnull=False)),
        )
        .order_by()
    )
    found = {(row["department"], _month_key(row["month"])): row for row in counted}
    sections = []
    for department in Department.objects.filter(pk__in={key[0] for key in found}).order_by("name"):
        rows = []
        for month in months:
            row = found.get((department.pk, month.key))
            rates = {key: _share(row[part], row[whole]) if row else None for key, part, whole in PUBLIC_RATES}
            rows.append({"period": month.key, "ratings": row["ratings"] if row else 0, **rates})
        sections.append({"name": department.name, "code": department.code, "months": rows})
    return sections


@dataclass(frozen=True)
class Subject:
    level: str
    id: int
    name: str
    department: Department


def subject_for(user, level: str, who: int) -> Subject:
    """The staff member or section whose score ``user`` may open; 404 otherwise:
    staff their own, a chief their section and its people, supervisors all."""
    me = staff_of(user)
    if me is None or level not in figures.LEVELS:
        raise Http404
    if level == figures.STAFF:
        person = Staff.objects.select_related("department").filter(pk=who).first()
        if person is None:
            raise Http404
        subject = Subject(level, person.pk, person.name, person.department)
    else:
        department = Department.objects.filter(pk=who).first()
        if department is None:
            raise Http404
        subject = Subject(level, department.pk, department.name, department)
    own = level == figures.STAFF and who == me.pk
    chief = is_section_chief(user) and subject.department.pk == me.department_id
    if not (own or chief or is_supervisor(user)):
        raise Http404
    return subject


# How a matter behind a figure is named: the related rows to join, and the
# numbered object (with its page) it stands for.
_MATTER_SHAPES = {
    "Case": ((), lambda row: row),
    "Inquiry": ((), lambda row: row),
    "Refusal": ((), lambda row: row),
    "Complaint": ((), lambda row: row),
    "Record": ((), lambda row: row),
    "Extension": (("case",), lambda row: row.case),
    "Escalation": (("case",), lambda row: row.case),
    "Rating": (("case", "follow_up"), lambda row: row.case),
    "RefusalFinding": (("refusal",), lambda row: row.refusal),
    "NoticeFailure": (("notice",), lambda row: row.notice),
    "Transfer": (("inquiry",), lambda row: row.inquiry),
    "CardStep": (("record",), lambda row: row.record),
    "Handover": ((), None),
}


def _matter_note(row) -> str:
    if isinstance(row, Rating):
        note = row.get_level_display()
        if row.is_default:
            note = _("%(level)s, default rating") % {"level": note}
        follow_up = getattr(row, "follow_up", None) if row.poor else None
        if follow_up is not None:
            note = f"{note} · {follow_up.get_status_display()}"
        return note
    if hasattr(row, "get_card_display"):
        return row.get_card_display()
    if hasattr(row, "get_kind_display"):
        return row.get_kind_display()
    return ""


def _matter(row) -> dict:
    joins, numbered = _MATTER_SHAPES.get(type(row).__name__, ((), None))
    target = numbered(row) if numbered else None
    url = target.get_absolute_url() if target is not None and hasattr(target, "get_absolute_url") else ""
    label = getattr(target, "number", None) or str(row)
    return {"label": label, "url": url, "note": _matter_note(row)}


def matters_behind(period: Period, level: str, who: int, keys) -> dict[str, dict]:
    """The matters behind each counted figure of ``keys`` (at most MATTERS_SHOWN
    each), as they stand now: one query a figure with matters."""
    found = {}
    for key in keys:
        rows = _matter_rows(period, level, who, key)
        if rows is None:
            continue
        joins = _MATTER_SHAPES.get(rows.model.__name__, ((), None))[0]
        shown = list(rows.select_related(*joins).order_by("pk")[: MATTERS_SHOWN + 1])
        found[key] = {
            "label": figures.LABELS[key],
            "rows": [_matter(row) for row in shown[:MATTERS_SHOWN]],
            "more": len(shown) > MATTERS_SHOWN,
        }
    return found


def _matter_rows(period, level, who, key):
    if key == "poor_unfollowed":
        return figures.matters(period, level, who, "poor").filter(follow_up__called_at__isnull=True)
    if key in figures.BY_KEY:
        return figures.matters(period, level, who, key)
    return None


def satisfaction_distribution(period: Period, department_id: int | None) -> list[dict]:
    """Ratings counted in ``period`` per level, 5 down to 1, active and default apart (one query)."""
    from evaluation.models import Level

    start, end = period.moments
    rows = Rating.objects.filter(rated_at__gte=start, rated_at__lt=end, excluded=False)
    if department_id is not None:
        rows = rows.filter(department_id=department_id)
    counted = {
        (row["level"], row["is_default"]): row["n"]
        for row in rows.values("level", "is_default").annotate(n=Count("pk")).order_by()
    }
    return [
        {
            "level": level.value,
            "label": level.label,
            "active": counted.get((level.value, False), 0),
            "default": counted.get((level.value, True), 0),
        }
        for level in sorted(Level, reverse=True)
    ]
