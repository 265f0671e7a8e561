"""Records in every state for the list pages' tests, made as the job would
leave them (a row with its yellow card step); their decisions and appeals
through the services."""

from datetime import date
from itertools import count

import pytest
import time_machine

from accountability.models import Card, CardStep, Record, RecordStatus
from tests.accountability.conftest import at

_ids = count(1000)


def make_record(
    staff, *, department=None, card=Card.YELLOW, status=RecordStatus.OPEN, on=date(2026, 12, 15), **fields
):
    record = Record.objects.create(
        source=fields.pop("source", "overdue_case"),
        source_id=next(_ids),
        reference=fields.pop("reference", "202612010001"),
        summary="办件超期",
        staff=staff,
        department=department or staff.department,
        occurred_on=on,
        card=card,
        status=status,
        explain_due=fields.pop("explain_due", date(2026, 12, 18)),
        red_due=fields.pop("red_due", date(2026, 12, 23)),
        explanation="说明" if status != RecordStatus.OPEN else "",
        **fields,
    )
    CardStep.objects.create(record=record, card=Card.YELLOW)
    return record


@pytest.fixture
def records(official_calendar, handler, supervisor, make_staff, other_department):
    """The handler's: one new, one explained, one red, one appealed, one decided
    (a warning); and one new in another section."""
    from accountability.services_records import appeal_file, record_decide
    from org.roles import Role

    elsewhere = make_staff(Role.HANDLER, name="经办人小李", department=other_department)
    with time_machine.travel(at(2026, 12, 17), tick=False):
        made = {
            "new": make_record(handler),
            "explained": make_record(handler, status=RecordStatus.EXPLAINED),
            "red": make_record(handler, card=Card.RED, red_due=date(2026, 12, 16)),
            "appealed": make_record(handler),
            "decided": make_record(handler, status=RecordStatus.EXPLAINED),
            "elsewhere": make_record(elsewhere, explain_due=date(2026, 12, 16)),
        }
        appeal_file(actor=handler.user, record=made["appealed"], reasons="非本人原因")
        record_decide(actor=supervisor.user, record=made["decided"], outcome="warning", findings="确有延误")
    for record in made.values():
        record.refresh_from_db()
    return made
