"""A hook for the apps above: what open work a person has, so rule 4 can show
B what A left open, and count it, without knowing cases or inquiries.

``deadlines`` and ``inquiries`` register a ``WorkSource`` in their
``AppConfig.ready()``; this app never imports them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from org.models import Staff


@dataclass(frozen=True)
class Received:
    """A matter that reached someone as A's cover: for the handover, even if
    nobody acted on it yet."""

    holder_id: int  # A's staff id
    at: datetime  # when it was received
    subject: object  # the case, inquiry…: with ``number`` and ``get_absolute_url``
    by: str  # who received it: the cover's name


# The spans asked about: (A's staff id, absence start, absence end), end exclusive.
Spans = list[tuple[int, datetime, datetime]]


@dataclass(frozen=True)
class WorkSource:
    key: str  # "cases", "inquiries", "transfers"
    label: object  # lazy text: "open cases"
    open_for: Callable[[Staff], QuerySet]  # the person's own open matters
    list_url: Callable[[Staff], str] | None = None  # where B sees A's list
    # What reached a cover for A in each span, in one query for all spans.
    received_for: Callable[[Spans], Iterable[Received]] | None = None


_sources: dict[str, WorkSource] = {}


def register_work_source(source: WorkSource) -> None:
    _sources[source.key] = source


def work_sources() -> list[WorkSource]:
    return list(_sources.values())


def received_for(spans: Spans) -> list[Received]:
    """What reached a cover for each A in their span: one query per source that tells."""
    if not spans:
        return []
    return [row for source in _sources.values() if source.received_for for row in source.received_for(spans)]


def open_work_counts(staff: Staff) -> list[tuple[WorkSource, int]]:
    """One count query per source."""
    return [(source, source.open_for(staff).count()) for source in _sources.values()]
