import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from deadlines.models import CaseStatus
from deadlines.services import ConflictError
from inquiries.models import Inquiry, InquiryKind, InquiryStatus, Outcome, ReferMode, Transfer
from inquiries.services import inquiry_log, inquiry_open_case, inquiry_record_outcome, transfer_acknowledge
from messaging.models import Message
from org.roles import Role
from tests.inquiries.conftest import at


@pytest.fixture(autouse=True)
def monday():
    with time_machine.travel(at(2026, 11, 16), tick=False):
        yield


def test_handled_now_closes_the_inquiry_with_what_was_said(log_inquiry, front_desk):
    inquiry = log_inquiry()
    inquiry_record_outcome(
        actor=front_desk.user, inquiry=inquiry, outcome=Outcome.HANDLED, note="已告知所需材料"
    )
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.outcome, inquiry.outcome_by) == (
        InquiryStatus.CLOSED,
        "handled",
        front_desk,
    )
    assert inquiry.closed_at is not None
    assert AuditEvent.objects.filter(verb="inquiry.outcome", subject_id=str(inquiry.pk)).count() == 1


def test_a_second_outcome_is_a_conflict(log_inquiry, front_desk):
    inquiry = log_inquiry()
    inquiry_record_outcome(actor=front_desk.user, inquiry=inquiry, outcome=Outcome.HANDLED)
    with pytest.raises(ConflictError):
        inquiry_record_outcome(actor=front_desk.user, inquiry=inquiry, outcome=Outcome.EXTERNAL, note="x")


def test_only_the_first_responder_the_logger_or_the_chief_record_the_outcome(
    log_inquiry, clerk, make_staff, chief, other_chief
):
    inquiry = log_inquiry(asked=[clerk])
    bystander = make_staff(Role.HANDLER, name="旁人")
    for staff in (bystander, other_chief):
        with pytest.raises(PermissionDenied):
            inquiry_record_outcome(actor=staff.user, inquiry=inquiry, outcome=Outcome.HANDLED)
    inquiry_record_outcome(actor=chief.user, inquiry=inquiry, outcome=Outcome.HANDLED)


def test_transfer_goes_to_a_handler_of_the_own_section_who_must_acknowledge(log_inquiry, front_desk, handler):
    inquiry = log_inquiry(kind=InquiryKind.APPLICATION)
    inquiry_record_outcome(
        actor=front_desk.user, inquiry=inquiry, outcome=Outcome.TRANSFER, transfer_to=handler, note="材料已收"
    )
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.TRANSFERRED
    transfer = Transfer.objects.get(inquiry=inquiry)
    assert (transfer.to, transfer.by) == (handler, front_desk)
    assert str(transfer.acknowledge_by) == "2026-11-17"  # one working day
    assert Message.objects.filter(recipient=handler.user, kind="inquiry.transfer").count() == 1

    with pytest.raises(PermissionDenied):
        transfer_acknowledge(actor=front_desk.user, transfer=transfer)
    transfer_acknowledge(actor=handler.user, transfer=transfer)
    inquiry.refresh_from_db()
    # Taken over, not closed: the handler answers for it now; the first responder stays on record.
    assert (inquiry.status, inquiry.owner, inquiry.first_responder) == (
        InquiryStatus.ACKNOWLEDGED,
        handler,
        front_desk,
    )
    assert inquiry.closed_at is None
    with pytest.raises(ConflictError):
        transfer_acknowledge(actor=handler.user, transfer=transfer)


def test_a_transfer_to_another_section_or_without_the_visitors_contact_is_refused(
    log_inquiry, front_desk, other_chief, handler
):
    inquiry = log_inquiry()
    with pytest.raises(ValidationError) as refused:
        inquiry_record_outcome(
            actor=front_desk.user, inquiry=inquiry, outcome=Outcome.TRANSFER, transfer_to=other_chief
        )
    assert "transfer_to" in refused.value.message_dict
    no_contact = log_inquiry(visitor_phone="")
    with pytest.raises(ValidationError) as refused:
        inquiry_record_outcome(
            actor=front_desk.user, inquiry=no_contact, outcome=Outcome.TRANSFER, transfer_to=handler
        )
    assert "visitor_phone" in refused.value.message_dict
    assert not Transfer.objects.exists()
    assert Inquiry.objects.filter(status=InquiryStatus.OPEN).count() == 2


def test_refer_to_another_section_but_not_the_own(log_inquiry, front_desk, department, other_department):
    inquiry = log_inquiry()
    with pytest.raises(ValidationError):
        inquiry_record_outcome(
            actor=front_desk.user, inquiry=inquiry, outcome=Outcome.REFER, refer_department=department
        )
    inquiry_record_outcome(
        actor=front_desk.user,
        inquiry=inquiry,
        outcome=Outcome.REFER,
        refer_department=other_department,
        refer_mode=ReferMode.CONTACT,
    )
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.refer_department, inquiry.refer_mode) == (
        "closed",
        other_department,
        "contact",
    )


def test_outside_the_bureau_needs_what_was_told(log_inquiry, front_desk):
    inquiry = log_inquiry()
    with pytest.raises(ValidationError):
        inquiry_record_outcome(actor=front_desk.user, inquiry=inquiry, outcome=Outcome.EXTERNAL)
    inquiry_record_outcome(
        actor=front_desk.user,
        inquiry=inquiry,
        outcome=Outcome.EXTERNAL,
        external_department="区市场监督管理局",
        note="属市场监管职责，已告知地址",
    )
    inquiry.refresh_from_db()
    assert inquiry.external_department == "区市场监督管理局"


def test_a_report_is_registered_with_the_reporters_name_and_contact(front_desk, official_calendar):
    with pytest.raises(ValidationError) as refused:
        inquiry_log(
            actor=front_desk.user,
            channel="phone",
            kind=InquiryKind.REPORT,
            subject="反映窗口人员态度问题",
            asked_staff=[front_desk],
            visitor_name="匿名",
        )
    assert "visitor_phone" in refused.value.message_dict
    assert not Inquiry.objects.exists()


def test_an_accepted_application_opens_a_case_linked_to_the_inquiry(log_inquiry, front_desk, handler, item):
    inquiry = log_inquiry(kind=InquiryKind.APPLICATION, service_item=item)
    case = inquiry_open_case(actor=front_desk.user, inquiry=inquiry, handler=handler)
    inquiry.refresh_from_db()
    assert inquiry.case == case
    assert (inquiry.status, inquiry.outcome) == (InquiryStatus.CLOSED, Outcome.HANDLED)
    assert (case.applicant_name, case.applicant_phone, case.handler) == ("王先生", "13812345678", handler)
    assert case.status == CaseStatus.RECEIVED
    with pytest.raises(ConflictError):
        inquiry_open_case(actor=front_desk.user, inquiry=inquiry, handler=handler)


def test_an_application_without_an_item_cannot_become_a_case(log_inquiry, front_desk, handler):
    inquiry = log_inquiry(kind=InquiryKind.APPLICATION)
    with pytest.raises(ValidationError):
        inquiry_open_case(actor=front_desk.user, inquiry=inquiry, handler=handler)
    inquiry.refresh_from_db()
    assert inquiry.case is None and inquiry.status == InquiryStatus.OPEN


def test_a_transfer_can_take_the_contact_the_desk_did_not(log_inquiry, front_desk, handler):
    inquiry = log_inquiry(visitor_phone="")
    inquiry_record_outcome(
        actor=front_desk.user,
        inquiry=inquiry,
        outcome=Outcome.TRANSFER,
        transfer_to=handler,
        visitor_phone="13700001111",
    )
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.visitor_phone) == (InquiryStatus.TRANSFERRED, "13700001111")


def test_the_transfer_names_its_handler_in_the_audit_trail(log_inquiry, front_desk, handler):
    inquiry = log_inquiry()
    inquiry_record_outcome(
        actor=front_desk.user, inquiry=inquiry, outcome=Outcome.TRANSFER, transfer_to=handler
    )
    event = AuditEvent.objects.get(verb="inquiry.outcome", subject_id=str(inquiry.pk))
    assert event.after["transfer_to"] == {"id": handler.pk, "label": "经办人老张"}
    assert (event.before["status"], event.after["status"]) == (InquiryStatus.OPEN, InquiryStatus.TRANSFERRED)


@pytest.mark.parametrize("kind", [InquiryKind.CONSULTATION, InquiryKind.REPORT, InquiryKind.CONTACT])
def test_only_an_application_becomes_a_case(log_inquiry, front_desk, handler, item, kind):
    inquiry = log_inquiry(kind=kind, service_item=item)
    with pytest.raises(ValidationError) as refused:
        inquiry_open_case(actor=front_desk.user, inquiry=inquiry, handler=handler)
    assert "inquiry" in refused.value.message_dict
    inquiry.refresh_from_db()
    assert (inquiry.case, inquiry.status) == (None, InquiryStatus.OPEN)
    assert not AuditEvent.objects.filter(verb="inquiry.case").exists()
