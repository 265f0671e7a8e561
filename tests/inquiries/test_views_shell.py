"""What rule 1 adds to the shell: navigation entries and home panels."""

import pytest
import time_machine

from inquiries.models import Outcome
from inquiries.services import inquiry_record_outcome
from tests.inquiries.conftest import at

DESK, MINE, TRANSFERS, SECTION, REGISTER = (
    "/inquiries/new/",
    "/inquiries/",
    "/inquiries/transfers/",
    "/inquiries/section/",
    "/inquiries/register/",
)
ALL = {DESK, MINE, TRANSFERS, SECTION, REGISTER}


@pytest.fixture(autouse=True)
def today(official_calendar):
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


def nav_urls(client):
    return {item.url for item in client.get("/").context["nav_items"]}


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("front_desk", {DESK, MINE}),
        ("handler", {DESK, MINE, TRANSFERS}),
        ("chief", {DESK, MINE, TRANSFERS, SECTION, REGISTER}),
        ("supervisor", {SECTION, REGISTER}),
        ("administrator", set()),
    ],
)
def test_navigation_follows_the_roles(role, expected, request, login):
    assert nav_urls(login(request.getfixturevalue(role))) & ALL == expected


def test_the_front_desk_entry_is_the_current_one_on_the_intake_form(login, front_desk):
    items = login(front_desk).get(DESK).context["nav_items"]
    assert [item.url for item in items if item.active] == [DESK]


def panels(client):
    return {panel["key"]: panel["context"] for panel in client.get("/").context["panels"]}


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("front_desk", {"inquiries.desk"}),
        ("clerk", {"inquiries.desk", "inquiries.transfers"}),
        ("handler", {"inquiries.transfers"}),
        ("chief", {"inquiries.transfers"}),
        ("supervisor", set()),
        ("administrator", set()),
    ],
)
def test_each_role_gets_its_panels(role, shown, request, login):
    keys = {key for key in panels(login(request.getfixturevalue(role))) if key.startswith("inquiries.")}
    assert keys == shown


def test_the_desk_sees_todays_inquiries_and_its_open_ones(login, log_inquiry, front_desk):
    log_inquiry(asked=[front_desk], asked_at=at(2026, 11, 9))
    today_ones = [log_inquiry(asked=[front_desk]) for _ in range(2)]
    inquiry_record_outcome(actor=front_desk.user, inquiry=today_ones[0], outcome=Outcome.HANDLED)
    client = login(front_desk)
    panel = panels(client)["inquiries.desk"]
    assert panel["today_total"] == 2
    assert panel["counts"]["open"] == 2
    assert len(panel["open"]) == 2
    assert 'data-home-count="2" data-testid="desk-today"' in client.get("/").content.decode()


def test_the_handler_sees_the_transfers_to_acknowledge(login, log_inquiry, front_desk, handler):
    inquiry = log_inquiry(asked=[front_desk], subject="营业执照变更咨询")
    inquiry_record_outcome(
        actor=front_desk.user, inquiry=inquiry, outcome=Outcome.TRANSFER, transfer_to=handler
    )
    client = login(handler)
    panel = panels(client)["inquiries.transfers"]
    assert panel["total"] == 1
    assert [t.inquiry for t in panel["transfers"]] == [inquiry]
    page = client.get("/").content.decode()
    assert 'data-home-count="1" data-testid="transfers-waiting"' in page
    assert inquiry.number in page


@pytest.mark.parametrize("role", ["front_desk", "clerk", "handler"])
def test_the_home_page_stays_cheap(
    role, request, login, log_inquiry, front_desk, handler, django_assert_max_num_queries
):
    for _ in range(6):
        inquiry = log_inquiry(asked=[front_desk])
        inquiry_record_outcome(
            actor=front_desk.user, inquiry=inquiry, outcome=Outcome.TRANSFER, transfer_to=handler
        )
    client = login(request.getfixturevalue(role))
    # Rule 7 adds everyone's count of their own open cards (one).
    with django_assert_max_num_queries(19):
        assert client.get("/").status_code == 200
