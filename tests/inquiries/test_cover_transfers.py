"""Rule 4: an inquiry transferred to A while A is away reaches B; B sees it in
B's transfers and inquiries, marked 代岗, acknowledges it and records its
outcome with A's authority, each event carrying acting_for = A; once A is
back, both find it among the recently acknowledged, B's marked 代岗 and A's
"acknowledged for you by B"."""

import pytest
import time_machine

from audit.models import AuditEvent
from inquiries.models import Inquiry, InquiryStatus, Outcome, Transfer
from inquiries.services import inquiry_record_outcome
from messaging.models import Message
from tests.abpositions.conftest import at as moment
from tests.abpositions.conftest import away  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def trip(post, a_holder, away):  # noqa: F811
    return away(a_holder, "2026-12-08 09:00", "2026-12-10 18:00")


@pytest.fixture
def transferred(log_inquiry, clerk, a_holder, trip):
    with time_machine.travel(moment("2026-12-08 10:00"), tick=False):
        inquiry = log_inquiry(asked=[clerk])
        inquiry_record_outcome(
            actor=clerk.user, inquiry=inquiry, outcome=Outcome.TRANSFER, transfer_to=a_holder
        )
    return Transfer.objects.get(inquiry=inquiry)


def on(text):
    return time_machine.travel(moment(text), tick=False)


def test_the_transfer_to_a_away_reaches_b_and_a_keeps_it(transferred, a_holder, b_holder):
    assert transferred.to == a_holder
    recipients = set(Message.objects.filter(kind="inquiry.transfer").values_list("recipient", flat=True))
    assert recipients == {a_holder.user_id, b_holder.user_id}


def test_a_transfer_to_a_at_work_does_not_copy_b(log_inquiry, clerk, a_holder, b_holder, post):
    with on("2026-12-07 10:00"):
        inquiry = log_inquiry(asked=[clerk])
        inquiry_record_outcome(
            actor=clerk.user, inquiry=inquiry, outcome=Outcome.TRANSFER, transfer_to=a_holder
        )
    assert not Message.objects.filter(kind="inquiry.transfer", recipient=b_holder.user).exists()


def test_b_acknowledges_and_answers_for_a(login, transferred, a_holder, b_holder):
    inquiry = transferred.inquiry
    with on("2026-12-09 10:00"):
        client = login(b_holder)
        page = client.get("/inquiries/transfers/").content.decode()
        assert inquiry.number in page and "代岗（代A岗张三）" in page
        assert client.post(f"/inquiries/transfers/{transferred.pk}/acknowledge/").status_code == 302
        inquiry.refresh_from_db()
        assert (inquiry.status, inquiry.owner) == (InquiryStatus.ACKNOWLEDGED, a_holder)
        response = client.get("/inquiries/")
        page = response.content.decode()
        assert inquiry.number in page and "代岗（代A岗张三）" in page
        # The card counts what the list lists, A's taken-over inquiry included.
        assert response.context["cards"][0]["count"] == response.context["page"].paginator.count == 1
        inquiry_record_outcome(
            actor=b_holder.user, inquiry=inquiry, outcome=Outcome.HANDLED, note="已电话答复"
        )
    assert Inquiry.objects.get().status == InquiryStatus.CLOSED
    events = AuditEvent.objects.filter(
        verb__in=["transfer.acknowledge", "inquiry.outcome"], actor=b_holder.user
    )
    assert [(event.verb, event.acting_for) for event in events.order_by("pk")] == [
        ("transfer.acknowledge", a_holder.user),
        ("inquiry.outcome", a_holder.user),
    ]


def test_b_may_not_acknowledge_once_a_is_back(login, transferred, b_holder):
    with on("2026-12-10 18:00"):
        client = login(b_holder)
        assert transferred.inquiry.number not in client.get("/inquiries/transfers/").content.decode()
        assert client.post(f"/inquiries/transfers/{transferred.pk}/acknowledge/").status_code == 404
    transferred.refresh_from_db()
    assert transferred.acknowledged_at is None


def test_a_colleague_not_covering_may_not_acknowledge(login, transferred, handler):
    with on("2026-12-09 10:00"):
        assert login(handler).post(f"/inquiries/transfers/{transferred.pk}/acknowledge/").status_code == 404


def test_a_transfer_not_acknowledged_is_flagged_to_b_too(transferred, a_holder, b_holder, chief):
    from inquiries.jobs import flag_unowned

    with on("2026-12-10 17:00"):
        flag_unowned()
    recipients = set(
        Message.objects.filter(kind="inquiry.not_acknowledged").values_list("recipient", flat=True)
    )
    assert recipients == {a_holder.user_id, b_holder.user_id, chief.user_id}


def test_b_closing_as_taken_over_inquiry_by_a_refusal_acts_for_a(transferred, a_holder, b_holder):
    from inquiries.services import transfer_acknowledge
    from refusals.services import refusal_file

    # The visitor came to apply: only an application can be refused (rule 6).
    Inquiry.objects.filter(pk=transferred.inquiry_id).update(kind="application")
    transferred.inquiry.refresh_from_db()
    with on("2026-12-09 10:00"):
        transfer_acknowledge(actor=b_holder.user, transfer=transferred)
        refusal_file(
            actor=b_holder.user,
            inquiry=transferred.inquiry,
            kind="not_accepted",
            facts="申请事项不属于本机关职权范围",
            reason="不属于本机关受理范围",
            legal_basis="《行政许可法》第三十二条第一款第（二）项",
        )
    closed = AuditEvent.objects.filter(verb="inquiry.outcome", actor=b_holder.user).get()
    assert closed.acting_for == a_holder.user
    assert Inquiry.objects.get().status == InquiryStatus.CLOSED


def _acknowledged_section(response) -> str:
    return response.content.decode().split('data-testid="acknowledged"', 1)[1]


@pytest.fixture
def acknowledged_by_b(transferred, b_holder):
    from inquiries.services import transfer_acknowledge

    with on("2026-12-09 10:00"):
        transfer_acknowledge(actor=b_holder.user, transfer=transferred)
    return transferred


def test_b_still_finds_what_they_acknowledged_for_a_once_a_is_back(login, acknowledged_by_b, b_holder):
    with on("2026-12-11 10:00"):
        response = login(b_holder).get("/inquiries/transfers/")
    assert [t.pk for t in response.context["acknowledged"]] == [acknowledged_by_b.pk]
    recent = _acknowledged_section(response)
    assert acknowledged_by_b.inquiry.number in recent and "代岗（代A岗张三）" in recent
    assert "代为确认" not in recent


def test_a_sees_it_acknowledged_for_them_by_b(login, acknowledged_by_b, a_holder):
    with on("2026-12-11 10:00"):
        response = login(a_holder).get("/inquiries/transfers/")
    assert [t.pk for t in response.context["acknowledged"]] == [acknowledged_by_b.pk]
    recent = _acknowledged_section(response)
    assert acknowledged_by_b.inquiry.number in recent and "由B岗李四代为确认" in recent
    assert "代岗（" not in recent


def test_a_transfer_a_acknowledged_themselves_is_not_marked_nor_shown_to_b(
    login, log_inquiry, clerk, a_holder, b_holder, post
):
    from inquiries.services import transfer_acknowledge

    with on("2026-12-07 10:00"):
        inquiry = log_inquiry(asked=[clerk])
        inquiry_record_outcome(
            actor=clerk.user, inquiry=inquiry, outcome=Outcome.TRANSFER, transfer_to=a_holder
        )
        transfer_acknowledge(actor=a_holder.user, transfer=Transfer.objects.get(inquiry=inquiry))
        mine = login(a_holder).get("/inquiries/transfers/")
        theirs = login(b_holder).get("/inquiries/transfers/")
    assert [t.inquiry for t in mine.context["acknowledged"]] == [inquiry]
    assert "代为确认" not in _acknowledged_section(mine)
    assert theirs.context["acknowledged"] == []


def test_a_colleague_does_not_see_what_b_acknowledged_for_a(login, acknowledged_by_b, handler):
    with on("2026-12-11 10:00"):
        assert login(handler).get("/inquiries/transfers/").context["acknowledged"] == []


def test_the_acknowledged_list_is_one_query_however_many_rows(
    login, log_inquiry, clerk, a_holder, b_holder, trip, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from inquiries.services import transfer_acknowledge

    def transfer_and_acknowledge(to, by):
        inquiry = log_inquiry(asked=[clerk])
        inquiry_record_outcome(actor=clerk.user, inquiry=inquiry, outcome=Outcome.TRANSFER, transfer_to=to)
        transfer_acknowledge(actor=by.user, transfer=Transfer.objects.get(inquiry=inquiry))

    def queries():
        client = login(b_holder)
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/inquiries/transfers/")
        return len(response.context["acknowledged"]), len(captured)

    with on("2026-12-09 10:00"):
        transfer_and_acknowledge(a_holder, b_holder)
        one = queries()
        for _ in range(3):
            transfer_and_acknowledge(a_holder, b_holder)
            transfer_and_acknowledge(b_holder, b_holder)
        many = queries()
        client = login(b_holder)
        with django_assert_max_num_queries(12):
            client.get("/inquiries/transfers/")
    assert (one[0], many[0]) == (1, 7)
    assert one[1] == many[1]
