"""Rule 6's jobs: the chief reminded a working day before a refusal's review is
due, the supervisors told once it is late; each step once, however often or
on however many workers the jobs run."""

import pytest
import time_machine

from audit.models import AuditEvent
from messaging.models import Message
from org.roles import Role
from refusals.jobs import refusal_escalate_review, refusal_remind_review
from refusals.models import ReviewAlert, ReviewStep
from refusals.services import refusal_confirm
from tests.refusals.conftest import at


@pytest.fixture
def cases(official_calendar, open_case):
    def make(count):
        with time_machine.travel(at(2026, 12, 1), tick=False):
            return [open_case() for _ in range(count)]

    return make


def run(job, day, hour=11):
    with time_machine.travel(at(2026, 12, day, hour=hour), tick=False):
        return job()


@pytest.mark.django_db
def test_the_chief_is_reminded_once_the_working_day_before_the_review_is_due(
    case, file_refusal, chief, handler, other_chief, supervisor
):
    refusal = file_refusal(case)  # Thursday 12-03, review due Monday 12-07
    assert run(refusal_remind_review, 3) == "0 reminded"
    assert run(refusal_remind_review, 4) == "1 reminded"  # Friday, the working day before
    assert run(refusal_remind_review, 4, hour=12) == "0 reminded"
    assert run(refusal_remind_review, 7) == "0 reminded"
    reminded = Message.objects.filter(kind="refusal.remind")
    assert [message.recipient for message in reminded] == [chief.user]
    assert refusal.number in reminded.get().subject
    assert ReviewAlert.objects.get().step == ReviewStep.REMIND
    assert AuditEvent.objects.filter(verb="refusal.review_alert", subject_id=str(refusal.pk)).count() == 1


@pytest.mark.django_db
def test_a_chief_who_filed_it_is_not_reminded_of_their_own_refusal(case, file_refusal, chief, make_staff):
    deputy = make_staff(Role.SECTION_CHIEF, name="副科长赵丽")
    file_refusal(case, actor=chief)
    run(refusal_remind_review, 4)
    assert [message.recipient for message in Message.objects.filter(kind="refusal.remind")] == [deputy.user]


@pytest.mark.django_db
def test_a_decided_refusal_is_neither_reminded_nor_escalated(case, file_refusal, chief):
    refusal = file_refusal(case)
    refusal_confirm(actor=chief.user, refusal=refusal, opinion="依据充分")
    run(refusal_remind_review, 4)
    run(refusal_escalate_review, 8)
    assert not ReviewAlert.objects.exists()
    assert not Message.objects.filter(kind__in=["refusal.remind", "refusal.escalate"]).exists()


@pytest.mark.django_db
def test_a_late_review_is_told_to_the_supervisors_once(case, file_refusal, chief, supervisor):
    refusal = file_refusal(case)
    assert run(refusal_escalate_review, 7) == "0 escalated"  # due today: not late yet
    assert run(refusal_escalate_review, 8) == "1 escalated"
    assert run(refusal_escalate_review, 9) == "0 escalated"
    escalated = Message.objects.filter(kind="refusal.escalate")
    assert [message.recipient for message in escalated] == [supervisor.user]
    assert refusal.number in escalated.get().subject
    assert not Message.objects.filter(
        kind="refusal.remind"
    ).exists()  # a late review is escalated, not reminded
    assert run(refusal_remind_review, 8) == "0 reminded"


@pytest.mark.django_db
def test_one_run_drains_a_backlog_batch_by_batch(cases, file_refusal, chief, supervisor, monkeypatch):
    from refusals import jobs

    monkeypatch.setattr(jobs, "BATCH", 2)
    for case in cases(5):
        file_refusal(case)
    assert run(refusal_remind_review, 4) == "5 reminded"
    assert run(refusal_escalate_review, 8) == "5 escalated"
    assert ReviewAlert.objects.count() == 10
    assert Message.objects.filter(kind="refusal.remind", recipient=chief.user).count() == 5
    assert Message.objects.filter(kind="refusal.escalate", recipient=supervisor.user).count() == 5


@pytest.mark.django_db
def test_the_jobs_query_count_does_not_grow_with_the_refusals(cases, file_refusal, chief, supervisor):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(job, day):
        with (
            time_machine.travel(at(2026, 12, day, hour=11), tick=False),
            CaptureQueriesContext(connection) as run,
        ):
            job()
        return len(run)

    file_refusal(cases(1)[0])
    few = queries(refusal_remind_review, 4), queries(refusal_escalate_review, 8)
    for case in cases(8):
        file_refusal(case, when=at(2026, 12, 10))  # review due Mon 12-14
    many = queries(refusal_remind_review, 11), queries(refusal_escalate_review, 15)
    assert many == few
    assert ReviewAlert.objects.count() == 18


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_take_each_step_once(cases, file_refusal, chief, supervisor, monkeypatch):
    from refusals import jobs
    from tests.concurrency import run_together

    monkeypatch.setattr(jobs, "BATCH", 2)
    for case in cases(5):
        file_refusal(case)
    with time_machine.travel(at(2026, 12, 4, hour=11), tick=False):
        run_together(refusal_remind_review, refusal_remind_review)
    with time_machine.travel(at(2026, 12, 8, hour=11), tick=False):
        run_together(refusal_escalate_review, refusal_escalate_review)
    assert ReviewAlert.objects.filter(step=ReviewStep.REMIND).count() == 5
    assert ReviewAlert.objects.filter(step=ReviewStep.ESCALATE).count() == 5
    assert Message.objects.filter(kind="refusal.remind", recipient=chief.user).count() == 5
    assert Message.objects.filter(kind="refusal.escalate", recipient=supervisor.user).count() == 5
    assert AuditEvent.objects.filter(verb="refusal.review_alert").count() == 10
