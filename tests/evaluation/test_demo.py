"""The demo's rule 8: the completed cases rated over the channels, mostly well,
two given the default by the job; each poor rating's follow-up in its own
state (waiting, called back, fixed and graded, late and carded by rule 7,
appealed and upheld, appealed and waiting); ratings in two sections and two
months; the history in time order, the audit chain whole, and a second run
adds nothing."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from accountability import demo as accountability_demo
from accountability.models import Record
from audit.models import AuditEvent
from commitments import demo as commitments_demo
from deadlines import demo as deadlines_demo
from deadlines.models import Case, CaseStatus
from evaluation import demo
from evaluation.models import (
    AppealStatus,
    FollowUp,
    FollowUpAlert,
    FollowUpStatus,
    FollowUpStep,
    Grade,
    Rating,
    RatingChannel,
)
from evaluation.services import rateable_case
from evaluation.tokens import token_for
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
        accountability_demo,
    ):
        module.seed()


@pytest.fixture
def seeded():
    with time_machine.travel(SEEDED, tick=False):
        _lower()
        demo.seed()
        yield


def _follow_up(applicant):
    return FollowUp.objects.select_related("rating__case", "assigned_to__user").get(
        rating__case__applicant_name=applicant
    )


def _alerts(follow_up):
    return set(FollowUpAlert.objects.filter(follow_up=follow_up).values_list("step", flat=True))


def _the_ratings_are_there():
    ratings = Rating.objects.select_related("case", "staff", "department")
    active = ratings.filter(is_default=False)
    levels = list(active.values_list("level", flat=True))
    assert sum(level >= 4 for level in levels) > len(levels) // 2
    assert {1, 2, 3, 4, 5} <= set(levels)
    assert {RatingChannel.QR, RatingChannel.SMS, RatingChannel.WEB, RatingChannel.DEVICE} <= set(
        active.values_list("channel", flat=True)
    )
    defaults = ratings.filter(is_default=True)
    assert defaults.count() >= 2
    for rating in defaults:
        assert (rating.level, rating.channel) == (3, RatingChannel.DEFAULT)
        assert rating.rated_at - rating.case.completed_at >= timedelta(days=7)
        assert rating.rated_at - rating.case.completed_at < timedelta(days=8)  # the day it was due
    for rating in active:
        assert rating.case.completed_at < rating.rated_at <= timezone.now(), rating
        if rating.poor:
            assert rating.reason and hasattr(rating, "follow_up"), rating
    # The dashboard's trends: both sections, more than one month.
    assert set(ratings.values_list("department__code", flat=True)) == {"approval", "market"}
    months = {
        (timezone.localtime(rated).year, timezone.localtime(rated).month)
        for rated in ratings.values_list("rated_at", flat=True)
    }
    assert len(months) >= 2
    # One rated case still waiting for its rating: its link works.
    waiting = demo.added_cases().get(applicant_name="杭州邻里鲜果店")
    assert rateable_case(token_for(waiting)) == waiting


def _each_follow_up_is_there():
    today = timezone.localdate()
    # Waiting for the call-back, due in a few days: the chief's queue.
    waiting = _follow_up("吴美娟")
    assert waiting.status == FollowUpStatus.OPEN and not waiting.appeal_status
    assert waiting.assigned_to.user.username == "chief" and today <= waiting.due
    assert FollowUpStep.ESCALATE not in _alerts(waiting)
    # 张建国's (login handler), called back and being fixed.
    called = _follow_up("上城区清河坊茶叶店")
    assert called.rating.staff.user.username == "handler"
    assert called.status == FollowUpStatus.CALLED and called.call_note and called.called_by.name == "李红梅"
    assert today <= called.due and FollowUpStep.ESCALATE not in _alerts(called)
    # Fixed, and graded by the rater.
    fixed = _follow_up("赵建军")
    assert fixed.rating.staff.user.username == "handler"
    assert (fixed.status, fixed.grade) == (FollowUpStatus.FIXED, Grade.SATISFIED)
    assert fixed.called_at < fixed.fixed_at < fixed.graded_at and fixed.fixed_at.date() <= fixed.due
    assert not _alerts(fixed) & {FollowUpStep.ESCALATE}
    # Late: never called back, escalated the day after its due date, carded by rule 7.
    late = _follow_up("黄志刚")
    assert late.status == FollowUpStatus.OPEN and late.due < today
    escalated = FollowUpAlert.objects.get(follow_up=late, step=FollowUpStep.ESCALATE)
    assert timezone.localdate(escalated.at) == late.due + timedelta(days=1)
    record = Record.objects.get(source="poor_rating", source_id=late.pk)
    assert record.staff == late.rating.staff and record.department.code == "market"
    assert record.opened_at == escalated.at  # the same morning's run
    assert Message.objects.filter(
        kind="evaluation.follow_up_escalate", recipient__username="supervisor"
    ).exists()
    # Appealed and upheld: the rating excluded, with who decided and why.
    upheld = _follow_up("周建华")
    assert (upheld.status, upheld.appeal_status) == (FollowUpStatus.EXCLUDED, AppealStatus.UPHELD)
    assert upheld.rating.excluded and upheld.appeal_decided_by.name == "周敏" and upheld.appeal_opinion
    assert upheld.assigned_to.user.username == "chief2" and upheld.appealed_by.name == "陈静"
    # Appealed and waiting for the supervisor.
    appealed = _follow_up("杭州佳佳乐便利店")
    assert (appealed.status, appealed.appeal_status) == (FollowUpStatus.OPEN, AppealStatus.FILED)
    assert appealed.appeal_reason and today <= appealed.due
    assert Rating.objects.filter(excluded=True).count() == 1
    assert FollowUp.objects.count() == 6


@pytest.mark.parametrize(
    "moment",
    [
        "2026-12-04 10:00",  # a working morning
        "2026-12-03 07:00",  # before the office opens
        "2026-11-26 15:00",  # a Thursday a week earlier
        "2026-12-05 11:00",  # a Saturday
        "2026-12-16 10:00",  # mid-December
        "2026-12-28 10:00",  # late December: the deadlines demo's cases a month old
    ],
)
def test_the_demo_has_each_state(moment):
    with time_machine.travel(datetime.fromisoformat(moment).replace(tzinfo=SHANGHAI), tick=False):
        _lower()
        summary = demo.seed()
        assert "(new)" in summary and "6 follow-ups" in summary
        _the_ratings_are_there()
        _each_follow_up_is_there()


def test_the_added_cases_were_received_and_completed_at_the_window_before_the_demo_day(seeded):
    added = demo.added_cases()
    assert added.count() == len(demo.ADDED)
    for case in added:
        assert (
            case.status == CaseStatus.COMPLETED and timezone.localdate(case.completed_at) <= case.due_date
        ), case
    assert not Case.objects.filter(
        overdue=True, applicant_name__in=[a.applicant for a in demo.ADDED]
    ).exists()
    assert date(2026, 11, 1) < min(timezone.localdate(case.received_at) for case in added)


def test_the_history_is_in_time_order_and_the_chain_whole(db, capsys):
    with time_machine.travel(SEEDED, tick=False):
        _lower()
        before = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        demo.seed()
    appended = list(AuditEvent.objects.filter(seq__gt=before).order_by("seq").values_list("at", flat=True))
    assert len(appended) > 30
    assert appended == sorted(appended)
    assert appended[0] < SEEDED - timedelta(days=30) and appended[-1] <= SEEDED
    verbs = set(AuditEvent.objects.filter(seq__gt=before).values_list("verb", flat=True))
    assert {
        "rating.submit",
        "rating.default",
        "follow_up.open",
        "follow_up.call_back",
        "follow_up.fix",
        "follow_up.grade",
        "follow_up.appeal",
        "follow_up.appeal_decide",
        "follow_up.alert",
    } <= verbs
    call_command("verify_audit")
    assert "audit chain whole" in capsys.readouterr().out


def _state():
    return (
        list(Rating.objects.order_by("pk").values_list("pk", "case_id", "level", "is_default", "excluded")),
        list(FollowUp.objects.order_by("pk").values_list("pk", "status", "grade", "appeal_status")),
        FollowUpAlert.objects.count(),
        Record.objects.count(),
        Case.objects.count(),
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


def test_seed_demo_runs_it_last(db, settings, capsys):
    settings.DEBUG = True
    with time_machine.travel(SEEDED, tick=False):
        call_command("seed_demo")
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1].startswith("evaluation: ") and "(new)" in lines[-1]
    assert Rating.objects.filter(case__status=CaseStatus.COMPLETED).count() == Rating.objects.count()
