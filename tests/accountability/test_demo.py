"""The demo's rule 7: records from each source the lower demos left facts
for, opened the morning after them; a red card, an appeal waiting and one
decided, an efficiency warning acknowledged after the handler's explanation,
a correction; complaints in each state; the history in time order, the audit
chain whole, and a second run adds nothing."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from accountability import demo, sources
from accountability.jobs import uncollected
from accountability.models import (
    AppealStatus,
    Card,
    CardStep,
    ComplaintChannel,
    ComplaintStatus,
    Decision,
    Measure,
    Outcome,
    Record,
    RecordStatus,
)
from audit.models import AuditEvent
from commitments import demo as commitments_demo
from deadlines import demo as deadlines_demo
from inquiries import demo as inquiries_demo
from messaging.models import Message
from notifications import demo as notifications_demo
from org import demo as org_demo
from refusals import demo as refusals_demo

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
SEEDED = datetime(2026, 12, 4, 10, tzinfo=SHANGHAI)  # a Friday


def _lower():
    for module in (
        org_demo,
        commitments_demo,
        deadlines_demo,
        inquiries_demo,
        notifications_demo,
        refusals_demo,
    ):
        module.seed()


@pytest.fixture
def seeded():
    with time_machine.travel(SEEDED, tick=False):
        _lower()
        demo.seed()
        yield


def _each_state_is_there():
    records = Record.objects.select_related("staff", "decision")
    # Every fact the lower demos left is recorded, and each such source is there.
    for source in sources.registered():
        assert not uncollected(source).exists(), source.kind
    assert {"overdue_case", "refusal_overturned", "inquiry_unowned", "complaint"} <= set(
        records.values_list("source", flat=True)
    )
    red = records.get(card=Card.RED)
    assert red.status == RecordStatus.OPEN and red.red_due < timezone.localdate()
    assert sorted(records.filter(appeal__isnull=False).values_list("appeal__status", flat=True)) == [
        AppealStatus.FILED,
        AppealStatus.UPHELD,
    ]
    warning = records.get(decision__outcome=Outcome.WARNING)
    assert warning.staff.name == "张建国" and warning.explanation
    assert warning.explained_at < warning.decision.decided_at < warning.decision.acknowledged_at
    corrected = Decision.objects.get(supersedes__isnull=False)
    assert (corrected.outcome, corrected.measure.name) == (Outcome.OTHER, "诫勉谈话")
    assert corrected.supersedes.outcome == Outcome.CRITICISM and corrected.correction_reason
    assert set(Measure.objects.values_list("name", flat=True)) >= {"诫勉谈话", "调离窗口岗位"}
    complaints = demo.demo_complaints()
    assert complaints.filter(status=ComplaintStatus.RECEIVED, anonymous=True).count() == 1
    assert complaints.filter(status=ComplaintStatus.RECEIVED, anonymous=False).count() == 1
    assert complaints.filter(status=ComplaintStatus.ACCEPTED, extended_at__isnull=True).count() == 1
    assert complaints.filter(status=ComplaintStatus.ACCEPTED, extended_at__isnull=False).count() == 1
    assert complaints.get(status=ComplaintStatus.DECLINED).decline_reason
    upheld = complaints.get(status=ComplaintStatus.ANSWERED, upheld=True)
    assert upheld.about_staff.user.username == "handler"
    assert records.filter(source="complaint", source_id=upheld.pk).exists()
    assert complaints.filter(status=ComplaintStatus.ANSWERED, upheld=False).count() == 1


@pytest.mark.parametrize(
    "moment",
    [
        "2026-12-04 10:00",  # a working morning
        "2026-12-03 07:00",  # before the office opens
        "2026-11-26 15:00",  # a Thursday a week earlier
        "2026-12-05 11:00",  # a Saturday
        # Mid-December: the records' deadlines counted near the year's end (after about
        # 12-17 the inquiries demo cannot open its cases: their due dates fall in 2027).
        "2026-12-16 10:00",
    ],
)
def test_the_demo_has_each_state(moment):
    with time_machine.travel(datetime.fromisoformat(moment).replace(tzinfo=SHANGHAI), tick=False):
        _lower()
        summary = demo.seed()
        assert "(new)" in summary and "1 red" in summary
        _each_state_is_there()


def test_records_open_the_morning_after_their_facts_with_one_yellow_card(seeded):
    for record in Record.objects.exclude(source="complaint"):
        assert timezone.localdate(record.opened_at) > record.occurred_on, record.reference
    for record in Record.objects.all():
        assert list(CardStep.objects.filter(record=record).values_list("card", flat=True))[0] == Card.YELLOW
    upheld = demo.demo_complaints().get(upheld=True)
    assert Record.objects.get(source="complaint").opened_at == upheld.answered_at  # opened by the answer
    assert Message.objects.filter(kind="accountability.red", recipient__username="supervisor").count() == 1


def test_the_web_complaints_came_from_the_public_and_the_others_were_logged_at_the_desk(seeded):
    for complaint in demo.demo_complaints():
        assert (complaint.logged_by is None) == (complaint.channel == ComplaintChannel.WEB)


def test_the_history_is_in_time_order_and_the_chain_whole(db, capsys):
    with time_machine.travel(SEEDED, tick=False):
        _lower()
        before = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        demo.seed()
    appended = list(AuditEvent.objects.filter(seq__gt=before).order_by("seq").values_list("at", flat=True))
    assert len(appended) > 50
    assert appended == sorted(appended)
    assert appended[0] < SEEDED - timedelta(days=30) and appended[-1] <= SEEDED
    call_command("verify_audit")
    assert "audit chain whole" in capsys.readouterr().out


def _state():
    return (
        list(Record.objects.order_by("pk").values_list("pk", "source", "source_id", "status", "card")),
        list(Decision.objects.order_by("pk").values_list("pk", "outcome", "acknowledged_at")),
        list(demo.demo_complaints().order_by("pk").values_list("pk", "status")),
        CardStep.objects.count(),
        Measure.objects.count(),
        AuditEvent.objects.count(),
        Message.objects.count(),
    )


def test_a_second_run_changes_nothing(seeded):
    first = _state()
    with time_machine.travel(SEEDED + timedelta(hours=2), tick=False):
        _lower()
        summary = demo.seed()
    assert "(new)" not in summary
    assert _state() == first
