"""The cases API: ``cases/``, ``cases/{id}/``, ``cases/{id}/start/`` and ``cases/{id}/complete/``."""

from datetime import date

import pytest
import time_machine

from deadlines.models import Case, CaseKind, CaseStatus
from deadlines.services import case_complete, case_open_instruction
from org.roles import Role
from tests.deadlines.conftest import at

LIST = "/api/v1/cases/"
NOW = at(2026, 11, 10)  # a Tuesday


@pytest.fixture(autouse=True)
def _tuesday_10_november():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def other_handler(make_staff, other_department):
    return make_staff(Role.HANDLER, department=other_department, name="经办人小刘")


@pytest.fixture
def other_item(make_item, other_department):
    return make_item(code="SJ-001", committed_days=3, dept=other_department)


@pytest.fixture
def case(open_case):
    return open_case(received_at=at(2026, 11, 2))  # 10 working days: due Mon 2026-11-16


@pytest.fixture
def other_case(other_item, other_handler, other_chief):
    from deadlines.services import case_open

    return case_open(
        actor=other_chief.user,
        service_item=other_item,
        applicant_name="李女士",
        applicant_phone="13900001111",
        handler=other_handler,
        received_at=at(2026, 11, 3),
    )


def detail(case):
    return f"{LIST}{case.pk}/"


def payload(item, **overrides):
    return {
        "service_item": item.pk,
        "applicant_name": "王先生",
        "applicant_phone": "13812345678",
        **overrides,
    }


# --- who may at all -----------------------------------------------------------


def test_no_credentials_is_401_everywhere(api, case):
    client = api()
    assert client.get(LIST).status_code == 401
    assert client.get(detail(case)).status_code == 401
    assert client.post(LIST, {}, format="json").status_code == 401
    assert client.post(f"{detail(case)}start/").status_code == 401
    assert client.post(f"{detail(case)}complete/").status_code == 401
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


def test_a_login_without_a_staff_record_is_403_everywhere(api, case):
    from apitokens.models import ApiToken
    from tests.factories import UserFactory

    client = api()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {ApiToken.objects.create(user=UserFactory(), name='tests')[1]}"
    )
    assert client.get(LIST).status_code == 403
    assert client.get(detail(case)).status_code == 403
    assert client.post(LIST, payload(case.service_item), format="json").status_code == 403
    assert client.post(f"{detail(case)}start/").status_code == 403
    assert client.post(f"{detail(case)}complete/").status_code == 403
    assert Case.objects.count() == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


def test_the_wrong_method_is_405(api, handler, case):
    client = api(handler)
    assert client.get(f"{detail(case)}complete/").status_code == 405
    assert client.delete(detail(case)).status_code == 405
    assert client.put(detail(case), {}, format="json").status_code == 405


# --- list ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("handler", {"case"}),
        ("front_desk", {"case"}),  # received it at the window
        ("chief", {"case"}),
        ("other_chief", {"other_case"}),
        ("other_handler", {"other_case"}),
        ("supervisor", {"case", "other_case"}),
        ("administrator", set()),
    ],
)
def test_the_list_holds_only_the_cases_the_user_may_see(role, sees, request, api, case, other_case):
    body = api(request.getfixturevalue(role)).get(LIST).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert {row["id"] for row in body["results"]} == {request.getfixturevalue(name).pk for name in sees}


def test_a_case_carries_the_promised_fields(api, handler, item, case):
    row = api(handler).get(LIST).json()["results"][0]
    assert row["id"] == case.pk
    assert row["number"] == "202611020001"
    assert row["kind"] == "service"
    assert row["title"] == item.current.name
    assert row["service_item"] == item.pk
    assert row["item_version"] == item.current_id
    assert row["handler"] == handler.pk
    assert row["department"] == handler.department_id
    assert row["received_at"] == "2026-11-02T10:00:00+08:00"
    assert row["due_date"] == "2026-11-16"
    assert row["original_due_date"] == "2026-11-16"
    assert row["status"] == "received"
    assert row["overdue"] is False
    assert row["applicant_name"] == "王先生"
    assert row["applicant_phone"] == "138****5678"  # whole only in the case's own GET, where it is logged
    # Wed 11, Thu 12, Fri 13, Mon 16.
    assert row["working_days_left"] == 4


def test_working_days_left_is_negative_when_overdue_and_null_once_closed(api, handler, open_case, make_item):
    late = open_case(received_at=at(2026, 11, 2), service_item=make_item(committed_days=3))  # due Thu 11-05
    done = open_case(received_at=at(2026, 11, 2))
    case_complete(actor=handler.user, case=done)
    rows = {row["id"]: row for row in api(handler).get(LIST).json()["results"]}
    assert rows[late.pk]["working_days_left"] == -3  # Fri 6, Mon 9, Tue 10 (today) passed
    assert rows[done.pk]["working_days_left"] is None
    assert api(handler).get(detail(late)).json()["working_days_left"] == -3


@pytest.mark.parametrize(("role", "phone"), [("handler", "13812345678"), ("supervisor", "138****5678")])
def test_the_applicants_phone_is_masked_for_whoever_does_not_handle_it(role, phone, request, api, case):
    assert api(request.getfixturevalue(role)).get(detail(case)).json()["applicant_phone"] == phone


def test_filters_status_overdue_handler_item_due_range_and_number(
    api, supervisor, handler, chief, open_case, make_item, case, other_case, other_handler
):
    quick = open_case(received_at=at(2026, 11, 2), service_item=make_item(committed_days=3), handler=chief)
    Case.objects.filter(pk=quick.pk).update(overdue=True)
    case_complete(actor=chief.user, case=open_case(received_at=at(2026, 11, 4), handler=chief))
    client = api(supervisor)

    def ids(**params):
        response = client.get(LIST, params)
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    everything = ids()
    assert len(everything) == 4
    open_ids = {case.pk, other_case.pk, quick.pk}
    assert ids(status=["received", "in_progress"]) == open_ids
    assert ids(overdue="true") == {quick.pk}
    assert ids(handler=handler.pk) == {case.pk}
    assert ids(department=other_handler.department_id) == {other_case.pk}
    assert ids(service_item=other_case.service_item_id) == {other_case.pk}
    assert ids(due_from="2026-11-06", due_to="2026-11-16") == {case.pk, other_case.pk}
    assert ids(number="202611020001") == {case.pk}
    assert ids(kind="instruction") == set()


@pytest.mark.parametrize(
    "params", [{"status": "king"}, {"department": "abc"}, {"due_from": "tomorrow"}, {"handler": 999999}]
)
def test_a_bad_filter_value_is_400_with_the_reason(api, supervisor, case, params):
    response = api(supervisor).get(LIST, params)
    assert response.status_code == 400
    assert set(params) <= set(response.json())


def test_list_query_count_does_not_grow_with_the_cases(
    api, supervisor, chief, handler, open_case, make_item, django_assert_max_num_queries
):
    items = [make_item(committed_days=days) for days in (1, 5, 10)]
    for n in range(30):
        open_case(received_at=at(2026, 11, 2 + n % 5), service_item=items[n % 3])
    for staff in (supervisor, chief, handler):
        client = api(staff)
        with django_assert_max_num_queries(
            7
        ):  # +1: rule 4, the A holders the user covers now (cover.covered_holders)
            response = client.get(LIST)
        assert response.json()["count"] == 30


# --- retrieve -----------------------------------------------------------------


@pytest.mark.parametrize("role", ["handler", "chief", "supervisor", "front_desk"])
def test_those_who_may_see_a_case_retrieve_it(role, request, api, case):
    response = api(request.getfixturevalue(role)).get(detail(case))
    assert response.status_code == 200
    assert response.json()["number"] == case.number


@pytest.mark.parametrize("role", ["other_chief", "other_handler", "administrator"])
def test_a_case_the_user_may_not_see_is_404_without_its_data(role, request, api, case):
    response = api(request.getfixturevalue(role)).get(detail(case))
    assert response.status_code == 404
    assert "王先生" not in response.content.decode()
    assert case.number not in response.content.decode()


# --- create: an application -----------------------------------------------------


@pytest.mark.parametrize("role", ["front_desk", "handler", "chief"])
def test_the_window_receives_an_application(role, request, api, handler, item):
    response = api(request.getfixturevalue(role)).post(LIST, payload(item, handler=handler.pk), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    case = Case.objects.get(pk=body["id"])
    assert body["number"] == "202611100001" == case.number
    assert body["handler"] == handler.pk
    assert body["status"] == "received"
    assert body["due_date"] == "2026-11-24"  # 10 working days after Tue 11-10
    assert body["received_at"].endswith("+08:00")
    assert body["applicant_phone"] == "138****5678"
    assert case.applicant_phone == "13812345678"


def test_a_handler_left_out_is_the_one_receiving_it(api, handler, item):
    body = api(handler).post(LIST, payload(item), format="json").json()
    assert body["handler"] == handler.pk


def test_an_on_the_spot_item_is_handled_at_once_or_its_reason_given(api, front_desk, handler, make_item):
    spot = make_item(code="SPOT", committed_days=0, statutory_days=None)
    client = api(front_desk)
    missing = client.post(LIST, payload(spot, handler=handler.pk), format="json")
    assert missing.status_code == 400
    assert missing.json()["not_at_once_reason"]
    done = client.post(LIST, payload(spot, handler=handler.pk, handled_at_once=True), format="json")
    assert done.status_code == 201
    assert done.json()["status"] == "completed"
    waiting = client.post(
        LIST, payload(spot, handler=handler.pk, not_at_once_reason="系统故障，明日办结"), format="json"
    )
    assert waiting.status_code == 201
    assert waiting.json()["not_at_once_reason"] == "系统故障，明日办结"


def test_bad_input_is_400_with_field_reasons(api, front_desk, item, other_handler):
    client = api(front_desk)
    empty = client.post(LIST, {}, format="json")
    assert empty.status_code == 400
    assert {"service_item", "applicant_name", "applicant_phone"} <= set(empty.json())
    bad = client.post(
        LIST,
        payload(item, applicant_phone="call me", handler=999999, handled_at_once="perhaps"),
        format="json",
    )
    assert bad.status_code == 400
    assert {"applicant_phone", "handler", "handled_at_once"} <= set(bad.json())
    foreign = client.post(LIST, payload(item, handler=other_handler.pk), format="json")
    assert foreign.status_code == 400
    assert foreign.json()["handler"]
    assert client.post(LIST, payload(item, kind="king"), format="json").json()["kind"]
    assert not Case.objects.exists()


@pytest.mark.parametrize("phone", ["１３８１２３４５６７８", "١٣٨١٢٣٤٥٦٧٨"])
def test_a_phone_in_other_digits_than_0_to_9_is_400(api, front_desk, handler, item, phone):
    """The tracking page matches the last four digits 0-9 typed by the applicant."""
    response = api(front_desk).post(
        LIST, payload(item, handler=handler.pk, applicant_phone=phone), format="json"
    )
    assert response.status_code == 400
    assert response.json()["applicant_phone"]
    assert not Case.objects.exists()


def test_an_unpublished_item_takes_no_applications(api, front_desk, item):
    item.published = False
    item.save(update_fields=["published"])
    response = api(front_desk).post(LIST, payload(item), format="json")
    assert response.status_code == 400
    assert response.json()["service_item"]


@pytest.mark.parametrize("role", ["supervisor", "administrator"])
def test_roles_that_do_not_receive_applications_get_403(role, request, api, handler, item):
    response = api(request.getfixturevalue(role)).post(LIST, payload(item, handler=handler.pk), format="json")
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_a_due_date_in_a_year_with_no_published_schedule_is_400_with_the_calendars_message(
    api, front_desk, handler, make_item
):
    long_item = make_item(committed_days=20)
    with time_machine.travel(at(2026, 12, 20), tick=False):
        response = api(front_desk).post(LIST, payload(long_item, handler=handler.pk), format="json")
    assert response.status_code == 400
    assert "2027" in response.json()["detail"]
    assert not Case.objects.exists()


# --- create: a leader's instruction -----------------------------------------------


def instruction(handler, **overrides):
    return {
        "kind": "instruction",
        "title": "关于城东农贸市场食品经营许可集中办理情况的报告",
        "instruction": "请审批科摸清情况，按期报局长室。",
        "leader": "王副局长",
        "due_date": "2026-11-20",
        "handler": handler.pk,
        **overrides,
    }


@pytest.mark.parametrize("role", ["chief", "supervisor"])
def test_a_chief_or_supervisor_opens_a_leaders_instruction(role, request, api, handler):
    response = api(request.getfixturevalue(role)).post(LIST, instruction(handler), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["kind"] == "instruction"
    assert body["due_date"] == "2026-11-20"
    assert body["leader"] == "王副局长"
    assert body["handler"] == handler.pk
    assert body["service_item"] is None
    assert body["working_days_left"] == 8


@pytest.mark.parametrize("role", ["handler", "front_desk", "other_chief", "administrator"])
def test_others_may_not_open_an_instruction(role, request, api, handler):
    response = api(request.getfixturevalue(role)).post(LIST, instruction(handler), format="json")
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_a_bad_instruction_is_400_with_field_reasons(api, chief, handler):
    client = api(chief)
    missing = client.post(LIST, {"kind": "instruction"}, format="json")
    assert missing.status_code == 400
    assert {"title", "due_date", "leader", "handler"} <= set(missing.json())
    past = client.post(LIST, instruction(handler, due_date="2026-11-09"), format="json")
    assert past.status_code == 400
    assert past.json()["due_date"]
    unpublished = client.post(LIST, instruction(handler, due_date="2027-01-15"), format="json")
    assert unpublished.status_code == 400
    assert "2027" in unpublished.json()["detail"]
    assert not Case.objects.exists()


# --- start and complete ---------------------------------------------------------


def test_the_handler_starts_then_completes_the_case(api, handler, case):
    client = api(handler)
    started = client.post(f"{detail(case)}start/")
    assert started.status_code == 200, started.content
    assert started.json()["status"] == "in_progress"
    completed = client.post(f"{detail(case)}complete/")
    assert completed.status_code == 200
    assert completed.json()["status"] == "completed"
    assert completed.json()["completed_at"].startswith("2026-11-10T10:00:00")
    assert completed.json()["working_days_left"] is None


def test_the_section_chief_may_complete_a_case_of_the_section(api, chief, case):
    response = api(chief).post(f"{detail(case)}complete/")
    assert response.status_code == 200
    assert response.json()["status"] == "completed"
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED


def test_completing_a_closed_case_is_409_with_a_detail(api, handler, case):
    client = api(handler)
    assert client.post(f"{detail(case)}complete/").status_code == 200
    again = client.post(f"{detail(case)}complete/")
    assert again.status_code == 409
    assert again.json()["detail"]
    assert client.post(f"{detail(case)}start/").status_code == 409


@pytest.mark.parametrize("role", ["supervisor", "front_desk"])
def test_those_who_see_but_do_not_work_the_case_get_403(role, request, api, case):
    client = api(request.getfixturevalue(role))
    assert client.post(f"{detail(case)}start/").status_code == 403
    assert client.post(f"{detail(case)}complete/").status_code == 403
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


@pytest.mark.parametrize("role", ["other_chief", "other_handler", "administrator"])
@pytest.mark.parametrize("verb", ["start", "complete"])
def test_acting_on_a_case_the_user_may_not_see_is_404(role, verb, request, api, case):
    assert api(request.getfixturevalue(role)).post(f"{detail(case)}{verb}/").status_code == 404
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


def test_the_handler_completes_a_leaders_instruction(api, chief, handler):
    case = case_open_instruction(
        actor=chief.user,
        title="专题报告",
        instruction="按期报送",
        leader="王副局长",
        due_date=date(2026, 11, 20),
        handler=handler,
    )
    assert case.kind == CaseKind.INSTRUCTION
    assert api(handler).post(f"{detail(case)}complete/").json()["status"] == "completed"


def test_the_api_is_in_the_schema(client, db):
    schema = client.get("/api/schema/").content.decode()
    for path in ("/api/v1/cases/", "/api/v1/cases/{id}/complete/", "/api/v1/cases/{id}/start/"):
        assert path in schema
