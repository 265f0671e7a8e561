"""A record's life: explained by the person, decided by a supervisor, corrected by a
new decision, acknowledged; appealed once and the appeal decided."""

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from accountability.models import (
    AppealStatus,
    Card,
    Decision,
    Measure,
    Outcome,
    RecordStatus,
    ThresholdCrossed,
)
from accountability.services_records import (
    appeal_decide,
    appeal_file,
    decision_acknowledge,
    record_decide,
    record_explain,
)
from audit.models import AuditEvent
from core.errors import ConflictError
from messaging.models import Message
from tests.accountability.conftest import at


def explain(record, handler):
    with time_machine.travel(at(2026, 12, 17), tick=False):
        return record_explain(actor=handler.user, record=record, explanation="当日系统故障，未能及时办结")


@pytest.mark.django_db
def test_only_the_person_explains_and_only_once(overdue_record, handler, chief, supervisor):
    with pytest.raises(PermissionDenied):
        record_explain(actor=chief.user, record=overdue_record, explanation="代为说明")
    with pytest.raises(ValidationError):
        record_explain(actor=handler.user, record=overdue_record, explanation="  ")
    record = explain(overdue_record, handler)
    assert record.status == RecordStatus.EXPLAINED
    with pytest.raises(ConflictError):
        explain(overdue_record, handler)


@pytest.mark.django_db
def test_a_warning_crosses_the_excellent_bar_and_alerts_once(overdue_record, handler, chief, supervisor):
    explain(overdue_record, handler)
    with pytest.raises(PermissionDenied):
        record_decide(actor=chief.user, record=overdue_record, outcome=Outcome.WARNING, findings="超期属实")
    with time_machine.travel(at(2026, 12, 18), tick=False):
        decision = record_decide(
            actor=supervisor.user, record=overdue_record, outcome=Outcome.WARNING, findings="超期属实"
        )
    overdue_record.refresh_from_db()
    assert (overdue_record.status, overdue_record.decision, decision.decided_by) == (
        RecordStatus.DECIDED,
        decision,
        supervisor,
    )
    crossed = ThresholdCrossed.objects.get()
    assert (crossed.staff, crossed.year, crossed.threshold, crossed.count, crossed.limit) == (
        handler,
        2026,
        "excellent",
        1,
        1,
    )
    told = set(Message.objects.filter(kind="accountability.threshold").values_list("recipient_id", flat=True))
    assert told == {supervisor.user_id, chief.user_id}
    assert Message.objects.filter(kind="accountability.decided", recipient=handler.user).count() == 1


@pytest.mark.django_db
def test_a_correction_supersedes_the_decision_and_never_edits_it(overdue_record, handler, supervisor):
    explain(overdue_record, handler)
    first = record_decide(
        actor=supervisor.user, record=overdue_record, outcome=Outcome.WARNING, findings="超期属实"
    )
    with pytest.raises(ValidationError) as refused:
        record_decide(
            actor=supervisor.user, record=overdue_record, outcome=Outcome.CRITICISM, findings="从轻"
        )
    assert "correction_reason" in refused.value.message_dict
    second = record_decide(
        actor=supervisor.user,
        record=overdue_record,
        outcome=Outcome.CRITICISM,
        findings="系统故障有据可查",
        correction_reason="复核发现系统故障记录",
    )
    first.refresh_from_db()
    assert (first.outcome, first.findings) == (Outcome.WARNING, "超期属实")
    assert second.supersedes == first
    overdue_record.refresh_from_db()
    assert overdue_record.decision == second
    assert Decision.objects.count() == 2
    assert (
        AuditEvent.objects.filter(verb="accountability.record_correct").get().reason == "复核发现系统故障记录"
    )


@pytest.mark.django_db
def test_another_measure_must_be_named(overdue_record, supervisor):
    with pytest.raises(ValidationError) as refused:
        record_decide(actor=supervisor.user, record=overdue_record, outcome=Outcome.OTHER, findings="调离")
    assert "measure" in refused.value.message_dict
    measure = Measure.objects.create(name="调离窗口岗位")
    decision = record_decide(
        actor=supervisor.user, record=overdue_record, outcome=Outcome.OTHER, findings="调离", measure=measure
    )
    assert decision.outcome_label == "调离窗口岗位"


@pytest.mark.django_db
def test_the_person_acknowledges_the_decision_once(overdue_record, handler, chief, supervisor):
    with pytest.raises(ConflictError):
        decision_acknowledge(actor=handler.user, record=overdue_record)
    record_decide(
        actor=supervisor.user, record=overdue_record, outcome=Outcome.CRITICISM, findings="批评教育"
    )
    with pytest.raises(PermissionDenied):
        decision_acknowledge(actor=chief.user, record=overdue_record)
    assert decision_acknowledge(actor=handler.user, record=overdue_record).acknowledged_at is not None
    with pytest.raises(ConflictError):
        decision_acknowledge(actor=handler.user, record=overdue_record)


@pytest.mark.django_db
def test_an_upheld_appeal_withdraws_the_card_and_ends_the_record(overdue_record, handler, supervisor):
    with time_machine.travel(at(2026, 12, 17), tick=False):
        appeal = appeal_file(
            actor=handler.user, record=overdue_record, reasons="延期申请已按时提交，科长未及时审批"
        )
    assert appeal.decide_due.isoformat() == "2026-12-24"
    with pytest.raises(ConflictError):
        appeal_file(actor=handler.user, record=overdue_record, reasons="再次申诉")
    with pytest.raises(ConflictError):
        record_decide(actor=supervisor.user, record=overdue_record, outcome=Outcome.WARNING, findings="超期")
    appeal_decide(actor=supervisor.user, record=overdue_record, uphold=True, opinion="延期申请记录属实")
    overdue_record.refresh_from_db()
    assert (overdue_record.card, overdue_record.status) == ("", RecordStatus.DECIDED)
    assert overdue_record.decision.outcome == Outcome.NONE
    appeal.refresh_from_db()
    assert (appeal.status, appeal.decided_by) == (AppealStatus.UPHELD, supervisor)
    with pytest.raises(ConflictError):
        appeal_decide(actor=supervisor.user, record=overdue_record, uphold=False, opinion="再议")


@pytest.mark.django_db
def test_a_dismissed_appeal_leaves_the_card(overdue_record, handler, supervisor):
    appeal_file(actor=handler.user, record=overdue_record, reasons="不是我的责任")
    with pytest.raises(ValidationError):
        appeal_decide(actor=supervisor.user, record=overdue_record, uphold=False, opinion="")
    appeal_decide(actor=supervisor.user, record=overdue_record, uphold=False, opinion="系统记录显示超期属实")
    overdue_record.refresh_from_db()
    assert (overdue_record.card, overdue_record.status) == (Card.YELLOW, RecordStatus.OPEN)
    with pytest.raises(ConflictError):
        appeal_file(actor=handler.user, record=overdue_record, reasons="再次申诉")
