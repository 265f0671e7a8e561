import json

import pytest
import time_machine

from deadlines.jobs import escalate_overdue, flag_overdue
from deadlines.services import case_open
from org.roles import Role
from tests.deadlines.conftest import at

URL = "/cases/overdue/"


@pytest.fixture(autouse=True)
def today():
    # Wed 2026-11-25.
    with time_machine.travel(at(2026, 11, 25), tick=False):
        yield


@pytest.fixture
def other_handler(make_staff, other_department):
    return make_staff(Role.HANDLER, department=other_department, name="经办人小刘")


@pytest.fixture
def cases(open_case, make_item, other_handler, other_department):
    older = open_case(received_at=at(2026, 11, 2))  # due Mon 11-16: 7 wd overdue
    newer = open_case(received_at=at(2026, 11, 9))  # due Mon 11-23: 2 wd overdue
    ahead = open_case(received_at=at(2026, 11, 24))  # due 12-08: not overdue
    theirs = case_open(
        actor=other_handler.user,
        service_item=make_item(code="MK-001", dept=other_department, committed_days=5),
        applicant_name="李女士",
        applicant_phone="13900001111",
        received_at=at(2026, 11, 10),
    )  # due Tue 11-17: 6 wd overdue
    flag_overdue()
    escalate_overdue()
    return {"older": older, "newer": newer, "ahead": ahead, "theirs": theirs}


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["front_desk", "handler", "chief", "administrator"])
def test_only_supervisors_see_the_board(role, request, login):
    assert login(request.getfixturevalue(role)).get(URL).status_code == 403


def test_overdue_cases_oldest_first_with_working_days_overdue(login, supervisor, cases):
    response = login(supervisor).get(URL)
    shown = [(case.number, case.working_days_left) for case in response.context["page"]]
    assert shown == [
        (cases["older"].number, -7),
        (cases["theirs"].number, -6),
        (cases["newer"].number, -2),
    ]
    assert cases["ahead"].number not in response.content.decode()


def test_the_escalation_steps_taken_are_shown(login, supervisor, cases):
    response = login(supervisor).get(URL)
    steps = {case.number: [e.step for e in case.escalations.all()] for case in response.context["page"]}
    assert steps[cases["older"].number] == ["handler", "chief", "supervisor"]
    assert steps[cases["newer"].number] == ["handler", "chief"]


def test_counts_per_section_in_a_chart_and_a_table(login, supervisor, cases, department, other_department):
    response = login(supervisor).get(URL)
    counts = {section.name: section.overdue_count for section in response.context["sections"]}
    assert counts[department.name] == 2
    assert counts[other_department.name] == 1
    assert response.context["total"] == 3
    page = response.content.decode()
    assert "vendor/chart.js/chart.umd.min.js" in page
    data = json.loads(page.split('id="overdue-chart-data" type="application/json">')[1].split("</script>")[0])
    assert dict(zip(data["labels"], data["counts"], strict=True))[department.name] == 2
    assert f'data-section="{department.code}">2<' in page


def test_one_section_can_be_picked(login, supervisor, cases, other_department):
    response = login(supervisor).get(URL, {"department": other_department.pk})
    assert [case.number for case in response.context["page"]] == [cases["theirs"].number]
    assert login(supervisor).get(URL, {"department": "abc", "page": "-1"}).status_code == 200


def test_the_board_takes_a_constant_number_of_queries(
    login, supervisor, open_case, django_assert_max_num_queries
):
    for day in range(1, 21):
        open_case(received_at=at(2026, 10, day))
    flag_overdue()
    escalate_overdue()
    client = login(supervisor)
    with django_assert_max_num_queries(13):
        response = client.get(URL)
    assert len(response.context["page"]) == 20
