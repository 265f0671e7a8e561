import pytest
from django.db import transaction

from audit.models import AuditEvent
from audit.services import AuditOutsideTransaction, record_event, snapshot


def test_an_event_records_who_what_and_the_change(db, department, chief):
    with transaction.atomic():
        event = record_event(
            actor=chief.user,
            verb="department.rename",
            subject=department,
            before={"name": "旧名"},
            after=snapshot(department, ["name"]),
            reason="机构改革",
        )
    assert event.actor == chief.user
    assert event.subject == department
    assert event.changes() == [("name", "旧名", "行政审批科")]
    assert list(AuditEvent.objects.for_object(department)) == [event]


def test_an_event_outside_the_change_transaction_is_refused(db, department, chief):
    # The test itself runs in a transaction; leave it to see the guard.
    from django.db import connection

    atomic_before = connection.in_atomic_block
    connection.in_atomic_block = False
    try:
        with pytest.raises(AuditOutsideTransaction):
            record_event(actor=chief.user, verb="x", subject=department)
    finally:
        connection.in_atomic_block = atomic_before


def test_events_are_never_edited_or_deleted(db, department, chief):
    with transaction.atomic():
        event = record_event(actor=chief.user, verb="department.create", subject=department)
    event.reason = "tampered"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.update(reason="x")
    assert AuditEvent.objects.get().reason == ""


def test_a_rolled_back_change_leaves_no_event(db, department, chief):
    with pytest.raises(RuntimeError), transaction.atomic():
        record_event(actor=chief.user, verb="department.rename", subject=department)
        raise RuntimeError("the change failed")
    assert not AuditEvent.objects.exists()
