"""The collection job: each violation opens one record, carded yellow, once."""

from datetime import date

import pytest

from accountability.jobs import accountability_card_red, accountability_collect
from accountability.models import Card, CardStep, Record, RecordStatus
from audit.models import AuditEvent
from messaging.models import Message
from tests.accountability.conftest import at, run_job


@pytest.mark.django_db
def test_an_overdue_case_opens_one_yellow_record_for_its_handler(
    overdue_record, case, handler, chief, department
):
    record = overdue_record
    assert (record.staff, record.department, record.card, record.status) == (
        handler,
        department,
        Card.YELLOW,
        RecordStatus.OPEN,
    )
    assert record.reference == case.number
    assert record.occurred_on == date(2026, 12, 15)
    # Explained within 2 working days (Fri 12-18), red after 5 (Wed 12-23).
    assert (record.explain_due, record.red_due) == (date(2026, 12, 18), date(2026, 12, 23))
    told = set(Message.objects.filter(kind="accountability.yellow").values_list("recipient_id", flat=True))
    assert told == {handler.user_id, chief.user_id}
    assert AuditEvent.objects.filter(verb="accountability.record_open").count() == 1


@pytest.mark.django_db
def test_running_again_opens_nothing_more(overdue_record):
    assert run_job(accountability_collect, at(2026, 12, 17)) == "nothing new"
    assert Record.objects.count() == 1
    assert CardStep.objects.count() == 1


@pytest.mark.django_db
def test_a_yellow_card_turns_red_once_after_its_deadline(overdue_record, supervisor):
    assert run_job(accountability_card_red, at(2026, 12, 23)) == "0 turned red"
    assert run_job(accountability_card_red, at(2026, 12, 24)) == "1 turned red"
    assert run_job(accountability_card_red, at(2026, 12, 25)) == "0 turned red"
    overdue_record.refresh_from_db()
    assert overdue_record.card == Card.RED
    assert list(Message.objects.filter(kind="accountability.red").values_list("recipient_id", flat=True)) == [
        supervisor.user_id
    ]
