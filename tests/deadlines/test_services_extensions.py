from datetime import date

import pytest
import time_machine
from constance.test import override_config
from django.core.exceptions import PermissionDenied, ValidationError

from deadlines.models import ExtensionStatus
from deadlines.services import ConflictError, extension_approve, extension_reject, extension_request
from messaging.models import Message
from tests.deadlines.conftest import at


@pytest.fixture
def case(open_case):
    return open_case(received_at=at(2026, 11, 2))  # 10 wd: due Mon 2026-11-16


@time_machine.travel(at(2026, 11, 10), tick=False)
def test_approval_moves_the_due_date_by_working_days_and_tells_the_applicant_why(case, handler, chief):
    extension = extension_request(actor=handler.user, case=case, days=5, reason="需现场核查，等待检测报告")
    assert extension.status == ExtensionStatus.PENDING
    case.refresh_from_db()
    assert case.due_date == date(2026, 11, 16)  # a request alone moves nothing
    extension_approve(actor=chief.user, extension=extension, note="同意")
    case.refresh_from_db()
    assert case.due_date == date(2026, 11, 23)
    assert case.original_due_date == date(2026, 11, 16)
    sms = Message.objects.get(kind="extension.applicant")
    assert sms.address == "13812345678"
    assert "需现场核查，等待检测报告" in sms.body
    assert "2026-11-23" in sms.body


@time_machine.travel(at(2026, 11, 10), tick=False)
def test_rejection_keeps_the_due_date_and_needs_a_reason(case, handler, chief):
    extension = extension_request(actor=handler.user, case=case, days=3, reason="材料补正")
    with pytest.raises(ValidationError):
        extension_reject(actor=chief.user, extension=extension, note="")
    extension_reject(actor=chief.user, extension=extension, note="时限内可以办结")
    case.refresh_from_db()
    assert case.due_date == date(2026, 11, 16)
    assert not Message.objects.filter(kind="extension.applicant").exists()


@time_machine.travel(at(2026, 11, 10), tick=False)
def test_only_the_chief_of_the_cases_section_decides(case, handler, other_chief, supervisor):
    extension = extension_request(actor=handler.user, case=case, days=3, reason="材料补正")
    for outsider in (other_chief, supervisor, handler):
        with pytest.raises(PermissionDenied):
            extension_approve(actor=outsider.user, extension=extension)


@time_machine.travel(at(2026, 11, 10), tick=False)
def test_a_second_decision_is_a_conflict(case, handler, chief):
    extension = extension_request(actor=handler.user, case=case, days=3, reason="材料补正")
    extension_approve(actor=chief.user, extension=extension)
    with pytest.raises(ConflictError):
        extension_approve(actor=chief.user, extension=extension)
    with pytest.raises(ConflictError):
        extension_reject(actor=chief.user, extension=extension, note="不同意")
    case.refresh_from_db()
    assert case.due_date == date(2026, 11, 19)


@time_machine.travel(at(2026, 11, 10), tick=False)
def test_extensions_are_capped_by_the_bureau_setting(case, handler, chief):
    with pytest.raises(ValidationError) as error:
        extension_request(actor=handler.user, case=case, days=11, reason="x")
    assert "days" in error.value.message_dict
    first = extension_request(actor=handler.user, case=case, days=8, reason="第一次")
    extension_approve(actor=chief.user, extension=first)
    with pytest.raises(ValidationError):
        extension_request(actor=handler.user, case=case, days=3, reason="第二次")
    with override_config(EXTENSION_MAX_PERCENT=150):
        assert extension_request(actor=handler.user, case=case, days=3, reason="第二次").days == 3


@time_machine.travel(at(2026, 11, 10), tick=False)
def test_one_pending_request_at_a_time(case, handler):
    extension_request(actor=handler.user, case=case, days=2, reason="一")
    with pytest.raises(ConflictError):
        extension_request(actor=handler.user, case=case, days=2, reason="二")


@time_machine.travel(at(2026, 11, 18), tick=False)
def test_an_approved_extension_clears_overdue_when_the_new_date_is_ahead(case, handler, chief):
    from deadlines.jobs import flag_overdue

    flag_overdue()
    case.refresh_from_db()
    assert case.overdue
    extension = extension_request(actor=handler.user, case=case, days=5, reason="检测延迟")
    extension_approve(actor=chief.user, extension=extension)
    case.refresh_from_db()
    assert case.due_date == date(2026, 11, 23)
    assert not case.overdue


@time_machine.travel(at(2026, 11, 18), tick=False)
def test_a_request_left_waiting_when_the_case_closed_cannot_move_its_due_date(case, handler, chief):
    from deadlines.services import case_complete

    extension = extension_request(actor=handler.user, case=case, days=5, reason="检测延迟")
    case_complete(actor=handler.user, case=case)  # two working days after it was due
    with pytest.raises(ConflictError):
        extension_approve(actor=chief.user, extension=extension)
    case.refresh_from_db()
    extension.refresh_from_db()
    assert case.due_date == date(2026, 11, 16)
    assert case.completed_on_time is False
    assert extension.status == ExtensionStatus.PENDING
    assert not Message.objects.filter(kind="extension.applicant").exists()
    # The chief clears it from the queue by rejecting it.
    extension_reject(actor=chief.user, extension=extension, note="已办结")
    extension.refresh_from_db()
    assert extension.status == ExtensionStatus.REJECTED


@time_machine.travel(at(2026, 11, 10), tick=False)
def test_each_request_and_decision_is_in_the_cases_history(case, handler, chief):
    from audit.models import AuditEvent

    first = extension_request(actor=handler.user, case=case, days=5, reason="需现场核查")
    extension_approve(actor=chief.user, extension=first)
    second = extension_request(actor=handler.user, case=case, days=2, reason="补充材料")
    extension_reject(actor=chief.user, extension=second, note="时限内可以办结")
    events = {event.verb: event for event in AuditEvent.objects.for_object(case)}
    assert events["extension.request"].actor == handler.user
    approved = events["extension.approve"]
    assert approved.actor == chief.user
    assert approved.before["due_date"] == "2026-11-16"
    assert approved.after["due_date"] == "2026-11-23"
    assert approved.reason == "需现场核查"
    assert events["extension.reject"].actor == chief.user
    assert events["extension.reject"].reason == "时限内可以办结"
