"""An inquiry's status moves only along INQUIRY_TRANSITIONS."""

import pytest
import time_machine

from core.errors import ConflictError
from inquiries.models import INQUIRY_TRANSITIONS, InquiryStatus
from inquiries.services import _move
from tests.inquiries.conftest import at


@pytest.fixture(autouse=True)
def today(official_calendar):
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


def test_a_closed_inquiry_moves_only_back_to_awaiting_its_outcome():
    """Only when its refusal is overturned (rule 6); nothing else reopens it."""
    assert INQUIRY_TRANSITIONS[InquiryStatus.CLOSED] == {InquiryStatus.OPEN, InquiryStatus.ACKNOWLEDGED}
    opening = [status for status, targets in INQUIRY_TRANSITIONS.items() if InquiryStatus.OPEN in targets]
    assert opening == [InquiryStatus.CLOSED]


def test_a_closed_inquiry_without_an_overturned_refusal_is_not_reopened(log_inquiry, front_desk):
    from inquiries.services import inquiry_reopen
    from refusals.services import refusal_file

    inquiry = log_inquiry(asked=[front_desk], kind="application")
    refusal_file(
        actor=front_desk.user,
        inquiry=inquiry,
        kind="not_accepted",
        facts="不属于本机关职权",
        reason="不属于本机关受理范围",
        legal_basis="《行政许可法》第三十二条",
    )
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.CLOSED
    with pytest.raises(ConflictError):
        inquiry_reopen(actor=front_desk.user, inquiry=inquiry, refusal_number="BY0")
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.CLOSED


def test_a_move_the_map_does_not_allow_is_a_conflict(log_inquiry, front_desk):
    inquiry = log_inquiry(asked=[front_desk])
    inquiry.status = InquiryStatus.CLOSED
    with pytest.raises(ConflictError):
        _move(inquiry, InquiryStatus.TRANSFERRED)
    assert inquiry.status == InquiryStatus.CLOSED
    inquiry.status = InquiryStatus.OPEN
    _move(inquiry, InquiryStatus.NOTICE)
    assert inquiry.status == InquiryStatus.NOTICE
