"""The demo bureau's absences (rule 4), told through the services as of the
moments they happened:

- 刘志强 (login handler2) took two days' leave two weeks before the cases'
  last day. His B holder answered for him and acted on a case of his; he
  came back early on the second afternoon ("我已返岗"), the handover was
  drawn up at once, his B holder handed it over with her remarks and he
  acknowledged it the next morning.
- 张建国 (login handler) is on a business trip now, registered the working
  day before he left; his B holder answers for him.

What the B holders did on the cases (a case started, a consent asked, a note
kept) is the cases' part of the story, told in deadlines/demo.py.

These are chapters of the cases' history, not a history of their own: B acts
on A's cases while A is away, so the absences are played in the same replay
as the cases (``core.replay``), and the audit trail is appended in the order
of the moments it records. Played here, before the cases (seed_demo runs
this module first), an absence two weeks old would come before October's
cases. So deadlines/demo.py adds ``Chapter(...).steps()`` to its replay,
made once with the cases (idempotent with them), and ``seed`` here reports.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from abpositions.models import Absence, AbsenceKind, Handover, HandoverStatus
from abpositions.services_absences import absence_end, absence_register
from abpositions.services_handovers import handover_acknowledge, handover_hand_over
from core import clock
from org.models import Staff
from workdays.days import UnpublishedYearError, add_working_days

# name, kind, contact, note
ON_TRIP = ("张建国", AbsenceKind.TRIP, "13857100218", "赴省局参加行政许可业务培训")
WAS_AWAY = ("刘志强", AbsenceKind.LEAVE, "13906718850", "年休假")
# The leave began this many working days before the cases' last day: two weeks.
LEAVE_BACK = 10
HANDOVER_REMARKS = (
    "离岗期间代为启动举报件核查 1 件，已电话联系举报人核实线索，核查记录已附卷；其余工作无变动，请核对。"
)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _working_days_from(day: date, days: int) -> date:
    """``days`` working days from ``day``; calendar days in a year whose
    schedule is not entered (a demo shown in January)."""
    try:
        return add_working_days(day, days)
    except UnpublishedYearError:
        return day + timedelta(days=days)


class Chapter:
    """Rule 4's part of the demo history: each step runs a service as of its
    moment and returns the steps it leads to (``core.replay``)."""

    def __init__(self, staff: dict[str, Staff], last_day: date):
        """``staff`` by name, with their logins; ``last_day``: the cases' last working day."""
        self.was_away = staff[WAS_AWAY[0]]
        self.on_trip = staff[ON_TRIP[0]]
        first = add_working_days(last_day, -LEAVE_BACK)
        second = add_working_days(first, 1)
        self.leave = (_at(first, 9), _at(second, 18))
        self.back_at = _at(second, 16, 30)
        # Left this morning, or yesterday when the demo is seeded before the office opens.
        now = clock.now()
        left = _at(timezone.localdate(now), 8, 30)
        if left + timedelta(minutes=30) > now:
            left -= timedelta(days=1)
        self.trip = (left, _at(_working_days_from(left.date(), 2), 18))

    def steps(self) -> list:
        """The registrations, each the working day before the absence begins."""
        return [
            (_at(_working_days_from(self.leave[0].date(), -1), 16, 20), self.register_leave),
            (_at(_working_days_from(self.trip[0].date(), -1), 16), self.register_trip),
        ]

    def _register(self, staff: Staff, row, start: datetime, end: datetime) -> Absence:
        _name, kind, contact, note = row
        return absence_register(
            actor=staff.user, staff=staff, kind=kind, start=start, end=end, contact=contact, note=note
        )

    def register_leave(self):
        absence = self._register(self.was_away, WAS_AWAY, *self.leave)
        return [(self.back_at, lambda: self.come_back(absence))]

    def register_trip(self):
        self._register(self.on_trip, ON_TRIP, *self.trip)

    def come_back(self, absence: Absence):
        """ "我已返岗": the absence ends, and the handover is drawn up at once."""
        absence_end(actor=self.was_away.user, absence=absence)
        handover = Handover.objects.select_related("cover__user").get(absence=absence)
        return [(clock.now() + timedelta(minutes=40), lambda: self.hand_over(handover))]

    def hand_over(self, handover: Handover):
        handover_hand_over(actor=handover.cover.user, handover=handover, remarks=HANDOVER_REMARKS)
        next_morning = _at(_working_days_from(clock.localdate(), 1), 9, 15)
        return [(next_morning, lambda: self.acknowledge(handover))]

    def acknowledge(self, handover: Handover):
        handover_acknowledge(actor=self.was_away.user, handover=handover)


def _demo_absences():
    return Absence.objects.filter(staff__name__in=[ON_TRIP[0], WAS_AWAY[0]])


def seed() -> str:
    absences = _demo_absences()
    if not absences.exists():
        return "none yet: played with the cases' history (deadlines)"
    now = clock.now()
    away = absences.in_force(now)
    handovers = Handover.objects.filter(absence__in=absences)
    acknowledged = handovers.filter(status=HandoverStatus.ACKNOWLEDGED)
    return (
        f"{absences.count()} absences, {away.count()} away now, "
        f"{acknowledged.count()} of {handovers.count()} handovers acknowledged"
    )
