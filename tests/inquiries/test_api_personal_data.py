"""Personal data in the inquiries API: lists masked for every role; one
inquiry's GET shows it whole to who deals with the visitor, and logs it."""

import pytest
import time_machine

from audit.models import AuditEvent
from inquiries.models import InquiryKind
from tests.inquiries.conftest import at

LIST = "/api/v1/inquiries/"
VIEWED = "personal_data.viewed"


@pytest.fixture(autouse=True)
def tuesday(official_calendar):
    with time_machine.travel(at(2026, 11, 17), tick=False):
        yield


@pytest.fixture
def inquiry(log_inquiry, front_desk, clerk, deputy_chief):
    return log_inquiry(asked=[front_desk, clerk, deputy_chief], visitor_id_number="11010519491231002X")


@pytest.fixture
def report(log_inquiry, front_desk):
    return log_inquiry(asked=[front_desk], kind=InquiryKind.REPORT, visitor_id_number="11010519491231002X")


def views_of(inquiry):
    return AuditEvent.objects.for_object(inquiry).filter(verb=VIEWED)


@pytest.mark.parametrize("role", ["front_desk", "clerk", "chief", "supervisor"])
def test_the_list_masks_phone_and_id_number_for_every_role_and_logs_nothing(
    role, request, api, inquiry, report, django_assert_max_num_queries
):
    client = api(request.getfixturevalue(role))
    with django_assert_max_num_queries(12):
        response = client.get(LIST)
    rows = response.json()["results"]
    assert rows
    for row in rows:
        assert row["visitor_phone"] == "138****5678"
        assert row["visitor_id_number"] == "110105********002X"
    assert not AuditEvent.objects.filter(verb=VIEWED).exists()


@pytest.mark.parametrize("role", ["front_desk", "chief", "supervisor"])
def test_one_inquiry_is_whole_for_who_deals_with_the_visitor_and_the_sight_is_logged(
    role, request, api, inquiry
):
    staff = request.getfixturevalue(role)
    body = api(staff).get(f"{LIST}{inquiry.pk}/").json()
    assert body["visitor_phone"] == "13812345678"
    assert body["visitor_id_number"] == "11010519491231002X"
    event = views_of(inquiry).get()
    assert event.actor == staff.user
    assert event.after == {"visitor_phone": True, "visitor_id_number": True}


def test_a_colleague_only_asked_sees_it_masked_and_nothing_is_logged(api, clerk, inquiry):
    body = api(clerk).get(f"{LIST}{inquiry.pk}/").json()
    assert body["visitor_phone"] == "138****5678"
    assert body["visitor_id_number"] == "110105********002X"
    assert not views_of(inquiry).exists()


def test_a_chief_sees_a_reporters_contact_masked_and_nothing_is_logged(api, chief, supervisor, report):
    assert api(chief).get(f"{LIST}{report.pk}/").json()["visitor_phone"] == "138****5678"
    assert not views_of(report).exists()
    assert api(supervisor).get(f"{LIST}{report.pk}/").json()["visitor_phone"] == "13812345678"
    assert views_of(report).get().actor == supervisor.user


def test_an_outcome_recorded_answers_with_the_contact_masked_and_logs_no_sight(api, front_desk, inquiry):
    response = api(front_desk).post(f"{LIST}{inquiry.pk}/outcome/", {"outcome": "handled"}, format="json")
    assert response.status_code == 200
    assert response.json()["visitor_phone"] == "138****5678"
    assert not views_of(inquiry).exists()
