"""Extensions in the API: ``cases/{id}/extensions/``, ``extensions/``, ``extensions/{id}/approve|reject/``."""

import pytest
import time_machine
from constance.test import override_config

from deadlines.models import Extension, ExtensionStatus
from deadlines.services import case_complete, case_open, extension_approve, extension_request
from messaging.models import Message
from org.roles import Role
from tests.deadlines.conftest import at

NOW = at(2026, 11, 10)  # a Tuesday


@pytest.fixture(autouse=True)
def _tuesday_10_november():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def other_handler(make_staff, other_department):
    return make_staff(Role.HANDLER, department=other_department, name="经办人小刘")


@pytest.fixture
def case(open_case):
    return open_case(received_at=at(2026, 11, 2))  # 10 working days: due Mon 2026-11-16


@pytest.fixture
def extension(case, handler):
    return extension_request(actor=handler.user, case=case, days=5, reason="需现场核查，等待检测报告")


@pytest.fixture
def other_extension(make_item, other_department, other_chief, other_handler):
    item = make_item(code="SJ-001", committed_days=10, dept=other_department)
    other_case = case_open(
        actor=other_chief.user,
        service_item=item,
        applicant_name="李女士",
        applicant_phone="13900001111",
        handler=other_handler,
        received_at=at(2026, 11, 3),
    )
    return extension_request(actor=other_handler.user, case=other_case, days=2, reason="约谈当事人")


def requests_url(case):
    return f"/api/v1/cases/{case.pk}/extensions/"


def approve_url(extension):
    return f"/api/v1/extensions/{extension.pk}/approve/"


def reject_url(extension):
    return f"/api/v1/extensions/{extension.pk}/reject/"


def test_no_credentials_is_401_everywhere(api, case, extension):
    client = api()
    assert client.get(requests_url(case)).status_code == 401
    assert client.post(requests_url(case), {"days": 2, "reason": "x"}, format="json").status_code == 401
    assert client.get("/api/v1/extensions/").status_code == 401
    assert client.get(f"/api/v1/extensions/{extension.pk}/").status_code == 401
    assert client.post(approve_url(extension), {}, format="json").status_code == 401
    assert client.post(reject_url(extension), {"note": "x"}, format="json").status_code == 401
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.PENDING


# --- request ----------------------------------------------------------------------


def test_the_handler_asks_and_gets_a_pending_request(api, handler, chief, case):
    response = api(handler).post(
        requests_url(case), {"days": 5, "reason": "需现场核查，等待检测报告"}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "pending"
    assert body["case"] == case.pk
    assert body["days"] == 5
    assert body["reason"] == "需现场核查，等待检测报告"
    assert body["requested_by"] == handler.pk
    assert body["requested_at"] == "2026-11-10T10:00:00+08:00"
    assert body["decide_by"] == "2026-11-11"
    assert body["due_before"] == "2026-11-16"
    assert body["decided_by"] is None
    assert body["decided_at"] is None
    assert body["decision_note"] == ""
    assert body["due_after"] is None
    case.refresh_from_db()
    assert str(case.due_date) == "2026-11-16"  # a request alone moves nothing
    assert Message.objects.filter(recipient=chief.user, kind="extension.request").exists()


def test_the_cases_requests_are_listed_newest_first(api, handler, chief, case, extension):
    with time_machine.travel(at(2026, 11, 10, hour=11), tick=False):
        extension_approve(actor=chief.user, extension=extension)
        second = extension_request(actor=handler.user, case=case, days=2, reason="补充材料")
    body = api(handler).get(requests_url(case)).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert [row["id"] for row in body["results"]] == [second.pk, extension.pk]
    assert body["results"][1]["status"] == "approved"


def test_a_second_request_while_one_waits_is_409(api, handler, case, extension):
    response = api(handler).post(requests_url(case), {"days": 2, "reason": "补充材料"}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"]
    assert Extension.objects.count() == 1


def test_a_closed_case_cannot_be_extended(api, handler, case):
    case_complete(actor=handler.user, case=case)
    response = api(handler).post(requests_url(case), {"days": 2, "reason": "补充材料"}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"]


@pytest.mark.parametrize(
    ("data", "fields"),
    [
        ({}, {"days", "reason"}),
        ({"days": 0, "reason": "补充材料"}, {"days"}),
        ({"days": "two", "reason": "补充材料"}, {"days"}),
        ({"days": 2, "reason": "  "}, {"reason"}),
    ],
)
def test_bad_input_is_400_with_field_reasons(api, handler, case, data, fields):
    response = api(handler).post(requests_url(case), data, format="json")
    assert response.status_code == 400
    assert fields <= set(response.json())
    assert not Extension.objects.exists()


@override_config(EXTENSION_MAX_PERCENT=50)
def test_more_days_than_the_bureau_allows_is_400(api, handler, case):
    response = api(handler).post(requests_url(case), {"days": 6, "reason": "补充材料"}, format="json")
    assert response.status_code == 400
    assert response.json()["days"]


@pytest.mark.parametrize("role", ["supervisor", "front_desk"])
def test_those_who_see_but_do_not_work_the_case_may_not_ask(role, request, api, case):
    client = api(request.getfixturevalue(role))
    assert client.get(requests_url(case)).status_code == 200
    response = client.post(requests_url(case), {"days": 2, "reason": "补充材料"}, format="json")
    assert response.status_code == 403
    assert not Extension.objects.exists()


@pytest.mark.parametrize("role", ["other_chief", "other_handler", "administrator"])
def test_a_case_the_user_may_not_see_is_404_for_its_requests(role, request, api, case, extension):
    client = api(request.getfixturevalue(role))
    assert client.get(requests_url(case)).status_code == 404
    assert (
        client.post(requests_url(case), {"days": 2, "reason": "补充材料"}, format="json").status_code == 404
    )


# --- the extension list -------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("chief", {"extension"}),
        ("handler", {"extension"}),
        ("other_chief", {"other_extension"}),
        ("supervisor", {"extension", "other_extension"}),
        ("administrator", set()),
    ],
)
def test_the_extension_list_holds_the_requests_of_visible_cases(
    role, sees, request, api, extension, other_extension
):
    body = api(request.getfixturevalue(role)).get("/api/v1/extensions/").json()
    assert {row["id"] for row in body["results"]} == {request.getfixturevalue(name).pk for name in sees}


def test_the_chief_filters_the_queue_by_status(api, chief, handler, open_case, extension):
    decided = extension_request(
        actor=handler.user, case=open_case(received_at=at(2026, 11, 3)), days=1, reason="补充材料"
    )
    extension_approve(actor=chief.user, extension=decided)
    client = api(chief)
    pending = client.get("/api/v1/extensions/", {"status": "pending"}).json()["results"]
    assert [row["id"] for row in pending] == [extension.pk]
    assert pending[0]["case_number"] == extension.case.number
    assert client.get("/api/v1/extensions/", {"status": "king"}).status_code == 400


def test_extension_lists_query_count_does_not_grow(
    api, chief, handler, open_case, django_assert_max_num_queries
):
    for day in range(2, 7):
        for _ in range(4):
            case = open_case(received_at=at(2026, 11, day))
            extension_request(actor=handler.user, case=case, days=1, reason="补充材料")
    client = api(chief)
    with django_assert_max_num_queries(
        6
    ):  # +1: rule 4, the A holders the user covers now (cover.covered_holders)
        assert client.get("/api/v1/extensions/").json()["count"] == 20
    with django_assert_max_num_queries(
        7
    ):  # +1: rule 4, the A holders the user covers now (cover.covered_holders)
        assert client.get(requests_url(case)).json()["count"] == 1


# --- approve and reject ---------------------------------------------------------------


def test_the_chief_approves_the_due_date_moves_and_the_applicant_is_told_why(api, chief, case, extension):
    response = api(chief).post(approve_url(extension), {"note": "同意"}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "approved"
    assert body["decided_by"] == chief.pk
    assert body["decided_at"] == "2026-11-10T10:00:00+08:00"
    assert body["decision_note"] == "同意"
    assert body["due_before"] == "2026-11-16"
    assert body["due_after"] == "2026-11-23"
    case_body = api(chief).get(f"/api/v1/cases/{case.pk}/").json()
    assert case_body["due_date"] == "2026-11-23"
    assert case_body["original_due_date"] == "2026-11-16"
    sms = Message.objects.get(kind="extension.applicant")
    assert sms.address == "13812345678"
    assert "需现场核查，等待检测报告" in sms.body


def test_the_chief_rejects_with_a_reason(api, chief, case, extension):
    client = api(chief)
    without = client.post(reject_url(extension), {}, format="json")
    assert without.status_code == 400
    assert without.json()["note"]
    response = client.post(reject_url(extension), {"note": "时限内可以办结"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert response.json()["decision_note"] == "时限内可以办结"
    case.refresh_from_db()
    assert str(case.due_date) == "2026-11-16"


@pytest.mark.parametrize("second", ["approve", "reject"])
def test_deciding_twice_is_409_with_a_detail(api, chief, make_staff, case, extension, second):
    deputy = make_staff(Role.SECTION_CHIEF, name="副科长赵丽")
    assert api(chief).post(approve_url(extension), {}, format="json").status_code == 200
    url = approve_url(extension) if second == "approve" else reject_url(extension)
    response = api(deputy).post(url, {"note": "不同意"}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"]
    case.refresh_from_db()
    assert str(case.due_date) == "2026-11-23"  # moved once


@pytest.mark.parametrize("role", ["handler", "supervisor", "front_desk"])
def test_those_who_see_the_request_but_are_not_its_sections_chief_get_403(role, request, api, extension):
    client = api(request.getfixturevalue(role))
    assert client.post(approve_url(extension), {}, format="json").status_code == 403
    assert client.post(reject_url(extension), {"note": "不同意"}, format="json").status_code == 403
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.PENDING


def test_a_chief_does_not_decide_their_own_request(api, chief, open_case):
    own = open_case(received_at=at(2026, 11, 2), handler=chief)
    extension = extension_request(actor=chief.user, case=own, days=2, reason="补充材料")
    client = api(chief)
    assert client.post(approve_url(extension), {}, format="json").status_code == 403
    assert client.post(reject_url(extension), {"note": "不同意"}, format="json").status_code == 403
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.PENDING


@pytest.mark.parametrize("role", ["other_chief", "other_handler", "administrator"])
def test_another_sections_request_is_404(role, request, api, extension):
    client = api(request.getfixturevalue(role))
    assert client.get(f"/api/v1/extensions/{extension.pk}/").status_code == 404
    assert client.post(approve_url(extension), {}, format="json").status_code == 404
    assert client.post(reject_url(extension), {"note": "不同意"}, format="json").status_code == 404
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.PENDING


def test_a_login_without_a_staff_record_is_403(api, case, extension):
    from apitokens.models import ApiToken
    from tests.factories import UserFactory

    client = api()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {ApiToken.objects.create(user=UserFactory(), name='tests')[1]}"
    )
    assert client.get("/api/v1/extensions/").status_code == 403
    assert client.get(f"/api/v1/extensions/{extension.pk}/").status_code == 403
    assert client.get(requests_url(case)).status_code == 403
    assert (
        client.post(requests_url(case), {"days": 2, "reason": "补充材料"}, format="json").status_code == 403
    )
    assert client.post(approve_url(extension), {}, format="json").status_code == 403
    assert client.post(reject_url(extension), {"note": "不同意"}, format="json").status_code == 403
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.PENDING
    assert Extension.objects.count() == 1


def test_approving_a_request_whose_case_has_closed_is_409_and_moves_nothing(
    api, handler, chief, case, extension
):
    case_complete(actor=handler.user, case=case)
    response = api(chief).post(approve_url(extension), {}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"]
    case.refresh_from_db()
    extension.refresh_from_db()
    assert str(case.due_date) == "2026-11-16"
    assert extension.status == ExtensionStatus.PENDING
    assert not Message.objects.filter(kind="extension.applicant").exists()


def test_an_approval_that_would_end_in_a_year_with_no_schedule_is_400(api, handler, chief, make_item):
    with time_machine.travel(at(2026, 12, 14), tick=False):
        late = case_open(
            actor=handler.user,
            service_item=make_item(committed_days=10),
            applicant_name="王先生",
            applicant_phone="13812345678",
            received_at=at(2026, 12, 14),
        )  # due 2026-12-28
        extension = extension_request(actor=handler.user, case=late, days=8, reason="年底集中核查")
        response = api(chief).post(approve_url(extension), {}, format="json")
    assert response.status_code == 400
    assert "2027" in response.json()["detail"]
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.PENDING


def test_the_api_is_in_the_schema(client, db):
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/v1/cases/{id}/extensions/",
        "/api/v1/extensions/{id}/approve/",
        "/api/v1/extensions/{id}/reject/",
    ):
        assert path in schema
