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


def test_a_batch_of_events_records_each_subject_and_change(db, department, other_department, chief):
    from audit.services import EventSpec, record_events

    with transaction.atomic():
        record_events(
            [
                EventSpec(verb="department.flag", subject=department, before={"x": 0}, after={"x": 1}),
                EventSpec(verb="department.flag", subject=other_department, actor=chief.user),
            ]
        )
    first = AuditEvent.objects.for_object(department).get()
    second = AuditEvent.objects.for_object(other_department).get()
    assert (first.actor, first.changes()) == (None, [("x", 0, 1)])
    assert second.actor == chief.user


def test_a_batch_outside_the_change_transaction_is_refused(db, department):
    from django.db import connection

    from audit.services import EventSpec, record_events

    atomic_before = connection.in_atomic_block
    connection.in_atomic_block = False
    try:
        with pytest.raises(AuditOutsideTransaction):
            record_events([EventSpec(verb="x", subject=department)])
    finally:
        connection.in_atomic_block = atomic_before
    assert not AuditEvent.objects.exists()
