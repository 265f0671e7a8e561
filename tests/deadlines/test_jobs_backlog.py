"""A backlog larger than one batch (after an outage) is drained in one run,
each batch set-based: its queries do not grow with its size."""

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent
from deadlines import jobs
from deadlines.jobs import escalate_overdue, flag_overdue, remind_due_soon
from deadlines.models import Case, Escalation, EscalationStep
from messaging.models import Message
from tests.deadlines.conftest import at


@pytest.fixture
def backlog(open_case):
    """Seven cases due Mon 2026-11-16, none yet reminded, flagged or escalated."""
    return [open_case(received_at=at(2026, 11, 2)) for _ in range(7)]


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(jobs, "BATCH", 3)


def test_the_whole_backlog_is_flagged_in_one_run(backlog, handler, small_batches):
    with time_machine.travel(at(2026, 11, 20), tick=False):
        assert flag_overdue() == "flagged 7 overdue"
        assert flag_overdue() == "flagged 0 overdue"
    assert Case.objects.filter(overdue=True).count() == 7
    assert Message.objects.filter(kind="case.handler", recipient=handler.user).count() == 7
    assert AuditEvent.objects.filter(verb="case.overdue").count() == 7


def test_the_whole_backlog_is_escalated_in_one_run(backlog, chief, supervisor, small_batches):
    with time_machine.travel(at(2026, 11, 20), tick=False):
        assert escalate_overdue() == "escalated 7 to chiefs, 7 to supervisors"
        assert escalate_overdue() == "escalated 0 to chiefs, 0 to supervisors"
    assert Message.objects.filter(kind="case.chief", recipient=chief.user).count() == 7
    assert Message.objects.filter(kind="case.supervisor", recipient=supervisor.user).count() == 7
    assert Escalation.objects.filter(step=EscalationStep.SUPERVISOR).count() == 7
    assert AuditEvent.objects.filter(verb="case.escalation").count() == 14


def test_the_whole_backlog_is_reminded_in_one_run(backlog, handler, small_batches):
    with time_machine.travel(at(2026, 11, 13), tick=False):
        assert remind_due_soon() == "reminded 7"
        assert remind_due_soon() == "reminded 0"
    assert Message.objects.filter(kind="case.remind", recipient=handler.user).count() == 7


def _queries(job, cases_count, open_case, day):
    Case.objects.all().delete()
    for _ in range(cases_count):
        open_case(received_at=at(2026, 11, 2))
    with time_machine.travel(day, tick=False), CaptureQueriesContext(connection) as captured:
        job()
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    ("job", "day", "most"),
    # flag_overdue and remind_due_soon: +1 a batch, who covers the handlers away (rule 4).
    [
        (flag_overdue, at(2026, 11, 20), 15),
        (escalate_overdue, at(2026, 11, 20), 26),
        (remind_due_soon, at(2026, 11, 13), 14),
    ],
)
def test_a_batch_costs_the_same_queries_whatever_its_size(
    job, day, most, open_case, chief, supervisor, django_assert_max_num_queries
):
    with time_machine.travel(day, tick=False):
        job()  # the bureau's settings are read, and written with their defaults, once
    two = _queries(job, 2, open_case, day)
    eight = _queries(job, 8, open_case, day)
    assert eight == two
    Case.objects.all().delete()
    for _ in range(8):
        open_case(received_at=at(2026, 11, 2))
    with time_machine.travel(day, tick=False), django_assert_max_num_queries(most):
        job()
