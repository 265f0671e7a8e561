"""The evaluation table of a period: one row per staff member or section with
its figures, score, grade, rank and the change from the previous period.

A closed period is read from its latest frozen snapshot, so last quarter's
report does not change when a case is edited today; the current period (and a
closed one not frozen yet) is computed live. ``evaluation_freeze`` freezes each
closed period once; ``snapshot_revise`` adds a visible revision, with who and why.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accountability.thresholds import warnings
from audit.services import record_event
from core import clock
from core.errors import require
from evaluation import figures, score
from evaluation.models import Snapshot
from evaluation.periods import Period
from org.models import Department, Staff
from org.predicates import staff_of


@dataclass
class Table:
    period: Period
    level: str
    rows: list[dict]
    frozen: Snapshot | None  # the snapshot read, or None when computed live
    scheme_id: int | None


def _names(level: str, ids) -> dict[int, dict]:
    if level == figures.STAFF:
        people = Staff.objects.filter(pk__in=ids).select_related("department")
        return {
            p.pk: {"name": p.name, "department": p.department.name, "department_id": p.department_id}
            for p in people
        }
    return {d.pk: {"name": d.name} for d in Department.objects.filter(pk__in=ids)}


def compute_rows(period: Period, level: str) -> tuple[list[dict], int | None]:
    """Live: every figure, the score and the grade, ranked by score (then name)."""
    table = figures.compute(period, level)
    scheme = score.scheme_for(period)
    barred = set()
    if level == figures.STAFF and table:
        from constance import config

        limit = config.WARNINGS_BAR_EXCELLENT
        counts = warnings(list(table), period.start.year)
        barred = {who for who, n in counts.items() if limit and n >= limit}
    names = _names(level, list(table))
    rows = []
    for who, values in table.items():
        points = score.score(values, scheme) if scheme else None
        rows.append(
            {
                "id": who,
                **names.get(who, {"name": str(who)}),
                "figures": values,
                "score": points,
                "grade": score.grade(points, barred_from_excellent=who in barred)
                if points is not None
                else None,
            }
        )
    _rank(rows)
    return rows, scheme.pk if scheme else None


def _rank(rows: list[dict]) -> None:
    rows.sort(key=lambda row: (-(row["score"] if row["score"] is not None else -1), row["name"]))
    for index, row in enumerate(rows):
        tied = index and rows[index - 1]["score"] == row["score"]
        row["rank"] = rows[index - 1]["rank"] if tied else index + 1


def latest_snapshot(period: Period, level: str) -> Snapshot | None:
    return Snapshot.objects.filter(period=period.key, level=level).order_by("-revision").first()


def table(period: Period, level: str, *, with_change: bool = True) -> Table:
    frozen = latest_snapshot(period, level) if period.closed(clock.localdate()) else None
    if frozen is not None:
        rows, scheme_id = [dict(row) for row in frozen.rows], frozen.scheme_id
    else:
        rows, scheme_id = compute_rows(period, level)
    if with_change:
        before = {row["id"]: row for row in table(period.previous(), level, with_change=False).rows}
        for row in rows:
            earlier = before.get(row["id"])
            row["previous_score"] = earlier["score"] if earlier else None
            row["previous_rank"] = earlier["rank"] if earlier else None
            row["change"] = (
                round(row["score"] - earlier["score"], 2)
                if earlier and row["score"] is not None and earlier["score"] is not None
                else None
            )
    return Table(period, level, rows, frozen, scheme_id)


def snapshot_freeze(period: Period, level: str, *, actor=None, reason: str = "") -> Snapshot | None:
    """Freeze a closed period: the first snapshot (a job's), or a revision (a person's, with why)."""
    if not period.closed(clock.localdate()):
        raise ValidationError(_("Only a closed period is frozen; the current one is computed live."))
    rows, scheme_id = compute_rows(period, level)
    if scheme_id is None:
        return None
    with transaction.atomic():
        last = latest_snapshot(period, level)
        if last is not None and actor is None:
            return None  # the job freezes a period once: another worker froze it a moment ago
        snapshot = Snapshot.objects.create(
            period=period.key,
            level=level,
            revision=(last.revision + 1) if last else 1,
            scheme_id=scheme_id,
            rows=rows,
            created_at=clock.now(),
            created_by=staff_of(actor) if actor is not None else None,
            reason=reason,
        )
        record_event(
            actor=actor,
            verb="evaluation.freeze" if last is None else "evaluation.revise",
            subject=snapshot,
            after={"period": period.key, "level": level, "revision": snapshot.revision},
            reason=reason,
        )
    return snapshot


def snapshot_revise(*, actor, period: Period, level: str, reason: str) -> Snapshot:
    """A visible correction of a frozen period: recomputed now, a new revision."""
    require(actor, "evaluation.revise_snapshot")
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Say why the frozen figures are revised.")})
    try:
        return snapshot_freeze(period, level, actor=actor, reason=reason.strip())
    except IntegrityError:
        raise ValidationError(_("Someone revised this period a moment ago; look again.")) from None


def closed_periods(today, first_day) -> list[Period]:
    """Every month, quarter and year from the one holding ``first_day`` that ended before ``today``."""
    found = []
    month = Period.month_of(first_day)
    while month.closed(today):
        found.append(month)
        if month.number % 3 == 0:
            found.append(Period("quarter", month.year, month.number // 3))
        if month.number == 12:
            found.append(Period("year", month.year))
        month = Period.month_of(month.end)
    return found
