"""Rule 6's services: filing refuses the matter; only its own chief decides,
once; an overturned refusal reopens the case with the days of review given back."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from core.errors import ConflictError
from deadlines.models import CaseStatus
from messaging.models import Message
from refusals.models import FindingKind, Refusal, RefusalFinding, RefusalStatus
from refusals.services import refusal_confirm, refusal_overturn
from tests.refusals.conftest import BASIS, at

pytestmark = pytest.mark.django_db


def test_filing_refuses_the_case_and_tells_the_chief(case, file_refusal, handler, chief):
    refusal = file_refusal(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.REFUSED
    assert (refusal.status, refusal.officer, refusal.legal_basis) == (RefusalStatus.FILED, handler, BASIS)
    assert refusal.number.startswith("BY20261203")
    assert str(refusal.review_due) == "2026-12-07"  # two working days after Thursday 12-03
    assert (refusal.status_before, str(refusal.due_before)) == ("received", "2026-12-15")
    assert Message.objects.filter(kind="refusal.file", recipient=chief.user).count() == 1
    assert AuditEvent.objects.filter(verb="case.refuse", reason=refusal.number).count() == 1


@pytest.mark.parametrize("missing", ["facts", "reason", "legal_basis"])
def test_no_refusal_without_its_facts_reason_and_legal_basis(case, file_refusal, missing):
    with pytest.raises(ValidationError) as error:
        file_refusal(case, **{missing: "  "})
    assert missing in error.value.message_dict
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED and not Refusal.objects.exists()


def test_a_closed_case_or_a_second_refusal_is_refused(case, file_refusal):
    file_refusal(case)
    with pytest.raises(ConflictError):
        file_refusal(case)
    assert Refusal.objects.count() == 1


def test_who_does_not_work_the_case_cannot_refuse_it(
    case, file_refusal, front_desk, make_staff, other_department
):
    from org.roles import Role

    stranger = make_staff(Role.HANDLER, department=other_department)
    for actor in (front_desk, stranger):
        with pytest.raises(PermissionDenied):
            file_refusal(case, actor=actor)
    assert not Refusal.objects.exists()


def test_the_chief_confirms_once_and_the_case_stays_refused(case, file_refusal, chief, handler):
    refusal = file_refusal(case)
    with time_machine.travel(at(2026, 12, 4), tick=False):
        refusal_confirm(actor=chief.user, refusal=refusal, opinion="依据充分")
        with pytest.raises(ConflictError):
            refusal_overturn(actor=chief.user, refusal=refusal, opinion="改判")
    refusal.refresh_from_db()
    case.refresh_from_db()
    assert (refusal.status, refusal.decided_by, case.status) == (
        RefusalStatus.CONFIRMED,
        chief,
        CaseStatus.REFUSED,
    )
    assert Message.objects.filter(kind="refusal.confirmed", recipient=handler.user).count() == 1


def test_overturned_the_case_is_open_again_due_later_by_the_days_of_review(
    case, file_refusal, chief, handler
):
    refusal = file_refusal(case)  # filed Thursday 12-03
    with time_machine.travel(at(2026, 12, 7), tick=False):  # overturned Monday 12-07: two working days
        refusal_overturn(actor=chief.user, refusal=refusal, opinion="材料补正后可予许可，请继续办理")
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED
    assert str(case.due_date) == "2026-12-17"  # 12-15 plus the two working days of review
    message = Message.objects.get(kind="refusal.overturned", recipient=handler.user)
    assert "材料补正后可予许可" in message.body
    finding = RefusalFinding.objects.get()
    assert (finding.kind, finding.staff, finding.refusal) == (FindingKind.OVERTURNED, handler, refusal)


def test_an_overturn_needs_the_reason(case, file_refusal, chief):
    refusal = file_refusal(case)
    with pytest.raises(ValidationError):
        refusal_overturn(actor=chief.user, refusal=refusal, opinion=" ")
    refusal.refresh_from_db()
    assert refusal.status == RefusalStatus.FILED


def test_only_the_matters_own_chief_decides_never_the_officer(
    case, file_refusal, chief, other_chief, supervisor, handler, make_staff
):
    from org.roles import Role

    refusal = file_refusal(case)
    for actor in (other_chief, supervisor, handler):
        with pytest.raises(PermissionDenied):
            refusal_confirm(actor=actor.user, refusal=refusal)
    # A chief who filed it themself does not review it.
    chiefs_case_refusal = refusal
    refusal_overturn(actor=chief.user, refusal=chiefs_case_refusal, opinion="重新审查")
    case.refresh_from_db()
    deputy = make_staff(Role.SECTION_CHIEF, name="副科长")
    own = file_refusal(case, actor=chief)
    with pytest.raises(PermissionDenied):
        refusal_confirm(actor=chief.user, refusal=own)
    refusal_confirm(actor=deputy.user, refusal=own)


def test_a_refusal_told_before_today_is_filed_late(case, file_refusal, handler):
    refusal = file_refusal(case, told_at=at(2026, 12, 2))
    assert refusal.on_the_spot
    assert RefusalFinding.objects.get().kind == FindingKind.FILED_LATE


def test_no_path_refuses_a_case_without_a_filed_refusal(case, handler):
    from deadlines.services import case_refuse

    with pytest.raises(ConflictError):
        case_refuse(actor=handler.user, case=case, refusal_number="BY202612030001")
    case.refresh_from_db()
    assert case.status == CaseStatus.RECEIVED


@pytest.mark.django_db(transaction=True)
def test_two_decisions_at_once_give_one_decision_and_one_conflict(case, file_refusal, chief, make_staff):
    from org.roles import Role
    from tests.concurrency import run_together

    deputy = make_staff(Role.SECTION_CHIEF, name="副科长")
    refusal = file_refusal(case)
    with time_machine.travel(at(2026, 12, 4), tick=False):
        results = run_together(
            lambda: refusal_confirm(actor=chief.user, refusal=Refusal.objects.get(pk=refusal.pk)),
            lambda: refusal_overturn(
                actor=deputy.user, refusal=Refusal.objects.get(pk=refusal.pk), opinion="改"
            ),
        )
    assert sorted(kind for kind, _value in results) == ["error", "ok"], results
    [error] = [value for kind, value in results if kind == "error"]
    assert isinstance(error, ConflictError), error
    assert AuditEvent.objects.filter(verb__in=["refusal.confirm", "refusal.overturn"]).count() == 1


def test_only_an_application_is_refused(file_refusal, log_inquiry, chief, handler):
    from datetime import date

    from deadlines.services import case_open_instruction

    consultation = log_inquiry(kind="consultation")
    with pytest.raises(ConflictError, match="application|办事申请"):
        file_refusal(consultation, actor=consultation.first_responder)
    with time_machine.travel(at(2026, 12, 3), tick=False):
        instruction = case_open_instruction(
            actor=chief.user,
            title="整改窗口排队",
            instruction="一周内整改",
            leader="王局长",
            due_date=date(2026, 12, 10),
            handler=handler,
        )
    with pytest.raises(ConflictError):
        file_refusal(instruction)
    assert not Refusal.objects.exists()
