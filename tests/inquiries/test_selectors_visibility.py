"""Who may view an inquiry is written twice: as a query (selectors.inquiries_visible_to,
for lists) and as a rule (inquiries.view_inquiry, for one object). They must agree."""

import pytest
import time_machine

from inquiries.models import InquiryKind, Outcome
from inquiries.selectors import inquiries_visible_to, inquiry_for
from inquiries.services import inquiry_record_outcome
from tests.inquiries.conftest import at

ROLES = [
    "front_desk",
    "clerk",
    "deputy_chief",
    "handler",
    "chief",
    "other_chief",
    "supervisor",
    "administrator",
]


@pytest.fixture(autouse=True)
def today(official_calendar):
    with time_machine.travel(at(2026, 11, 10), tick=False):
        yield


@pytest.mark.parametrize("kind", [InquiryKind.CONSULTATION, InquiryKind.REPORT])
def test_the_list_query_and_the_rule_agree_for_every_role(
    request, log_inquiry, front_desk, clerk, deputy_chief, kind
):
    """Logged by the desk, asked of the clerk too, answered for by the deputy chief,
    transferred to the handler."""
    inquiry = log_inquiry(asked=[front_desk, clerk, deputy_chief], kind=kind)
    inquiry_record_outcome(
        actor=deputy_chief.user,
        inquiry=inquiry,
        outcome=Outcome.TRANSFER,
        transfer_to=request.getfixturevalue("handler"),
    )
    seen = {}
    for role in ROLES:
        user = request.getfixturevalue(role).user
        listed = inquiries_visible_to(user).filter(pk=inquiry.pk).exists()
        assert listed == user.has_perm("inquiries.view_inquiry", inquiry), role
        assert (inquiry_for(user, inquiry.pk) is not None) == listed, role
        seen[role] = listed
    # A report is kept from the colleague only asked. (Whether the handler it was
    # transferred to should see it is left open here: both encodings refuse it today.)
    del seen["handler"]
    assert seen == {
        "front_desk": True,
        "clerk": kind == InquiryKind.CONSULTATION,
        "deputy_chief": True,
        "chief": True,
        "other_chief": False,
        "supervisor": True,
        "administrator": False,
    }
