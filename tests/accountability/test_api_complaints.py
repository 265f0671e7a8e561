"""Efficiency complaints in the API: ``complaints/`` (filed by anyone, throttled
without login), ``complaints/{id}/`` and its ``accept|decline|extend|answer/``
(supervisors only)."""

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accountability.models import Complaint, ComplaintChannel, ComplaintStatus, Record, Source
from accountability.services_complaints import complaint_accept, complaint_file
from audit.models import AuditEvent
from tests.accountability.conftest import at

pytestmark = pytest.mark.django_db

LIST = "/api/v1/complaints/"
PHONE = "13812345678"


def detail_url(complaint):
    return f"{LIST}{complaint.pk}/"


def action_url(complaint, name):
    return f"{LIST}{complaint.pk}/{name}/"


def body(**fields):
    return {
        "subject": "窗口推诿",
        "description": "12月2日上午在三号窗口办理营业执照，工作人员以系统故障为由让我改日再来。",
        "complainant_name": "王先生",
        "complainant_phone": PHONE,
        **fields,
    }


@pytest.fixture(autouse=True)
def _thursday_3_december(official_calendar):
    with time_machine.travel(at(2026, 12, 3), tick=False):
        yield


@pytest.fixture(autouse=True)
def _no_throttle_count_carried_over():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def complaint(handler):
    return complaint_file(actor=None, about_staff=handler, **body())


@pytest.fixture
def accepted(complaint, supervisor):
    return complaint_accept(actor=supervisor.user, complaint=complaint)


def _ids(client, **params):
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# --- create ---------------------------------------------------------------------------------


def test_anyone_files_a_complaint_without_login_and_gets_its_number(handler, department):
    response = APIClient().post(
        LIST, body(about_staff=handler.pk, about_number="202612010001"), format="json"
    )
    assert response.status_code == 201, response.content
    answer = response.json()
    assert set(answer) == {"id", "number", "status", "accept_due"}
    assert answer["number"].startswith("TS20261203")
    # Seven working days from Thursday 3 December.
    assert (answer["status"], answer["accept_due"]) == ("received", "2026-12-14")
    complaint = Complaint.objects.get(pk=answer["id"])
    assert (complaint.channel, complaint.logged_by, complaint.complainant_phone) == (
        ComplaintChannel.API,
        None,
        PHONE,
    )
    assert (complaint.about_staff, complaint.about_department) == (handler, department)
    assert AuditEvent.objects.filter(verb="complaint.file").count() == 1


def test_an_anonymous_complaint_needs_no_name_or_phone_and_keeps_none(handler):
    data = body(anonymous=True, complainant_name="", complainant_phone="")
    response = APIClient().post(LIST, data, format="json")
    assert response.status_code == 201, response.content
    complaint = Complaint.objects.get(pk=response.json()["id"])
    assert complaint.anonymous and (complaint.complainant_name, complaint.complainant_phone) == ("", "")


def test_a_staff_member_filing_it_is_logged_as_from_staff(api, handler):
    response = api(handler).post(LIST, body(), format="json")
    assert response.status_code == 201, response.content
    complaint = Complaint.objects.get(pk=response.json()["id"])
    assert (complaint.channel, complaint.logged_by) == (ComplaintChannel.STAFF, handler)


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"subject": "  "}, {"subject"}),
        ({"description": ""}, {"description"}),
        ({"complainant_name": "", "complainant_phone": ""}, {"complainant_name", "complainant_phone"}),
        ({"complainant_phone": "call me"}, {"complainant_phone"}),
        ({"about_staff": 999999}, {"about_staff"}),
        ({"about_department": "x"}, {"about_department"}),
        ({"anonymous": "perhaps"}, {"anonymous"}),
    ],
)
def test_bad_input_is_400_with_field_reasons_and_nothing_filed(change, fields):
    response = APIClient().post(LIST, body(**change), format="json")
    assert response.status_code == 400, response.content
    assert fields <= set(response.json())
    assert not Complaint.objects.exists()


def test_the_reasons_are_in_the_callers_language():
    chinese = APIClient().post(LIST, body(subject=""), format="json").json()
    english = APIClient().post(LIST, body(subject=""), format="json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert "不能为空" in chinese["subject"][0]
    assert "blank" in english["subject"][0]


def test_an_address_filing_past_the_limit_is_429_and_others_still_file(settings, api, handler):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "complaint": "2/min"},
    }
    visitor = APIClient(REMOTE_ADDR="203.0.113.7")
    assert [visitor.post(LIST, body(), format="json").status_code for _ in range(2)] == [201, 201]
    refused = visitor.post(LIST, body(), format="json")
    assert refused.status_code == 429
    assert refused.json()["detail"] and refused["Retry-After"]
    assert APIClient(REMOTE_ADDR="203.0.113.8").post(LIST, body(), format="json").status_code == 201
    # Staff logging complaints at the desk are not counted against the address.
    staff = api(handler)
    assert [staff.post(LIST, body(), format="json").status_code for _ in range(3)] == [201, 201, 201]
    assert Complaint.objects.count() == 6


# --- who may read and act -----------------------------------------------------------------


def test_without_credentials_only_filing_is_open(complaint):
    client = APIClient()
    assert client.get(LIST).status_code == 401
    assert client.get(detail_url(complaint)).status_code == 401
    for name, data in [
        ("accept", {}),
        ("decline", {"reason": "不属于效能投诉"}),
        ("extend", {"reason": "x"}),
    ]:
        assert client.post(action_url(complaint, name), data, format="json").status_code == 401
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED


@pytest.mark.parametrize("role", ["front_desk", "handler", "chief", "administrator"])
def test_a_role_other_than_supervisor_is_403_whatever_it_sends(role, request, api, complaint):
    client = api(request.getfixturevalue(role))
    assert client.get(LIST).status_code == 403
    assert client.get(detail_url(complaint)).status_code == 403
    assert client.post(action_url(complaint, "accept"), {}, format="json").status_code == 403
    for name, data in [
        ("decline", {"reason": ""}),
        ("decline", {"reason": "不属于效能投诉"}),
        ("extend", {}),
        ("answer", {"answer": "x", "upheld": "maybe"}),
    ]:
        assert client.post(action_url(complaint, name), data, format="json").status_code == 403
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED


def test_a_complaint_that_is_not_there_is_404(api, supervisor):
    client = api(supervisor)
    assert client.get(f"{LIST}999999/").status_code == 404
    assert client.post(f"{LIST}999999/accept/", {}, format="json").status_code == 404


def test_wrong_methods_are_405(api, supervisor, complaint):
    client = api(supervisor)
    assert client.put(detail_url(complaint), body(), format="json").status_code == 405
    assert client.delete(detail_url(complaint)).status_code == 405
    assert client.get(action_url(complaint, "accept")).status_code == 405
    assert client.get(action_url(complaint, "answer")).status_code == 405


# --- list and detail ------------------------------------------------------------------------


def test_the_supervisor_reads_a_complaint_with_the_phone_masked(api, supervisor, handler, complaint):
    client = api(supervisor)
    row = client.get(LIST).json()["results"][0]
    one = client.get(detail_url(complaint)).json()
    for answer in (row, one):
        assert answer["complainant_phone"] == "138****5678"
        assert PHONE not in str(answer)
    assert (one["number"], one["status"], one["about_staff"], one["about_staff_name"]) == (
        complaint.number,
        "received",
        handler.pk,
        handler.name,
    )
    assert (one["upheld"], one["answer_due"], one["handled_by_name"], one["overdue"]) == (
        None,
        None,
        None,
        False,
    )


def test_the_supervisor_filters_by_status_and_overdue(api, supervisor, complaint, handler):
    with time_machine.travel(at(2026, 12, 1), tick=False):
        late = complaint_file(actor=None, **body(subject="电话无人接听"))
        answered_late = complaint_file(actor=None, **body(subject="多次跑腿"))
    complaint_accept(actor=supervisor.user, complaint=answered_late)
    client = api(supervisor)
    with time_machine.travel(at(2026, 12, 11), tick=False):
        # Due by 12-10 (from 12-01) is late on 12-11; due by 12-14 (from 12-03) is not.
        assert _ids(client, overdue="true") == {late.pk}
        assert _ids(client, overdue="false") == {complaint.pk, answered_late.pk}
        assert client.get(detail_url(late)).json()["overdue"] is True
    assert _ids(client, status="accepted") == {answered_late.pk}
    assert _ids(client, status="received") == {complaint.pk, late.pk}
    assert client.get(LIST, {"status": "lost"}).status_code == 400


def test_the_list_query_count_does_not_grow(api, supervisor, handler, department, complaint):
    client = api(supervisor)
    with CaptureQueriesContext(connection) as one:
        assert client.get(LIST).json()["count"] == 1
    for number in range(11):
        filed = complaint_file(
            actor=handler.user, about_department=department, **body(subject=f"投诉{number}")
        )
        if number % 2:
            complaint_accept(actor=supervisor.user, complaint=filed)
    with CaptureQueriesContext(connection) as many:
        assert client.get(LIST).json()["count"] == 12
    assert len(many) == len(one)


# --- acting on it ---------------------------------------------------------------------------


def test_the_supervisor_accepts_and_the_answer_is_due_in_fifteen_working_days(api, supervisor, complaint):
    response = api(supervisor).post(action_url(complaint, "accept"), format="json")
    assert response.status_code == 200, response.content
    answer = response.json()
    assert (answer["status"], answer["answer_due"], answer["handled_by"]) == (
        "accepted",
        "2026-12-24",
        supervisor.pk,
    )
    assert answer["accepted_at"] == "2026-12-03T10:00:00+08:00"
    again = api(supervisor).post(action_url(complaint, "accept"), format="json")
    assert again.status_code == 409 and again.json()["detail"]


def test_declining_needs_the_reason_the_complainant_is_told(api, supervisor, complaint):
    client = api(supervisor)
    without = client.post(action_url(complaint, "decline"), {"reason": " "}, format="json")
    assert without.status_code == 400 and without.json()["reason"]
    response = client.post(
        action_url(complaint, "decline"), {"reason": "属于信访事项，已告知渠道"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["decline_reason"]) == (
        "declined",
        "属于信访事项，已告知渠道",
    )
    assert client.post(action_url(complaint, "accept"), format="json").status_code == 409


def test_an_accepted_complaint_is_not_declined(api, supervisor, accepted):
    response = api(supervisor).post(action_url(accepted, "decline"), {"reason": "改变主意"}, format="json")
    assert response.status_code == 409
    accepted.refresh_from_db()
    assert accepted.status == ComplaintStatus.ACCEPTED


def test_the_answer_is_extended_once_with_a_reason(api, supervisor, handler):
    with time_machine.travel(at(2026, 11, 2), tick=False):
        complaint = complaint_accept(
            actor=supervisor.user, complaint=complaint_file(actor=None, about_staff=handler, **body())
        )
    assert str(complaint.answer_due) == "2026-11-23"
    client = api(supervisor)
    assert client.post(action_url(complaint, "extend"), {"reason": ""}, format="json").status_code == 400
    response = client.post(action_url(complaint, "extend"), {"reason": "需调取监控录像"}, format="json")
    assert response.status_code == 200, response.content
    # Thirty working days from the acceptance on Monday 2 November, not from today.
    assert (response.json()["answer_due"], response.json()["extend_reason"]) == (
        "2026-12-14",
        "需调取监控录像",
    )
    assert client.post(action_url(complaint, "extend"), {"reason": "再延"}, format="json").status_code == 409


def test_a_received_complaint_is_not_extended_or_answered(api, supervisor, complaint):
    client = api(supervisor)
    assert (
        client.post(action_url(complaint, "extend"), {"reason": "需调查"}, format="json").status_code == 409
    )
    data = {"answer": "经查属实", "upheld": True}
    assert client.post(action_url(complaint, "answer"), data, format="json").status_code == 409
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.RECEIVED


def test_an_upheld_answer_opens_the_persons_record(api, supervisor, handler, accepted):
    client = api(supervisor)
    assert (
        client.post(action_url(accepted, "answer"), {"answer": "经查属实"}, format="json").status_code == 400
    )
    data = {"answer": "经查属实，已批评教育", "upheld": True, "investigation": "调取了窗口录像"}
    response = client.post(action_url(accepted, "answer"), data, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["upheld"]) == ("answered", True)
    assert response.json()["investigation"] == "调取了窗口录像"
    record = Record.objects.get(source=Source.COMPLAINT)
    assert (record.source_id, record.staff) == (accepted.pk, handler)
    again = client.post(action_url(accepted, "answer"), data, format="json")
    assert again.status_code == 409
    assert Record.objects.count() == 1


def test_a_complaint_not_upheld_opens_no_record(api, supervisor, accepted):
    data = {"answer": "经核实，系系统升级所致，已向您说明", "upheld": False}
    response = api(supervisor).post(action_url(accepted, "answer"), data, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["upheld"] is False
    assert not Record.objects.exists()
