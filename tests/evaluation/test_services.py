"""好差评: one rating per case from its link, never by staff; a poor one needs a
reason and opens a follow-up for the handler's chief; a case left unrated gets
the default, counted apart; a follow-up not fixed in time is escalated once and
becomes an accountability record."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from accountability.jobs import accountability_collect
from accountability.models import Record
from core.errors import ConflictError, InputRefused
from evaluation.jobs import follow_up_escalate, follow_up_remind, rating_default_apply
from evaluation.models import FollowUpStatus, Grade, PoorReason, Rating, RatingChannel
from evaluation.services import (
    follow_up_appeal,
    follow_up_appeal_decide,
    follow_up_call_back,
    follow_up_fix,
    follow_up_grade,
    rating_submit,
)
from evaluation.tokens import token_for
from messaging.models import Message
from tests.evaluation.conftest import at


def rate(token, level, when=None, **fields):
    with time_machine.travel(when or at(2026, 12, 4), tick=False):
        return rating_submit(actor=None, token=token, level=level, **fields)


@pytest.mark.django_db
def test_the_applicant_rates_once_and_the_rating_is_the_handlers(token, completed_case, handler, department):
    rating = rate(token, 5, channel=RatingChannel.QR)
    assert (rating.case, rating.level, rating.staff, rating.department, rating.is_default) == (
        completed_case,
        5,
        handler,
        department,
        False,
    )
    with pytest.raises(InputRefused) as again:
        rate(token, 1, reason="改评")
    with pytest.raises(InputRefused) as forged:
        rate(token[:-2] + "xx", 5)
    assert again.value.message == forged.value.message
    assert Rating.objects.get().level == 5


@pytest.mark.django_db
def test_staff_may_not_rate(token, handler, front_desk):
    for staff in (handler, front_desk):
        with pytest.raises(PermissionDenied):
            rating_submit(actor=staff.user, token=token, level=5)
    assert not Rating.objects.exists()


@pytest.mark.django_db
def test_a_case_not_completed_cannot_be_rated(official_calendar, open_case):
    with time_machine.travel(at(2026, 12, 1), tick=False):
        case = open_case()
    with pytest.raises(InputRefused):
        rate(token_for(case), 5)


@pytest.mark.django_db
def test_a_poor_rating_needs_a_reason_and_goes_to_the_handlers_chief(token, chief, completed_case):
    with pytest.raises(ValidationError):
        rate(token, 2)
    slow = PoorReason.objects.get(name="办事效率低")  # one of the reasons the bureau starts with
    rating = rate(token, 2, tags=[slow])
    follow_up = rating.follow_up
    # Followed up within 5 working days: Fri 12-04 + 5 = Fri 12-11.
    assert (follow_up.assigned_to, follow_up.due, follow_up.status) == (
        chief,
        date(2026, 12, 11),
        FollowUpStatus.OPEN,
    )
    assert Message.objects.filter(kind="evaluation.poor_rating", recipient=chief.user).count() == 1


@pytest.mark.django_db
def test_an_unrated_case_gets_the_default_after_seven_days_once(completed_case, token):
    with time_machine.travel(at(2026, 12, 10, hour=9), tick=False):
        assert rating_default_apply() == "0 default ratings"
    with time_machine.travel(at(2026, 12, 10, hour=11), tick=False):
        assert rating_default_apply() == "1 default ratings"
        assert rating_default_apply() == "0 default ratings"
    rating = Rating.objects.get()
    assert (rating.level, rating.is_default, rating.channel) == (3, True, RatingChannel.DEFAULT)
    with pytest.raises(InputRefused):
        rate(token, 5, when=at(2026, 12, 11))


@pytest.mark.django_db
def test_the_loop_call_back_fix_grade(token, chief, other_chief, supervisor):
    follow_up = rate(token, 1, reason="窗口人员态度差").follow_up
    with pytest.raises(PermissionDenied):
        follow_up_call_back(actor=other_chief.user, follow_up=follow_up, note="已回访")
    with pytest.raises(ConflictError):
        follow_up_fix(actor=chief.user, follow_up=follow_up, note="已整改")
    follow_up_call_back(actor=chief.user, follow_up=follow_up, note="申请人反映等候时间过长")
    follow_up_fix(actor=chief.user, follow_up=follow_up, note="增设取号提醒，已向申请人致歉")
    graded = follow_up_grade(actor=None, token=token, grade=Grade.SATISFIED)
    assert (graded.status, graded.grade) == (FollowUpStatus.FIXED, Grade.SATISFIED)
    with pytest.raises(InputRefused):
        follow_up_grade(actor=None, token=token, grade=Grade.DISSATISFIED)


@pytest.mark.django_db
def test_an_upheld_appeal_excludes_the_rating(token, chief, supervisor):
    follow_up = rate(token, 1, reason="恶意差评").follow_up
    follow_up_appeal(actor=chief.user, follow_up=follow_up, reason="录像显示申请人未到窗口办理")
    with pytest.raises(ConflictError):
        follow_up_appeal(actor=chief.user, follow_up=follow_up, reason="再次申诉")
    with pytest.raises(PermissionDenied):
        follow_up_appeal_decide(actor=chief.user, follow_up=follow_up, uphold=True, opinion="成立")
    follow_up_appeal_decide(actor=supervisor.user, follow_up=follow_up, uphold=True, opinion="证据充分")
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.EXCLUDED
    assert Rating.objects.get().excluded is True


@pytest.mark.django_db
def test_a_late_follow_up_is_reminded_escalated_and_carded_once(token, chief, supervisor, handler):
    rate(token, 2, reason="材料要求反复")  # fix due Fri 12-11
    with time_machine.travel(at(2026, 12, 10), tick=False):
        assert follow_up_remind() == "1 reminded"
        assert follow_up_remind() == "0 reminded"
    with time_machine.travel(at(2026, 12, 14), tick=False):
        assert follow_up_escalate() == "1 escalated"
        assert follow_up_escalate() == "0 escalated"
        accountability_collect()
        accountability_collect()
    record = Record.objects.get(source="poor_rating")
    assert (record.staff, record.occurred_on) == (handler, date(2026, 12, 11))
