"""The demo's rule 6: in the approval and market sections a refusal confirmed,
one overturned and one waiting for the chief; the overturned cases open again;
every refusal page has something to show; the history in time order and the
audit chain whole; a second run adds nothing."""

from collections import Counter
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from commitments import demo as commitments_demo
from deadlines.models import OPEN_STATUSES, Case, CaseStatus
from messaging.models import Message
from org import demo as org_demo
from refusals import demo as refusals_demo
from refusals.models import Refusal, RefusalStatus, ReviewAlert, ReviewStep
from refusals.services import reopened_due
from workdays.days import add_working_days

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
SEEDED = datetime(2026, 12, 3, 10, tzinfo=SHANGHAI)  # a Thursday


def _seed():
    org_demo.seed()
    commitments_demo.seed()
    return refusals_demo.seed()


@pytest.fixture
def seeded():
    with time_machine.travel(SEEDED, tick=False):
        _seed()
        yield


def _client(username):
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(get_user_model().objects.get(username=username))
    return client


def _by_section():
    return Counter(refusals_demo.demo_refusals().values_list("department__code", "status"))


EACH = {RefusalStatus.CONFIRMED: 1, RefusalStatus.OVERTURNED: 1, RefusalStatus.FILED: 1}


@pytest.mark.parametrize(
    "moment",
    [
        "2026-12-03 10:00",  # a working morning
        "2026-12-03 07:00",  # before the office opens
        "2026-11-26 15:00",  # the home-count test's Thursday
        "2026-12-05 11:00",  # a Saturday
        "2026-12-29 10:00",  # late December: the cases' due dates must stay in 2026's calendar
    ],
)
def test_each_section_has_one_confirmed_one_overturned_and_one_waiting(moment):
    with time_machine.travel(datetime.fromisoformat(moment).replace(tzinfo=SHANGHAI), tick=False):
        summary = _seed()
    assert summary == "6 refusals (6 new): 2 confirmed, 2 overturned, 2 waiting for review"
    counts = _by_section()
    for section in ("approval", "market"):
        assert {status: counts[(section, status)] for status in EACH} == EACH, section
    given = refusals_demo.demo_refusals().filter(notice_given_at__isnull=False)
    assert [(r.department.code, r.status) for r in given] == [("approval", RefusalStatus.CONFIRMED)]


def test_one_waiting_review_is_due_soon_and_the_other_late_and_escalated(seeded):
    today = SEEDED.date()
    waiting = {r.department.code: r for r in refusals_demo.demo_refusals().filter(status=RefusalStatus.FILED)}
    soon, late = waiting["approval"], waiting["market"]
    assert today <= soon.review_due <= add_working_days(today, 1)
    assert late.review_due < today
    # The jobs played as of their days: the late one escalated the working day after it fell due.
    escalated = ReviewAlert.objects.get(refusal=late, step=ReviewStep.ESCALATE)
    assert escalated.at.astimezone(SHANGHAI).date() == add_working_days(late.review_due, 1)
    assert not ReviewAlert.objects.filter(refusal=soon, step=ReviewStep.ESCALATE).exists()
    told = Message.objects.filter(kind="refusal.escalate", recipient__username="supervisor")
    assert told.get().created_at == escalated.at


def test_the_overturned_cases_are_open_again_due_later_and_the_officers_told_why(seeded):
    overturned = refusals_demo.demo_refusals().filter(status=RefusalStatus.OVERTURNED)
    assert overturned.count() == 2
    for refusal in overturned.select_related("case", "officer__user"):
        case = refusal.case
        assert case is not None and case.status in OPEN_STATUSES
        assert case.due_date == reopened_due(refusal) > refusal.due_before
        message = Message.objects.get(kind="refusal.overturned", recipient=refusal.officer.user)
        assert refusal.opinion in message.body
    confirmed = refusals_demo.demo_refusals().filter(status=RefusalStatus.CONFIRMED, case__isnull=False)
    assert [refusal.case.status for refusal in confirmed] == [CaseStatus.REFUSED]


def test_every_refusal_page_has_something_to_show(seeded):
    with time_machine.travel(SEEDED, tick=False):
        numbers = list(refusals_demo.demo_refusals().values_list("number", flat=True))
        register = _client("supervisor").get(reverse("refusals:register")).content.decode()
        assert all(f'data-refusal="{number}"' in register for number in numbers)
        for username, section in (("chief", "approval"), ("chief2", "market")):
            queue = _client(username).get(reverse("refusals:queue")).content.decode()
            mine = Refusal.objects.filter(department__code=section)
            waiting = mine.get(status=RefusalStatus.FILED)
            assert f'data-refusal="{waiting.number}"' in queue, username
            assert 'data-list-total="1"' in queue, username
            for decided in mine.exclude(status=RefusalStatus.FILED):
                assert f'data-decided="{decided.number}"' in queue, username
        given = Refusal.objects.get(notice_given_at__isnull=False)
        chief = _client("chief")
        page = chief.get(reverse("refusals:detail", args=[given.pk])).content.decode()
        assert given.legal_basis in page and given.opinion in page
        printed = chief.get(reverse("refusals:print", args=[given.pk]))
        assert printed.status_code == 200
        assert "不予许可决定书" in printed.content.decode()


def test_the_history_is_in_time_order_and_the_chain_whole(db, capsys):
    with time_machine.travel(SEEDED, tick=False):
        org_demo.seed()
        commitments_demo.seed()
        before = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        refusals_demo.seed()
    appended = list(AuditEvent.objects.filter(seq__gt=before).order_by("seq").values_list("at", flat=True))
    assert appended == sorted(appended)
    assert appended[0] < SEEDED - timedelta(days=7) and appended[-1] <= SEEDED
    for refusal in refusals_demo.demo_refusals().select_related("case", "inquiry"):
        matter = refusal.case or refusal.inquiry
        events = list(AuditEvent.objects.for_object(matter).order_by("seq"))
        assert events[0].verb in ("case.open", "inquiry.log")
        assert [event.at for event in events] == sorted(event.at for event in events)
        filed = AuditEvent.objects.for_object(refusal).get(verb="refusal.file")
        assert filed.at == refusal.filed_at > events[0].at
    call_command("verify_audit")
    assert "audit chain whole" in capsys.readouterr().out


def _state():
    return (
        list(Refusal.objects.order_by("pk").values_list("pk", "number", "status", "notice_given_at")),
        list(Case.objects.order_by("pk").values_list("pk", "status", "due_date")),
        ReviewAlert.objects.count(),
        AuditEvent.objects.count(),
        Message.objects.count(),
    )


def test_a_second_run_changes_nothing(seeded):
    first = _state()
    with time_machine.travel(SEEDED + timedelta(hours=2), tick=False):
        assert _seed() == "6 refusals (0 new): 2 confirmed, 2 overturned, 2 waiting for review"
    assert _state() == first
