"""Absences: who may register them, the both-away refusal, the chief's cover, cancel and "I am back"."""

from datetime import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from abpositions import cover
from abpositions.cover import Basis
from abpositions.models import Absence, AbsenceKind
from abpositions.services_absences import absence_cancel, absence_end, absence_register
from audit.models import AuditEvent
from core.errors import ConflictError
from messaging.models import Message
from tests.abpositions.conftest import at

pytestmark = pytest.mark.django_db
NOW = at("2026-12-07 08:00")


@pytest.fixture(autouse=True)
def monday_morning():
    with time_machine.travel(NOW, tick=False):
        yield


def register(actor, staff, start, end, **extra):
    extra.setdefault("contact", "13800000000")
    extra.setdefault("kind", AbsenceKind.TRIP)
    return absence_register(actor=actor.user, staff=staff, start=at(start), end=at(end), **extra)


def test_a_holder_registers_their_trip_and_b_answers_from_its_first_minute(post, a_holder, b_holder):
    absence = register(a_holder, a_holder, "2026-12-07 23:30", "2026-12-08 08:00", note="赴省厅")
    assert (absence.staff, absence.contact, absence.registered_by) == (a_holder, "13800000000", a_holder.user)
    assert cover.who_answers(post, at("2026-12-07 23:29")).staff == a_holder
    assert cover.who_answers(post, at("2026-12-07 23:30")).staff == b_holder
    assert cover.who_answers(post, at("2026-12-08 07:59")).staff == b_holder  # across midnight
    assert cover.who_answers(post, at("2026-12-08 08:00")).staff == a_holder
    event = AuditEvent.objects.get(verb="absence.register")
    assert event.after["kind"] == "trip" and event.reason == "赴省厅"


def test_seconds_are_dropped_so_the_absence_runs_to_the_minute(a_holder):
    start = datetime(2026, 12, 7, 9, 0, 42, tzinfo=at("2026-12-07 09:00").tzinfo)
    absence = absence_register(
        actor=a_holder.user,
        staff=a_holder,
        kind="leave",
        start=start,
        end=at("2026-12-07 12:00"),
        contact="x",
    )
    assert absence.start == at("2026-12-07 09:00")


@pytest.mark.parametrize(
    ("start", "end", "contact", "field"),
    [
        ("2026-12-07 09:00", "2026-12-07 09:00", "13800000000", "end"),
        ("2026-12-07 10:00", "2026-12-07 09:00", "13800000000", "end"),
        ("2026-12-07 09:00", "2026-12-07 12:00", "  ", "contact"),
        ("2026-12-06 09:00", "2026-12-06 12:00", "13800000000", "end"),
    ],
)
def test_bad_spans_and_a_missing_contact_are_refused(a_holder, start, end, contact, field):
    with pytest.raises(ValidationError) as error:
        register(a_holder, a_holder, start, end, contact=contact)
    assert field in error.value.message_dict
    assert not Absence.objects.exists()


def test_a_naive_time_is_refused(a_holder):
    with pytest.raises(ValidationError) as error:
        absence_register(
            actor=a_holder.user,
            staff=a_holder,
            kind="trip",
            start=datetime(2026, 12, 7, 9, 0),
            end=datetime(2026, 12, 7, 12, 0),
            contact="x",
        )
    assert "start" in error.value.message_dict


def test_overlapping_own_absence_is_refused(a_holder):
    register(a_holder, a_holder, "2026-12-07 09:00", "2026-12-07 12:00")
    with pytest.raises(ValidationError):
        register(a_holder, a_holder, "2026-12-07 11:59", "2026-12-07 15:00", kind=AbsenceKind.MEETING)


def test_both_holders_away_at_an_overlapping_minute_is_refused_naming_the_post(post, a_holder, b_holder):
    register(a_holder, a_holder, "2026-12-07 09:00", "2026-12-08 18:00")
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        register(b_holder, b_holder, "2026-12-08 17:59", "2026-12-09 12:00")
    assert "许可审查岗" in error.value.messages[0]
    assert "同时" in error.value.messages[0]
    assert Absence.objects.filter(staff=b_holder).count() == 0


def test_adjacent_absences_of_the_two_holders_are_fine(post, a_holder, b_holder):
    register(a_holder, a_holder, "2026-12-07 09:00", "2026-12-08 18:00")
    register(b_holder, b_holder, "2026-12-08 18:00", "2026-12-09 12:00")
    assert cover.who_answers(post, at("2026-12-08 18:00")).staff == a_holder


def test_a_cancelled_absence_of_the_partner_does_not_refuse(post, a_holder, b_holder):
    trip = register(a_holder, a_holder, "2026-12-07 09:00", "2026-12-08 18:00")
    absence_cancel(actor=a_holder.user, absence=trip)
    register(b_holder, b_holder, "2026-12-07 10:00", "2026-12-07 12:00")


def test_the_chief_registers_both_away_naming_a_cover_who_then_answers(
    post, a_holder, b_holder, chief, make_staff
):
    colleague = make_staff(name="同事王五")
    register(a_holder, a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    absence = register(chief, b_holder, "2026-12-08 09:00", "2026-12-08 18:00", cover=colleague)
    assert absence.registered_by == chief.user and absence.cover == colleague
    answer = cover.who_answers(post, at("2026-12-08 10:00"))
    assert (answer.staff, answer.basis) == (colleague, Basis.COVER)
    message = Message.objects.get(recipient=colleague.user)
    assert "许可审查岗" in message.body


def test_the_chief_keeps_the_post_themselves(post, a_holder, b_holder, chief):
    register(a_holder, a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    absence = register(chief, b_holder, "2026-12-08 09:00", "2026-12-08 18:00", chief_keeps=True)
    assert absence.cover == chief
    assert cover.who_answers(post, at("2026-12-08 10:00")).basis == Basis.COVER
    assert not Message.objects.filter(kind="absence.cover").exists()  # nobody to tell but themselves


def test_the_chief_without_a_cover_is_refused_too(post, a_holder, b_holder, chief):
    register(a_holder, a_holder, "2026-12-07 09:00", "2026-12-09 18:00")
    with pytest.raises(ValidationError):
        register(chief, b_holder, "2026-12-08 09:00", "2026-12-08 18:00")


def test_a_holder_may_not_name_a_cover(post, a_holder, b_holder, make_staff):
    with pytest.raises(PermissionDenied):
        register(b_holder, b_holder, "2026-12-08 09:00", "2026-12-08 18:00", cover=make_staff(name="王五"))


def test_nobody_else_registers_someone_s_absence(a_holder, b_holder, other_chief, supervisor):
    for actor in (b_holder, other_chief, supervisor):
        with pytest.raises(PermissionDenied):
            register(actor, a_holder, "2026-12-08 09:00", "2026-12-08 18:00")


def test_cancel_before_it_begins_then_nothing_more(a_holder, chief):
    trip = register(a_holder, a_holder, "2026-12-08 09:00", "2026-12-08 18:00")
    absence_cancel(actor=chief.user, absence=trip)
    trip.refresh_from_db()
    assert trip.cancelled_at == NOW
    with pytest.raises(ConflictError):
        absence_cancel(actor=a_holder.user, absence=trip)
    with pytest.raises(ConflictError):
        absence_end(actor=a_holder.user, absence=trip)


def test_a_begun_absence_is_not_cancelled_but_ended(post, a_holder, b_holder):
    trip = register(a_holder, a_holder, "2026-12-07 08:00", "2026-12-09 18:00")
    with pytest.raises(ConflictError):
        absence_cancel(actor=a_holder.user, absence=trip)
    with time_machine.travel(at("2026-12-08 10:15"), tick=False):
        assert cover.who_answers(post).staff == b_holder
        absence_end(actor=a_holder.user, absence=trip)
        assert cover.who_answers(post).staff == a_holder
    trip.refresh_from_db()
    assert trip.end == trip.ended_early_at == at("2026-12-08 10:15")
    assert cover.who_answers(post, at("2026-12-08 10:14")).staff == b_holder
    event = AuditEvent.objects.get(verb="absence.end")
    assert event.before["end"].startswith("2026-12-09T18:00")
    with time_machine.travel(at("2026-12-08 10:20"), tick=False), pytest.raises(ConflictError):
        absence_end(actor=a_holder.user, absence=trip)


def test_ending_one_that_has_not_begun_is_refused(a_holder):
    trip = register(a_holder, a_holder, "2026-12-08 09:00", "2026-12-08 18:00")
    with pytest.raises(ConflictError):
        absence_end(actor=a_holder.user, absence=trip)


def test_only_the_absent_or_their_chief_change_it(a_holder, b_holder, other_chief):
    trip = register(a_holder, a_holder, "2026-12-08 09:00", "2026-12-08 18:00")
    for actor in (b_holder, other_chief):
        with pytest.raises(PermissionDenied):
            absence_cancel(actor=actor.user, absence=trip)


def test_the_chief_cannot_keep_the_posts_during_their_own_absence(chief):
    with pytest.raises(ValidationError) as error:
        register(chief, chief, "2026-12-08 09:00", "2026-12-08 18:00", chief_keeps=True)
    assert "cover" in error.value.message_dict
