"""My open inquiries: /inquiries/."""

import pytest
import time_machine

from inquiries.jobs import flag_unowned
from inquiries.models import Channel, InquiryKind, Outcome
from inquiries.services import inquiry_record_outcome
from tests.inquiries.conftest import at

URL = "/inquiries/"


@pytest.fixture(autouse=True)
def today(official_calendar):
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


@pytest.fixture
def mine(log_inquiry, front_desk, handler, deputy_chief):
    """The front desk answers for: an old flagged one, one transferred, one with a notice, one closed;
    and it logged one the deputy chief answers for."""
    old = log_inquiry(asked=[front_desk], asked_at=at(2026, 11, 5), subject="旧咨询")
    flag_unowned()
    transferred = log_inquiry(asked=[front_desk], channel=Channel.PHONE)
    inquiry_record_outcome(
        actor=front_desk.user, inquiry=transferred, outcome=Outcome.TRANSFER, transfer_to=handler
    )
    notice = log_inquiry(asked=[front_desk], kind=InquiryKind.APPLICATION)
    inquiry_record_outcome(actor=front_desk.user, inquiry=notice, outcome=Outcome.NOTICE)
    closed = log_inquiry(asked=[front_desk])
    inquiry_record_outcome(actor=front_desk.user, inquiry=closed, outcome=Outcome.HANDLED)
    theirs = log_inquiry(asked=[front_desk, deputy_chief])
    return {"old": old, "transferred": transferred, "notice": notice, "closed": closed, "theirs": theirs}


def numbers(response):
    return [inquiry.number for inquiry in response.context["page"]]


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["front_desk", "handler", "chief"])
def test_the_desk_handlers_and_chiefs_have_the_page(role, request, login):
    assert login(request.getfixturevalue(role)).get(URL).status_code == 200


@pytest.mark.parametrize("role", ["supervisor", "administrator"])
def test_others_are_refused(role, request, login):
    assert login(request.getfixturevalue(role)).get(URL).status_code == 403


def test_what_i_answer_for_the_oldest_first_with_the_counts(login, front_desk, mine):
    response = login(front_desk).get(URL)
    assert numbers(response) == [mine["old"].number, mine["transferred"].number, mine["notice"].number]
    assert [card["count"] for card in response.context["cards"]] == [
        1,
        1,
        1,
        1,
    ]  # open, transfer, notice, flagged
    page = response.content.decode()
    assert 'data-flagged="1"' in page
    assert "138****5678" in page
    assert "13812345678" not in page


def test_the_filters(login, front_desk, mine):
    client = login(front_desk)
    assert numbers(client.get(URL, {"status": "notice"})) == [mine["notice"].number]
    assert numbers(client.get(URL, {"flagged": "true"})) == [mine["old"].number]
    assert numbers(client.get(URL, {"flagged": "false"})) == [
        mine["transferred"].number,
        mine["notice"].number,
    ]
    assert numbers(client.get(URL, {"channel": "phone"})) == [mine["transferred"].number]
    assert numbers(client.get(URL, {"kind": "application"})) == [mine["notice"].number]


def test_the_cards_link_to_their_lists(login, front_desk, mine):
    client = login(front_desk)
    cards = client.get(URL).context["cards"]
    assert numbers(client.get(cards[1]["url"])) == [mine["transferred"].number]
    assert numbers(client.get(cards[3]["url"])) == [mine["old"].number]


def test_what_i_logged_the_latest_first(login, front_desk, mine):
    response = login(front_desk).get(URL, {"show": "logged"})
    assert numbers(response) == [
        mine[key].number for key in ("theirs", "closed", "notice", "transferred", "old")
    ]
    # The tab is kept when filtering.
    assert 'name="show"' in response.content.decode()
    assert numbers(login(front_desk).get(URL, {"show": "logged", "status": "closed"})) == [
        mine["closed"].number
    ]


def test_the_deputy_chief_answers_for_theirs(login, deputy_chief, mine):
    assert numbers(login(deputy_chief).get(URL)) == [mine["theirs"].number]


def test_bad_filter_values_are_not_a_500(login, front_desk, mine):
    params = {"status": "king", "kind": "?", "channel": "x", "flagged": "maybe", "page": "abc", "show": "y"}
    assert login(front_desk).get(URL, params).status_code == 200


def test_thirty_inquiries_in_a_constant_number_of_queries(
    login, log_inquiry, front_desk, handler, django_assert_max_num_queries
):
    for n in range(30):
        inquiry = log_inquiry(asked=[front_desk], subject=f"咨询{n}")
        if n % 3 == 0:
            inquiry_record_outcome(
                actor=front_desk.user, inquiry=inquiry, outcome=Outcome.TRANSFER, transfer_to=handler
            )
    client = login(front_desk)
    for show in ("open", "logged"):
        with django_assert_max_num_queries(12):
            response = client.get(URL, {"show": show})
        assert len(response.context["page"]) == 30


def test_awaiting_my_outcome_lists_what_i_answer_for_and_what_i_took_over(login, mine, front_desk, handler):
    from inquiries.models import InquiryStatus, Transfer
    from inquiries.services import transfer_acknowledge

    transfer_acknowledge(actor=handler.user, transfer=Transfer.objects.get(inquiry=mine["transferred"]))
    # The desk: its own open one; the transfer the handler took over has left its list.
    desk = login(front_desk).get(URL, {"show": "open", "status": "awaiting"})
    assert numbers(desk) == [mine["old"].number]
    assert desk.context["cards"][0]["count"] == 1
    assert mine["transferred"].number not in numbers(login(front_desk).get(URL))
    # The handler: the transfer they took over, awaiting their outcome.
    taken = login(handler).get(URL, {"show": "open", "status": "awaiting"})
    assert numbers(taken) == [mine["transferred"].number]
    assert taken.context["cards"][0]["count"] == 1
    assert numbers(login(handler).get(URL, {"status": InquiryStatus.ACKNOWLEDGED})) == [
        mine["transferred"].number
    ]


def test_logged_by_me_from_a_day_on(login, mine, front_desk):
    response = login(front_desk).get(URL, {"show": "logged", "asked_from": "2026-11-10"})
    assert mine["old"].number not in numbers(response)
    assert len(numbers(response)) == 4
