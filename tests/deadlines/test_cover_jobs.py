"""Rule 4: A's reminders and overdue messages go to B as well while A is away,
A keeping a copy; the covers of every handler in a batch are read at once."""

import pytest
import time_machine

from core.jobs import run_job
from deadlines.services import case_open
from messaging.models import Message
from tests.abpositions.conftest import at, away  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def a_cases(front_desk, make_item, a_holder, handler, post):
    item = make_item(committed_days=5)  # received Mon 12-07, due Mon 12-14
    with time_machine.travel(at("2026-12-07 10:00"), tick=False):
        return [
            case_open(actor=front_desk.user, service_item=item, applicant_name="王先生", handler=person)
            for person in (a_holder, a_holder, handler)
        ]


def recipients(kind):
    return sorted(Message.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def test_b_gets_as_reminders_and_overdue_messages_while_a_is_away(a_cases, a_holder, b_holder, handler, away):  # noqa: F811
    away(a_holder, "2026-12-10 09:00", "2026-12-18 18:00")
    with time_machine.travel(at("2026-12-11 10:00"), tick=False):
        run_job("case_remind_due_soon")
    a, b, other = a_holder.user.username, b_holder.user.username, handler.user.username
    assert recipients("case.remind") == sorted([a, a, b, b, other])
    with time_machine.travel(at("2026-12-15 10:00"), tick=False):
        run_job("case_flag_overdue")
    assert recipients("case.handler") == sorted([a, a, b, b, other])


def test_a_at_work_gets_them_alone(a_cases, a_holder, handler):
    with time_machine.travel(at("2026-12-11 10:00"), tick=False):
        run_job("case_remind_due_soon")
    assert recipients("case.remind") == sorted([a_holder.user.username] * 2 + [handler.user.username])
