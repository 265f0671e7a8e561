"""An evaluation period: a month (2026-11), a quarter (2026-Q4) or a year (2026)."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PATTERN = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4]))?$")


@dataclass(frozen=True)
class Period:
    kind: str  # "month", "quarter" or "year"
    year: int
    number: int = 0  # the month or the quarter; 0 for a year

    @classmethod
    def parse(cls, text: str) -> "Period":
        match = PATTERN.match((text or "").strip().upper().replace("-Q", "-Q"))
        if not match or not 2000 <= int(match.group(1)) <= 2100:
            raise ValidationError(
                _("A period is written 2026-11 (a month), 2026-Q4 (a quarter) or 2026 (a year).")
            )
        year = int(match.group(1))
        if match.group(2):
            return cls("month", year, int(match.group(2)))
        if match.group(3):
            return cls("quarter", year, int(match.group(3)))
        return cls("year", year)

    @classmethod
    def month_of(cls, day: date) -> "Period":
        return cls("month", day.year, day.month)

    @property
    def key(self) -> str:
        if self.kind == "month":
            return f"{self.year}-{self.number:02d}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.number}"
        return str(self.year)

    def __str__(self) -> str:
        return self.key

    @property
    def start(self) -> date:
        if self.kind == "month":
            return date(self.year, self.number, 1)
        if self.kind == "quarter":
            return date(self.year, 3 * self.number - 2, 1)
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        """The first day after the period."""
        if (
            self.kind == "year"
            or (self.kind == "month" and self.number == 12)
            or (self.kind == "quarter" and self.number == 4)
        ):
            return date(self.year + 1, 1, 1)
        if self.kind == "month":
            return date(self.year, self.number + 1, 1)
        return date(self.year, 3 * self.number + 1, 1)

    @property
    def moments(self) -> tuple[datetime, datetime]:
        """The period's start and end as moments at the bureau."""
        zone = ZoneInfo(settings.TIME_ZONE)
        return datetime.combine(self.start, time.min, zone), datetime.combine(self.end, time.min, zone)

    def previous(self) -> "Period":
        if self.kind == "year":
            return Period("year", self.year - 1)
        last = 12 if self.kind == "month" else 4
        if self.number == 1:
            return Period(self.kind, self.year - 1, last)
        return Period(self.kind, self.year, self.number - 1)

    def closed(self, today: date) -> bool:
        return self.end <= today
