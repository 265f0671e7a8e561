"""Extension requests decided late (issue 10, 7): those a chief left waiting
past their decision day, or decided after it; the supervisor's home counts
them and links here."""

import pytest
import time_machine

from deadlines.services import extension_approve, extension_request
from org.roles import Role
from tests.deadlines.conftest import at

URL = "/cases/extensions/late/"


@pytest.fixture
def requests(
    official_calendar, open_case, make_item, handler, chief, make_staff, other_department, other_chief
):
    """Asked on Monday 11-16, each to be decided by Tuesday 11-17:
    ``late`` approved on Thursday, ``in_time`` approved on Monday, ``waiting`` (another section's) never."""
    other_handler = make_staff(Role.HANDLER, department=other_department, name="经办人小刘")
    with time_machine.travel(at(2026, 11, 16), tick=False):
        late = extension_request(actor=handler.user, case=open_case(), days=2, reason="等待检测报告")
        in_time = extension_request(actor=handler.user, case=open_case(), days=1, reason="补正材料")
        extension_approve(actor=chief.user, extension=in_time)
        other_case = open_case(service_item=make_item(dept=other_department), handler=other_handler)
        waiting = extension_request(actor=other_handler.user, case=other_case, days=3, reason="现场核查")
    with time_machine.travel(at(2026, 11, 19), tick=False):
        extension_approve(actor=chief.user, extension=late)
    return {"late": late, "in_time": in_time, "waiting": waiting}


@pytest.fixture(autouse=True)
def thursday():
    with time_machine.travel(at(2026, 11, 19, 15), tick=False):
        yield


def listed(response):
    return {extension.pk for extension in response.context["page"]}


def test_the_supervisor_sees_every_sections_late_requests(login, supervisor, requests):
    client = login(supervisor)
    response = client.get(URL)
    assert response.status_code == 200
    assert listed(response) == {requests["late"].pk, requests["waiting"].pk}
    assert 'data-list-total="2"' in response.content.decode()
    assert listed(client.get(URL, {"which": "waiting"})) == {requests["waiting"].pk}
    assert listed(client.get(URL, {"which": "decided"})) == {requests["late"].pk}
    # An unknown choice shows both, not an error.
    assert listed(client.get(URL, {"which": "nonsense"})) == {requests["late"].pk, requests["waiting"].pk}


def test_a_section_chief_sees_only_their_sections(login, chief, other_chief, requests):
    assert listed(login(chief).get(URL)) == {requests["late"].pk}
    assert listed(login(other_chief).get(URL)) == {requests["waiting"].pk}


def test_the_supervisors_home_counts_them_and_links_here(login, supervisor, requests):
    page = login(supervisor).get("/").content.decode()
    assert f'href="{URL}#results" data-home-count="2"' in page


def test_a_handler_is_refused(login, handler, requests):
    assert login(handler).get(URL).status_code == 403


def test_anonymous_is_sent_to_login(client, requests):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


def test_post_is_not_allowed(login, supervisor, requests):
    assert login(supervisor).post(URL).status_code == 405


def test_the_list_takes_a_bounded_number_of_queries(
    login, supervisor, requests, django_assert_max_num_queries
):
    client = login(supervisor)
    with django_assert_max_num_queries(12):
        assert client.get(URL).status_code == 200
