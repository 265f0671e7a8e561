"""The demo's rule 4, played with the cases' history: 刘志强's leave two weeks
ago, covered by his B holder, handed over and acknowledged; 张建国 on a trip
now, his B holder covering, a consent waiting for the chief and a note kept;
the audit trail in time order, and a second run adds nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse

from abpositions import cover
from abpositions import demo as abpositions_demo
from abpositions.models import Absence, ConsentStatus, CoverConsent, CoverNote, Handover, HandoverStatus
from abpositions.selectors_handovers import matters_of
from audit.models import AuditEvent
from commitments import demo as commitments_demo
from deadlines import demo as deadlines_demo
from deadlines.models import Case
from deadlines.services import is_urgent
from messaging.models import Message
from org import demo as org_demo
from org.models import Post
from tests.abpositions.conftest import at

pytestmark = pytest.mark.django_db

SEEDED = at("2026-12-03 10:00")


def _seed_all():
    org_demo.seed()
    commitments_demo.seed()
    abpositions_demo.seed()
    deadlines_demo.seed()


@pytest.fixture
def seeded():
    with time_machine.travel(SEEDED, tick=False):
        _seed_all()
        yield


def _verbs(subject):
    return [(event.verb, event.at) for event in AuditEvent.objects.for_object(subject).order_by("seq")]


@pytest.mark.parametrize("moment", ["2026-12-03 10:00", "2026-12-03 07:00"])
def test_the_a_holder_on_his_trip_registered_it_the_day_before_and_b_answers(moment, client):
    with time_machine.travel(at(moment), tick=False):
        _seed_all()
        trip = Absence.objects.get(staff__name="张建国")
        assert trip.start <= at(moment) < trip.end
        [(verb, registered)] = _verbs(trip)
        assert verb == "absence.register" and registered < trip.start
        answer = cover.who_answers(Post.objects.get(name="许可审查岗"))
        assert (answer.staff.name, answer.basis) == ("钱伟", cover.Basis.B)
        assert answer.a_absence.contact
        # B's own case list shows A's open cases, marked.
        client.force_login(answer.staff.user)
        page = client.get(reverse("cases:mine")).content.decode()
        assert "代岗（代张建国）" in page


def test_the_past_leave_was_covered_handed_over_with_its_matter_and_acknowledged(seeded, client):
    leave = Absence.objects.get(staff__name="刘志强")
    assert leave.end < SEEDED - timedelta(days=7)
    handover = Handover.objects.select_related("cover").get(absence=leave)
    assert (handover.status, handover.cover.name) == (HandoverStatus.ACKNOWLEDGED, "卫芳")
    assert handover.remarks
    # Each step at its own time: registered before he left, back early, handed over, acknowledged next day.
    assert [verb for verb, _at in _verbs(leave)] == ["absence.register", "absence.end"]
    (_, registered), (_, ended) = _verbs(leave)
    assert registered < leave.start and ended == leave.end == leave.ended_early_at
    assert _verbs(handover) == [
        ("handover.draw_up", leave.end),
        ("handover.hand_over", handover.handed_at),
        ("handover.acknowledge", handover.acknowledged_at),
    ]
    assert leave.end < handover.handed_at < handover.acknowledged_at
    assert handover.acknowledged_at.date() <= handover.acknowledge_by
    # What B did for him while he was away is the handover's matter.
    [matter] = matters_of([handover])[handover.pk]
    case = Case.objects.get(pk=matter.id)
    assert case.handler.name == "刘志强"
    assert [(event.verb, event.actor) for event in matter.events] == [("case.start", "卫芳")]
    assert leave.start <= matter.events[0].at < leave.end
    client.force_login(leave.staff.user)
    page = client.get(reverse("abpositions:handover", args=[handover.pk])).content.decode()
    assert case.number in page and handover.remarks in page


def test_b_asked_the_chiefs_consent_on_an_urgent_case_and_kept_a_note(seeded, client):
    trip = Absence.objects.get(staff__name="张建国")
    consent = CoverConsent.objects.select_related("cover").get()
    assert (consent.absence, consent.status, consent.cover.name) == (trip, ConsentStatus.ASKED, "钱伟")
    urgent = Case.objects.get(pk=consent.subject_id)
    assert urgent.handler == trip.staff and is_urgent(urgent)
    assert trip.start <= consent.asked_at <= SEEDED
    client.force_login(get_user_model().objects.get(username="chief"))  # 李红梅, the section's chief
    page = client.get(reverse("abpositions:queue")).content.decode()
    assert f'data-consent="{consent.pk}"' in page and urgent.number in page
    assert Message.objects.filter(kind="cover_consent.ask", recipient__username="chief").exists()
    note = CoverNote.objects.select_related("author").get()
    assert (note.absence, note.author.name) == (trip, "钱伟")
    assert Case.objects.get(pk=note.subject_id).handler == trip.staff
    assert trip.start <= note.at <= SEEDED


def test_rule_4_is_appended_in_time_order_with_the_cases_history(seeded):
    first_case = AuditEvent.objects.filter(verb="case.open").order_by("seq").first()
    history = list(AuditEvent.objects.filter(seq__gte=first_case.seq).order_by("seq"))
    moments = [event.at for event in history]
    assert moments == sorted(moments)
    rule_4 = {
        event.verb
        for event in history
        if event.verb.split(".")[0] in ("absence", "handover", "cover_consent", "cover_note")
    }
    assert rule_4 == {
        "absence.register",
        "absence.end",
        "handover.draw_up",
        "handover.hand_over",
        "handover.acknowledge",
        "cover_consent.ask",
        "cover_note.add",
    }


def _state():
    return (
        list(Absence.objects.order_by("pk").values_list("pk", "start", "end", "ended_early_at")),
        list(Handover.objects.values_list("pk", "status")),
        list(CoverConsent.objects.values_list("pk", "status")),
        CoverNote.objects.count(),
        AuditEvent.objects.count(),
        Message.objects.count(),
    )


def test_a_second_run_changes_nothing(seeded):
    first = _state()
    with time_machine.travel(SEEDED + timedelta(hours=2), tick=False):
        _seed_all()
        assert abpositions_demo.seed() == "2 absences, 1 away now, 1 of 1 handovers acknowledged"
    assert _state() == first
