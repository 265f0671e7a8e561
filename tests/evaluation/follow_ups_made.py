"""Poor ratings and their follow-ups for the follow-up pages' and API's tests,
made as the public makes them: a completed case rated from its link
(services.rating_submit). Import the fixtures into a test module to use them."""

import pytest
import time_machine

from evaluation.models import PoorReason
from evaluation.services import rating_submit
from evaluation.tokens import token_for
from org.roles import Role
from tests.evaluation.conftest import at


def complete(open_case, handler, **fields):
    """A case received Tue 2026-12-01, completed Thu 12-03 by ``handler``."""
    from deadlines.services import case_complete

    with time_machine.travel(at(2026, 12, 1), tick=False):
        case = open_case(handler=handler, **fields)
    with time_machine.travel(at(2026, 12, 3), tick=False):
        return case_complete(actor=handler.user, case=case)


def rate_poorly(case, *, level=1, reason="等了一个小时没人理", tags=()):
    """Rated Fri 2026-12-04: the follow-up is due five working days on, Fri 12-11."""
    with time_machine.travel(at(2026, 12, 4), tick=False):
        return rating_submit(
            actor=None, token=token_for(case), level=level, reason=reason, tags=tags
        ).follow_up


@pytest.fixture
def slow():
    return PoorReason.objects.get(name="办事效率低")


@pytest.fixture
def follow_up(official_calendar, open_case, handler, chief, slow):
    """The chief's section's follow-up of a 非常不满意 with a reason ticked and written."""
    return rate_poorly(complete(open_case, handler), tags=[slow])


@pytest.fixture
def second_follow_up(official_calendar, open_case, handler, chief):
    """Another of the section's, rated 不满意 by someone who left no name."""
    return rate_poorly(complete(open_case, handler, applicant_phone=""), level=2, reason="态度不好")


@pytest.fixture
def other_follow_up(official_calendar, open_case, make_item, make_staff, other_department, other_chief):
    """A follow-up of the other section (its chief's)."""
    other_handler = make_staff(Role.HANDLER, department=other_department, name="经办人小孙", rank=3)
    item = make_item(code="SP-900", dept=other_department)
    return rate_poorly(complete(open_case, other_handler, service_item=item), level=2, reason="推诿")
