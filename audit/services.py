from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models

from audit.models import AuditEvent


class AuditOutsideTransaction(RuntimeError):
    pass


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict:
    """The values of an object's concrete fields, for ``before``/``after``."""
    data = {}
    for field in obj._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        data[field.name] = field.value_from_object(obj)
    return data


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
    if actor is not None and not actor.is_authenticated:
        actor = None
    return AuditEvent.objects.create(
        actor=actor,
        acting_for=acting_for,
        verb=verb,
        subject_type=ContentType.objects.get_for_model(subject, for_concrete_model=False),
        subject_id=str(subject.pk),
        subject_repr=str(subject)[:255],
        before=before,
        after=after,
        reason=reason,
    )


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


def record_events(events: Iterable[EventSpec]) -> list[AuditEvent]:
    """Write many events at once (a periodic job's batch), in the change's transaction.

    The same rules as ``record_event``: refused outside a transaction, an
    anonymous actor is recorded as the system.
    """
    if not connection.in_atomic_block:
        raise AuditOutsideTransaction("audit events must be written inside the change's transaction")
    rows = []
    for spec in events:
        actor = spec.actor if spec.actor is not None and spec.actor.is_authenticated else None
        rows.append(
            AuditEvent(
                actor=actor,
                acting_for=spec.acting_for,
                verb=spec.verb,
                subject_type=ContentType.objects.get_for_model(spec.subject, for_concrete_model=False),
                subject_id=str(spec.subject.pk),
                subject_repr=str(spec.subject)[:255],
                before=spec.before,
                after=spec.after,
                reason=spec.reason,
            )
        )
    return AuditEvent.objects.bulk_create(rows)
