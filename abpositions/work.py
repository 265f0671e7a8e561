"""A hook for the apps above: what open work a person has, so rule 4 can show
B what A left open, and count it, without knowing cases or inquiries.

``deadlines`` and ``inquiries`` register a ``WorkSource`` in their
``AppConfig.ready()``; this app never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import QuerySet

from org.models import Staff


@dataclass(frozen=True)
class WorkSource:
    key: str  # "cases", "inquiries", "transfers"
    label: object  # lazy text: "open cases"
    open_for: Callable[[Staff], QuerySet]  # the person's own open matters
    list_url: Callable[[Staff], str] | None = None  # where B sees A's list


_sources: dict[str, WorkSource] = {}


def register_work_source(source: WorkSource) -> None:
    _sources[source.key] = source


def work_sources() -> list[WorkSource]:
    return list(_sources.values())


def open_work_counts(staff: Staff) -> list[tuple[WorkSource, int]]:
    """One count query per source."""
    return [(source, source.open_for(staff).count()) for source in _sources.values()]
