import pytest
from django.urls import reverse
from django.utils import translation

from org.roles import Role
from workdays.models import CalendarYear, SpecialDay

pytestmark = pytest.mark.django_db

ADD = "/api/v1/calendar/add-working-days/"
BETWEEN = "/api/v1/calendar/working-days-between/"


def test_paths_are_the_documented_ones():
    assert reverse("calendar-add-working-days") == ADD
    assert reverse("calendar-working-days-between") == BETWEEN


@pytest.mark.parametrize(
    "path", [ADD + "?start=2026-02-13&days=1", BETWEEN + "?start=2026-02-13&end=2026-02-24"]
)
def test_no_credentials_is_401(api, path):
    response = api().get(path)
    assert response.status_code == 401
    assert "WWW-Authenticate" in response


def test_a_wrong_token_is_401(api):
    client = api()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert client.get(ADD + "?start=2026-02-13&days=1").status_code == 401


@pytest.mark.parametrize(
    "role", [Role.FRONT_DESK, Role.HANDLER, Role.SECTION_CHIEF, Role.SUPERVISOR, Role.ADMINISTRATOR]
)
def test_every_role_may_count(api, make_staff, role):
    response = api(make_staff(role)).get(ADD + "?start=2026-02-13&days=2")
    assert response.status_code == 200
    assert response.json() == {"start": "2026-02-13", "days": 2, "date": "2026-02-24"}


def test_a_session_login_works_too(client, handler):
    client.force_login(handler.user)
    response = client.get(ADD + "?start=2026-09-30&days=3")
    assert response.status_code == 200
    assert response.json()["date"] == "2026-10-10"


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        ("2026-02-13", 1, "2026-02-14"),
        ("2026-09-18", 1, "2026-09-20"),
        ("2026-09-30", 1, "2026-10-08"),
        ("2025-12-31", 1, "2026-01-04"),
        ("2026-02-24", -1, "2026-02-14"),
        ("2026-10-01", 0, "2026-10-01"),
    ],
)
def test_add_working_days_answers(api, handler, start, days, expected):
    response = api(handler).get(ADD, {"start": start, "days": days})
    assert response.status_code == 200
    assert response.json() == {"start": start, "days": days, "date": expected}


def test_an_answer_in_an_unpublished_year_is_400_with_the_reason(api, handler):
    with translation.override("en"):
        response = api(handler).get(ADD, {"start": "2026-12-31", "days": 1}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "The official holiday schedule for 2027 has not been entered yet; an administrator "
        "must add it before dates in 2027 can be counted."
    }


def test_the_reason_is_in_chinese_by_default(api, handler):
    response = api(handler).get(ADD, {"start": "2027-01-04", "days": 1})
    assert response.status_code == 400
    assert "2027" in response.json()["detail"]


def test_an_administrators_correction_changes_the_answer_at_once(api, handler):
    client = api(handler)
    assert client.get(ADD, {"start": "2026-02-27", "days": 2}).json()["date"] == "2026-03-02"
    SpecialDay.objects.create(
        calendar_year=CalendarYear.objects.get(year=2026), date="2026-03-02", kind="holiday", name="测试"
    )
    assert client.get(ADD, {"start": "2026-02-27", "days": 2}).json()["date"] == "2026-03-03"


def test_entering_next_year_makes_its_dates_countable(api, handler):
    client = api(handler)
    assert client.get(ADD, {"start": "2026-12-31", "days": 1}).status_code == 400
    CalendarYear.objects.create(year=2027, source="manual")
    assert client.get(ADD, {"start": "2026-12-31", "days": 1}).json()["date"] == "2027-01-01"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"days": 1}, "start"),
        ({"start": "", "days": 1}, "start"),
        ({"start": "2026-02-30", "days": 1}, "start"),
        ({"start": "13/02/2026", "days": 1}, "start"),
        ({"start": "2026-02-13T10:00", "days": 1}, "start"),
        ({"start": "2026-02-13"}, "days"),
        ({"start": "2026-02-13", "days": "two"}, "days"),
        ({"start": "2026-02-13", "days": "1.5"}, "days"),
        ({"start": "2026-02-13", "days": 3651}, "days"),
        ({"start": "2026-02-13", "days": -3651}, "days"),
    ],
)
def test_bad_input_is_400_naming_the_field(api, handler, query, field):
    response = api(handler).get(ADD, query)
    assert response.status_code == 400
    body = response.json()
    assert field in body
    assert isinstance(body[field], list) and body[field]


def test_extreme_dates_are_400_not_500(api, handler):
    client = api(handler)
    for start, days in [("0001-01-01", -1), ("9999-12-31", 1), ("0001-01-01", 3650), ("9999-12-31", -3650)]:
        response = client.get(ADD, {"start": start, "days": days})
        assert response.status_code == 400, (start, days)
        assert "detail" in response.json()


def test_the_largest_allowed_count_is_still_a_clear_400_when_it_leaves_the_known_years(api, handler):
    response = api(handler).get(ADD, {"start": "2026-01-05", "days": 3650})
    assert response.status_code == 400
    assert "2027" in response.json()["detail"]


def test_working_days_between(api, handler):
    client = api(handler)
    response = client.get(BETWEEN, {"start": "2026-09-30", "end": "2026-10-10"})
    assert response.status_code == 200
    assert response.json() == {"start": "2026-09-30", "end": "2026-10-10", "working_days": 3}
    assert client.get(BETWEEN, {"start": "2026-02-24", "end": "2026-02-13"}).json()["working_days"] == -2


def test_working_days_between_an_unpublished_year_is_400(api, handler):
    response = api(handler).get(BETWEEN, {"start": "2026-12-01", "end": "2027-01-10"})
    assert response.status_code == 400
    assert "2027" in response.json()["detail"]


@pytest.mark.parametrize(
    ("query", "fields"),
    [
        ({}, {"start", "end"}),
        ({"start": "2026-01-05"}, {"end"}),
        ({"start": "yesterday", "end": "2026-01-05"}, {"start"}),
    ],
)
def test_working_days_between_bad_input_is_400(api, handler, query, fields):
    response = api(handler).get(BETWEEN, query)
    assert response.status_code == 400
    assert set(response.json()) == fields


def test_post_is_not_allowed(api, handler):
    assert api(handler).post(ADD, {"start": "2026-02-13", "days": 1}).status_code == 405


def test_the_schema_documents_the_query_parameters(api, administrator):
    response = api(administrator).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    params = {p["name"]: p for p in schema["paths"][ADD]["get"]["parameters"]}
    assert params["start"]["in"] == "query" and params["start"]["required"] is True
    assert params["start"]["schema"]["format"] == "date"
    assert params["days"]["schema"]["type"] == "integer"
    assert params["days"]["schema"]["maximum"] == 3650
    between = {p["name"] for p in schema["paths"][BETWEEN]["get"]["parameters"]}
    assert between == {"start", "end"}
