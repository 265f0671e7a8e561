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
