"""The time the services act at.

Every service and job stamps what it writes (an audit event, a case's
receipt, an overdue flag, a message) with ``now()`` or ``localdate()``
from here, not from ``django.utils.timezone``. Almost always that is the
real time. The one exception is ``as_of``: the demo bureau's history is
written by the real services, each step as of the day it tells of, so an
October case's events say October, not the day the demo was seeded.

``as_of`` holds the time still inside its block and only goes back: it
refuses a moment in the future, so it can date history, never forge a
deadline not yet reached. The moment lives in a context variable, so a
block is seen only by the code it wraps, in its own thread.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

from django.utils import timezone

_as_of: ContextVar[datetime | None] = ContextVar("clock_as_of", default=None)


def now() -> datetime:
    """The aware moment the services act at."""
    return _as_of.get() or timezone.now()


def localdate() -> date:
    """The day it is, in the bureau's time zone, at ``now()``."""
    return timezone.localdate(now())


@contextmanager
def as_of(moment: datetime) -> Iterator[datetime]:
    """Inside the block, ``now()`` is ``moment``: an aware time not in the future."""
    if timezone.is_naive(moment):
        raise ValueError("as_of needs an aware datetime")
    if moment > timezone.now():
        raise ValueError(f"as_of writes history: {moment.isoformat()} is in the future")
    token = _as_of.set(moment)
    try:
        yield moment
    finally:
        _as_of.reset(token)
