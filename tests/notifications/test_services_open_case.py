"""notice_open_case: with the materials complete, the application becomes a case."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from deadlines.models import Case, CaseStatus
from deadlines.services import ConflictError
from inquiries.models import InquiryStatus
from notifications.models import NoticeStatus
from notifications.services import notice_open_case, notice_record_visit


@pytest.fixture
def complete(notice, handler):
    ids = [row.material_id for row in notice.materials.filter(missing=True)]
    notice_record_visit(actor=handler.user, notice=notice, brought_ids=ids)
    notice.refresh_from_db()
    return notice


def test_a_complete_notice_opens_the_case_and_links_inquiry_and_case(complete, front_desk, handler, inquiry):
    case = notice_open_case(actor=front_desk.user, notice=complete, handler=handler)
    complete.refresh_from_db()
    inquiry.refresh_from_db()
    assert complete.case == case
    assert complete.status == NoticeStatus.CLOSED
    assert complete.closed_at is not None
    assert inquiry.case == case
    assert inquiry.status == InquiryStatus.CLOSED
    assert case.status == CaseStatus.RECEIVED
    assert case.service_item == complete.service_item
    assert case.handler == handler
    assert (case.applicant_name, case.applicant_phone) == ("王先生", "13812345678")
    assert case.due_date.isoformat() == "2026-11-24"  # 10 working days after Tue 10 November
    assert AuditEvent.objects.filter(verb="notice.case", subject_id=str(complete.pk)).exists()


def test_an_open_notice_opens_no_case(notice, front_desk, handler):
    with pytest.raises(ConflictError):
        notice_open_case(actor=front_desk.user, notice=notice, handler=handler)
    assert not Case.objects.exists()


def test_a_case_is_opened_once(complete, front_desk, handler):
    notice_open_case(actor=front_desk.user, notice=complete, handler=handler)
    with pytest.raises(ConflictError):
        notice_open_case(actor=front_desk.user, notice=complete, handler=handler)
    assert Case.objects.count() == 1


def test_the_case_needs_a_handler_of_the_item_section(complete, front_desk, make_staff, other_department):
    from org.roles import Role

    stranger = make_staff(Role.HANDLER, department=other_department)
    with pytest.raises(ValidationError) as refused:
        notice_open_case(actor=front_desk.user, notice=complete, handler=stranger)
    assert "handler" in refused.value.message_dict
    complete.refresh_from_db()
    assert complete.status == NoticeStatus.COMPLETE
    assert complete.case is None


def test_only_who_answers_for_the_inquiry_opens_the_case(complete, handler, supervisor):
    with pytest.raises(PermissionDenied):  # may record visits, is not the first responder
        notice_open_case(actor=handler.user, notice=complete, handler=handler)
    with pytest.raises(PermissionDenied):
        notice_open_case(actor=supervisor.user, notice=complete, handler=handler)
    assert not Case.objects.exists()
