"""Writers appending at once keep one chain. Threads with their own database
connections; on PostgreSQL (CI's second pass) the head row is really contended."""

import threading

import pytest
from django.db import connection, transaction

from audit.chain import verify_chain
from audit.models import AuditEvent
from audit.services import EventSpec, record_event, record_events

WRITERS = 4
TRANSACTIONS = 8


def _write(department, index):
    for step in range(TRANSACTIONS):
        with transaction.atomic():
            if step % 2:
                record_events([EventSpec(verb="department.flag", subject=department, after={"w": index})] * 3)
            else:
                record_event(actor=None, verb="department.rename", subject=department, after={"w": index})


@pytest.mark.django_db(transaction=True)
def test_writers_at_once_make_one_unbroken_chain(department):
    barrier = threading.Barrier(WRITERS)
    errors = []

    def run(index):
        try:
            barrier.wait(timeout=10)
            _write(department, index)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    expected = WRITERS * (TRANSACTIONS // 2) * (1 + 3)
    assert sorted(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, expected + 1))
    report = verify_chain()
    assert (report.ok, report.checked) == (True, expected), report.problem
