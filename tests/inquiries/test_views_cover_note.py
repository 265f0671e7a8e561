"""Rule 4 on the inquiry page: while A is away, B taking A's acknowledged
inquiry sees that they act for A, and keeps a note of what they could not
handle (/inquiries/<id>/cover-note/), for A's handover."""

import pytest
import time_machine
from django.utils import translation

from abpositions.models import CoverNote
from audit.models import AuditEvent
from inquiries.services import transfer_acknowledge
from org.roles import Role
from tests.abpositions.conftest import at as moment
from tests.abpositions.conftest import away  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def inquiry(transferred, a_holder):
    """Transferred to A before A left; A acknowledged it: A's own inquiry."""
    with time_machine.travel(moment("2026-12-08 08:30"), tick=False):
        transfer_acknowledge(actor=a_holder.user, transfer=transferred)
    return transferred.inquiry


@pytest.fixture
def trip(post, a_holder, away):  # noqa: F811
    return away(a_holder, "2026-12-08 09:00", "2026-12-10 18:00")


@pytest.fixture
def transferred(log_inquiry, clerk, a_holder):
    from inquiries.models import Outcome, Transfer
    from inquiries.services import inquiry_record_outcome

    with time_machine.travel(moment("2026-12-08 08:00"), tick=False):
        inquiry = log_inquiry(asked=[clerk])
        inquiry_record_outcome(
            actor=clerk.user, inquiry=inquiry, outcome=Outcome.TRANSFER, transfer_to=a_holder
        )
    return Transfer.objects.get(inquiry=inquiry)


def on(text):
    return time_machine.travel(moment(text), tick=False)


def url(inquiry):
    return f"/inquiries/{inquiry.pk}/cover-note/"


def test_b_sees_they_act_for_a_and_keeps_a_note_for_the_handover(
    login, inquiry, a_holder, b_holder, trip, django_assert_max_num_queries
):
    with on("2026-12-09 10:00"), translation.override("zh-hans"):
        client = login(b_holder)
        page = client.get(f"/inquiries/{inquiry.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        assert "代岗（代A岗张三）" in page and 'data-testid="cover-notes"' in page
        with django_assert_max_num_queries(20):
            response = client.post(url(inquiry), {"text": "来访人未接电话，明日再回"})
        assert response["Location"] == f"/inquiries/{inquiry.pk}/"
        page = client.get(f"/inquiries/{inquiry.pk}/").content.decode()
    note = CoverNote.objects.get()
    assert (note.absence, note.author, note.text) == (trip, b_holder, "来访人未接电话，明日再回")
    assert note.subject_label.startswith(inquiry.number)
    assert "来访人未接电话" in page
    event = AuditEvent.objects.get(verb="cover_note.add")
    assert (event.actor, event.acting_for) == (b_holder.user, a_holder.user)


def test_an_empty_note_is_refused_in_words(login, inquiry, b_holder, trip):
    with on("2026-12-09 10:00"), translation.override("zh-hans"):
        response = login(b_holder).post(
            url(inquiry), {"text": "  "}, follow=True, HTTP_ACCEPT_LANGUAGE="zh-hans"
        )
    assert "交接" in " ".join(str(message) for message in response.context["messages"])
    assert not CoverNote.objects.exists()


def test_the_note_is_posted_only(login, inquiry, b_holder, trip):
    with on("2026-12-09 10:00"):
        assert login(b_holder).get(url(inquiry)).status_code == 405


def test_anonymous_is_sent_to_log_in(client, inquiry, trip):
    with on("2026-12-09 10:00"):
        assert client.post(url(inquiry), {"text": "x"})["Location"].startswith("/accounts/login/")
    assert not CoverNote.objects.exists()


def test_a_at_work_or_someone_not_covering_keeps_no_note(login, inquiry, a_holder, make_staff, trip):
    colleague = make_staff(Role.HANDLER, name="同科室小陈")
    with on("2026-12-09 10:00"):
        assert login(colleague).post(url(inquiry), {"text": "x"}).status_code == 404
        # A themself is no cover of their own: refused.
        assert login(a_holder).post(url(inquiry), {"text": "x"}).status_code in (302, 403)
    assert not CoverNote.objects.exists()


def test_another_sections_chief_gets_404(login, other_chief, inquiry, trip):
    with on("2026-12-09 10:00"):
        assert login(other_chief).post(url(inquiry), {"text": "x"}).status_code == 404


def test_once_a_is_back_the_note_is_refused_with_the_reason(login, inquiry, b_holder, chief, trip):
    with on("2026-12-11 10:00"), translation.override("zh-hans"):
        response = login(chief).post(url(inquiry), {"text": "x"}, follow=True, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert "已返岗" in " ".join(str(message) for message in response.context["messages"])
    assert not CoverNote.objects.exists()
