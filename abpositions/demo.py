"""The demo bureau's absences: one A holder on a business trip now, his B
holder covering, and one absence of two weeks ago, long over.

Runs after commitments/demo.py and before deadlines/demo.py. The rows are
made directly, without audit events: the cases' history is replayed after
this module, dated from October on, and an event dated today appended
before it would put the audit trail out of time order.

Idempotent: when a demo absence exists already, nothing is made.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from abpositions.models import Absence, AbsenceKind
from core import clock
from org.models import Staff

# name, kind, contact, note
ON_TRIP = ("张建国", AbsenceKind.TRIP, "13857100218", "赴省局参加行政许可业务培训")
WAS_AWAY = ("刘志强", AbsenceKind.LEAVE, "13906718850", "年休假")


def _at(day, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _absence(staff: Staff, row, start: datetime, end: datetime) -> Absence:
    _name, kind, contact, note = row
    return Absence(
        staff=staff,
        kind=kind,
        start=start,
        end=end,
        contact=contact,
        note=note,
        registered_by=staff.user,
        registered_at=start - timedelta(days=1),
    )


def seed() -> str:
    staff = {person.name: person for person in Staff.objects.filter(name__in=[ON_TRIP[0], WAS_AWAY[0]])}
    if len(staff) < 2:
        return "no demo staff"
    if not Absence.objects.filter(staff__in=staff.values()).exists():
        now = clock.now()
        today = timezone.localdate(now)
        left = _at(today, 8, 30)
        if left > now:
            left -= timedelta(days=1)
        Absence.objects.bulk_create(
            [
                _absence(staff[ON_TRIP[0]], ON_TRIP, left, _at(today + timedelta(days=2), 18)),
                _absence(
                    staff[WAS_AWAY[0]],
                    WAS_AWAY,
                    _at(today - timedelta(days=14), 9),
                    _at(today - timedelta(days=13), 18),
                ),
            ]
        )
    away = Absence.objects.filter(start__lte=clock.now(), end__gt=clock.now(), cancelled_at__isnull=True)
    return f"{Absence.objects.count()} absences, {away.count()} away now"
