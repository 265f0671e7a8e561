"""The register of reports and complaints: /inquiries/register/."""

import pytest
import time_machine

from inquiries.models import InquiryKind, Outcome
from inquiries.services import inquiry_record_outcome
from org.roles import Role
from tests.inquiries.conftest import at

URL = "/inquiries/register/"


@pytest.fixture(autouse=True)
def today(official_calendar):
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


@pytest.fixture
def reports(log_inquiry, front_desk, make_staff, other_department):
    ours = log_inquiry(
        asked=[front_desk], kind=InquiryKind.REPORT, subject="举报无证经营", visitor_phone="13900001111"
    )
    earlier = log_inquiry(
        asked=[front_desk],
        kind=InquiryKind.REPORT,
        subject="投诉窗口服务态度",
        visitor_phone="13900002222",
        asked_at=at(2026, 11, 2),
    )
    inquiry_record_outcome(actor=front_desk.user, inquiry=earlier, outcome=Outcome.HANDLED, note="已调查")
    desk = make_staff(Role.FRONT_DESK, department=other_department, name="他科前台")
    theirs = log_inquiry(
        asked=[desk], actor=desk, kind=InquiryKind.REPORT, subject="举报虚假广告", visitor_phone="13900003333"
    )
    consultation = log_inquiry(asked=[front_desk])
    return {"ours": ours, "earlier": earlier, "theirs": theirs, "consultation": consultation}


def numbers(response):
    return [inquiry.number for inquiry in response.context["page"]]


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["front_desk", "handler", "administrator"])
def test_only_chiefs_and_supervisors(role, request, login):
    assert login(request.getfixturevalue(role)).get(URL).status_code == 403


def test_a_chief_sees_the_reports_of_their_section_with_the_contact_masked(login, chief, reports):
    response = login(chief).get(URL)
    assert numbers(response) == [reports["ours"].number, reports["earlier"].number]
    page = response.content.decode()
    assert "举报无证经营" in page
    assert "<th>事由</th>" in page and "办件事项" not in page  # an inquiry's subject, not a case's matter
    assert 'data-phone="139****1111"' in page
    assert "13900001111" not in page
    assert reports["theirs"].number not in page
    assert reports["consultation"].number not in page
    assert "department" not in response.context["filter"].form.fields


def test_a_supervisor_sees_every_report_with_the_contact_masked(login, supervisor, reports, other_department):
    client = login(supervisor)
    response = client.get(URL)
    assert sorted(numbers(response)) == sorted(reports[k].number for k in ("ours", "earlier", "theirs"))
    page = response.content.decode()
    assert 'data-phone="139****1111"' in page
    assert 'data-phone="139****3333"' in page
    assert "13900001111" not in page
    assert "13900003333" not in page
    response = client.get(URL, {"department": other_department.pk})
    assert numbers(response) == [reports["theirs"].number]
    assert response.context["department"] == other_department
    assert [card["count"] for card in response.context["cards"]] == [1, 1, 0, 0]


def test_a_chief_who_took_the_report_sees_its_contact_masked_in_the_list_too(login, log_inquiry, chief):
    log_inquiry(
        asked=[chief], actor=chief, kind=InquiryKind.REPORT, subject="举报", visitor_phone="13900004444"
    )
    page = login(chief).get(URL).content.decode()
    assert 'data-phone="139****4444"' in page
    assert "13900004444" not in page


def test_filters_by_date_range_and_status_and_the_counts(login, chief, reports):
    client = login(chief)
    assert numbers(client.get(URL, {"asked_from": "2026-11-10"})) == [reports["ours"].number]
    assert numbers(client.get(URL, {"asked_to": "2026-11-09"})) == [reports["earlier"].number]
    assert numbers(client.get(URL, {"status": "closed"})) == [reports["earlier"].number]
    assert numbers(client.get(URL, {"status": "open"})) == [reports["ours"].number]
    # registered, not closed, flagged, closed: under the date filter, whatever the status.
    response = client.get(URL, {"status": "closed"})
    assert [card["count"] for card in response.context["cards"]] == [2, 1, 0, 1]
    response = client.get(URL, {"asked_from": "2026-11-10"})
    assert [card["count"] for card in response.context["cards"]] == [1, 1, 0, 0]


def test_bad_filter_values_are_not_a_500(login, chief, supervisor, reports):
    params = {"asked_from": "2026-13-45", "department": "abc", "status": "?", "page": "x"}
    for staff in (chief, supervisor):
        assert login(staff).get(URL, params).status_code == 200


def test_thirty_reports_in_a_constant_number_of_queries(
    login, log_inquiry, front_desk, chief, supervisor, django_assert_max_num_queries
):
    for n in range(30):
        log_inquiry(asked=[front_desk], kind=InquiryKind.REPORT, subject=f"举报{n}")
    for staff in (chief, supervisor):
        client = login(staff)
        with django_assert_max_num_queries(13):
            response = client.get(URL)
        assert len(response.context["page"]) == 30
