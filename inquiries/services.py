"""Every write to inquiries goes through here (rule 1)."""

from collections.abc import Sequence
from datetime import date, timedelta

from constance import config
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from abpositions.cover import covering, covers
from abpositions.services_consent import absence_of
from abpositions.services_notes import cover_note_add
from audit.services import record_event, reference
from core import clock
from core.errors import ConflictError, require
from core.masking import PERSONAL_DATA_VIEWED
from core.numbers import next_number
from deadlines.services import case_open
from inquiries import links
from inquiries.models import (
    AWAITING_OUTCOME_STATUSES,
    INQUIRY_TRANSITIONS,
    AskedStaff,
    Inquiry,
    InquiryKind,
    InquiryStatus,
    Outcome,
    ReferMode,
    Transfer,
)
from messaging.models import Channel
from messaging.services import message_queue
from org.models import Department, Staff
from org.predicates import staff_of
from workdays.days import UnpublishedYearError, add_working_days

NUMBER_PREFIX = "Q"
# The visitor's personal data that lists mask and inquiry_reveal_contact shows.
CONTACT_FIELDS = ("visitor_phone", "visitor_id_number")
# Outcomes that close the inquiry at once.
CLOSING_OUTCOMES = {Outcome.HANDLED, Outcome.REFER, Outcome.EXTERNAL}


def _move(inquiry: Inquiry, to: str) -> None:
    """Set the status, on the locked row, where the transition map allows it."""
    if to not in INQUIRY_TRANSITIONS.get(inquiry.status, ()):
        raise ConflictError(
            _("This inquiry is %(status)s; that cannot be done now.")
            % {"status": inquiry.get_status_display()}
        )
    inquiry.status = to


def within_working_days(start: date, days: int) -> date:
    """The day by which something is due, ``days`` working days after ``start``.
    A flag time is no due date: where next year's holiday schedule is not
    published yet, the next calendar day stands in, so that the flag comes
    early rather than never."""
    try:
        return add_working_days(start, days)
    except UnpublishedYearError:
        return start + timedelta(days=max(days, 1))


def tied_at_the_top(asked: Sequence[Staff]) -> list[Staff]:
    """Those of the highest rank among the staff asked, when more than one."""
    if not asked:
        return []
    top = max(staff.rank for staff in asked)
    tied = [staff for staff in asked if staff.rank == top]
    return tied if len(tied) > 1 else []


def first_responder_of(asked: Sequence[Staff], chosen: Staff | None = None) -> tuple[Staff, bool]:
    """Of the staff asked together, the one of highest rank; the order they
    were entered in does not matter. A tie at the top is settled by the desk
    (``chosen``, one of the tied). Returns the first responder and whether a
    tie was settled."""
    if not asked:
        raise ValidationError({"asked_staff": _("Name the staff member who was asked.")})
    tied = tied_at_the_top(asked)
    if not tied:
        highest = max(asked, key=lambda staff: staff.rank)
        if chosen is not None and chosen.pk != highest.pk:
            raise ValidationError(
                {
                    "first_responder": _(
                        "%(name)s is the highest in rank of those asked, so %(name)s is the first responder."
                    )
                    % {"name": highest.name}
                }
            )
        return highest, False
    if chosen is None or chosen.pk not in {staff.pk for staff in tied}:
        names = "、".join(staff.name for staff in tied)
        raise ValidationError(
            {
                "first_responder": _(
                    "%(names)s share the highest rank: choose which of them is the first responder."
                )
                % {"names": names}
            }
        )
    return chosen, True


def _snapshot(inquiry: Inquiry) -> dict:
    """What an event records of an inquiry (labelled in inquiries.history)."""
    case = inquiry.case
    return {
        "status": inquiry.status,
        "outcome": inquiry.outcome,
        "first_responder": reference(inquiry.first_responder),
        "refer_department": reference(inquiry.refer_department),
        "case": reference(case, case.number if case else None),
    }


def inquiry_log(
    *,
    actor,
    channel: str,
    kind: str,
    subject: str,
    asked_staff: Sequence[Staff],
    visitor_name: str = "",
    visitor_phone: str = "",
    visitor_id_number: str = "",
    description: str = "",
    service_item=None,
    first_responder: Staff | None = None,
    asked_at=None,
) -> Inquiry:
    """Log a contact at the desk. The first responder is computed from the
    staff asked together; a report or complaint needs the reporter's name and
    contact (登记在册)."""
    require(actor, "inquiries.log_inquiry")
    errors = {}
    if not subject.strip():
        errors["subject"] = _("Enter what the visitor asked about.")
    if kind == InquiryKind.REPORT and not (visitor_name.strip() and visitor_phone.strip()):
        errors["visitor_phone"] = _(
            "A report or complaint is registered with the reporter's name and contact."
        )
    if service_item is not None and not service_item.published:
        errors["service_item"] = _("This service item is not published.")
    asked = list(dict.fromkeys(asked_staff))  # the same person entered twice is asked once
    inactive = [staff.name for staff in asked if not staff.user.is_active]
    if inactive:
        errors["asked_staff"] = _("%(names)s no longer work here.") % {"names": "、".join(inactive)}
    if errors:
        raise ValidationError(errors)
    responder, tie_settled = first_responder_of(asked, first_responder)
    asked_at = asked_at or clock.now()
    with transaction.atomic():
        inquiry = Inquiry.objects.create(
            number=next_number(NUMBER_PREFIX, timezone.localdate(asked_at)),
            channel=channel,
            kind=kind,
            visitor_name=visitor_name.strip(),
            visitor_phone=visitor_phone.strip(),
            visitor_id_number=visitor_id_number.strip().upper(),
            subject=subject.strip(),
            description=description.strip(),
            service_item=service_item,
            first_responder=responder,
            owner=responder,
            tie_settled=tie_settled,
            department_id=responder.department_id,
            asked_at=asked_at,
            outcome_due=within_working_days(timezone.localdate(asked_at), config.INQUIRY_NO_OUTCOME_FLAG_WD),
            created_by=actor,
        )
        inquiry.full_clean(validate_unique=False, validate_constraints=False)
        AskedStaff.objects.bulk_create(
            AskedStaff(inquiry=inquiry, staff=staff, position=position)
            for position, staff in enumerate(asked, 1)
        )
        record_event(
            actor=actor,
            verb="inquiry.log",
            subject=inquiry,
            after={**_snapshot(inquiry), "asked_staff": "、".join(staff.name for staff in asked)},
        )
    return inquiry


def covered_holder(actor, holder: Staff | None) -> Staff | None:
    """``holder`` when ``actor`` answers for them now (rule 4: B covering A), else None."""
    me = staff_of(actor)
    if holder is None or me is None or me.pk == holder.pk or not covers(me, holder.pk):
        return None
    return holder


def _acting_for(actor, holder: Staff | None):
    """The holder's user when ``actor`` acts because they answer for the
    holder now (rule 4: B covering A, with A's authority), else None."""
    covered = covered_holder(actor, holder)
    return covered.user if covered is not None else None


def inquiry_cover_note_add(*, actor, inquiry: Inquiry, text: str):
    """B notes on A's inquiry what they could not handle, for A's handover (rule 4)."""
    owner = inquiry.owner
    absence = absence_of(owner.pk) if owner is not None else None
    if absence is None:
        raise ConflictError(_("%(holder)s is back: the inquiry is theirs again.") % {"holder": owner})
    return cover_note_add(
        actor=actor, absence=absence, subject=inquiry, label=f"{inquiry.number} {inquiry.subject}", text=text
    )


def _lock(inquiry: Inquiry) -> Inquiry:
    return Inquiry.objects.select_for_update().get(pk=inquiry.pk)


def inquiry_record_outcome(
    *,
    actor,
    inquiry: Inquiry,
    outcome: str,
    note: str = "",
    transfer_to: Staff | None = None,
    refer_department: Department | None = None,
    refer_mode: str = ReferMode.GUIDED,
    external_department: str = "",
    visitor_phone: str = "",
) -> Inquiry:
    """The outcome (rule 1): the first responder's, or, once a transfer is
    acknowledged, the handler's, which replaces the transfer as the inquiry's
    outcome (the Transfer row keeps who transferred it, when, and to whom). A
    transfer needs the visitor's contact, so that the handler can reach them:
    ``visitor_phone`` records it when it was not taken at the desk. Handled,
    referred and external close the inquiry; a transfer waits for the
    handler's acknowledgement; a notice waits for the visitor to come back
    (rule 5)."""
    require(actor, "inquiries.record_outcome", inquiry)
    me = staff_of(actor)
    on_behalf = _acting_for(actor, inquiry.owner)
    errors = {}
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Choose one of the outcomes.")})
    if outcome == Outcome.REFUSED:
        # Rule 6: only filing a refusal closes an application as refused (inquiry_close_refused).
        raise ValidationError(
            {
                "outcome": _(
                    "An application is refused only by filing a refusal with its reason and legal basis."
                )
            }
        )
    if outcome == Outcome.TRANSFER:
        if transfer_to is None:
            errors["transfer_to"] = _("Name the handler it is transferred to.")
        elif transfer_to.department_id != inquiry.department_id:
            errors["transfer_to"] = _(
                "A transfer goes to a handler of the own section; refer another section's matter instead."
            )
        elif transfer_to.pk == inquiry.first_responder_id:
            errors["transfer_to"] = _("The first responder cannot transfer the inquiry to themselves.")
        elif not transfer_to.user.is_active:
            errors["transfer_to"] = _("%(name)s no longer works here.") % {"name": transfer_to.name}
        if not (inquiry.visitor_phone or visitor_phone.strip()):
            errors["visitor_phone"] = _(
                "Record the visitor's contact before transferring, so the handler can reach them."
            )
    if outcome == Outcome.REFER:
        if refer_department is None:
            errors["refer_department"] = _("Name the section the visitor is referred to.")
        elif refer_department.pk == inquiry.department_id:
            errors["refer_department"] = _(
                "That is the own section: handle it, transfer it or issue a notice."
            )
        if refer_mode not in ReferMode.values:
            errors["refer_mode"] = _("Say whether the visitor was guided there or given the contact.")
    if outcome == Outcome.EXTERNAL and not note.strip():
        errors["note"] = _("Record what the visitor was told.")
    if errors:
        raise ValidationError(errors)
    now = clock.now()
    with transaction.atomic():
        locked = _lock(inquiry)
        if locked.status not in AWAITING_OUTCOME_STATUSES:
            raise ConflictError(_("An outcome has been recorded for this inquiry already."))
        if outcome == Outcome.TRANSFER and locked.status == InquiryStatus.ACKNOWLEDGED:
            raise ConflictError(
                _("This inquiry has been transferred once already: its handler records the outcome.")
            )
        before = _snapshot(locked)
        locked.outcome = outcome
        locked.outcome_note = note.strip()
        locked.outcome_at = now
        locked.outcome_by = me
        locked.flagged = False
        if visitor_phone.strip() and not locked.visitor_phone:
            locked.visitor_phone = visitor_phone.strip()
        if outcome == Outcome.REFER:
            locked.refer_department = refer_department
            locked.refer_mode = refer_mode
        if outcome == Outcome.EXTERNAL:
            locked.external_department = external_department.strip()
        if outcome in CLOSING_OUTCOMES:
            _move(locked, InquiryStatus.CLOSED)
            locked.closed_at = now
        elif outcome == Outcome.NOTICE:
            _move(locked, InquiryStatus.NOTICE)
        else:
            _move(locked, InquiryStatus.TRANSFERRED)
        locked.save(
            update_fields=[
                "outcome",
                "outcome_note",
                "outcome_at",
                "outcome_by",
                "flagged",
                "visitor_phone",
                "refer_department",
                "refer_mode",
                "external_department",
                "status",
                "closed_at",
            ]
        )
        if outcome == Outcome.TRANSFER:
            transfer = Transfer.objects.create(
                inquiry=locked,
                to=transfer_to,
                by=me or locked.first_responder,
                at=now,
                note=note.strip(),
                acknowledge_by=within_working_days(timezone.localdate(now), config.TRANSFER_ACKNOWLEDGE_WD),
            )
            message_queue(
                channel=Channel.INBOX,
                recipient=transfer_to.user,
                kind="inquiry.transfer",
                subject=_("Inquiry %(number)s transferred to you: %(subject)s")
                % {"number": locked.number, "subject": locked.subject},
                body=_("Accepted by %(name)s. Acknowledge it by %(date)s.")
                % {"name": transfer.by.name, "date": transfer.acknowledge_by.isoformat()},
                link=f"/inquiries/{locked.pk}/",
            )
            # Rule 4: while the handler is away, whoever answers for them gets it too.
            for cover in covering([transfer_to.pk]).get(transfer_to.pk, []):
                message_queue(
                    channel=Channel.INBOX,
                    recipient=cover.user,
                    kind="inquiry.transfer",
                    subject=_("Inquiry %(number)s transferred to %(name)s, whom you cover: %(subject)s")
                    % {"number": locked.number, "name": transfer_to.name, "subject": locked.subject},
                    body=_("Accepted by %(name)s. Acknowledge it by %(date)s.")
                    % {"name": transfer.by.name, "date": transfer.acknowledge_by.isoformat()},
                    link=f"/inquiries/{locked.pk}/",
                )
        after = _snapshot(locked)
        if outcome == Outcome.TRANSFER:
            after["transfer_to"] = reference(transfer_to)
        record_event(
            actor=actor,
            verb="inquiry.outcome",
            subject=locked,
            before=before,
            after=after,
            reason=note.strip(),
            acting_for=on_behalf,
        )
    inquiry.refresh_from_db()
    return inquiry


def transfer_acknowledge(*, actor, transfer: Transfer) -> Transfer:
    """The handler takes over a transferred inquiry ("现由您负责办理"): they
    answer for it now, and it stays in their open work, not closed, until they
    record its outcome, due in the set working days and flagged like any other."""
    require(actor, "inquiries.acknowledge_transfer", transfer)
    on_behalf = _acting_for(actor, transfer.to)
    now = clock.now()
    with transaction.atomic():
        locked = Transfer.objects.select_for_update().get(pk=transfer.pk)
        if locked.acknowledged_at is not None:
            raise ConflictError(_("This transfer has been acknowledged already."))
        locked.acknowledged_at = now
        locked.flagged = False
        locked.save(update_fields=["acknowledged_at", "flagged"])
        inquiry = _lock(locked.inquiry)
        before = {
            **_snapshot(inquiry),
            "owner": reference(inquiry.owner),
            "outcome_due": inquiry.outcome_due.isoformat(),
        }
        _move(inquiry, InquiryStatus.ACKNOWLEDGED)
        inquiry.owner = locked.to
        inquiry.outcome_due = within_working_days(timezone.localdate(now), config.INQUIRY_NO_OUTCOME_FLAG_WD)
        inquiry.flagged = False
        inquiry.save(update_fields=["status", "owner", "outcome_due", "flagged"])
        record_event(
            actor=actor,
            verb="transfer.acknowledge",
            subject=inquiry,
            before=before,
            after={
                **_snapshot(inquiry),
                "owner": reference(locked.to),
                "outcome_due": inquiry.outcome_due.isoformat(),
            },
            acting_for=on_behalf,
        )
    transfer.refresh_from_db()
    return transfer


# An inquiry becomes a case while it still waits: on its outcome (the first
# responder's or the handler's), or on the visitor's return with a notice.
CASE_FROM_STATUSES = (*AWAITING_OUTCOME_STATUSES, InquiryStatus.NOTICE)


def case_may_be_opened(inquiry: Inquiry) -> bool:
    """Whether the inquiry can become a case now: an application, with no case yet, not closed."""
    return (
        inquiry.kind == InquiryKind.APPLICATION
        and inquiry.case_id is None
        and inquiry.status in CASE_FROM_STATUSES
    )


def inquiry_open_case(
    *,
    actor,
    inquiry: Inquiry,
    applicant_name: str = "",
    applicant_phone: str = "",
    handler=None,
    service_item=None,
    handled_at_once: bool = False,
    not_at_once_reason: str = "",
):
    """An application that can be accepted becomes a case (rule 2), linked to
    its inquiry. The inquiry is closed as handled, or, when it waited on a
    one-time notice, closed by the case."""
    require(actor, "inquiries.record_outcome", inquiry)
    if inquiry.kind != InquiryKind.APPLICATION:
        raise ValidationError({"inquiry": _("Only an application for a service item becomes a case.")})
    service_item = service_item or inquiry.service_item
    if service_item is None:
        raise ValidationError({"service_item": _("Choose the service item the application is for.")})
    with transaction.atomic():
        locked = _lock(inquiry)
        if locked.case_id is not None:
            raise ConflictError(_("A case has been opened for this inquiry already."))
        if locked.status not in CASE_FROM_STATUSES:
            raise ConflictError(_("This inquiry is closed."))
        case = case_open(
            actor=actor,
            service_item=service_item,
            applicant_name=applicant_name or locked.visitor_name,
            applicant_phone=applicant_phone or locked.visitor_phone,
            handler=handler,
            handled_at_once=handled_at_once,
            not_at_once_reason=not_at_once_reason,
        )
        before = _snapshot(locked)
        now = clock.now()
        locked.case = case
        if locked.status in AWAITING_OUTCOME_STATUSES:
            locked.outcome = Outcome.HANDLED
            locked.outcome_at = now
            locked.outcome_by = staff_of(actor)
            locked.outcome_note = _("Application accepted: case %(number)s.") % {"number": case.number}
        _move(locked, InquiryStatus.CLOSED)
        locked.closed_at = now
        locked.flagged = False
        locked.save(
            update_fields=[
                "case",
                "outcome",
                "outcome_at",
                "outcome_by",
                "outcome_note",
                "status",
                "closed_at",
                "flagged",
            ]
        )
        record_event(
            actor=actor,
            verb="inquiry.case",
            subject=locked,
            before=before,
            after=_snapshot(locked),
            acting_for=_acting_for(actor, locked.owner),
        )
    inquiry.refresh_from_db()
    return case


def inquiry_reopen(*, actor, inquiry: Inquiry, refusal_number: str) -> Inquiry:
    """Rule 6: an inquiry closed as "cannot be accepted" whose refusal was
    overturned awaits its outcome again, from its owner."""
    if links.refusal_on_file(inquiry) is not None:
        raise ConflictError(_("Only an inquiry whose refusal was overturned can be reopened."))
    with transaction.atomic():
        locked = _lock(inquiry)
        before = _snapshot(locked)
        acknowledged = getattr(locked, "transfer", None) is not None and locked.transfer.acknowledged_at
        _move(locked, InquiryStatus.ACKNOWLEDGED if acknowledged else InquiryStatus.OPEN)
        locked.outcome, locked.outcome_at, locked.outcome_by, locked.closed_at = "", None, None, None
        locked.save(update_fields=["status", "outcome", "outcome_at", "outcome_by", "closed_at"])
        record_event(
            actor=actor,
            verb="inquiry.reopen",
            subject=locked,
            before=before,
            after=_snapshot(locked),
            reason=refusal_number,
        )
    inquiry.refresh_from_db()
    return inquiry


def inquiry_close_by_notice(*, actor, inquiry: Inquiry, note: str = "") -> Inquiry:
    """Close an inquiry whose notice said the matter cannot be accepted at all
    (rule 5: the reason and the rule are on the notice), only with a refusal
    on file (rule 6: the refusals app files it first, in the same transaction)."""
    return _close_refused(actor=actor, inquiry=inquiry, outcome=Outcome.NOTICE, note=note)


def inquiry_close_refused(*, actor, inquiry: Inquiry, note: str = "") -> Inquiry:
    """Close an application inquiry refused without a notice, only with a
    refusal on file (rule 6: the refusals app files it first)."""
    return _close_refused(actor=actor, inquiry=inquiry, outcome=Outcome.REFUSED, note=note)


def _close_refused(*, actor, inquiry: Inquiry, outcome: str, note: str) -> Inquiry:
    require(actor, "inquiries.record_outcome", inquiry)
    if links.refusal_on_file(inquiry) is None:
        raise ConflictError(
            _("An application is refused only by filing a refusal with its reason and legal basis.")
        )
    with transaction.atomic():
        locked = _lock(inquiry)
        if locked.status == InquiryStatus.CLOSED:
            return locked
        before = _snapshot(locked)
        now = clock.now()
        if locked.status in AWAITING_OUTCOME_STATUSES:
            locked.outcome = outcome
            locked.outcome_at = now
            locked.outcome_by = staff_of(actor)
        locked.outcome_note = note.strip() or locked.outcome_note
        _move(locked, InquiryStatus.CLOSED)
        locked.closed_at = now
        locked.flagged = False
        locked.save(
            update_fields=[
                "outcome",
                "outcome_at",
                "outcome_by",
                "outcome_note",
                "status",
                "closed_at",
                "flagged",
            ]
        )
        record_event(
            actor=actor,
            verb="inquiry.outcome",
            subject=locked,
            before=before,
            after=_snapshot(locked),
            acting_for=_acting_for(actor, locked.owner),
        )
    inquiry.refresh_from_db()
    return inquiry


def inquiry_open_case_by_id(actor, inquiry_id: int, **case_fields):
    """The case API's opener for ``inquiry`` (registered in apps.ready): an
    inquiry the caller may not see is "not found", as on every other path."""
    from inquiries.selectors import inquiry_for

    inquiry = inquiry_for(actor, inquiry_id)
    if inquiry is None:
        raise ValidationError({"inquiry": _("No inquiry with this id that you may see.")})
    return inquiry_open_case(actor=actor, inquiry=inquiry, **case_fields)


def inquiry_reveal_contact(*, actor, inquiry: Inquiry) -> list[str]:
    """Shows the visitor's full phone and ID number to who deals with them, and
    records that sight (personal_data.viewed: who, whose record, which fields).
    Returns the fields revealed; nothing is recorded when none is on record."""
    require(actor, "inquiries.see_visitor_contact", inquiry)
    fields = [field for field in CONTACT_FIELDS if getattr(inquiry, field)]
    if fields:
        on_behalf = _acting_for(actor, inquiry.owner)
        with transaction.atomic():
            record_event(
                actor=actor,
                verb=PERSONAL_DATA_VIEWED,
                subject=inquiry,
                after=dict.fromkeys(fields, True),
                acting_for=on_behalf,
            )
    return fields
