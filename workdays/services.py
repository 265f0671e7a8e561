"""Writes to the working-day calendar."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from audit.services import record_event, snapshot
from workdays.models import CalendarYear, SpecialDay

# (date, kind, name) of one special day, as the package gives it.
DayRow = tuple[date, str, str]


@dataclass
class SeedResult:
    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    skipped_manual: list[int] = field(default_factory=list)


class YearNotInPackage(ValueError):
    def __init__(self, years: list[int], covered: list[int]):
        self.years = years
        super().__init__(
            f"chinesecalendar covers {covered[0]}-{covered[-1]}, not {', '.join(map(str, years))}"
            if covered
            else "chinesecalendar covers no years"
        )


def package_schedule() -> dict[int, list[DayRow]]:
    """The special days chinesecalendar holds, by year, with Chinese names."""
    import chinese_calendar

    by_year: dict[int, list[DayRow]] = {}
    for source, kind in (
        (chinese_calendar.holidays, SpecialDay.Kind.HOLIDAY),
        (chinese_calendar.workdays, SpecialDay.Kind.WORKDAY),
    ):
        for day, holiday in source.items():
            by_year.setdefault(day.year, []).append(
                (day, str(kind), _chinese_name(chinese_calendar, holiday))
            )
    return {year: sorted(rows) for year, rows in sorted(by_year.items())}


def _chinese_name(chinese_calendar, holiday) -> str:
    try:
        return chinese_calendar.Holiday(holiday).chinese
    except ValueError:
        return str(holiday)


def _day_rows(calendar_year: CalendarYear) -> list[DayRow]:
    return sorted(calendar_year.special_days.values_list("date", "kind", "name"))


def _year_state(source: str, rows: list[DayRow]) -> dict:
    return {"source": source, "special_days": [[d.isoformat(), kind, name] for d, kind, name in rows]}


def calendar_seed_from_package(
    *, years: list[int] | None = None, force: bool = False, actor=None
) -> SeedResult:
    """Load the official schedule from chinesecalendar for the years it covers.

    Running it again changes nothing. A year an administrator entered or
    corrected (source "manual") is left alone unless ``force``.
    """
    schedule = package_schedule()
    if years is None:
        years = list(schedule)
    missing = sorted(set(years) - set(schedule))
    if missing:
        raise YearNotInPackage(missing, list(schedule))
    result = SeedResult()
    with transaction.atomic():
        existing = {cy.year: cy for cy in CalendarYear.objects.select_for_update().filter(year__in=years)}
        for year in sorted(set(years)):
            wanted = schedule[year]
            calendar_year = existing.get(year)
            if calendar_year is None:
                calendar_year = CalendarYear.objects.create(year=year, source=CalendarYear.Source.PACKAGE)
                SpecialDay.objects.bulk_create(
                    SpecialDay(calendar_year=calendar_year, date=d, kind=kind, name=name)
                    for d, kind, name in wanted
                )
                record_event(
                    actor=actor,
                    verb="calendar.seed",
                    subject=calendar_year,
                    after=_year_state(calendar_year.source, wanted),
                    reason="chinesecalendar",
                )
                result.created.append(year)
                continue
            if calendar_year.source == CalendarYear.Source.MANUAL and not force:
                result.skipped_manual.append(year)
                continue
            current = _day_rows(calendar_year)
            if current == wanted and calendar_year.source == CalendarYear.Source.PACKAGE:
                result.unchanged.append(year)
                continue
            before = _year_state(calendar_year.source, current)
            _replace_special_days(calendar_year, current, wanted)
            calendar_year.source = CalendarYear.Source.PACKAGE
            calendar_year.save(update_fields=["source", "updated_at"])
            record_event(
                actor=actor,
                verb="calendar.seed",
                subject=calendar_year,
                before=before,
                after=_year_state(calendar_year.source, wanted),
                reason="chinesecalendar"
                + (" (forced over a manual year)" if before["source"] == "manual" else ""),
            )
            result.updated.append(year)
    return result


def _replace_special_days(calendar_year: CalendarYear, current: list[DayRow], wanted: list[DayRow]) -> None:
    wanted_by_date = {d: (kind, name) for d, kind, name in wanted}
    current_by_date = {d: (kind, name) for d, kind, name in current}
    SpecialDay.objects.filter(calendar_year=calendar_year).exclude(date__in=list(wanted_by_date)).delete()
    for d, (kind, name) in wanted_by_date.items():
        if current_by_date.get(d) == (kind, name):
            continue
        SpecialDay.objects.update_or_create(
            date=d, defaults={"calendar_year": calendar_year, "kind": kind, "name": name}
        )


def calendar_year_mark_manual(*, calendar_year: CalendarYear, actor, reason: str = "") -> bool:
    """Record that an administrator has changed the year, so seeding leaves it alone.

    Returns whether the source changed.
    """
    with transaction.atomic():
        current = CalendarYear.objects.select_for_update().get(pk=calendar_year.pk)
        if current.source == CalendarYear.Source.MANUAL:
            calendar_year.source = current.source
            return False
        before = snapshot(current, ["source"])
        current.source = CalendarYear.Source.MANUAL
        current.save(update_fields=["source", "updated_at"])
        calendar_year.source, calendar_year.updated_at = current.source, current.updated_at
        record_event(
            actor=actor,
            verb="calendar.mark_manual",
            subject=current,
            before=before,
            after=snapshot(current, ["source"]),
            reason=reason,
        )
        return True
