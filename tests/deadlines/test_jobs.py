from datetime import date
from types import SimpleNamespace

import pytest
import time_machine

from audit.models import AuditEvent
from audit.verbs import verb_label
from deadlines.jobs import escalate_overdue, flag_overdue, remind_due_soon
from deadlines.models import CaseStatus, Escalation, EscalationStep
from deadlines.services import case_complete
from messaging.models import Message
from tests.deadlines.conftest import at


@pytest.fixture
def case(open_case):
    return open_case(received_at=at(2026, 11, 2))  # due Mon 2026-11-16


def _steps(case):
    return sorted(Escalation.objects.filter(case=case).values_list("step", flat=True))


def test_the_handler_is_reminded_one_working_day_before_and_only_once(case, handler):
    with time_machine.travel(at(2026, 11, 12), tick=False):  # Thu: due is 2 wd away
        assert remind_due_soon() == "reminded 0"
    with time_machine.travel(at(2026, 11, 13), tick=False):  # Fri: Mon is the next working day
        assert remind_due_soon() == "reminded 1"
        assert remind_due_soon() == "reminded 0"
    message = Message.objects.get(kind="case.remind")
    assert message.recipient == handler.user
    assert case.number in message.subject


def test_overdue_is_flagged_the_day_after_the_due_date(case, handler):
    with time_machine.travel(at(2026, 11, 16, 17), tick=False):
        assert flag_overdue() == "flagged 0 overdue"
    with time_machine.travel(at(2026, 11, 17), tick=False):
        assert flag_overdue() == "flagged 1 overdue"
        assert flag_overdue() == "flagged 0 overdue"
    case.refresh_from_db()
    assert case.overdue and case.overdue_since == date(2026, 11, 17)
    assert Message.objects.filter(kind="case.handler", recipient=handler.user).count() == 1


def test_escalation_goes_to_the_chief_at_due_then_the_supervisor_after_two_working_days(
    case, chief, other_chief, supervisor
):
    with time_machine.travel(at(2026, 11, 17), tick=False):
        assert escalate_overdue() == "escalated 1 to chiefs, 0 to supervisors"
    assert Message.objects.filter(kind="case.chief", recipient=chief.user).count() == 1
    assert not Message.objects.filter(recipient=other_chief.user).exists()
    with time_machine.travel(at(2026, 11, 18), tick=False):  # due + 2 wd is not yet past
        assert escalate_overdue() == "escalated 0 to chiefs, 0 to supervisors"
    with time_machine.travel(at(2026, 11, 19), tick=False):
        assert escalate_overdue() == "escalated 0 to chiefs, 1 to supervisors"
        assert escalate_overdue() == "escalated 0 to chiefs, 0 to supervisors"
    assert Message.objects.filter(kind="case.supervisor", recipient=supervisor.user).count() == 1
    assert _steps(case) == [EscalationStep.CHIEF, EscalationStep.SUPERVISOR]


def test_completed_cases_are_left_alone(case, handler):
    from deadlines.services import case_complete

    case_complete(actor=handler.user, case=case)
    with time_machine.travel(at(2026, 11, 30), tick=False):
        assert flag_overdue() == "flagged 0 overdue"
        assert escalate_overdue() == "escalated 0 to chiefs, 0 to supervisors"


def test_run_jobs_runs_all_three(case, capsys):
    from django.core.management import call_command

    with time_machine.travel(at(2026, 11, 13), tick=False):
        call_command("run_jobs", "--only", "case_remind_due_soon")
    with time_machine.travel(at(2026, 11, 30), tick=False):
        call_command("run_jobs", "--only", "case_flag_overdue")
        call_command("run_jobs", "--only", "case_escalate_overdue")
    out = capsys.readouterr().out
    assert "case_remind_due_soon: reminded 1" in out
    assert "case_flag_overdue: flagged 1 overdue" in out
    assert "case_escalate_overdue: escalated 1 to chiefs, 1 to supervisors" in out


def _events(case, verb):
    return list(AuditEvent.objects.for_object(case).filter(verb=verb).order_by("id"))


def test_every_step_a_job_takes_is_in_the_cases_history_once(case):
    with time_machine.travel(at(2026, 11, 13), tick=False):
        remind_due_soon()
        remind_due_soon()
    with time_machine.travel(at(2026, 11, 19), tick=False):
        flag_overdue()
        escalate_overdue()
        flag_overdue()
        escalate_overdue()
    overdue = _events(case, "case.overdue")
    assert [(e.actor, e.before, e.after) for e in overdue] == [(None, {"overdue": False}, {"overdue": True})]
    steps = [(e.actor, e.after["step"]) for e in _events(case, "case.escalation")]
    assert steps == [(None, "remind"), (None, "chief"), (None, "supervisor")]
    assert verb_label("case.escalation") != "case.escalation"


def test_a_case_completed_after_the_candidates_were_read_is_not_flagged(case, handler, monkeypatch):
    """The claim asks again: the hourly job reads its candidates, then the
    handler completes one before the job takes it."""
    from django.db import transaction

    from deadlines import jobs

    real_atomic = transaction.atomic
    completed = []

    def atomic_after_the_handler_completes(*args, **kwargs):
        if not completed:
            completed.append(case_complete(actor=handler.user, case=case))
        return real_atomic(*args, **kwargs)

    monkeypatch.setattr(jobs, "transaction", SimpleNamespace(atomic=atomic_after_the_handler_completes))
    with time_machine.travel(at(2026, 11, 17), tick=False):
        assert flag_overdue() == "flagged 0 overdue"
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    assert not case.overdue
    assert not Message.objects.filter(kind="case.handler").exists()
    assert not _events(case, "case.overdue")


def test_an_overdue_case_of_a_section_with_no_chief_goes_to_the_supervisors_at_once(case, supervisor):
    # No chief in the case's section (the `chief` fixture is not asked for).
    with time_machine.travel(at(2026, 11, 17), tick=False):
        flag_overdue()
        escalate_overdue()
    assert Message.objects.filter(kind="case.chief", recipient=supervisor.user).count() == 1


def test_in_late_december_without_next_years_schedule_the_reminders_still_run(case, handler, monkeypatch):
    from deadlines import jobs
    from workdays.days import UnpublishedYearError

    def unpublished(*args, **kwargs):
        raise UnpublishedYearError(2027)

    monkeypatch.setattr(jobs, "add_working_days", unpublished)
    with time_machine.travel(at(2026, 11, 13), tick=False):  # due Mon 11-16, within the year
        assert remind_due_soon() == "reminded 1"
    assert Message.objects.filter(kind="case.remind", recipient=handler.user).count() == 1
