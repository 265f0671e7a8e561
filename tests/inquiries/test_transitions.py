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


def test_a_closed_inquiry_moves_nowhere():
    assert InquiryStatus.CLOSED not in INQUIRY_TRANSITIONS
    assert all(InquiryStatus.OPEN not in targets for targets in INQUIRY_TRANSITIONS.values())


def test_a_move_the_map_does_not_allow_is_a_conflict(log_inquiry, front_desk):
    inquiry = log_inquiry(asked=[front_desk])
    inquiry.status = InquiryStatus.CLOSED
    with pytest.raises(ConflictError):
        _move(inquiry, InquiryStatus.TRANSFERRED)
    assert inquiry.status == InquiryStatus.CLOSED
    inquiry.status = InquiryStatus.OPEN
    _move(inquiry, InquiryStatus.NOTICE)
    assert inquiry.status == InquiryStatus.NOTICE
