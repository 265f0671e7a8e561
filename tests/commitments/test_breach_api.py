from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from commitments.models import Breach, BreachOutcome
from commitments.services import (
    MaterialSpec,
    breach_decide,
    breach_record,
    service_item_create,
    service_item_revise,
)
from org.roles import Role

LIST = "/api/v1/breaches/"
CONTENT = {"name": "食品经营许可（新办）", "basis": "《食品安全法》第三十五条", "committed_days": 10}
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def item(administrator, department):
    return service_item_create(
        actor=administrator.user,
        code="SP-001",
        department=department,
        content=CONTENT,
        materials=[MaterialSpec("食品经营许可申请书")],
    )


@pytest.fixture
def other_handler(make_staff, other_department):
    return make_staff(Role.HANDLER, department=other_department, name="经办人小刘")


def days_ago(n: int):
    return timezone.localdate() - timedelta(days=n)


def record(supervisor, staff, *, ago=2, **kwargs):
    return breach_record(
        actor=supervisor.user,
        staff=staff,
        occurred_on=days_ago(ago),
        promised="承诺10个工作日内办结",
        happened="第12个工作日才办结",
        **kwargs,
    )


@pytest.fixture
def breach(supervisor, handler, item):
    return record(supervisor, handler, item=item)


@pytest.fixture
def other_breach(supervisor, other_handler):
    return record(supervisor, other_handler)


def payload(staff, **overrides):
    return {
        "staff": staff.pk,
        "occurred_on": days_ago(1).isoformat(),
        "promised": "承诺当场办结",
        "happened": "让群众第二天再来",
        **overrides,
    }


# --- list ------------------------------------------------------------------


def test_no_credentials_is_401_everywhere(api, breach):
    client = api()
    assert client.get(LIST).status_code == 401
    assert client.get(f"{LIST}{breach.pk}/").status_code == 401
    assert client.post(LIST, {}, format="json").status_code == 401
    assert client.post(f"{LIST}{breach.pk}/decide/", {}, format="json").status_code == 401


def test_a_login_without_a_staff_record_gets_403_everywhere(breach, handler):
    from django.contrib.auth import get_user_model
    from rest_framework.test import APIClient

    from apitokens.models import ApiToken

    user = get_user_model().objects.create_user("system-account", password="x-2026-not-staff")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {ApiToken.objects.create(user=user, name='tests')[1]}")
    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}{breach.pk}/").status_code == 403
    assert client.post(LIST, payload(handler), format="json").status_code == 403
    assert client.post(decide_url(breach), {"outcome": "dismissed"}, format="json").status_code == 403
    breach.refresh_from_db()
    assert breach.outcome == BreachOutcome.PENDING
    assert Breach.objects.count() == 1


@pytest.mark.parametrize("role", ["front_desk", "handler", "administrator"])
def test_roles_without_the_register_get_403_on_the_list(role, request, api, breach):
    assert api(request.getfixturevalue(role)).get(LIST).status_code == 403


def test_supervisor_lists_every_section(api, supervisor, breach, other_breach):
    body = api(supervisor).get(LIST).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert {row["id"] for row in body["results"]} == {breach.pk, other_breach.pk}


@pytest.mark.parametrize(("role", "sees"), [("chief", "breach"), ("other_chief", "other_breach")])
def test_a_chief_lists_only_their_own_section(role, sees, request, api, breach, other_breach):
    body = api(request.getfixturevalue(role)).get(LIST).json()
    assert [row["id"] for row in body["results"]] == [request.getfixturevalue(sees).pk]


def test_a_breach_has_the_promised_fields(api, supervisor, handler, item, breach):
    row = api(supervisor).get(LIST).json()["results"][0]
    assert row["staff"] == handler.pk
    assert row["department"] == handler.department_id
    assert row["item"] == item.pk
    assert row["item_version"] == item.current_id
    assert row["item_name"] == "食品经营许可（新办）"
    assert row["occurred_on"] == days_ago(2).isoformat()
    assert row["outcome"] == "pending"
    assert row["recorded_by"] == supervisor.pk
    assert row["evidence_file"] is None
    assert row["decided_by"] is None


def test_filters_staff_department_outcome_year_item(
    api, supervisor, handler, other_handler, item, breach, other_breach, other_department
):
    old = record(supervisor, handler, ago=400)
    breach_decide(actor=supervisor.user, breach=other_breach, outcome=BreachOutcome.DISMISSED)
    client = api(supervisor)

    def ids(**params):
        return {row["id"] for row in client.get(LIST, params).json()["results"]}

    assert ids(staff=handler.pk) == {breach.pk, old.pk}
    assert ids(department=other_department.pk) == {other_breach.pk}
    assert ids(outcome="dismissed") == {other_breach.pk}
    assert ids(year=days_ago(400).year) == {old.pk}
    assert ids(year=days_ago(400).year - 1) == set()
    assert ids(item=item.pk) == {breach.pk}


def test_a_bad_filter_value_is_400_with_the_reason(api, supervisor, breach):
    response = api(supervisor).get(LIST, {"outcome": "king"})
    assert response.status_code == 400
    assert "outcome" in response.json()


def test_list_query_count_is_constant(
    api, supervisor, handler, other_handler, item, django_assert_max_num_queries
):
    for n in range(25):
        record(supervisor, handler if n % 2 else other_handler, item=item if n % 3 else None)
    client = api(supervisor)
    with django_assert_max_num_queries(6):
        response = client.get(LIST)
    assert response.json()["count"] == 25


# --- retrieve ----------------------------------------------------------------


@pytest.mark.parametrize("role", ["handler", "chief", "supervisor"])
def test_those_who_may_see_a_breach_retrieve_it(role, request, api, breach):
    response = api(request.getfixturevalue(role)).get(f"{LIST}{breach.pk}/")
    assert response.status_code == 200
    assert response.json()["happened"] == "第12个工作日才办结"


@pytest.mark.parametrize("role", ["front_desk", "other_chief", "administrator"])
def test_a_breach_the_user_may_not_see_is_404(role, request, api, breach):
    response = api(request.getfixturevalue(role)).get(f"{LIST}{breach.pk}/")
    assert response.status_code == 404
    assert "第12个工作日才办结" not in response.content.decode()


def test_the_breach_keeps_the_item_version_in_force_when_it_was_recorded(
    api, supervisor, administrator, item, breach
):
    first = item.current_id
    service_item_revise(
        actor=administrator.user,
        item=item,
        content={**CONTENT, "name": "食品经营许可（告知承诺）"},
        materials=[MaterialSpec("食品经营许可申请书")],
    )
    row = api(supervisor).get(f"{LIST}{breach.pk}/").json()
    assert row["item_version"] == first
    assert row["item_name"] == "食品经营许可（新办）"


# --- create ----------------------------------------------------------------


def test_chief_records_a_breach_against_their_own_staff(api, chief, handler, item):
    response = api(chief).post(LIST, payload(handler, item=item.pk, complaint_received=True), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    breach = Breach.objects.get(pk=body["id"])
    assert breach.staff == handler
    assert breach.item_version == item.current
    assert body["complaint_received"] is True
    assert body["outcome"] == "pending"


def test_chief_recording_against_another_sections_staff_is_403(api, chief, other_handler):
    response = api(chief).post(LIST, payload(other_handler), format="json")
    assert response.status_code == 403
    assert not Breach.objects.exists()


@pytest.mark.parametrize("role", ["front_desk", "handler", "administrator"])
def test_roles_that_may_not_record_get_403(role, request, api, handler):
    assert api(request.getfixturevalue(role)).post(LIST, payload(handler), format="json").status_code == 403
    assert not Breach.objects.exists()


def test_bad_input_is_400_with_field_reasons(api, supervisor, handler):
    client = api(supervisor)
    missing = client.post(LIST, {"staff": handler.pk}, format="json")
    assert missing.status_code == 400
    assert {"occurred_on", "promised", "happened"} <= set(missing.json())
    future = client.post(LIST, payload(handler, occurred_on=days_ago(-1).isoformat()), format="json")
    assert future.status_code == 400
    assert future.json()["occurred_on"]
    unknown = client.post(LIST, {**payload(handler), "staff": 999999, "item": 999999}, format="json")
    assert unknown.status_code == 400
    assert {"staff", "item"} <= set(unknown.json())
    assert not Breach.objects.exists()


def test_an_evidence_file_can_be_sent_and_is_served_only_through_the_breach(api, supervisor, handler):
    upload = SimpleUploadedFile("说明.pdf", PDF)
    response = api(supervisor).post(LIST, {**payload(handler), "evidence_file": upload}, format="multipart")
    assert response.status_code == 201, response.content
    breach_id = response.json()["id"]
    assert response.json()["evidence_file"] == f"http://testserver/breaches/{breach_id}/evidence/"


def test_a_disguised_evidence_file_is_400(api, supervisor, handler):
    upload = SimpleUploadedFile("说明.pdf", b"MZ not a pdf")
    response = api(supervisor).post(LIST, {**payload(handler), "evidence_file": upload}, format="multipart")
    assert response.status_code == 400
    assert response.json()["evidence_file"]


# --- decide ----------------------------------------------------------------


def decide_url(breach):
    return f"{LIST}{breach.pk}/decide/"


@pytest.mark.parametrize("role", ["chief", "supervisor"])
def test_chief_or_supervisor_decides(role, request, api, breach):
    decider = request.getfixturevalue(role)
    response = api(decider).post(
        decide_url(breach), {"outcome": "criticism", "note": "已批评"}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["outcome"] == "criticism"
    assert body["outcome_note"] == "已批评"
    assert body["decided_by"] == decider.pk


def test_a_second_decision_is_409_with_a_detail(api, chief, supervisor, breach):
    assert (
        api(supervisor).post(decide_url(breach), {"outcome": "dismissed"}, format="json").status_code == 200
    )
    response = api(chief).post(decide_url(breach), {"outcome": "accountability"}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"]
    breach.refresh_from_db()
    assert breach.outcome == BreachOutcome.DISMISSED


def test_criticism_on_a_complained_about_breach_is_400(api, chief, supervisor, handler):
    breach = record(supervisor, handler, complaint_received=True)
    response = api(chief).post(decide_url(breach), {"outcome": "criticism"}, format="json")
    assert response.status_code == 400
    assert response.json()["outcome"]
    breach.refresh_from_db()
    assert breach.outcome == BreachOutcome.PENDING


@pytest.mark.parametrize("outcome", ["pending", "king", ""])
def test_a_bad_outcome_is_400(api, chief, breach, outcome):
    response = api(chief).post(decide_url(breach), {"outcome": outcome}, format="json")
    assert response.status_code == 400
    assert response.json()["outcome"]


def test_the_staff_member_cannot_decide_their_own_breach(api, handler, breach):
    assert api(handler).post(decide_url(breach), {"outcome": "dismissed"}, format="json").status_code == 403


@pytest.mark.parametrize("role", ["front_desk", "other_chief", "administrator"])
def test_deciding_a_breach_the_user_may_not_see_is_404(role, request, api, breach):
    response = api(request.getfixturevalue(role)).post(
        decide_url(breach), {"outcome": "dismissed"}, format="json"
    )
    assert response.status_code == 404
    breach.refresh_from_db()
    assert breach.outcome == BreachOutcome.PENDING


def test_the_api_is_in_the_schema(client, db):
    schema = client.get("/api/schema/").content.decode()
    assert "/api/v1/breaches/" in schema
    assert "/api/v1/breaches/{id}/decide/" in schema
