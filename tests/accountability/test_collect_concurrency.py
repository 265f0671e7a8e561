"""Two workers running the collection job at once over the same backlog: each
record opened once, with one yellow card, one audit event and its messages
once. Threads with their own connections, released together; PostgreSQL (CI's
second pass) really contends the rows, SQLite serialises the writers on its one
lock, and the answer must be the same on both (no skip in either pass)."""

from collections import Counter

import pytest
import time_machine

from accountability import jobs
from accountability.jobs import accountability_collect
from accountability.models import Card, CardStep, Record
from audit.models import AuditEvent
from messaging.models import Message
from tests.accountability.conftest import at, run_job
from tests.concurrency import run_together

CASES = 7


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_open_each_record_once(
    official_calendar, open_case, handler, chief, supervisor, monkeypatch
):
    from deadlines.jobs import flag_overdue

    with time_machine.travel(at(2026, 12, 1), tick=False):
        cases = [open_case() for _ in range(CASES)]
    run_job(flag_overdue, at(2026, 12, 16, hour=9))
    # Small batches, so that the workers interleave batch by batch over the backlog.
    monkeypatch.setattr(jobs, "BATCH", 2)
    with time_machine.travel(at(2026, 12, 16, hour=10), tick=False):
        results = run_together(accountability_collect, accountability_collect)
    assert [kind for kind, _value in results] == ["ok", "ok"], results
    opened = sum(int(value.split()[1]) for _kind, value in results if value != "nothing new")
    assert opened == CASES

    records = Record.objects.filter(source="overdue_case")
    assert sorted(records.values_list("reference", flat=True)) == sorted(case.number for case in cases)
    assert Counter(CardStep.objects.values_list("record_id", "card")) == {
        (record.pk, Card.YELLOW): 1 for record in records
    }
    events = AuditEvent.objects.filter(verb="accountability.record_open")
    assert Counter(events.values_list("subject_id", flat=True)) == {str(record.pk): 1 for record in records}
    told = Counter(Message.objects.filter(kind="accountability.yellow").values_list("recipient_id", "link"))
    assert told == {
        (person.user_id, record.get_absolute_url()): 1 for record in records for person in (handler, chief)
    }
    assert run_job(accountability_collect, at(2026, 12, 16, hour=11)) == "nothing new"
