"""What rule 2 adds to the shell: navigation entries and home panels."""

import pytest
import time_machine

from deadlines.jobs import flag_overdue
from deadlines.services import extension_request
from tests.deadlines.conftest import at


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


def nav_urls(client):
    return {item.url for item in client.get("/").context["nav_items"]}


@pytest.mark.parametrize(
    ("role", "expected", "absent"),
    [
        ("front_desk", {"/cases/"}, {"/cases/section/", "/cases/overdue/"}),
        ("handler", {"/cases/"}, {"/cases/section/", "/cases/overdue/"}),
        ("chief", {"/cases/", "/cases/section/"}, {"/cases/overdue/"}),
        ("supervisor", {"/cases/section/", "/cases/overdue/"}, {"/cases/"}),
        ("administrator", set(), {"/cases/", "/cases/section/", "/cases/overdue/"}),
    ],
)
def test_navigation_follows_the_roles(role, expected, absent, request, login):
    urls = nav_urls(login(request.getfixturevalue(role)))
    assert expected <= urls
    assert not (absent & urls)


@pytest.fixture
def cases(open_case, make_item):
    late = open_case(received_at=at(2026, 11, 2), service_item=make_item(committed_days=3))  # due 11-05
    ahead = [open_case(received_at=at(2026, 11, day)) for day in (2, 3, 4, 5, 6, 9)]
    flag_overdue()
    return [late, *ahead]


def panels(client):
    return {panel["key"]: panel["context"] for panel in client.get("/").context["panels"]}


def test_the_handler_sees_the_next_five_due_and_the_overdue_count(login, handler, cases):
    client = login(handler)
    panel = panels(client)["deadlines.handler"]
    assert [case.number for case in panel["next_due"]] == [case.number for case in cases[:5]]
    assert panel["counts"]["overdue"] == 1
    assert 'data-home-count="1" data-testid="my-overdue"' in client.get("/").content.decode()


def test_the_chief_sees_the_pending_requests_and_the_section_overdue(login, chief, handler, cases):
    extension_request(actor=handler.user, case=cases[1], days=2, reason="补正材料")
    client = login(chief)
    panel = panels(client)["deadlines.chief"]
    assert panel["pending_total"] == 1
    assert panel["counts"]["overdue"] == 1
    assert "补正材料" in client.get("/").content.decode()


def test_the_supervisor_sees_the_overdue_per_section(login, supervisor, department, cases):
    panel = panels(login(supervisor))["deadlines.supervisor"]
    assert [(s.name, s.overdue_count) for s in panel["sections"]] == [(department.name, 1)]
    assert panel["total"] == 1


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("front_desk", set()),
        ("handler", {"deadlines.handler"}),
        ("chief", {"deadlines.handler", "deadlines.chief"}),
        ("supervisor", {"deadlines.supervisor"}),
        ("administrator", set()),
    ],
)
def test_each_role_gets_its_panels(role, shown, request, login, db):
    keys = {key for key in panels(login(request.getfixturevalue(role))) if key.startswith("deadlines.")}
    assert keys == shown


@pytest.mark.parametrize("role", ["handler", "chief", "supervisor"])
def test_the_home_page_stays_cheap(role, request, login, handler, cases, django_assert_max_num_queries):
    extension_request(actor=handler.user, case=cases[1], days=2, reason="补正材料")
    client = login(request.getfixturevalue(role))
    # A chief who handles cases also sees the transfers panel: its two counts are two queries.
    # Rule 4: one query for whom the person covers (an away A holder's transfers reach B); the
    # cover panel asks whose posts they answer for now and whether they are away (two); and a
    # chief's uncovered posts panel is one query when none is. Rule 6: a chief's count of
    # refusals waiting for review (one). Rule 7: the person's own open cards (one). Rule 8: a
    # chief's poor ratings to follow up (one).
    with django_assert_max_num_queries(25 if role == "chief" else 22):
        assert client.get("/").status_code == 200
