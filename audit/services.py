from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models

from audit.models import AuditEvent
from core import clock


class AuditOutsideTransaction(RuntimeError):
    pass


def reference(obj: models.Model | None, label: object = None) -> dict | None:
    """A related object as an event stores it: its id, and its number or name
    as it reads now, so the history shows it as it was then
    (``{"id": 43, "label": "202612030002"}``; ``None`` for no object)."""
    if obj is None:
        return None
    return {"id": obj.pk, "label": str(obj if label is None else label)}


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict:
    """The values of an object's concrete fields, for ``before``/``after``;
    a related object as a ``reference``."""
    data = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.is_relation:
            data[field.name] = reference(getattr(obj, field.name))
        else:
            data[field.name] = field.value_from_object(obj)
    return data


@dataclass
class EventSpec:
    """One event for ``record_events``: the arguments of ``record_event``."""

    verb: str
    subject: models.Model
    actor: object = None
    before: dict | None = None
    after: dict | None = None
    reason: str = ""
    acting_for: object = None

    def row(self) -> AuditEvent:
        actor = self.actor if self.actor is not None and self.actor.is_authenticated else None
        return AuditEvent(
            at=clock.now(),
            actor=actor,
            acting_for=self.acting_for,
            verb=self.verb,
            subject_type=ContentType.objects.get_for_model(self.subject, for_concrete_model=False),
            subject_id=str(self.subject.pk),
            subject_repr=str(self.subject)[:255],
            before=self.before,
            after=self.after,
            reason=self.reason,
        )


def record_event(
    *,
    actor,
    verb: str,
    subject: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
    acting_for=None,
) -> AuditEvent:
    """Write the audit event for a change, in the change's own transaction.

    Refuses to run outside a transaction: an event written apart from its
    change could survive a change that was rolled back, or be lost when the
    change was kept.
    """
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction(f"audit event {verb!r} must be written inside the change's transaction")
    spec = EventSpec(
        verb=verb,
        subject=subject,
        actor=actor,
        before=before,
        after=after,
        reason=reason,
        acting_for=acting_for,
    )
    event = spec.row()
    event.save(force_insert=True)
    return event


def record_events(events: Iterable[EventSpec]) -> list[AuditEvent]:
    """Write many events at once (a periodic job's batch), in the change's transaction.

    The same rules as ``record_event``: refused outside a transaction, an
    anonymous actor is recorded as the system.
    """
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction("audit events must be written inside the change's transaction")
    return AuditEvent.objects.bulk_create([spec.row() for spec in events])
