"""The demo inquiries: a front desk's fortnight, through the services, the same after a second run."""

import pytest
import time_machine

from commitments import demo as commitments_demo
from deadlines import demo as deadlines_demo
from inquiries import demo
from inquiries.models import Inquiry, InquiryKind, InquiryStatus, Outcome, Transfer
from messaging.models import Message
from org import demo as org_demo
from tests.inquiries.conftest import at

THURSDAY = at(2026, 11, 26, hour=15)


@pytest.fixture
def seeded(db):
    with time_machine.travel(THURSDAY, tick=False):
        org_demo.seed()
        commitments_demo.seed()
        deadlines_demo.seed()
        yield demo.seed()


def test_every_outcome_is_shown_and_the_deputy_chief_answered_the_joint_question(seeded):
    assert Inquiry.objects.count() == len(demo.INQUIRIES)
    outcomes = set(Inquiry.objects.exclude(outcome="").values_list("outcome", flat=True))
    assert outcomes == {Outcome.HANDLED, Outcome.TRANSFER, Outcome.REFER, Outcome.EXTERNAL}
    joint = Inquiry.objects.get(subject="咨询经营范围变更是否需要重新审批")
    assert joint.first_responder.name == "赵丽"
    assert Inquiry.objects.get(kind=InquiryKind.APPLICATION).case.applicant_name == "李建平"


def test_the_handler_login_has_a_transfer_to_acknowledge(seeded):
    waiting = Transfer.objects.get(acknowledged_at__isnull=True)
    assert waiting.to.user.username == "handler"
    assert waiting.inquiry.status == InquiryStatus.TRANSFERRED


def test_the_inquiry_left_without_an_outcome_is_flagged_and_its_chief_told(seeded):
    flagged = Inquiry.objects.filter(flagged=True)
    assert {(inquiry.subject, inquiry.status) for inquiry in flagged} == {
        ("联系窗口进驻人员调整事宜", InquiryStatus.OPEN),
        # Taken over by the handler days ago, and still no outcome: the handler's own flag.
        ("咨询游泳场所卫生许可", InquiryStatus.ACKNOWLEDGED),
    }
    assert Message.objects.filter(kind="inquiry.no_outcome", recipient__username="chief").exists()


def test_the_report_is_registered_with_the_reporters_contact(seeded):
    report = Inquiry.objects.get(kind=InquiryKind.REPORT)
    assert report.visitor_name and report.visitor_phone
    assert report.outcome == Outcome.HANDLED


def test_running_twice_changes_nothing(seeded):
    before = list(Inquiry.objects.order_by("pk").values_list("pk", "status", "outcome_at"))
    with time_machine.travel(THURSDAY, tick=False):
        assert "0 new" in demo.seed()
    assert list(Inquiry.objects.order_by("pk").values_list("pk", "status", "outcome_at")) == before
