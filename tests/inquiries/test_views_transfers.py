"""The transfer inbox: /inquiries/transfers/ and its Acknowledge button."""

import pytest
import time_machine

from inquiries.models import InquiryStatus, Outcome, Transfer
from inquiries.services import inquiry_record_outcome, transfer_acknowledge
from org.roles import Role
from tests.inquiries.conftest import at

URL = "/inquiries/transfers/"


@pytest.fixture(autouse=True)
def today(official_calendar):
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


@pytest.fixture
def transfer_to(log_inquiry, front_desk):
    def make(staff, **fields):
        inquiry = log_inquiry(asked=[front_desk], **fields)
        inquiry_record_outcome(
            actor=front_desk.user,
            inquiry=inquiry,
            outcome=Outcome.TRANSFER,
            transfer_to=staff,
            note="材料已收",
        )
        return Transfer.objects.get(inquiry=inquiry)

    return make


def ack_url(transfer):
    return f"/inquiries/transfers/{transfer.pk}/acknowledge/"


def test_anonymous_is_sent_to_login(client, db):
    assert client.get(URL)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["handler", "chief"])
def test_handlers_and_chiefs_have_the_inbox(role, request, login):
    assert login(request.getfixturevalue(role)).get(URL).status_code == 200


@pytest.mark.parametrize("role", ["front_desk", "supervisor", "administrator"])
def test_others_are_refused(role, request, login):
    assert login(request.getfixturevalue(role)).get(URL).status_code == 403


def test_waiting_the_earliest_due_first_overdue_in_red_then_the_acknowledged(login, handler, transfer_to):
    with time_machine.travel(at(2026, 11, 5), tick=False):
        late = transfer_to(handler, subject="早前转交")  # to be acknowledged by Fri 11-06
    fresh = transfer_to(handler)  # by Wed 11-11
    done = transfer_to(handler)
    transfer_acknowledge(actor=handler.user, transfer=done)
    response = login(handler).get(URL)
    assert [t.pk for t in response.context["waiting"]] == [late.pk, fresh.pk]
    assert [t.pk for t in response.context["acknowledged"]] == [done.pk]
    page = response.content.decode()
    assert f'data-transfer="{late.pk}" data-overdue="1"' in page
    assert f'data-transfer="{fresh.pk}" data-overdue="0"' in page
    assert ack_url(late) in page and ack_url(fresh) in page
    assert ack_url(done) not in page


def test_the_handler_acknowledges_from_the_inbox(login, handler, transfer_to):
    transfer = transfer_to(handler)
    client = login(handler)
    response = client.post(ack_url(transfer))
    assert response["Location"] == URL
    transfer.refresh_from_db()
    assert transfer.acknowledged_at is not None
    assert transfer.inquiry.status == InquiryStatus.ACKNOWLEDGED
    # Twice is a message, not a 500.
    response = client.post(ack_url(transfer))
    assert response["Location"] == URL


def test_another_user_cannot_acknowledge(login, handler, chief, front_desk, make_staff, transfer_to):
    transfer = transfer_to(handler)
    # The chief and the first responder see the inquiry but may not take it over for the handler.
    for staff in (chief, front_desk):
        assert login(staff).post(ack_url(transfer)).status_code == 403
    # A handler with nothing to do with it does not even find it.
    assert login(make_staff(Role.HANDLER, name="旁人")).post(ack_url(transfer)).status_code == 404
    transfer.refresh_from_db()
    assert transfer.acknowledged_at is None


def test_anonymous_and_get_do_not_acknowledge(client, login, handler, transfer_to):
    transfer = transfer_to(handler)
    assert client.post(ack_url(transfer))["Location"].startswith("/accounts/login/")
    assert login(handler).get(ack_url(transfer)).status_code == 405
    assert login(handler).post("/inquiries/transfers/99999/acknowledge/").status_code == 404
    transfer.refresh_from_db()
    assert transfer.acknowledged_at is None


def test_an_outside_next_is_ignored(login, handler, transfer_to):
    transfer = transfer_to(handler)
    response = login(handler).post(ack_url(transfer), {"next": "https://evil.example/"})
    assert response["Location"] == URL


def test_the_inbox_takes_a_bounded_number_of_queries(
    login, handler, transfer_to, django_assert_max_num_queries
):
    transfers = [transfer_to(handler) for _ in range(12)]
    for transfer in transfers[:6]:
        transfer_acknowledge(actor=handler.user, transfer=transfer)
    client = login(handler)
    with django_assert_max_num_queries(10):
        response = client.get(URL)
    assert len(response.context["waiting"]) == 6


def test_a_desk_clerk_who_covered_still_finds_what_they_acknowledged_for_a(login, make_staff, transfer_to):
    """Not a handler: the page is theirs while they cover A, and after, for the rows they acknowledged."""
    from abpositions.models import Absence
    from tests.factories import PostFactory

    a_holder = make_staff(Role.HANDLER, name="A岗张三")
    clerk = make_staff(Role.FRONT_DESK, name="前台B岗")
    PostFactory(department=a_holder.department, a_holder=a_holder, b_holder=clerk)
    Absence.objects.create(
        staff=a_holder,
        kind="trip",
        start=at(2026, 11, 10, 8),
        end=at(2026, 11, 11, 8),
        contact="13800000000",
        registered_by=a_holder.user,
    )
    assert login(clerk).get(URL).status_code == 200
    transfer = transfer_to(a_holder)
    transfer_acknowledge(actor=clerk.user, transfer=transfer)
    with time_machine.travel(at(2026, 11, 12), tick=False):
        page = login(clerk).get(URL)
    assert page.status_code == 200
    assert transfer.inquiry.number in page.content.decode()
    other_clerk = make_staff(Role.FRONT_DESK, name="前台小刘")
    with time_machine.travel(at(2026, 11, 12), tick=False):
        assert login(other_clerk).get(URL).status_code == 403
