"""seed_demo writes the demo bureau's history as of the days it tells of,
and the audit chain it leaves verifies."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from audit.models import AuditEvent
from commitments.models import Breach, ServiceItemVersion
from deadlines.models import Case, CaseKind, Escalation, EscalationStep
from messaging.models import Message
from notifications.models import Notice
from tests.deadlines.conftest import at
from workdays.days import add_working_days

# The day the issue was seen: cases received in October were stamped with it.
SEEDED = at(2026, 12, 3, hour=10)


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    with time_machine.travel(SEEDED, tick=False):
        call_command("seed_demo")
        yield


def _in_force_on(version: ServiceItemVersion, moment) -> bool:
    """The version was the item's newest at ``moment``."""
    newer = version.item.versions.filter(created_at__gt=version.created_at, created_at__lte=moment)
    return version.created_at <= moment and not newer.exists()


def test_each_cases_events_are_dated_from_its_receipt_to_the_seeding(seeded):
    cases = Case.objects.all()
    assert cases.count() >= 36
    for case in cases:
        events = list(AuditEvent.objects.for_object(case))
        assert events, case
        for event in events:
            assert case.received_at <= event.at <= SEEDED, (case, event.verb, event.at)
        opened = next(event for event in events if event.verb == "case.open")
        assert opened.at == case.received_at, case
        if case.completed_at and not case.handled_at_once:
            completed = next(event for event in events if event.verb == "case.complete")
            assert completed.at == case.completed_at, case
    october = cases.filter(received_at__lt=at(2026, 11, 1, hour=0))
    assert october.exists()
    opened_in_october = AuditEvent.objects.filter(verb="case.open", at__lt=at(2026, 11, 1, hour=0))
    assert opened_in_october.count() == october.count()


def test_no_case_is_flagged_overdue_later_than_the_working_day_after_its_due_date(seeded):
    overdue = Case.objects.filter(overdue_since__isnull=False)
    assert overdue.count() >= 4
    for case in overdue:
        assert case.due_date < case.overdue_since <= add_working_days(case.due_date, 1), case
    flagged = AuditEvent.objects.filter(verb="case.overdue")
    assert {timezone.localdate(event.at) for event in flagged} != {SEEDED.date()}
    # The steps and their messages are dated when the jobs took them, after the due date.
    for step in Escalation.objects.exclude(step=EscalationStep.REMIND).select_related("case"):
        assert step.due_date < timezone.localdate(step.at) <= SEEDED.date(), step
    told = Message.objects.filter(kind__in=["case.handler", "case.chief", "case.supervisor"])
    assert told.filter(created_at__lt=SEEDED - timedelta(days=7)).exists()


def test_the_case_due_on_30_october_became_overdue_on_31_october(seeded):
    case = Case.objects.get(due_date=date(2026, 10, 30), overdue=True)
    assert case.overdue_since == date(2026, 10, 31)
    flagged = AuditEvent.objects.for_object(case).get(verb="case.overdue")
    assert timezone.localdate(flagged.at) == date(2026, 10, 31)


def test_every_case_notice_and_breach_is_held_to_the_version_in_force_on_its_day(seeded):
    for case in Case.objects.filter(kind=CaseKind.SERVICE).select_related("item_version__item"):
        assert _in_force_on(case.item_version, case.received_at), case
    for notice in Notice.objects.select_related("item_version__item"):
        assert _in_force_on(notice.item_version, notice.issued_at), notice
    breaches = Breach.objects.select_related("item_version__item")
    assert breaches.count() >= 2
    for breach in breaches:
        end_of_day = timezone.make_aware(datetime.combine(breach.occurred_on, time.max))
        assert _in_force_on(breach.item_version, end_of_day), breach
        assert breach.occurred_on < timezone.localdate(breach.recorded_at) <= SEEDED.date(), breach


def test_messages_are_never_dated_in_the_future_nor_all_at_the_seeding(seeded):
    assert not Message.objects.filter(created_at__gt=SEEDED).exists()
    assert Message.objects.filter(created_at__lt=SEEDED - timedelta(days=1)).count() > (
        Message.objects.count() // 2
    )


def test_the_audit_chain_verifies_after_the_demo_and_after_a_second_run(seeded, capsys):
    events = list(AuditEvent.objects.order_by("seq").values_list("at", flat=True))
    assert events[0] < SEEDED - timedelta(days=60)
    call_command("verify_audit")
    assert "audit chain whole" in capsys.readouterr().out
    with time_machine.travel(SEEDED + timedelta(hours=2), tick=False):
        call_command("seed_demo")
        call_command("verify_audit")
    assert "audit chain whole" in capsys.readouterr().out
    assert AuditEvent.objects.count() == len(events)
