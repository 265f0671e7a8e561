from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from abpositions.models import Absence, AbsenceKind

CST = ZoneInfo("Asia/Shanghai")


def at(text: str) -> datetime:
    """'2026-12-07 09:00' in Beijing time."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=CST)


@pytest.fixture
def away(db):
    """away(staff, '2026-12-07 09:00', '2026-12-08 18:00', cover=None) -> Absence"""

    def make(staff, start, end, *, cover=None, kind=AbsenceKind.TRIP, **extra):
        return Absence.objects.create(
            staff=staff,
            kind=kind,
            start=at(start),
            end=at(end),
            contact="13800000000",
            cover=cover,
            registered_by=staff.user,
            **extra,
        )

    return make
