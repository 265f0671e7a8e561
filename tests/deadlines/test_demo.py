"""The demo cases: believable, dated in October–November 2026, and the same after a second run."""

from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from audit.models import AuditEvent
from commitments import demo as commitments_demo
from deadlines import demo
from deadlines.models import Case, CaseKind, CaseStatus, Escalation, EscalationStep, Extension
from messaging.models import Message
from org import demo as org_demo
from org.models import Staff
from tests.deadlines.conftest import at

THURSDAY = at(2026, 11, 26, hour=15)


def _seed_all():
    org_demo.seed()
    commitments_demo.seed()
    return demo.seed()


@pytest.fixture
def seeded(db):
    with time_machine.travel(THURSDAY, tick=False):
        yield _seed_all()


def _state():
    return (
        list(Case.objects.order_by("pk").values_list("pk", "number", "status", "due_date", "overdue")),
        list(Extension.objects.order_by("pk").values_list("pk", "status", "due_after")),
        Escalation.objects.count(),
        Message.objects.count(),
        AuditEvent.objects.count(),
    )


def test_about_forty_cases_for_the_demo_logins_and_their_sections(seeded):
    cases = Case.objects.all()
    assert 36 <= cases.count() <= 46
    assert set(cases.values_list("department__code", flat=True)) == {"approval", "market"}
    by_login = {
        login: Case.objects.filter(handler__user__username=login) for login in ("handler", "handler2")
    }
    for login, mine in by_login.items():
        assert mine.open().count() >= 3, login
        assert mine.filter(status=CaseStatus.COMPLETED).exists(), login
        assert mine.open().filter(overdue=True).exists(), login
    handlers = set(cases.values_list("handler", flat=True))
    assert len(handlers) >= 8  # the rest of both sections works too
    assert cases.filter(kind=CaseKind.SERVICE).values("service_item").distinct().count() >= 12


def test_dates_are_october_and_november_2026_and_due_dates_stay_in_2026(seeded):
    for case in Case.objects.all():
        received = timezone.localdate(case.received_at)
        assert date(2026, 10, 1) <= received <= date(2026, 11, 30), case
        assert case.due_date <= date(2026, 12, 31), case
        if case.completed_at:
            assert case.received_at <= case.completed_at <= timezone.now(), case


def test_a_mix_of_early_late_open_and_due_this_week(seeded):
    today = date(2026, 11, 26)
    completed = Case.objects.filter(status=CaseStatus.COMPLETED)
    on_time = [case for case in completed if case.completed_on_time]
    late = [case for case in completed if case.completed_on_time is False]
    assert len(on_time) >= 8
    assert len(late) >= 3
    assert completed.filter(handled_at_once=True).count() >= 3
    assert Case.objects.open().filter(due_date__gte=today, due_date__lte=date(2026, 11, 27)).count() >= 4
    assert Case.objects.open().filter(due_date__gt=date(2026, 11, 27)).count() >= 4
    assert Case.objects.filter(status=CaseStatus.WITHDRAWN).exists()


def test_overdue_cases_are_flagged_and_escalated(seeded):
    past_due = Case.objects.open().filter(due_date__lt=date(2026, 11, 26))
    assert past_due.count() >= 4
    assert not past_due.filter(overdue=False).exists()
    assert not Case.objects.open().filter(due_date__gte=date(2026, 11, 26), overdue=True).exists()
    assert all(
        timezone.localdate(case.received_at).month == 10 for case in past_due.filter(kind=CaseKind.SERVICE)
    )
    for step in (EscalationStep.HANDLER, EscalationStep.CHIEF, EscalationStep.SUPERVISOR):
        assert Escalation.objects.filter(step=step, case__in=past_due).count() == past_due.count(), step
    supervisor = Staff.objects.get(user__username="supervisor")
    assert Message.objects.filter(recipient=supervisor.user, kind="case.supervisor").exists()
    chief = Staff.objects.get(user__username="chief")
    assert Message.objects.filter(recipient=chief.user, kind="case.chief").exists()


def test_two_requests_wait_and_the_chief_can_decide_one(seeded):
    pending = Extension.objects.filter(status="pending").select_related("case__department")
    assert pending.count() == 2
    chief = Staff.objects.get(user__username="chief").user
    chief2 = Staff.objects.get(user__username="chief2").user
    assert [e for e in pending if chief.has_perm("deadlines.decide_extension", e)]
    assert [e for e in pending if chief2.has_perm("deadlines.decide_extension", e)]
    assert Extension.objects.filter(status="approved").exists()
    assert Extension.objects.filter(status="rejected").exists()


def test_one_leaders_instruction(seeded):
    instruction = Case.objects.get(kind=CaseKind.INSTRUCTION)
    assert instruction.leader
    assert instruction.handler.user.username == "handler"
    assert instruction.due_date >= date(2026, 11, 26)


def test_running_twice_changes_nothing(seeded):
    first = _state()
    with time_machine.travel(THURSDAY, tick=False):
        summary = demo.seed()
    assert _state() == first
    assert "(0 new)" in summary
    assert "\n" not in summary
    with time_machine.travel(at(2026, 12, 3), tick=False):
        assert "(0 new)" in demo.seed()
    assert Case.objects.count() == len(first[0])


def test_shown_in_december_it_still_keeps_to_the_2026_calendar(db):
    with time_machine.travel(at(2026, 12, 28), tick=False):
        _seed_all()
    assert Case.objects.count() >= 36
    # The instruction came before the demo's last day, whenever the demo is shown.
    instruction = Case.objects.get(kind=CaseKind.INSTRUCTION)
    assert timezone.localdate(instruction.received_at) == date(2026, 11, 26)
    for case in Case.objects.all():
        assert date(2026, 10, 1) <= timezone.localdate(case.received_at) <= date(2026, 11, 30), case
        assert case.due_date <= date(2026, 12, 31), case


def test_seed_demo_runs_it_after_the_catalogue(db, settings, capsys):
    settings.DEBUG = True
    with time_machine.travel(THURSDAY, tick=False):
        call_command("seed_demo")
    output = capsys.readouterr().out
    assert output.index("commitments:") < output.index("deadlines:")
    assert Case.objects.count() >= 36
