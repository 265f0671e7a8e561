"""Working days: the one place in the system that counts them.

A date is a working day when its year's official schedule is known (a
``CalendarYear`` row exists) and it is a make-up working day (调休), or it is
Monday to Friday and not a public holiday. A date in a year with no known
schedule is never guessed: it raises ``UnpublishedYearError``.

Each call reads the calendar afresh (one query for the years it touches),
so an administrator's correction counts at once in every process.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext

from core.errors import InputRefused
from workdays.models import CalendarYear, SpecialDay

# The schedule for next year is due from the State Council in the autumn;
# from this month on its absence is worth a warning.
WARN_FROM_MONTH = 10


class UnpublishedYearError(InputRefused):
    """A date to be counted falls in a year whose schedule is not entered."""

    def __init__(self, year: int):
        self.year = year
        super().__init__(year)

    @property
    def message(self) -> str:
        # Built when shown, so that it speaks the language of the request.
        return gettext(
            "The official holiday schedule for %(year)s has not been entered yet; an administrator must "
            "add it before dates in %(year)s can be counted."
        ) % {"year": self.year}

    def __str__(self):
        return self.message


@dataclass
class Schedule:
    """The known years and special days of a span of years, read in one query."""

    first_year: int
    last_year: int
    known: set[int] = field(default_factory=set)
    weekday_holidays: set[date] = field(default_factory=set)
    weekend_workdays: set[date] = field(default_factory=set)
    names: dict[date, tuple[str, str]] = field(default_factory=dict)

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year

    def require(self, year: int) -> None:
        if not self.covers(year):
            raise LookupError(f"the schedule read covers {self.first_year}-{self.last_year}, not {year}")
        if year not in self.known:
            raise UnpublishedYearError(year)

    def is_working_day(self, d: date) -> bool:
        self.require(d.year)
        if d.weekday() < 5:
            return d not in self.weekday_holidays
        return d in self.weekend_workdays

    def count_working_days(self, first: date, last: date) -> int:
        """Working days from ``first`` to ``last``, both included."""
        if last < first:
            return 0
        for year in range(first.year, last.year + 1):
            self.require(year)
        count = _weekdays_in(first, last)
        count -= sum(1 for d in self.weekday_holidays if first <= d <= last)
        count += sum(1 for d in self.weekend_workdays if first <= d <= last)
        return count

    def special_day(self, d: date) -> tuple[str, str] | None:
        """``(kind, name)`` of a special day, or None for an ordinary one."""
        return self.names.get(d)


def load_schedule(first_year: int, last_year: int) -> Schedule:
    """The schedule of the years ``first_year``..``last_year``, in one query."""
    first_year, last_year = max(first_year, date.min.year), min(last_year, date.max.year)
    schedule = Schedule(first_year=first_year, last_year=last_year)
    rows = CalendarYear.objects.filter(year__gte=first_year, year__lte=last_year).values_list(
        "year", "special_days__date", "special_days__kind", "special_days__name"
    )
    for year, day, kind, name in rows:
        schedule.known.add(year)
        if day is None:
            continue
        schedule.names[day] = (kind, name)
        if kind == SpecialDay.Kind.HOLIDAY and day.weekday() < 5:
            schedule.weekday_holidays.add(day)
        elif kind == SpecialDay.Kind.WORKDAY and day.weekday() >= 5:
            schedule.weekend_workdays.add(day)
    return schedule


def _weekdays_in(first: date, last: date) -> int:
    days = (last - first).days + 1
    full_weeks, extra = divmod(days, 7)
    start = first.weekday()
    return full_weeks * 5 + sum(1 for i in range(extra) if (start + i) % 7 < 5)


def _shift_year(d: date, calendar_days: int) -> int:
    try:
        return (d + timedelta(days=calendar_days)).year
    except OverflowError:
        return date.max.year if calendar_days > 0 else date.min.year


def _require_date(*values) -> None:
    for value in values:
        # A datetime would silently miss every special day (it never equals a date).
        if isinstance(value, datetime) or not isinstance(value, date):
            raise TypeError(
                f"expected a date, got {type(value).__name__}; use timezone.localdate() or .date()"
            )


def is_working_day(d: date) -> bool:
    _require_date(d)
    return load_schedule(d.year, d.year).is_working_day(d)


def add_working_days(start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (``start`` itself not counted).

    ``n == 0`` gives ``start``; a negative ``n`` counts backwards, so
    ``add_working_days(due, -1)`` is the working day before ``due``. The
    years of ``start`` and of every day passed must be known.
    """
    _require_date(start)
    step = 1 if n >= 0 else -1
    # Guess the years the count will pass through, generously, so that one
    # query nearly always suffices; read further years only if it falls short.
    span = abs(n) * 7 // 5 + abs(n) // 10 + 31
    schedule = _load_between(start.year, _shift_year(start, step * span))
    schedule.require(start.year)
    d = start
    remaining = abs(n)
    while remaining:
        d += timedelta(days=step)
        if not schedule.covers(d.year):
            schedule = _load_between(d.year, _shift_year(d, step * span))
        if schedule.is_working_day(d):
            remaining -= 1
    return d


def working_days_between(a: date, b: date) -> int:
    """Working days in (a, b]; negative, counting [b, a), when ``b`` is before ``a``.

    So ``add_working_days(a, working_days_between(a, b)) == b`` whenever ``b``
    is a working day. Every year from ``a`` to ``b`` must be known.
    """
    _require_date(a, b)
    low, high = min(a, b), max(a, b)
    schedule = load_schedule(low.year, high.year)
    for year in range(low.year, high.year + 1):
        schedule.require(year)
    if b >= a:
        return schedule.count_working_days(a + timedelta(days=1), b)
    return -schedule.count_working_days(b, a - timedelta(days=1))


def known_years() -> list[int]:
    return list(CalendarYear.objects.order_by("year").values_list("year", flat=True))


def missing_schedule_year(today: date | None = None) -> int | None:
    """The year whose missing schedule administrators should be warned about.

    The current year's is always needed; from 1 October on, next year's is
    due too. None when all is well.
    """
    today = today or timezone.localdate()
    known = set(
        CalendarYear.objects.filter(year__in=[today.year, today.year + 1]).values_list("year", flat=True)
    )
    if today.year not in known:
        return today.year
    if today.month >= WARN_FROM_MONTH and today.year + 1 not in known:
        return today.year + 1
    return None


def next_year_warning(today: date | None = None) -> str | None:
    """The warning for administrators when a schedule the system needs is missing, or None."""
    today = today or timezone.localdate()
    year = missing_schedule_year(today)
    if year is None:
        return None
    if year == today.year:
        return gettext(
            "The official holiday schedule for %(year)s, the current year, has not been entered: no working "
            "days can be counted until an administrator adds it."
        ) % {"year": year}
    return gettext(
        "The official holiday schedule for %(year)s has not been entered yet. An administrator must "
        "add it as soon as the State Council publishes it: until then no due date in %(year)s can be "
        "counted."
    ) % {"year": year}


def _load_between(year_a: int, year_b: int) -> Schedule:
    return load_schedule(min(year_a, year_b), max(year_a, year_b))
