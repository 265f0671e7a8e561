"""The section's inquiries: /inquiries/section/."""

import pytest
import time_machine

from inquiries.jobs import flag_unowned
from inquiries.models import Channel, InquiryKind, Outcome
from inquiries.services import inquiry_record_outcome
from org.roles import Role
from tests.inquiries.conftest import at

URL = "/inquiries/section/"


@pytest.fixture(autouse=True)
def today(official_calendar):
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


@pytest.fixture
def inquiries(log_inquiry, front_desk, clerk, handler, make_staff, other_department):
    """Ours: flagged (from last week), transferred, closed this month, closed last month, open; theirs."""
    flagged = log_inquiry(asked=[front_desk], asked_at=at(2026, 11, 2), subject="旧咨询")
    flag_unowned()
    transferred = log_inquiry(asked=[clerk], channel=Channel.PHONE)
    inquiry_record_outcome(
        actor=clerk.user, inquiry=transferred, outcome=Outcome.TRANSFER, transfer_to=handler
    )
    closed = log_inquiry(asked=[front_desk], kind=InquiryKind.REPORT, visitor_phone="13900001111")
    inquiry_record_outcome(actor=front_desk.user, inquiry=closed, outcome=Outcome.HANDLED)
    with time_machine.travel(at(2026, 10, 28), tick=False):
        last_month = log_inquiry(asked=[front_desk])
        inquiry_record_outcome(actor=front_desk.user, inquiry=last_month, outcome=Outcome.HANDLED)
    fresh = log_inquiry(asked=[front_desk])
    desk = make_staff(Role.FRONT_DESK, department=other_department, name="他科前台")
    theirs = log_inquiry(asked=[desk], actor=desk)
    return {
        "flagged": flagged,
        "transferred": transferred,
        "closed": closed,
        "last_month": last_month,
        "fresh": fresh,
        "theirs": theirs,
    }


def numbers(response):
    return [inquiry.number for inquiry in response.context["page"]]


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["front_desk", "handler", "administrator"])
def test_only_chiefs_and_supervisors(role, request, login):
    assert login(request.getfixturevalue(role)).get(URL).status_code == 403


def test_a_chief_sees_every_inquiry_of_the_section_newest_first(login, chief, inquiries):
    response = login(chief).get(URL)
    assert numbers(response) == [
        inquiries[k].number for k in ("fresh", "closed", "transferred", "flagged", "last_month")
    ]
    page = response.content.decode()
    assert inquiries["theirs"].number not in page
    # Contacts are masked in the list, a report's included.
    assert "139****1111" in page
    assert "13900001111" not in page
    assert "13812345678" not in page
    assert "department" not in response.context["filter"].form.fields


def test_the_cards_open_flagged_transferred_closed_this_month(login, chief, inquiries):
    client = login(chief)
    response = client.get(URL)
    assert [card["count"] for card in response.context["cards"]] == [2, 1, 1, 1]
    # The cards keep their numbers under the status filter, and link to their lists.
    response = client.get(URL, {"status": "closed"})
    assert [card["count"] for card in response.context["cards"]] == [2, 1, 1, 1]
    cards = response.context["cards"]
    assert numbers(client.get(cards[1]["url"])) == [inquiries["flagged"].number]
    assert numbers(client.get(cards[2]["url"])) == [inquiries["transferred"].number]


def test_each_card_links_to_the_list_it_counts(login, chief, inquiries):
    client = login(chief)
    cards = client.get(URL).context["cards"]
    linked = [card for card in cards if card["url"]]
    assert len(linked) == 3
    for card in linked:
        assert len(numbers(client.get(card["url"]))) == card["count"], card["label"]
    # "Awaiting an outcome" is the status of that name, not every inquiry not yet closed.
    assert sorted(numbers(client.get(cards[0]["url"]))) == sorted(
        inquiries[k].number for k in ("fresh", "flagged")
    )


def test_each_status_is_offered_once(login, chief, inquiries):
    choices = [
        value for value, _label in login(chief).get(URL).context["filter"].form.fields["status"].choices
    ]
    assert len(choices) == len(set(choices))
    assert {"not_closed", "open", "notice", "transferred", "closed"} <= set(choices)


def test_the_filters(login, chief, clerk, inquiries):
    client = login(chief)

    def shown(**params):
        return sorted(numbers(client.get(URL, params)))

    def of(*keys):
        return sorted(inquiries[k].number for k in keys)

    assert shown(status="not_closed") == of("fresh", "flagged", "transferred")
    assert shown(status="open") == of("fresh", "flagged")
    assert shown(status="transferred") == of("transferred")
    assert shown(kind="report") == of("closed")
    assert shown(channel="phone") == of("transferred")
    assert shown(first_responder=clerk.pk) == of("transferred")
    assert shown(flagged="true") == of("flagged")
    assert shown(asked_from="2026-11-01", asked_to="2026-11-02") == of("flagged")
    assert shown(asked_to="2026-10-31") == of("last_month")
    assert shown(number=inquiries["fresh"].number[-4:]) == of("fresh")


def test_a_chief_cannot_look_into_another_section(login, chief, inquiries, other_department):
    response = login(chief).get(URL, {"department": other_department.pk})
    assert inquiries["theirs"].number not in numbers(response)


def test_a_supervisor_sees_every_section_and_may_pick_one(login, supervisor, inquiries, other_department):
    client = login(supervisor)
    assert len(numbers(client.get(URL))) == 6
    response = client.get(URL, {"department": other_department.pk})
    assert numbers(response) == [inquiries["theirs"].number]
    assert response.context["department"] == other_department


def test_the_chief_of_the_other_section_sees_theirs(login, other_chief, inquiries):
    assert numbers(login(other_chief).get(URL)) == [inquiries["theirs"].number]


def test_bad_filter_values_are_not_a_500(login, chief, supervisor, inquiries):
    params = {
        "status": "king",
        "kind": "?",
        "channel": "x",
        "first_responder": "abc",
        "flagged": "maybe",
        "department": "x",
        "asked_from": "2026-13-45",
        "number": "x" * 100,
        "page": "abc",
    }
    for staff in (chief, supervisor):
        assert login(staff).get(URL, params).status_code == 200


def test_thirty_inquiries_in_a_constant_number_of_queries(
    login, log_inquiry, front_desk, handler, chief, supervisor, django_assert_max_num_queries
):
    for n in range(30):
        inquiry = log_inquiry(asked=[front_desk], subject=f"咨询{n}")
        if n % 3 == 0:
            inquiry_record_outcome(
                actor=front_desk.user, inquiry=inquiry, outcome=Outcome.TRANSFER, transfer_to=handler
            )
    for staff, params in ((chief, {}), (supervisor, {"department": front_desk.department_id})):
        client = login(staff)
        with django_assert_max_num_queries(18):
            response = client.get(URL, params)
        assert len(response.context["page"]) == 30
