"""Accountability records: opened from their sources, carded, explained,
appealed and decided (rule 7).

``records_open`` is the one way a record is made, by the collection job or by
an upheld complaint: one insert that skips a source already recorded, so a
record is opened once however often and on however many workers it runs.
A decision is never edited; ``record_decide`` on a decided record is a
correction, a new decision superseding the one in force, with its reason.
"""

from datetime import date

from constance import config
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accountability import sources
from accountability.models import (
    Appeal,
    AppealStatus,
    Card,
    CardStep,
    Decision,
    Evidence,
    Measure,
    Outcome,
    Record,
    RecordStatus,
)
from accountability.thresholds import thresholds_check
from audit.services import EventSpec, record_event, record_events, reference
from core import clock
from core.claims import claim_rows
from core.errors import ConflictError, require
from messaging.models import Channel
from messaging.services import MessageSpec, message_queue_many
from org.models import Staff
from org.predicates import staff_of
from org.roles import Role
from org.selectors import chiefs_or_supervisors
from workdays.days import UnpublishedYearError, add_working_days


def due_after(start: date, days: int) -> date:
    """``days`` working days after ``start``; the year's last day when the
    next year's schedule is not published yet (never later than it could be)."""
    try:
        return add_working_days(start, days)
    except UnpublishedYearError:
        return start.replace(month=12, day=31)


def records_open(kind: str, rows: list[dict]) -> list[Record]:
    """Open a yellow-carded record for each candidate row of source ``kind``
    not recorded yet (rows as ``sources`` annotates them); the records this
    call opened, their events and messages written with them. Call inside a
    transaction."""
    source = sources.get(kind)
    today = clock.localdate()
    now = clock.now()
    explain_due = due_after(today, config.RECORD_EXPLAIN_WD)
    red_due = due_after(today, config.CARD_RED_AFTER_WD)
    new = [
        {
            "source": kind,
            "source_id": row["pk"],
            "reference": str(row["acc_reference"] or "—")[:200],
            "summary": source.describe(row),
            "staff": row["acc_staff"],
            "department": row["acc_department"],
            "occurred_on": row["acc_on"],
            "opened_at": now,
            "status": RecordStatus.OPEN,
            "card": Card.YELLOW,
            "explain_due": explain_due,
            "red_due": red_due,
            "explanation": "",
        }
        for row in rows
    ]
    claimed = claim_rows(Record, new, returning="source_id")
    if not claimed:
        return []
    records = list(
        Record.objects.filter(source=kind, source_id__in=claimed).select_related("staff", "department")
    )
    CardStep.objects.bulk_create([CardStep(record=record, card=Card.YELLOW, at=now) for record in records])
    record_events(
        EventSpec(
            verb="accountability.record_open",
            subject=record,
            after={
                "source": record.source,
                "reference": record.reference,
                "staff": reference(record.staff),
                "department": reference(record.department),
                "card": Card.YELLOW,
                "explain_due": record.explain_due.isoformat(),
            },
            reason=record.summary,
        )
        for record in records
    )
    message_queue_many(_yellow_messages(records))
    return records


def _yellow_messages(records) -> list[MessageSpec]:
    chiefs = chiefs_or_supervisors({record.department_id for record in records})
    specs = []
    for record in records:
        people = ([record.staff] if record.staff_id else []) + chiefs.get(record.department_id, [])
        for person in {staff.pk: staff for staff in people}.values():
            specs.append(
                MessageSpec(
                    channel=Channel.INBOX,
                    recipient_id=person.user_id,
                    kind="accountability.yellow",
                    subject=_("Yellow card %(number)s: %(reference)s")
                    % {"number": record.number, "reference": record.reference},
                    body=_("%(summary)s Write the explanation by %(day)s.")
                    % {"summary": record.summary, "day": record.explain_due.isoformat()},
                    link=record.get_absolute_url(),
                    dedupe_key=f"accountability:{record.pk}:yellow:{person.pk}",
                )
            )
    return specs


def _lock(record: Record) -> Record:
    return (
        Record.objects.select_for_update(of=("self",)).select_related("staff", "department").get(pk=record.pk)
    )


def record_explain(*, actor, record: Record, explanation: str) -> Record:
    """The person responsible (or the chief, for a section's record) writes the explanation (情况说明)."""
    require(actor, "accountability.explain_record", record)
    explanation = (explanation or "").strip()
    if not explanation:
        raise ValidationError({"explanation": _("Write what happened and why.")})
    with transaction.atomic():
        record = _lock(record)
        if record.status != RecordStatus.OPEN:
            raise ConflictError(_("Record %(number)s is explained already.") % {"number": record.number})
        record.explanation = explanation
        record.explained_at = clock.now()
        record.status = RecordStatus.EXPLAINED
        record.save(update_fields=["explanation", "explained_at", "status"])
        record_event(
            actor=actor,
            verb="accountability.record_explain",
            subject=record,
            before={"status": RecordStatus.OPEN},
            after={"status": record.status},
            reason=explanation,
        )
    return record


def record_decide(
    *,
    actor,
    record: Record,
    outcome: str,
    findings: str,
    measure: Measure | None = None,
    correction_reason: str = "",
    files=(),
) -> Decision:
    """A supervisor decides the record; on a decided one, a correction superseding the decision in force."""
    require(actor, "accountability.decide_record", record)
    _validate_decision(outcome, findings, measure)
    with transaction.atomic():
        record = _lock(record)
        previous = record.decision
        if previous is not None and not correction_reason.strip():
            raise ValidationError({"correction_reason": _("Say why the decision in force is corrected.")})
        if previous is None and hasattr(record, "appeal") and record.appeal.status == AppealStatus.FILED:
            raise ConflictError(_("The appeal against this record is to be decided first."))
        decision = Decision.objects.create(
            record=record,
            outcome=outcome,
            measure=measure if outcome == Outcome.OTHER else None,
            findings=findings.strip(),
            decided_by=staff_of(actor),
            decided_at=clock.now(),
            supersedes=previous,
            correction_reason=correction_reason.strip(),
        )
        Evidence.objects.bulk_create(
            Evidence(record=record, file=file, name=file.name[:200], uploaded_by=decision.decided_by)
            for file in files
        )
        before = {"status": record.status, "outcome": previous.outcome if previous else ""}
        record.decision = decision
        record.status = RecordStatus.DECIDED
        record.save(update_fields=["decision", "status"])
        record_event(
            actor=actor,
            verb="accountability.record_correct" if previous else "accountability.record_decide",
            subject=record,
            before=before,
            after={"status": record.status, "outcome": outcome, "measure": reference(decision.measure)},
            reason=correction_reason.strip() if previous else decision.findings,
        )
        _tell_the_person(record, decision)
        if record.staff_id:
            thresholds_check(staff=record.staff, year=record.occurred_on.year)
    return decision


def _validate_decision(outcome, findings, measure) -> None:
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    if not (findings or "").strip():
        raise ValidationError({"findings": _("Write the findings the decision rests on.")})
    if outcome == Outcome.OTHER and (measure is None or not measure.active):
        raise ValidationError({"measure": _("Name the measure the bureau takes.")})


def _tell_the_person(record: Record, decision: Decision) -> None:
    people = (
        [record.staff]
        if record.staff_id
        else chiefs_or_supervisors({record.department_id})[record.department_id]
    )
    message_queue_many(
        [
            MessageSpec(
                channel=Channel.INBOX,
                recipient_id=person.user_id,
                kind="accountability.decided",
                subject=_("Record %(number)s decided: %(outcome)s")
                % {"number": record.number, "outcome": decision.outcome_label},
                body=decision.findings,
                link=record.get_absolute_url(),
                dedupe_key=f"accountability:decision:{decision.pk}:{person.pk}",
            )
            for person in people
        ]
    )


def decision_acknowledge(*, actor, record: Record) -> Decision:
    """The person acknowledges having been told the decision in force."""
    require(actor, "accountability.acknowledge_decision", record)
    with transaction.atomic():
        record = _lock(record)
        decision = Decision.objects.select_for_update().filter(pk=record.decision_id).first()
        if decision is None:
            raise ConflictError(_("Record %(number)s is not decided yet.") % {"number": record.number})
        if decision.acknowledged_at is not None:
            raise ConflictError(_("You have acknowledged this decision already."))
        decision.acknowledged_at = clock.now()
        decision.save(update_fields=["acknowledged_at"])
        record_event(
            actor=actor,
            verb="accountability.decision_acknowledge",
            subject=record,
            after={"outcome": decision.outcome, "acknowledged_at": decision.acknowledged_at.isoformat()},
        )
    return decision


def appeal_file(*, actor, record: Record, reasons: str, files=()) -> Appeal:
    """The person responsible appeals the record's card (申诉), once, before it is decided."""
    require(actor, "accountability.appeal_record", record)
    if not (reasons or "").strip():
        raise ValidationError({"reasons": _("Give the reasons for the appeal.")})
    with transaction.atomic():
        record = _lock(record)
        if record.status == RecordStatus.DECIDED:
            raise ConflictError(
                _("Record %(number)s is decided: it can no longer be appealed.") % {"number": record.number}
            )
        if Appeal.objects.filter(record=record).exists():
            raise ConflictError(_("Record %(number)s has been appealed already.") % {"number": record.number})
        me = staff_of(actor)
        now = clock.now()
        appeal = Appeal.objects.create(
            record=record,
            by=me,
            reasons=reasons.strip(),
            filed_at=now,
            decide_due=due_after(clock.localdate(), config.APPEAL_DECIDE_WD),
        )
        Evidence.objects.bulk_create(
            Evidence(record=record, file=file, name=file.name[:200], uploaded_by=me, for_appeal=True)
            for file in files
        )
        record_event(
            actor=actor,
            verb="accountability.appeal_file",
            subject=record,
            after={"appeal": AppealStatus.FILED, "decide_due": appeal.decide_due.isoformat()},
            reason=appeal.reasons,
        )
        _tell_the_supervisors(
            record,
            _("Appeal against %(number)s, to decide by %(day)s")
            % {"number": record.number, "day": appeal.decide_due.isoformat()},
            appeal.reasons,
            f"appeal:{appeal.pk}",
        )
    return appeal


def _tell_the_supervisors(record, subject, body, key) -> None:
    supervisors = Staff.objects.active().with_role(Role.SUPERVISOR).order_by("pk")
    message_queue_many(
        [
            MessageSpec(
                channel=Channel.INBOX,
                recipient_id=person.user_id,
                kind="accountability.supervisors",
                subject=subject,
                body=body,
                link=record.get_absolute_url(),
                dedupe_key=f"accountability:{key}:{person.pk}",
            )
            for person in supervisors
        ]
    )


def appeal_decide(*, actor, record: Record, uphold: bool, opinion: str) -> Appeal:
    """A supervisor upholds the appeal (the card withdrawn, the record closed
    with no responsibility) or dismisses it (the card stands), with reasons."""
    require(actor, "accountability.decide_appeal", record)
    if not (opinion or "").strip():
        raise ValidationError({"opinion": _("Give the reasons for the decision on the appeal.")})
    with transaction.atomic():
        record = _lock(record)
        appeal = Appeal.objects.select_for_update().filter(record=record).first()
        if appeal is None or appeal.status != AppealStatus.FILED:
            raise ConflictError(_("There is no appeal waiting on %(number)s.") % {"number": record.number})
        appeal.status = AppealStatus.UPHELD if uphold else AppealStatus.DISMISSED
        appeal.decided_by = staff_of(actor)
        appeal.decided_at = clock.now()
        appeal.opinion = opinion.strip()
        appeal.save(update_fields=["status", "decided_by", "decided_at", "opinion"])
        before = {"card": record.card, "status": record.status}
        if uphold:
            record.card = ""
            record.save(update_fields=["card"])
        record_event(
            actor=actor,
            verb="accountability.appeal_decide",
            subject=record,
            before=before,
            after={"appeal": appeal.status, "card": record.card},
            reason=appeal.opinion,
        )
        if uphold:
            # An upheld appeal ends the record: no responsibility, on the appeal's reasons.
            record_decide(actor=actor, record=record, outcome=Outcome.NONE, findings=appeal.opinion)
    return appeal
