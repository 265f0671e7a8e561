"""Drawing up a handover from the audit trail, handing it over, acknowledging it."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import transaction

from abpositions.models import Handover, HandoverStatus
from abpositions.selectors_handovers import matters_of
from abpositions.services_handovers import handover_acknowledge, handover_draw_up, handover_hand_over
from audit.models import AuditEvent
from audit.services import record_event
from core.errors import ConflictError
from messaging.models import Message
from tests.abpositions.conftest import at
from tests.abpositions.handovers.conftest import BACK, acted

pytestmark = pytest.mark.django_db


def test_the_handover_lists_what_b_did_for_a_inside_the_absence_only(
    trip, cases, a_holder, b_holder, make_staff
):
    acted(b_holder, a_holder, cases[0], "2026-12-07 09:00", verb="case.start")  # the minute A left
    acted(b_holder, a_holder, cases[0], "2026-12-08 17:59")  # the last minute away
    acted(b_holder, a_holder, cases[1], "2026-12-07 08:59")  # before A left
    acted(b_holder, a_holder, cases[1], "2026-12-08 18:00")  # the minute A was back
    someone = make_staff(name="另一A岗")
    acted(b_holder, someone, cases[2], "2026-12-07 11:00")  # for someone else
    with time_machine.travel(at(BACK), tick=False):
        handover = handover_draw_up(absence=trip)
    [matter] = matters_of([handover])[handover.pk]
    assert (matter.kind, matter.number, matter.url) == ("case", cases[0].number, f"/cases/{cases[0].pk}/")
    assert [event.verb for event in matter.events] == ["case.start", "case.complete"]
    assert {event.actor for event in matter.events} == {b_holder.name}
    assert (handover.holder, handover.cover, handover.status) == (a_holder, b_holder, HandoverStatus.DRAFT)


def test_what_b_did_the_same_second_a_says_i_am_back_is_still_handed_over(trip, cases, a_holder, b_holder):
    from datetime import timedelta

    from abpositions.services_absences import absence_end

    acted_at = at("2026-12-08 11:00") + timedelta(seconds=5, microseconds=400_000)
    with time_machine.travel(acted_at, tick=False), transaction.atomic():
        record_event(actor=b_holder.user, verb="case.complete", subject=cases[0], acting_for=a_holder.user)
    with time_machine.travel(acted_at + timedelta(microseconds=500_000), tick=False):
        absence_end(actor=a_holder.user, absence=trip)
    handover = Handover.objects.get(absence=trip)
    assert [matter.number for matter in matters_of([handover])[handover.pk]] == [cases[0].number]


def test_the_matters_are_grouped_by_subject_in_the_order_first_acted_on(handover, cases):
    matters = matters_of([handover])[handover.pk]
    assert [matter.number for matter in matters] == [cases[0].number, cases[1].number]
    assert [len(matter.events) for matter in matters] == [2, 1]


def test_drawing_up_twice_gives_the_same_handover_and_one_event_and_message(trip, cases, b_holder):
    with time_machine.travel(at(BACK), tick=False):
        first = handover_draw_up(absence=trip)
        second = handover_draw_up(absence=trip)
    assert first == second
    assert Handover.objects.count() == 1
    assert AuditEvent.objects.filter(verb="handover.draw_up").count() == 1
    assert Message.objects.filter(recipient=b_holder.user, kind="handover.draw_up").count() == 1


def test_an_absence_not_ended_or_cancelled_is_not_drawn_up(trip, a_holder, away):
    with time_machine.travel(at("2026-12-08 17:59"), tick=False):
        assert handover_draw_up(absence=trip) is None
    cancelled = away(a_holder, "2026-12-01 09:00", "2026-12-01 18:00", cancelled_at=at("2026-11-30 09:00"))
    with time_machine.travel(at(BACK), tick=False):
        assert handover_draw_up(absence=cancelled) is None
    assert not Handover.objects.exists()


def test_with_nothing_done_the_cover_is_who_answered_for_the_post(trip, a_holder, b_holder):
    with time_machine.travel(at(BACK), tick=False):
        handover = handover_draw_up(absence=trip)
    assert handover.cover == b_holder
    assert matters_of([handover])[handover.pk] == []


def test_a_must_acknowledge_within_the_set_working_days_of_the_hand_over(handover, a_holder, b_holder):
    # Drawn up on Tuesday evening: one working day after Tuesday, until handed over.
    assert handover.acknowledge_by == date(2026, 12, 9)
    with time_machine.travel(at("2026-12-11 16:00"), tick=False):  # Friday
        handed = handover_hand_over(
            actor=b_holder.user, handover=handover, remarks=" 王先生的申请缺营业执照 "
        )
    assert (handed.status, handed.remarks, handed.acknowledge_by) == (
        HandoverStatus.HANDED,
        "王先生的申请缺营业执照",
        date(2026, 12, 14),  # the next working day: Monday
    )
    message = Message.objects.get(recipient=a_holder.user, kind="handover.hand_over")
    assert "2026-12-14" in message.body and message.link == f"/posts/handovers/{handover.pk}/"
    with time_machine.travel(at("2026-12-14 09:00"), tick=False):
        done = handover_acknowledge(actor=a_holder.user, handover=handover)
    assert (done.status, done.acknowledged_at) == (HandoverStatus.ACKNOWLEDGED, at("2026-12-14 09:00"))
    event = AuditEvent.objects.for_object(handover).get(verb="handover.acknowledge")
    assert (event.actor, event.before["status"], event.after["status"]) == (
        a_holder.user,
        "handed",
        "acknowledged",
    )


def test_only_the_cover_hands_over_and_only_a_acknowledges(handover, a_holder, b_holder, chief):
    for someone in (a_holder, chief):
        with pytest.raises(PermissionDenied):
            handover_hand_over(actor=someone.user, handover=handover, remarks="")
    handover_hand_over(actor=b_holder.user, handover=handover, remarks="")
    for someone in (b_holder, chief):
        with pytest.raises(PermissionDenied):
            handover_acknowledge(actor=someone.user, handover=handover)


def test_the_wrong_state_is_refused_clearly(handover, a_holder, b_holder):
    with pytest.raises(ConflictError, match="尚未移交"):
        handover_acknowledge(actor=a_holder.user, handover=handover)
    handover_hand_over(actor=b_holder.user, handover=handover, remarks="")
    with pytest.raises(ConflictError):
        handover_hand_over(actor=b_holder.user, handover=handover, remarks="again")
    handover_acknowledge(actor=a_holder.user, handover=handover)
    with pytest.raises(ConflictError, match="已确认接收"):
        handover_acknowledge(actor=a_holder.user, handover=handover)
    assert AuditEvent.objects.filter(verb="handover.acknowledge").count() == 1
