"""Reads of the working-day calendar for pages."""

import calendar
from dataclasses import dataclass, field
from datetime import date

from django.utils.dates import MONTHS, WEEKDAYS_ABBR

from workdays.days import UnpublishedYearError, load_schedule
from workdays.models import CalendarYear, SpecialDay


@dataclass(frozen=True)
class DayCell:
    date: date
    working: bool
    kind: str  # "holiday", "workday" (make-up) or "" for an ordinary day
    name: str
    weekend: bool


@dataclass
class MonthGrid:
    month: int
    name: str
    weeks: list[list[DayCell | None]]
    working_days: int


@dataclass
class SpecialPeriod:
    """A run of special days of one kind and name, e.g. 春节 2/15–2/23."""

    kind: str
    name: str
    first: date
    last: date
    days: int


@dataclass
class YearCalendar:
    year: int
    known: bool
    calendar_year: CalendarYear | None = None
    months: list[MonthGrid] = field(default_factory=list)
    working_days: int = 0
    periods: list[SpecialPeriod] = field(default_factory=list)
    weekday_names: list[str] = field(default_factory=list)

    @property
    def unknown_message(self) -> str:
        return UnpublishedYearError(self.year).message


def year_calendar(year: int) -> YearCalendar:
    """Twelve month grids, Monday first, with each day's kind and the counts."""
    calendar_year = CalendarYear.objects.filter(year=year).first()
    if calendar_year is None:
        return YearCalendar(year=year, known=False)
    schedule = load_schedule(year, year)
    grid = YearCalendar(
        year=year,
        known=True,
        calendar_year=calendar_year,
        weekday_names=[str(WEEKDAYS_ABBR[i]) for i in range(7)],
    )
    for month in range(1, 13):
        weeks = []
        working = 0
        for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
            row = []
            for d in week:
                if d.month != month:
                    row.append(None)
                    continue
                kind, name = schedule.special_day(d) or ("", "")
                is_working = schedule.is_working_day(d)
                working += is_working
                row.append(
                    DayCell(date=d, working=is_working, kind=kind, name=name, weekend=d.weekday() >= 5)
                )
            weeks.append(row)
        grid.months.append(MonthGrid(month=month, name=str(MONTHS[month]), weeks=weeks, working_days=working))
        grid.working_days += working
    grid.periods = _periods(schedule.names)
    return grid


def _periods(names: dict[date, tuple[str, str]]) -> list[SpecialPeriod]:
    periods: list[SpecialPeriod] = []
    for d in sorted(names):
        kind, name = names[d]
        last = periods[-1] if periods else None
        # Holidays run on consecutive days; make-up days are listed one by one.
        if (
            last is not None
            and kind == SpecialDay.Kind.HOLIDAY
            and (last.kind, last.name) == (kind, name)
            and (d - last.last).days == 1
        ):
            last.last = d
            last.days += 1
        else:
            periods.append(SpecialPeriod(kind=kind, name=name, first=d, last=d, days=1))
    return periods
