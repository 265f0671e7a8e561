"""Reads that carry a rule: who may be named an instruction's handler, and
how many working days extensions may still add."""

import pytest
import time_machine
from constance.test import override_config

from deadlines.selectors import extension_allowance, instruction_handlers
from deadlines.services import extension_approve, extension_request
from org.roles import Role
from tests.deadlines.conftest import at


@pytest.fixture
def outsider(make_staff, other_department):
    return make_staff(Role.HANDLER, department=other_department, name="经办人小刘")


def test_a_chief_names_only_their_own_sections_staff(chief, handler, outsider):
    named = set(instruction_handlers(chief.user))
    assert {chief, handler} <= named
    assert outsider not in named


def test_a_supervisor_names_anyone(supervisor, handler, outsider):
    assert {handler, outsider} <= set(instruction_handlers(supervisor.user))


@pytest.mark.parametrize("role", ["handler", "front_desk", "administrator"])
def test_nobody_else_names_a_handler(role, request, handler):
    assert list(instruction_handlers(request.getfixturevalue(role).user)) == []


@time_machine.travel(at(2026, 11, 10), tick=False)
def test_the_allowance_is_the_cap_less_what_was_granted(open_case, handler, chief):
    case = open_case(received_at=at(2026, 11, 2))  # 10 committed working days
    allowance = extension_allowance(case)
    assert (allowance.cap, allowance.granted, allowance.remaining) == (10, 0, 10)
    extension_approve(
        actor=chief.user, extension=extension_request(actor=handler.user, case=case, days=4, reason="检测")
    )
    case.refresh_from_db()
    allowance = extension_allowance(case)
    assert (allowance.cap, allowance.granted, allowance.remaining) == (10, 4, 6)
    with override_config(EXTENSION_MAX_PERCENT=30):
        assert extension_allowance(case).remaining == 0  # cap 3, 4 granted: never negative
