"""Refusals in the API: ``refusals/``, ``refusals/{id}/``, ``refusals/{id}/confirm|overturn/``
and ``refusals/{id}/pdf/``."""

import pytest
import time_machine
from constance import config

from audit.models import AuditEvent
from deadlines.models import CaseStatus
from deadlines.services import case_open
from inquiries.models import InquiryKind, InquiryStatus
from messaging.models import Message
from org.roles import Role
from refusals.models import Refusal, RefusalStatus
from refusals.services import refusal_confirm, refusal_overturn
from tests.refusals.conftest import BASIS, at

pytestmark = pytest.mark.django_db

LIST = "/api/v1/refusals/"


def detail_url(refusal):
    return f"{LIST}{refusal.pk}/"


def confirm_url(refusal):
    return f"{LIST}{refusal.pk}/confirm/"


def overturn_url(refusal):
    return f"{LIST}{refusal.pk}/overturn/"


def body_for(case=None, inquiry=None, **fields):
    data = {
        "kind": "not_granted",
        "facts": "现场核查经营场所不符合要求",
        "reason": "经营场所不符合食品安全要求",
        "legal_basis": BASIS,
        "cure": "整改后重新申请",
        **fields,
    }
    if case is not None:
        data["case"] = case.pk
    if inquiry is not None:
        data["inquiry"] = inquiry.pk
    return data


@pytest.fixture(autouse=True)
def _thursday_3_december():
    with time_machine.travel(at(2026, 12, 3), tick=False):
        yield


@pytest.fixture
def other_handler(make_staff, other_department):
    return make_staff(Role.HANDLER, department=other_department, name="经办人小刘")


@pytest.fixture
def other_case(make_item, other_department, other_chief, other_handler):
    item = make_item(code="SJ-001", committed_days=10, dept=other_department)
    return case_open(
        actor=other_chief.user,
        service_item=item,
        applicant_name="李女士",
        applicant_phone="13900001111",
        handler=other_handler,
        received_at=at(2026, 12, 1),
    )


@pytest.fixture
def refusal(case, file_refusal):
    return file_refusal(case)


@pytest.fixture
def other_refusal(other_case, file_refusal, other_handler):
    return file_refusal(other_case, actor=other_handler)


def test_no_credentials_is_401_everywhere(api, case, refusal):
    client = api()
    assert client.get(LIST).status_code == 401
    assert client.post(LIST, body_for(case), format="json").status_code == 401
    assert client.get(detail_url(refusal)).status_code == 401
    assert client.post(confirm_url(refusal), {}, format="json").status_code == 401
    assert client.post(overturn_url(refusal), {"opinion": "改"}, format="json").status_code == 401
    refusal.refresh_from_db()
    assert refusal.status == RefusalStatus.FILED


# --- create -----------------------------------------------------------------------------


def test_the_handler_refuses_a_case_and_the_chief_is_asked_to_review(api, handler, chief, case):
    response = api(handler).post(LIST, body_for(case), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"].startswith("BY20261203")
    assert (body["kind"], body["status"], body["case"], body["inquiry"]) == (
        "not_granted",
        "filed",
        case.pk,
        None,
    )
    assert body["matter_number"] == case.number
    assert (body["legal_basis"], body["cure"]) == (BASIS, "整改后重新申请")
    assert (body["officer"], body["officer_name"]) == (handler.pk, handler.name)
    assert body["filed_at"] == "2026-12-03T10:00:00+08:00"
    assert body["review_due"] == "2026-12-07"
    assert (body["decided_by"], body["decided_by_name"], body["opinion"]) == (None, None, "")
    case.refresh_from_db()
    assert case.status == CaseStatus.REFUSED
    assert Message.objects.filter(kind="refusal.file", recipient=chief.user).count() == 1


def test_the_first_responder_refuses_an_application_inquiry(api, handler, log_inquiry, item):
    inquiry = log_inquiry(asked=[handler], kind=InquiryKind.APPLICATION, service_item=item)
    response = api(handler).post(LIST, body_for(inquiry=inquiry, kind="not_accepted"), format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["inquiry"], response.json()["kind"]) == (inquiry.pk, "not_accepted")
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.CLOSED


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"legal_basis": "   "}, {"legal_basis"}),
        ({"legal_basis": None}, {"legal_basis"}),
        ({"facts": "", "reason": ""}, {"facts", "reason"}),
        ({"kind": "maybe"}, {"kind"}),
        ({"case": None}, {"case"}),
        ({"case": 999999}, {"case"}),
    ],
)
def test_bad_input_is_400_with_field_reasons_and_nothing_refused(api, handler, case, change, fields):
    response = api(handler).post(LIST, {**body_for(case), **change}, format="json")
    assert response.status_code == 400, response.content
    assert fields <= set(response.json())
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED and not Refusal.objects.exists()


def test_a_case_and_an_inquiry_at_once_is_400(api, handler, case, log_inquiry, item):
    inquiry = log_inquiry(asked=[handler], kind=InquiryKind.APPLICATION, service_item=item)
    response = api(handler).post(LIST, body_for(case, inquiry), format="json")
    assert response.status_code == 400
    assert "case" in response.json()


def test_the_reasons_are_in_the_callers_language(api, handler, case):
    data = {**body_for(case), "legal_basis": ""}
    chinese = api(handler).post(LIST, data, format="json").json()["legal_basis"][0]
    english = api(handler).post(LIST, data, format="json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert "不能为空" in chinese
    assert "blank" in english["legal_basis"][0]


def test_a_matter_refused_already_is_409(api, handler, case, refusal):
    response = api(handler).post(LIST, body_for(case), format="json")
    assert response.status_code == 409
    assert response.json()["detail"]
    assert Refusal.objects.count() == 1


@pytest.mark.parametrize("role", ["front_desk", "supervisor"])
def test_who_sees_the_case_but_does_not_work_it_gets_403_whatever_the_body(role, request, api, case):
    client = api(request.getfixturevalue(role))
    assert client.post(LIST, body_for(case), format="json").status_code == 403
    assert client.post(LIST, body_for(case, legal_basis=""), format="json").status_code == 403
    assert not Refusal.objects.exists()


def test_another_sections_case_is_not_found_among_the_callers_cases(api, handler, other_case):
    response = api(handler).post(LIST, body_for(other_case), format="json")
    assert response.status_code == 400
    assert "case" in response.json()
    other_case.refresh_from_db()
    assert other_case.status == CaseStatus.RECEIVED


# --- list and detail ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("handler", {"refusal"}),
        ("chief", {"refusal"}),
        ("other_chief", {"other_refusal"}),
        ("other_handler", {"other_refusal"}),
        ("supervisor", {"refusal", "other_refusal"}),
        ("front_desk", set()),
    ],
)
def test_the_list_holds_the_refusals_the_caller_may_see(role, sees, request, api, refusal, other_refusal):
    body = api(request.getfixturevalue(role)).get(LIST).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert {row["id"] for row in body["results"]} == {request.getfixturevalue(name).pk for name in sees}


def test_the_supervisor_filters_the_list(api, supervisor, chief, refusal, other_refusal, other_department):
    from refusals.services import refusal_confirm

    refusal_confirm(actor=chief.user, refusal=refusal, opinion="依据充分")
    client = api(supervisor)

    def ids(**params):
        response = client.get(LIST, params)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    assert ids(status="confirmed") == {refusal.pk}
    assert ids(status="filed") == {other_refusal.pk}
    assert ids(department=other_department.pk) == {other_refusal.pk}
    assert ids(officer=refusal.officer_id) == {refusal.pk}
    assert ids(kind="not_accepted") == set()
    assert ids(filed_after="2026-12-03", filed_before="2026-12-03") == {refusal.pk, other_refusal.pk}
    assert ids(filed_after="2026-12-04") == set()
    assert ids(filed_before="2026-12-02") == set()
    for bad in ({"status": "king"}, {"filed_after": "yesterday"}, {"officer": "x"}, {"kind": "no"}):
        assert client.get(LIST, bad).status_code == 400


def test_the_list_query_count_does_not_grow(
    api, supervisor, handler, open_case, file_refusal, django_assert_max_num_queries
):
    with time_machine.travel(at(2026, 12, 1), tick=False):
        cases = [open_case() for _ in range(12)]
    for case in cases:
        file_refusal(case)
    with django_assert_max_num_queries(6):
        assert api(supervisor).get(LIST).json()["count"] == 12
    with django_assert_max_num_queries(6):
        assert api(handler).get(LIST).json()["count"] == 12


@pytest.mark.parametrize("role", ["handler", "chief", "supervisor"])
def test_the_officer_their_chief_and_the_supervisors_read_one_refusal(role, request, api, refusal):
    response = api(request.getfixturevalue(role)).get(detail_url(refusal))
    assert response.status_code == 200
    assert (response.json()["id"], response.json()["facts"]) == (refusal.pk, refusal.facts)


@pytest.mark.parametrize("role", ["other_chief", "other_handler", "front_desk", "administrator"])
def test_a_refusal_the_caller_may_not_see_is_404(role, request, api, refusal):
    client = api(request.getfixturevalue(role))
    assert client.get(detail_url(refusal)).status_code == 404
    assert client.post(confirm_url(refusal), {}, format="json").status_code == 404
    assert client.post(overturn_url(refusal), {"opinion": "改"}, format="json").status_code == 404
    refusal.refresh_from_db()
    assert refusal.status == RefusalStatus.FILED


def test_wrong_methods_are_405(api, chief, refusal):
    client = api(chief)
    assert client.put(detail_url(refusal), {}, format="json").status_code == 405
    assert client.delete(detail_url(refusal)).status_code == 405
    assert client.get(confirm_url(refusal)).status_code == 405
    assert client.get(overturn_url(refusal)).status_code == 405
    refusal.refresh_from_db()
    assert refusal.status == RefusalStatus.FILED


def test_a_login_without_a_staff_record_is_403(api, case, refusal):
    from apitokens.models import ApiToken
    from tests.factories import UserFactory

    client = api()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {ApiToken.objects.create(user=UserFactory(), name='tests')[1]}"
    )
    assert client.get(LIST).status_code == 403
    assert client.post(LIST, body_for(case), format="json").status_code == 403
    assert client.post(confirm_url(refusal), {}, format="json").status_code == 403


# --- confirm and overturn ----------------------------------------------------------------


def test_the_chief_confirms_and_the_case_stays_refused(api, chief, handler, case, refusal):
    with time_machine.travel(at(2026, 12, 4), tick=False):
        response = api(chief).post(confirm_url(refusal), {"opinion": "依据充分"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["decided_by"], body["decided_by_name"]) == (
        "confirmed",
        chief.pk,
        chief.name,
    )
    assert (body["decided_at"], body["opinion"]) == ("2026-12-04T10:00:00+08:00", "依据充分")
    case.refresh_from_db()
    assert case.status == CaseStatus.REFUSED
    assert Message.objects.filter(kind="refusal.confirmed", recipient=handler.user).count() == 1


def test_the_chief_overturns_with_an_opinion_and_the_case_is_open_again(api, chief, handler, case, refusal):
    client = api(chief)
    without = client.post(overturn_url(refusal), {"opinion": " "}, format="json")
    assert without.status_code == 400
    assert without.json()["opinion"]
    with time_machine.travel(at(2026, 12, 7), tick=False):
        response = client.post(overturn_url(refusal), {"opinion": "材料齐全，应予受理"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "overturned"
    case.refresh_from_db()
    assert (case.status, str(case.due_date)) == (CaseStatus.RECEIVED, "2026-12-17")
    assert "材料齐全" in Message.objects.get(kind="refusal.overturned", recipient=handler.user).body


@pytest.mark.parametrize(("first", "second"), [("confirm", "overturn"), ("overturn", "confirm")])
def test_a_second_decision_is_409(api, chief, make_staff, case, refusal, first, second):
    deputy = make_staff(Role.SECTION_CHIEF, name="副科长赵丽")
    urls = {"confirm": confirm_url(refusal), "overturn": overturn_url(refusal)}
    assert api(chief).post(urls[first], {"opinion": "审查意见"}, format="json").status_code == 200
    response = api(deputy).post(urls[second], {"opinion": "不同意"}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"]
    refusal.refresh_from_db()
    assert (refusal.status, refusal.decided_by) == (
        {"confirm": "confirmed", "overturn": "overturned"}[first],
        chief,
    )


@pytest.mark.parametrize("role", ["handler", "supervisor"])
def test_the_officer_and_the_supervisors_may_not_decide(role, request, api, refusal):
    client = api(request.getfixturevalue(role))
    assert client.post(confirm_url(refusal), {}, format="json").status_code == 403
    assert client.post(overturn_url(refusal), {"opinion": "改"}, format="json").status_code == 403
    assert client.post(overturn_url(refusal), {"opinion": ""}, format="json").status_code == 403
    refusal.refresh_from_db()
    assert refusal.status == RefusalStatus.FILED


def test_a_chief_who_refused_themself_does_not_decide_it(api, chief, case, file_refusal):
    own = file_refusal(case, actor=chief)
    assert api(chief).post(confirm_url(own), {}, format="json").status_code == 403
    own.refresh_from_db()
    assert own.status == RefusalStatus.FILED


def test_the_api_is_in_the_schema(client, db):
    schema = client.get("/api/schema/").content.decode()
    for path in ("/api/v1/refusals/", "/api/v1/refusals/{id}/confirm/", "/api/v1/refusals/{id}/overturn/"):
        assert path in schema


@pytest.mark.django_db(transaction=True)
def test_two_decisions_at_once_give_one_200_and_one_409(api, chief, make_staff, case, file_refusal):
    from tests.concurrency import run_together

    deputy = make_staff(Role.SECTION_CHIEF, name="副科长赵丽")
    refusal = file_refusal(case)
    chief_client, deputy_client = api(chief), api(deputy)
    results = run_together(
        lambda: chief_client.post(confirm_url(refusal), {"opinion": "依据充分"}, format="json").status_code,
        lambda: deputy_client.post(overturn_url(refusal), {"opinion": "应予受理"}, format="json").status_code,
    )
    assert sorted(value for _kind, value in results) == [200, 409], results
    refusal.refresh_from_db()
    assert refusal.status in (RefusalStatus.CONFIRMED, RefusalStatus.OVERTURNED)
    assert Message.objects.filter(kind__in=["refusal.confirmed", "refusal.overturned"]).count() == 1


# --- the refusal notice's PDF -----------------------------------------------------------


def pdf_url(refusal):
    return f"{LIST}{refusal.pk}/pdf/"


@pytest.fixture
def confirmed(refusal, chief):
    return refusal_confirm(actor=chief.user, refusal=refusal, opinion="依据充分")


def _given(refusal):
    refusal.refresh_from_db()
    return refusal.notice_given_at


@pytest.mark.parametrize("role", ["handler", "chief", "supervisor"])
def test_the_pdf_of_a_confirmed_refusal_is_given_once(role, request, api, confirmed, pdf_font):
    client = api(request.getfixturevalue(role))
    response = client.get(pdf_url(confirmed))
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{confirmed.number}.pdf"'
    assert response.content.startswith(b"%PDF")
    first = _given(confirmed)
    assert first == at(2026, 12, 3)
    with time_machine.travel(at(2026, 12, 4), tick=False):
        assert client.get(pdf_url(confirmed)).status_code == 200
    # A copy later keeps the day it was first given, and is not recorded again.
    assert _given(confirmed) == first
    assert AuditEvent.objects.filter(verb="refusal.notice_give").count() == 1


def test_the_pdf_may_be_asked_for_by_its_media_type(api, handler, confirmed, pdf_font):
    response = api(handler).get(pdf_url(confirmed), HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_before_the_chief_confirms_the_pdf_is_409_and_nothing_is_given(api, handler, refusal):
    response = api(handler).get(pdf_url(refusal))
    assert response.status_code == 409
    assert response["Content-Type"] == "application/json"
    assert "确认" in response.json()["detail"]
    assert _given(refusal) is None
    assert not AuditEvent.objects.filter(verb="refusal.notice_give").exists()


def test_an_overturned_refusal_has_no_pdf(api, handler, chief, refusal):
    refusal_overturn(actor=chief.user, refusal=refusal, opinion="应予受理")
    response = api(handler).get(pdf_url(refusal))
    assert response.status_code == 409
    assert refusal.number in response.json()["detail"]
    assert _given(refusal) is None


@pytest.mark.parametrize("role", ["other_chief", "other_handler", "front_desk", "administrator"])
def test_the_pdf_of_a_refusal_out_of_sight_is_404(role, request, api, confirmed):
    assert api(request.getfixturevalue(role)).get(pdf_url(confirmed)).status_code == 404
    assert _given(confirmed) is None


def test_the_pdf_without_credentials_is_401_and_post_is_405(api, handler, confirmed):
    assert api().get(pdf_url(confirmed)).status_code == 401
    assert api(handler).post(pdf_url(confirmed), {}, format="json").status_code == 405
    assert _given(confirmed) is None


def test_the_pdf_reads_few_queries(api, handler, confirmed, pdf_font, django_assert_max_num_queries):
    # The bureau's settings as the bureau keeps them (unset, each first read would write its default).
    config.BUREAU_NAME = "某某市市场监督管理局"
    config.RECONSIDERATION_BODIES = "某某市人民政府"
    config.LITIGATION_COURT = "某某区人民法院"
    config.EFFICIENCY_COMPLAINT_CONTACT = "本局效能监督室"
    client = api(handler)
    with django_assert_max_num_queries(15):  # giving it writes the refusal and its audit event
        assert client.get(pdf_url(confirmed)).status_code == 200
    with django_assert_max_num_queries(11):  # a copy writes nothing
        assert client.get(pdf_url(confirmed)).status_code == 200


def test_the_pdf_is_in_the_schema_as_a_pdf(client, db):
    schema = client.get("/api/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/refusals/{id}/pdf/"]["get"]
    assert "application/pdf" in operation["responses"]["200"]["content"]
    assert {"404", "409"} <= set(operation["responses"])


def test_an_undecided_refusal_says_decided_by_name_null_as_its_schema_allows(client, db):
    """Schemathesis found the schema promised a string where an undecided refusal gives null."""
    schema = client.get("/api/schema/?format=json").json()
    field = schema["components"]["schemas"]["Refusal"]["properties"]["decided_by_name"]
    assert field.get("nullable") is True
