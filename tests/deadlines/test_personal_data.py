"""The applicant's phone: masked in every list of cases, page or API; whole on
the case's own page ("show the full number") and in its API GET, for who works
the case, each sight logged as personal_data.viewed."""

import pytest
import time_machine

from audit.models import AuditEvent
from tests.deadlines.conftest import at

VIEWED = "personal_data.viewed"
LIST = "/api/v1/cases/"


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


@pytest.fixture
def case(open_case):
    return open_case(received_at=at(2026, 11, 2))


def reveal_url(case):
    return f"/cases/{case.pk}/contact/"


def views_of(case):
    return AuditEvent.objects.for_object(case).filter(verb=VIEWED)


@pytest.mark.parametrize("role", ["handler", "chief", "front_desk"])
def test_who_works_or_received_the_case_sees_the_full_number_and_the_sight_is_logged(
    role, request, login, case
):
    staff = request.getfixturevalue(role)
    response = login(staff).post(reveal_url(case))
    page = response.content.decode()
    assert response.status_code == 200
    assert "13812345678" in page
    assert 'data-testid="reveal-contact"' not in page
    event = views_of(case).get()
    assert event.actor == staff.user
    assert event.subject_id == str(case.pk)
    assert event.after == {"applicant_phone": True}


def test_a_supervisor_is_refused_and_nothing_is_logged(login, supervisor, case):
    response = login(supervisor).post(reveal_url(case))
    assert response.status_code == 403
    assert b"13812345678" not in response.content
    assert not views_of(case).exists()


@pytest.mark.parametrize("role", ["other_chief", "administrator"])
def test_who_may_not_see_the_case_gets_404(role, request, login, case):
    assert login(request.getfixturevalue(role)).post(reveal_url(case)).status_code == 404
    assert not views_of(case).exists()


def test_a_get_is_refused(login, handler, case):
    assert login(handler).get(reveal_url(case)).status_code == 405
    assert not views_of(case).exists()


def test_anonymous_is_sent_to_login(client, case):
    assert client.post(reveal_url(case))["Location"].startswith("/accounts/login/")
    assert not views_of(case).exists()


def test_the_reveal_takes_a_bounded_number_of_queries(login, handler, case, django_assert_max_num_queries):
    client = login(handler)
    with django_assert_max_num_queries(30):
        assert client.post(reveal_url(case)).status_code == 200


@pytest.mark.parametrize("role", ["handler", "chief", "supervisor", "front_desk"])
def test_the_api_list_masks_the_phone_for_every_role_and_logs_nothing(
    role, request, api, case, django_assert_max_num_queries
):
    client = api(request.getfixturevalue(role))
    with django_assert_max_num_queries(10):
        rows = client.get(LIST).json()["results"]
    assert [row["applicant_phone"] for row in rows] == ["138****5678"]
    assert not views_of(case).exists()


@pytest.mark.parametrize("role", ["handler", "chief", "front_desk"])
def test_one_case_in_the_api_is_whole_for_who_works_it_and_the_sight_is_logged(role, request, api, case):
    staff = request.getfixturevalue(role)
    assert api(staff).get(f"{LIST}{case.pk}/").json()["applicant_phone"] == "13812345678"
    event = views_of(case).get()
    assert (event.actor, event.after) == (staff.user, {"applicant_phone": True})


def test_one_case_in_the_api_is_masked_for_a_supervisor_and_nothing_is_logged(api, supervisor, case):
    assert api(supervisor).get(f"{LIST}{case.pk}/").json()["applicant_phone"] == "138****5678"
    assert not views_of(case).exists()


@pytest.mark.parametrize(("role", "path"), [("handler", "/cases/"), ("chief", "/cases/section/")])
def test_the_case_lists_show_no_full_phone(role, path, request, login, case):
    page = login(request.getfixturevalue(role)).get(path).content.decode()
    assert case.number in page
    assert "13812345678" not in page
