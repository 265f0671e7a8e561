"""Two people, or two workers, at once. Threads with their own database
connections; on PostgreSQL (CI's second pass) the rows are really contended."""

import pytest
import time_machine

from deadlines.jobs import escalate_overdue, flag_overdue
from deadlines.models import Escalation, Extension, ExtensionStatus
from deadlines.services import ConflictError, extension_approve, extension_request
from messaging.models import Message
from tests.concurrency import run_together
from tests.deadlines.conftest import at


@pytest.mark.django_db(transaction=True)
def test_two_chiefs_approving_at_once_give_one_approval_and_one_conflict(
    official_calendar, open_case, handler, chief, make_staff
):
    from org.roles import Role

    deputy = make_staff(Role.SECTION_CHIEF, name="副科长", rank=5)
    with time_machine.travel(at(2026, 11, 10), tick=False):
        case = open_case(received_at=at(2026, 11, 2))
        extension = extension_request(actor=handler.user, case=case, days=3, reason="材料补正")
        results = run_together(
            lambda: extension_approve(actor=chief.user, extension=Extension.objects.get(pk=extension.pk)),
            lambda: extension_approve(actor=deputy.user, extension=Extension.objects.get(pk=extension.pk)),
        )
    outcomes = sorted(kind for kind, _value in results)
    assert outcomes == ["error", "ok"], results
    assert any(isinstance(value, ConflictError) for kind, value in results if kind == "error")
    case.refresh_from_db()
    assert case.due_date.isoformat() == "2026-11-19"  # moved once, not twice
    assert Extension.objects.get(pk=extension.pk).status == ExtensionStatus.APPROVED
    assert Message.objects.filter(kind="extension.applicant").count() == 1


@pytest.mark.django_db(transaction=True)
def test_jobs_on_two_workers_at_once_take_each_step_once(official_calendar, open_case, chief, supervisor):
    cases = [open_case(received_at=at(2026, 11, 2)) for _ in range(5)]
    with time_machine.travel(at(2026, 11, 20), tick=False):
        run_together(flag_overdue, flag_overdue)
        run_together(escalate_overdue, escalate_overdue, escalate_overdue)
    for case in cases:
        steps = sorted(Escalation.objects.filter(case=case).values_list("step", flat=True))
        assert steps == ["chief", "handler", "supervisor"]
    assert Message.objects.filter(kind="case.chief", recipient=chief.user).count() == 5
    assert Message.objects.filter(kind="case.supervisor", recipient=supervisor.user).count() == 5
    assert Message.objects.filter(kind="case.handler").count() == 5


@pytest.mark.django_db(transaction=True)
def test_two_workers_draining_a_backlog_in_small_batches_take_each_step_once(
    official_calendar, open_case, chief, supervisor, monkeypatch
):
    from deadlines import jobs

    monkeypatch.setattr(jobs, "BATCH", 2)
    cases = [open_case(received_at=at(2026, 11, 2)) for _ in range(7)]
    with time_machine.travel(at(2026, 11, 20), tick=False):
        run_together(flag_overdue, flag_overdue)
        run_together(escalate_overdue, escalate_overdue)
    assert Escalation.objects.filter(case__in=cases).count() == 7 * 3
    assert Message.objects.filter(kind="case.handler").count() == 7
    assert Message.objects.filter(kind="case.chief", recipient=chief.user).count() == 7
    assert Message.objects.filter(kind="case.supervisor", recipient=supervisor.user).count() == 7
