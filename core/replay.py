"""Past events played through the real services, in the order they happened.

The demo bureau's history (cases received in October, flagged overdue the
day after their due date, extended, completed) is written by the same
services and jobs a user's action runs, each step under ``clock.as_of``
its own moment. A step may lead to later ones, known only once it has run
(a case's completion depends on the due date its receipt computed), so
the steps wait in a queue ordered by time and each may return the next.
Played in time order, the audit trail is appended in the order of the
moments it records, as it would have been.

Nothing is played in the future: a step due after now is played now, and
the steps that follow it keep their order.
"""

import heapq
import itertools
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from core import clock


class Replay:
    def __init__(self) -> None:
        self._queue: list = []
        self._order = itertools.count()
        self.played = 0

    def add(self, moment: datetime, action: Callable) -> None:
        """Play ``action`` at ``moment``; it may return more ``(moment, action)`` pairs."""
        heapq.heappush(self._queue, (moment, next(self._order), action))

    def every_day(self, first: date, last: date, at: time, action: Callable) -> None:
        """Play ``action`` each day from ``first`` to ``last`` at ``at``: a
        periodic job, whose summary is not a step to follow."""

        def run_once() -> None:
            action()

        day = first
        while day <= last:
            self.add(timezone.make_aware(datetime.combine(day, at)), run_once)
            day += timedelta(days=1)

    def run(self) -> int:
        """Play every step in time order; how many were played."""
        latest = None
        while self._queue:
            moment, _order, action = heapq.heappop(self._queue)
            # Never in the future, and never before a step already played.
            moment = min(moment, timezone.now() - timedelta(seconds=1))
            if latest is not None:
                moment = max(moment, latest)
            latest = moment
            with clock.as_of(moment):
                following = action()
            for later, next_action in following or ():
                self.add(max(later, moment), next_action)
            self.played += 1
        return self.played
