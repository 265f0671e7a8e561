from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from deadlines.models import CaseStatus
from deadlines.services import ConflictError, case_complete, case_open_instruction, case_start
from tests.deadlines.conftest import at
from tests.factories import catalogue_keeper


@pytest.mark.parametrize(
    ("received", "committed", "due"),
    [
        # Friday before the Spring Festival: Sat 2/14 is a make-up working day,
        # 2/15-2/23 are off.
        (at(2026, 2, 13), 3, date(2026, 2, 25)),
        # Friday before Mid-Autumn: Sun 9/20 is a make-up working day.
        (at(2026, 9, 18), 5, date(2026, 9, 24)),
        # The day before National Day: 10/1-10/7 off, Sat 10/10 worked.
        (at(2026, 9, 30), 10, date(2026, 10, 20)),
        # Before Labour Day: 5/1-5/5 off, Sat 5/9 worked.
        (at(2026, 4, 30), 5, date(2026, 5, 11)),
        # New Year: 1/1-1/3 off, Sun 1/4 worked.
        (at(2025, 12, 31), 1, date(2026, 1, 4)),
    ],
)
def test_due_date_is_what_a_person_counts_from_the_official_calendar(
    open_case, make_item, received, committed, due
):
    case = open_case(received_at=received, service_item=make_item(committed_days=committed))
    assert case.due_date == due
    assert case.original_due_date == due
    assert case.status == CaseStatus.RECEIVED
    assert case.number.startswith(received.strftime("%Y%m%d"))


def test_numbers_are_unique_and_count_up_within_a_day(open_case):
    first = open_case(received_at=at(2026, 11, 2))
    second = open_case(received_at=at(2026, 11, 2))
    assert first.number == "202611020001"
    assert second.number == "202611020002"


def test_a_due_date_in_a_year_with_no_schedule_is_refused_not_guessed(open_case, make_item):
    with pytest.raises(ValidationError, match="2027"):
        open_case(received_at=at(2026, 12, 20), service_item=make_item(committed_days=20))


def test_the_item_version_at_intake_is_kept(open_case, item):
    from commitments.services import MaterialSpec, service_item_revise

    case = open_case(received_at=at(2026, 11, 2))
    service_item_revise(
        actor=catalogue_keeper(),
        item=item,
        content={
            "name": item.current.name,
            "basis": item.current.basis,
            "statutory_days": 20,
            "committed_days": 5,
        },
        materials=[MaterialSpec("申请书")],
    )
    case.refresh_from_db()
    assert case.item_version.committed_days == 10
    assert case.due_date == date(2026, 11, 16)


def test_an_on_the_spot_item_is_handled_at_once_or_its_reason_recorded(open_case, make_item):
    spot = make_item(code="SPOT", committed_days=0, statutory_days=None)
    done = open_case(received_at=at(2026, 11, 2), service_item=spot, handled_at_once=True)
    assert done.status == CaseStatus.COMPLETED
    assert done.due_date == date(2026, 11, 2)
    with pytest.raises(ValidationError) as error:
        open_case(received_at=at(2026, 11, 2), service_item=spot)
    assert "not_at_once_reason" in error.value.message_dict
    waiting = open_case(
        received_at=at(2026, 11, 2), service_item=spot, not_at_once_reason="系统故障，明日办结"
    )
    assert waiting.status == CaseStatus.RECEIVED
    assert waiting.not_at_once_reason == "系统故障，明日办结"


def test_the_handler_must_belong_to_the_items_section(open_case, other_chief):
    with pytest.raises(ValidationError) as error:
        open_case(handler=other_chief)
    assert "handler" in error.value.message_dict


def test_a_supervisor_does_not_receive_cases(supervisor, item, handler):
    from deadlines.services import case_open

    with pytest.raises(PermissionDenied):
        case_open(actor=supervisor.user, service_item=item, applicant_name="王", handler=handler)


@time_machine.travel(at(2026, 11, 10), tick=False)
def test_completing_early_counts_in_the_handlers_favour_and_twice_is_a_conflict(open_case, handler):
    case = open_case(received_at=at(2026, 11, 2))
    case_start(actor=handler.user, case=case)
    case = case_complete(actor=handler.user, case=case)
    assert case.status == CaseStatus.COMPLETED
    assert case.completed_on_time is True
    with pytest.raises(ConflictError):
        case_complete(actor=handler.user, case=case)


def test_only_the_handler_or_their_chief_works_a_case(open_case, front_desk, other_chief, chief):
    case = open_case(received_at=at(2026, 11, 2))
    for outsider in (front_desk, other_chief):
        with pytest.raises(PermissionDenied):
            case_complete(actor=outsider.user, case=case)
    assert case_complete(actor=chief.user, case=case).status == CaseStatus.COMPLETED


@time_machine.travel(at(2026, 11, 2), tick=False)
def test_a_leaders_instruction_carries_its_own_due_date(chief, handler):
    case = case_open_instruction(
        actor=chief.user,
        title="关于优化营商环境的批示",
        instruction="请于本月内报送整改方案",
        leader="张局长",
        due_date=date(2026, 11, 20),
        handler=handler,
    )
    assert case.kind == "instruction"
    assert case.due_date == date(2026, 11, 20)
    with pytest.raises(ValidationError):
        case_open_instruction(
            actor=chief.user,
            title="x",
            instruction="",
            leader="张局长",
            due_date=date(2026, 10, 1),
            handler=handler,
        )


@time_machine.travel(at(2026, 11, 10), tick=False)
def test_each_change_of_a_case_is_in_its_history_with_who_and_what(open_case, front_desk, handler, chief):
    from audit.models import AuditEvent
    from deadlines.services import case_withdraw

    case = open_case(received_at=at(2026, 11, 2))
    case_start(actor=handler.user, case=case)
    case_withdraw(actor=handler.user, case=case, reason="申请人撤回申请")
    events = list(AuditEvent.objects.for_object(case).order_by("id"))
    assert [(e.verb, e.actor) for e in events] == [
        ("case.open", front_desk.user),
        ("case.start", handler.user),
        ("case.withdraw", handler.user),
    ]
    assert events[0].after["due_date"] == "2026-11-16"
    assert events[0].after["handler"] == {"id": handler.pk, "label": "经办人老张"}
    assert (events[1].before["status"], events[1].after["status"]) == ("received", "in_progress")
    assert (events[2].after["status"], events[2].reason) == ("withdrawn", "申请人撤回申请")
    instruction = case_open_instruction(
        actor=chief.user,
        title="专题报告",
        instruction="",
        leader="王局长",
        due_date=date(2026, 11, 20),
        handler=handler,
    )
    assert AuditEvent.objects.for_object(instruction).get().verb == "case.open"
