"""The inquiry page's "show the full number": POST /inquiries/<pk>/contact/."""

import pytest
import time_machine

from audit.models import AuditEvent
from inquiries.models import InquiryKind
from tests.inquiries.conftest import at, english

VIEWED = "personal_data.viewed"


@pytest.fixture(autouse=True)
def today(official_calendar):
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


@pytest.fixture
def inquiry(log_inquiry, front_desk, clerk, deputy_chief):
    return log_inquiry(asked=[front_desk, clerk, deputy_chief], visitor_id_number="110105199003071234")


@pytest.fixture
def report(log_inquiry, front_desk):
    return log_inquiry(
        asked=[front_desk], kind=InquiryKind.REPORT, subject="举报无证经营", visitor_phone="13900001111"
    )


def url(inquiry):
    return f"/inquiries/{inquiry.pk}/contact/"


def views_of(inquiry):
    return AuditEvent.objects.for_object(inquiry).filter(verb=VIEWED)


@pytest.mark.parametrize("role", ["front_desk", "deputy_chief", "chief", "supervisor"])
def test_who_deals_with_the_visitor_sees_the_full_number_and_the_sight_is_logged(
    role, request, login, inquiry
):
    staff = request.getfixturevalue(role)
    response = login(staff).post(url(inquiry))
    page = response.content.decode()
    assert response.status_code == 200
    assert "13812345678" in page
    assert "110105199003071234" in page
    assert 'data-testid="reveal-contact"' not in page
    event = views_of(inquiry).get()
    assert event.actor == staff.user
    assert event.subject_id == str(inquiry.pk)
    assert event.after == {"visitor_phone": True, "visitor_id_number": True}


def test_each_reveal_is_logged_once(login, front_desk, inquiry):
    client = login(front_desk)
    client.post(url(inquiry))
    client.post(url(inquiry))
    assert views_of(inquiry).count() == 2


def test_only_the_fields_on_record_are_named(login, front_desk, log_inquiry):
    inquiry = log_inquiry(asked=[front_desk])
    login(front_desk).post(url(inquiry))
    assert views_of(inquiry).get().after == {"visitor_phone": True}


def test_a_colleague_only_asked_is_refused_and_nothing_is_logged(login, clerk, inquiry):
    response = login(clerk).post(url(inquiry))
    assert response.status_code == 403
    assert b"13812345678" not in response.content
    assert not views_of(inquiry).exists()


def test_a_chief_is_refused_a_reporters_number_a_supervisor_is_not(login, chief, supervisor, report):
    assert login(chief).post(url(report)).status_code == 403
    assert not views_of(report).exists()
    assert "13900001111" in login(supervisor).post(url(report)).content.decode()
    assert views_of(report).get().actor == supervisor.user


@pytest.mark.parametrize("role", ["handler", "other_chief"])
def test_who_may_not_see_the_inquiry_gets_404(role, request, login, inquiry):
    assert login(request.getfixturevalue(role)).post(url(inquiry)).status_code == 404
    assert not views_of(inquiry).exists()


def test_a_get_is_refused(login, front_desk, inquiry):
    assert login(front_desk).get(url(inquiry)).status_code == 405
    assert not views_of(inquiry).exists()


def test_anonymous_is_sent_to_login(client, inquiry):
    response = client.post(url(inquiry))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not views_of(inquiry).exists()


def test_the_reveal_takes_a_bounded_number_of_queries(
    login, front_desk, inquiry, django_assert_max_num_queries
):
    client = login(front_desk)
    with django_assert_max_num_queries(24):
        assert client.post(url(inquiry)).status_code == 200


def test_the_history_panel_names_who_looked_and_at_what_and_shows_no_number(login, front_desk, inquiry):
    client = english(login(front_desk))
    client.post(url(inquiry))
    page = client.get(f"/inquiries/{inquiry.pk}/").content.decode()
    assert "Personal data viewed" in page
    assert "visitor&#x27;s phone" in page
    assert "13812345678" not in page
    assert "110105199003071234" not in page
