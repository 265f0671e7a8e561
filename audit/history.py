"""An object's history in words: each event's changes labelled by what its
verb registered (``audit.verbs``), values as a reader knows them, related
objects by their number or name as they were then. A change that changes
nothing (empty before and after, or the same) is left out."""

from collections import defaultdict
from dataclasses import dataclass

from django.db import models

from audit.models import AuditEvent
from audit.verbs import DEFAULT_REASON, Field, verb_entry, verb_label

EMPTY = (None, "", [], {})


@dataclass(frozen=True)
class Change:
    label: str
    old: str  # "" for none
    new: str
    only: bool  # recorded on one side only: the value is shown alone


@dataclass(frozen=True)
class HistoryLine:
    event: AuditEvent
    label: str
    changes: list[Change]
    reason_label: str


def _bare_id(value) -> bool:
    """An id stored alone, as events did before they stored a related object's label."""
    return isinstance(value, int) and not isinstance(value, bool)


def _fields(event: AuditEvent, model: type[models.Model]) -> list[tuple[str, Field | None]]:
    """The keys an event recorded, each with its field, in the order the verb registered them."""
    entry = verb_entry(event.verb)
    keys = set(event.before or {}) | set(event.after or {})
    if entry is None:
        return [(key, None) for key in sorted(keys)]
    order = list(entry.fields)
    if entry.subject_fields:
        order += [field.name for field in model._meta.concrete_fields]
    rank = {key: index for index, key in enumerate(order)}
    ordered = sorted(keys, key=lambda key: (rank.get(key, len(rank)), key))
    return [(key, entry.field_for(model, key)) for key in ordered]


def _rows_of_bare_ids(fielded) -> dict[type, dict]:
    """The rows old events named by id alone: one query per model, whatever the number of events."""
    wanted = defaultdict(set)
    for event, fields in fielded:
        for key, field in fields:
            if field is None or not field.is_related:
                continue
            for value in ((event.before or {}).get(key), (event.after or {}).get(key)):
                if _bare_id(value):
                    wanted[field.model].add(value)
    return {model: model._default_manager.in_bulk(sorted(ids)) for model, ids in wanted.items()}


def _show(field: Field | None, value, rows: dict[type, dict]) -> str:
    if value in EMPTY:
        return ""
    if field is None:
        return str(value)
    if not field.is_related:
        return field.show(value)
    if isinstance(value, dict):
        return str(value.get("label") or f"{field.model._meta.verbose_name} #{value.get('id')}")
    if _bare_id(value):
        row = rows.get(field.model, {}).get(value)
        # The row as it reads now: a number never changes, and "#43" would tell a reader nothing.
        return field.current(row) if row is not None else f"{field.model._meta.verbose_name} #{value}"
    return field.show(value)


def _changes(event: AuditEvent, fields, rows) -> list[Change]:
    before, after = event.before or {}, event.after or {}
    changes = []
    for key, field in fields:
        if field is not None and field.kind == "hidden":
            continue
        old, new = _show(field, before.get(key), rows), _show(field, after.get(key), rows)
        if old == new or not (old or new):
            continue
        label = str(field.label) if field is not None else key
        # A key on one side only (a creation, a deletion, what a visit brought) is a value, not a change.
        only = key not in before or key not in after
        changes.append(Change(label=label, old=old, new=new, only=only))
    return changes


def history_lines(events, model: type[models.Model]) -> list[HistoryLine]:
    """The events of one object (of ``model``), each as a line a reader understands."""
    fielded = [(event, _fields(event, model)) for event in events]
    rows = _rows_of_bare_ids(fielded)
    lines = []
    for event, fields in fielded:
        entry = verb_entry(event.verb)
        lines.append(
            HistoryLine(
                event=event,
                label=verb_label(event.verb),
                changes=_changes(event, fields, rows),
                reason_label=str(entry.reason) if entry is not None else str(DEFAULT_REASON),
            )
        )
    return lines
