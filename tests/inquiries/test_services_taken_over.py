"""An acknowledged transfer does not vanish (issue 10, 6): the handler who took
it over answers for it until they record what became of it."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from audit.models import AuditEvent
from core.errors import ConflictError
from inquiries.models import InquiryKind, InquiryStatus, Outcome, Transfer
from inquiries.selectors import my_open_inquiries
from inquiries.services import inquiry_open_case, inquiry_record_outcome, transfer_acknowledge
from tests.inquiries.conftest import at


@pytest.fixture(autouse=True)
def monday():
    with time_machine.travel(at(2026, 11, 16), tick=False):
        yield


@pytest.fixture
def taken_over(log_inquiry, front_desk, handler):
    """take(**fields) -> an inquiry the desk transferred to the handler, who acknowledged it."""

    def take(**fields):
        inquiry = log_inquiry(**fields)
        inquiry_record_outcome(
            actor=front_desk.user,
            inquiry=inquiry,
            outcome=Outcome.TRANSFER,
            transfer_to=handler,
            note="材料已收",
        )
        transfer_acknowledge(actor=handler.user, transfer=Transfer.objects.get(inquiry=inquiry))
        inquiry.refresh_from_db()
        return inquiry

    return take


def test_the_acknowledged_transfer_stays_in_the_handlers_open_work_until_the_outcome(
    taken_over, front_desk, handler
):
    inquiry = taken_over()
    assert inquiry.status == InquiryStatus.ACKNOWLEDGED
    assert str(inquiry.outcome_due) == "2026-11-17"  # one working day from the acknowledgement
    assert list(my_open_inquiries(handler)) == [inquiry]
    assert list(my_open_inquiries(front_desk)) == []

    inquiry_record_outcome(
        actor=handler.user, inquiry=inquiry, outcome=Outcome.HANDLED, note="已电话回复王先生"
    )
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.outcome, inquiry.outcome_by, inquiry.first_responder) == (
        InquiryStatus.CLOSED,
        Outcome.HANDLED,
        handler,
        front_desk,
    )
    assert inquiry.closed_at is not None
    assert list(my_open_inquiries(handler)) == []
    # The transfer is kept: who accepted it, for whom, and when it was taken over.
    transfer = inquiry.transfer
    assert (transfer.by, transfer.to) == (front_desk, handler)
    assert transfer.acknowledged_at is not None


def test_after_the_acknowledgement_the_handler_and_the_chief_record_the_outcome_not_the_desk(
    taken_over, front_desk, chief, handler
):
    inquiry = taken_over()
    with pytest.raises(PermissionDenied):
        inquiry_record_outcome(actor=front_desk.user, inquiry=inquiry, outcome=Outcome.HANDLED)
    inquiry_record_outcome(actor=chief.user, inquiry=inquiry, outcome=Outcome.HANDLED, note="科长回电")
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.outcome_by) == (InquiryStatus.CLOSED, chief)


def test_a_taken_over_inquiry_is_not_transferred_again(taken_over, handler, chief):
    inquiry = taken_over()
    with pytest.raises(ConflictError):
        inquiry_record_outcome(
            actor=handler.user, inquiry=inquiry, outcome=Outcome.TRANSFER, transfer_to=chief
        )
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.ACKNOWLEDGED


def test_the_handler_refers_it_to_another_section(taken_over, handler, other_department):
    inquiry = taken_over()
    inquiry_record_outcome(
        actor=handler.user, inquiry=inquiry, outcome=Outcome.REFER, refer_department=other_department
    )
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.outcome, inquiry.refer_department) == (
        InquiryStatus.CLOSED,
        Outcome.REFER,
        other_department,
    )


def test_the_handler_opens_the_case_of_a_taken_over_application(taken_over, handler, item):
    inquiry = taken_over(kind=InquiryKind.APPLICATION, service_item=item)
    case = inquiry_open_case(actor=handler.user, inquiry=inquiry, handler=handler)
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.outcome, inquiry.case) == (InquiryStatus.CLOSED, Outcome.HANDLED, case)


def test_the_audit_trail_shows_the_take_over_and_the_handlers_outcome(taken_over, front_desk, handler):
    inquiry = taken_over()
    inquiry_record_outcome(
        actor=handler.user, inquiry=inquiry, outcome=Outcome.EXTERNAL, note="告知向税务局咨询"
    )
    events = AuditEvent.objects.filter(subject_id=str(inquiry.pk)).order_by("seq")
    verbs = [(event.verb, event.actor_id) for event in events]
    assert verbs == [
        ("inquiry.log", front_desk.user.pk),
        ("inquiry.outcome", front_desk.user.pk),
        ("transfer.acknowledge", handler.user.pk),
        ("inquiry.outcome", handler.user.pk),
    ]
    acknowledged = events.get(verb="transfer.acknowledge")
    assert acknowledged.before["owner"] == {"id": front_desk.pk, "label": front_desk.name}
    assert acknowledged.after["owner"] == {"id": handler.pk, "label": handler.name}
    assert (acknowledged.before["status"], acknowledged.after["status"]) == ("transferred", "acknowledged")
    last = events.last()
    assert (last.before["outcome"], last.after["outcome"]) == ("transfer", "external")
    assert last.after["status"] == "closed"


def test_the_handler_issues_a_one_time_notice_and_still_answers_for_it(taken_over, handler, item):
    from notifications.services import notice_issue

    inquiry = taken_over(kind=InquiryKind.APPLICATION, service_item=item)
    material = item.current.materials.get()
    notice_issue(actor=handler.user, inquiry=inquiry, missing_material_ids=[material.pk])
    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.outcome, inquiry.outcome_by) == (
        InquiryStatus.NOTICE,
        Outcome.NOTICE,
        handler,
    )
    assert list(my_open_inquiries(handler)) == [inquiry]
