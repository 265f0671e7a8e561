"""1 January before the new year's schedule is entered: the escalation job
takes the steps it can, and reports the one it cannot once, to the administrators."""

import pytest
import time_machine

from core.jobs import run_job
from core.models import JobRun
from deadlines.models import Escalation, EscalationStep
from messaging.models import Message
from tests.deadlines.conftest import at
from workdays.models import CalendarYear


@pytest.fixture
def december_case(open_case):
    with time_machine.travel(at(2026, 12, 14), tick=False):
        return open_case(received_at=at(2026, 12, 14))


@pytest.fixture
def no_2027(db):
    CalendarYear.objects.filter(year=2027).delete()


def test_the_chiefs_step_is_taken_and_the_supervisors_step_reported_once(
    no_2027, december_case, chief, supervisor, administrator
):
    with time_machine.travel(at(2027, 1, 4), tick=False):
        summary = run_job("case_escalate_overdue")
        assert run_job("case_escalate_overdue") == (
            "escalated 0 to chiefs; not to supervisors: the official holiday schedule for 2027 is not entered"
        )
    assert summary.startswith("escalated 1 to chiefs; not to supervisors")
    run = JobRun.objects.get(name="case_escalate_overdue")
    assert run.last_ok is True and run.failures == 0
    assert "2027" in run.last_summary
    assert Message.objects.filter(kind="case.chief", recipient=chief.user).count() == 1
    assert not Message.objects.filter(kind="case.supervisor").exists()
    alert = Message.objects.get(recipient=administrator.user)
    assert alert.kind == "calendar.step_not_taken"
    assert "2027" in alert.subject
    assert alert.link == "/admin/workdays/calendaryear/add/?year=2027"


def test_the_step_is_taken_once_the_schedule_is_entered(no_2027, december_case, chief, supervisor):
    with time_machine.travel(at(2027, 1, 4), tick=False):
        run_job("case_escalate_overdue")
        CalendarYear.objects.create(year=2027, source="manual")
        assert run_job("case_escalate_overdue") == "escalated 0 to chiefs, 1 to supervisors"
    steps = set(Escalation.objects.values_list("step", flat=True))
    assert steps == {EscalationStep.CHIEF, EscalationStep.SUPERVISOR}
    assert Message.objects.filter(kind="case.supervisor", recipient=supervisor.user).count() == 1
