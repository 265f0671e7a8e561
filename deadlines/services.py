"""Every write to cases and extensions goes through here."""

from datetime import date

from constance import config
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from abpositions.cover import covers
from abpositions.models import ConsentStatus
from abpositions.services_consent import absence_of, consent_for, cover_consent_ask
from abpositions.services_notes import cover_note_add
from audit.services import record_event, reference
from core import clock
from core.errors import ConflictError, require
from core.masking import PERSONAL_DATA_VIEWED
from core.numbers import next_number
from deadlines import links
from deadlines.models import (
    CASE_TRANSITIONS,
    OPEN_STATUSES,
    Case,
    CaseKind,
    CaseStatus,
    Extension,
    ExtensionStatus,
)
from deadlines.selectors import extension_cap, routing
from messaging.models import Channel
from messaging.services import message_queue
from org.predicates import chiefs_of, is_chief_of, staff_of
from workdays.days import UnpublishedYearError, add_working_days

# Case numbers carry no letters (202611260001): the public types them on /track/.
CASE_NUMBER_PREFIX = ""


def _due_date(start: date, days: int) -> date:
    try:
        return add_working_days(start, days)
    except UnpublishedYearError as exc:
        raise ValidationError(exc.message) from None


def _next_number(day: date) -> str:
    """YYYYMMDD and the day's serial: the case number printed on the receipt."""
    return next_number(CASE_NUMBER_PREFIX, day)


def _snapshot(case: Case) -> dict:
    """What an event records of a case (labelled in deadlines.history)."""
    return {
        "status": case.status,
        "due_date": case.due_date,
        "handler": reference(case.handler),
        "cover_for": reference(case.cover_for),
        "overdue": case.overdue,
    }


def case_open(
    *,
    actor,
    service_item,
    applicant_name: str,
    applicant_phone: str = "",
    handler=None,
    handled_at_once: bool = False,
    not_at_once_reason: str = "",
    received_at=None,
) -> Case:
    """Receive an application: its due date is the item's committed limit in
    working days after the day it was received (that day not counted)."""
    require(actor, "deadlines.open_case")
    version = service_item.current
    if version is None:
        raise ValidationError({"service_item": _("This service item has no content yet.")})
    if not applicant_name.strip():
        raise ValidationError({"applicant_name": _("Enter the applicant's name.")})
    routed = routing(staff_of(actor), service_item)
    handler = handler or routed.staff
    if handler is None or handler.department_id != service_item.department_id:
        raise ValidationError({"handler": _("The handler must be a staff member of the item's section.")})
    if version.on_the_spot and not handled_at_once and not not_at_once_reason.strip():
        raise ValidationError(
            {
                "not_at_once_reason": _(
                    "This item is handled on the spot: record why it was not handled at once."
                )
            }
        )
    received_at = received_at or clock.now()
    due = _due_date(timezone.localdate(received_at), version.committed_days)
    with transaction.atomic():
        case = Case.objects.create(
            number=_next_number(timezone.localdate(received_at)),
            kind=CaseKind.SERVICE,
            service_item=service_item,
            item_version=version,
            title=version.name,
            applicant_name=applicant_name.strip(),
            applicant_phone=applicant_phone.strip(),
            department=service_item.department,
            handler=handler,
            # Named or routed, the one who answers for an away A receives it for A.
            cover_for=routed.for_holder if handler == routed.staff else None,
            received_at=received_at,
            due_date=due,
            original_due_date=due,
            handled_at_once=handled_at_once,
            not_at_once_reason=not_at_once_reason.strip(),
            status=CaseStatus.COMPLETED if handled_at_once else CaseStatus.RECEIVED,
            completed_at=received_at if handled_at_once else None,
            created_by=actor,
        )
        record_event(actor=actor, verb="case.open", subject=case, after=_snapshot(case))
    return case


def case_open_instruction(
    *, actor, title: str, instruction: str, leader: str, due_date: date, handler
) -> Case:
    """A leader's instruction (领导批示件) with its own due date."""
    require(actor, "deadlines.open_instruction", handler)
    today = clock.localdate()
    errors = {}
    if not title.strip():
        errors["title"] = _("Enter the matter.")
    if not leader.strip():
        errors["leader"] = _("Name the instructing leader.")
    if due_date < today:
        errors["due_date"] = _("The due date cannot be in the past.")
    if errors:
        raise ValidationError(errors)
    _due_date(due_date, 0)  # refuses a date in a year with no published schedule
    with transaction.atomic():
        case = Case.objects.create(
            number=_next_number(today),
            kind=CaseKind.INSTRUCTION,
            received_at=clock.now(),
            title=title.strip(),
            instruction=instruction.strip(),
            leader=leader.strip(),
            department=handler.department,
            handler=handler,
            due_date=due_date,
            original_due_date=due_date,
            created_by=actor,
        )
        record_event(actor=actor, verb="case.open", subject=case, after=_snapshot(case))
    return case


class ConsentNeeded(ConflictError):
    """B may not act on A's urgent matter before the section chief consents."""

    def __init__(self, message, *, case: Case, asked: bool):
        super().__init__(message)
        self.case = case
        self.asked = asked


def is_urgent(case: Case, today: date | None = None) -> bool:
    """A's urgent matter (急办事项): a leader's instruction, or a case due
    within COVER_URGENT_WD working days (or overdue)."""
    if case.kind == CaseKind.INSTRUCTION:
        return True
    today = today or clock.localdate()
    try:
        horizon = add_working_days(today, config.COVER_URGENT_WD)
    except UnpublishedYearError:
        horizon = today
    return case.due_date <= horizon


def covered_holder(actor, case: Case):
    """The A whose work the case is and whom ``actor`` answers for now (rule 4):
    its handler, when the actor covers them; the A it reached the actor for,
    as A's cover, while A is still away. None when it is simply theirs."""
    me = staff_of(actor)
    if me is None or case.handler_id is None:
        return None
    if case.handler_id != me.pk:
        return case.handler if covers(me, case.handler_id) else None
    if case.cover_for_id is not None and covers(me, case.cover_for_id):
        return case.cover_for
    return None


def acting_for(actor, case: Case):
    """A's user when ``actor`` acts on the case because they answer for A now
    (rule 4: B covering A), else None. B acts on A's urgent matter only once
    the section chief has consented; the chief needs no one's consent."""
    holder = covered_holder(actor, case)
    if holder is None:
        return None
    if not is_chief_of(actor, case) and is_urgent(case):
        consent = consent_for(absence_of(holder.pk), case)
        if consent is None or consent.status != ConsentStatus.GRANTED:
            if consent is not None and consent.status == ConsentStatus.DECLINED:
                message = _("The section chief declined your acting on this urgent case for %(holder)s.")
            elif consent is not None:
                message = _(
                    "Waiting for the section chief's consent to act on this urgent case for %(holder)s."
                )
            else:
                message = _(
                    "An urgent case of %(holder)s, who is away: ask the section chief's consent first."
                )
            raise ConsentNeeded(message % {"holder": holder}, case=case, asked=consent is not None)
    return holder.user


def _covered_absence(actor, case: Case):
    """The absence in force of the A whose case it is, for what B does on it; refused once A is back."""
    me = staff_of(actor)
    mine = me is not None and case.handler_id == me.pk and case.cover_for_id is not None
    holder = case.cover_for if mine else case.handler
    absence = absence_of(holder.pk)
    if absence is None:
        raise ConflictError(_("%(holder)s is back: the case is theirs again.") % {"holder": holder})
    return absence


def case_cover_note_add(*, actor, case: Case, text: str):
    """B notes on A's case what they could not handle, for A's handover (rule 4)."""
    return cover_note_add(
        actor=actor,
        absence=_covered_absence(actor, case),
        subject=case,
        label=f"{case.number} {case.title}",
        text=text,
    )


def case_consent_ask(*, actor, case: Case):
    """B asks the section chief, in one click, to act on A's urgent case (rule 4)."""
    return cover_consent_ask(
        actor=actor, absence=_covered_absence(actor, case), subject=case, label=f"{case.number} {case.title}"
    )


def _transition(*, actor, case: Case, to: str, verb: str, reason: str = "", **changes) -> Case:
    allowed_from = [old for old, targets in CASE_TRANSITIONS.items() if to in targets]
    on_behalf = acting_for(actor, case)
    with transaction.atomic():
        claimed = Case.objects.filter(pk=case.pk, status__in=allowed_from).update(status=to, **changes)
        if claimed != 1:
            raise ConflictError(
                _("This case is %(status)s; that cannot be done now.") % {"status": case.get_status_display()}
            )
        before = _snapshot(case)
        case.refresh_from_db()
        record_event(
            actor=actor,
            verb=verb,
            subject=case,
            before=before,
            after=_snapshot(case),
            reason=reason,
            acting_for=on_behalf,
        )
    return case


def case_start(*, actor, case: Case) -> Case:
    require(actor, "deadlines.work_case", case)
    return _transition(actor=actor, case=case, to=CaseStatus.IN_PROGRESS, verb="case.start")


def case_complete(*, actor, case: Case) -> Case:
    """The handler completes it; early counts in their favour, late is overdue."""
    require(actor, "deadlines.work_case", case)
    with transaction.atomic():
        case = _transition(
            actor=actor, case=case, to=CaseStatus.COMPLETED, verb="case.complete", completed_at=clock.now()
        )
        _completion_message(case)
    return case


def _completion_message(case: Case) -> None:
    """The applicant is told by SMS when the apps above have something to ask
    of them with it (rule 8: the rating link); links in an SMS need the site's
    public address."""
    if not case.applicant_phone:
        return
    invitations = links.case_invitations(case, medium=links.MESSAGE, site_url=settings.SITE_URL)
    if not invitations:
        return
    text = _("Your case %(number)s (%(title)s) is completed.") % {"number": case.number, "title": case.title}
    message_queue(
        channel=Channel.SMS,
        address=case.applicant_phone,
        kind="case.completed",
        subject=_("Case completed"),
        body="\n".join([text, *(invitation.text for invitation in invitations)]),
        dedupe_key=f"case:{case.pk}:completed",
    )


def case_refuse(*, actor, case: Case, refusal_number: str) -> Case:
    """Rule 6: the case is refused, only with that refusal on file (the
    refusals app files it first, in the same transaction, and calls this)."""
    if refusal_number and links.refusal_on_file(case) == refusal_number:
        return _transition(
            actor=actor, case=case, to=CaseStatus.REFUSED, verb="case.refuse", reason=refusal_number
        )
    raise ConflictError(_("A case is refused only by filing a refusal with its reason and legal basis."))


def case_reopen(*, actor, case: Case, status: str, due_date: date, refusal_number: str) -> Case:
    """Rule 6: a refused case whose refusal was overturned is open again, in
    the status it had, due ``due_date`` (the refusals app gives back the days
    of review). Refused while a refusal is still in force."""
    if status not in OPEN_STATUSES or links.refusal_on_file(case) is not None:
        raise ConflictError(_("Only a case whose refusal was overturned can be reopened."))
    with transaction.atomic():
        before = _snapshot(case)
        # Past due again, the hourly job flags it as it flags any case.
        claimed = Case.objects.filter(pk=case.pk, status=CaseStatus.REFUSED).update(
            status=status, due_date=due_date, overdue=False, overdue_since=None
        )
        if claimed != 1:
            raise ConflictError(_("Only a refused case can be reopened."))
        case.refresh_from_db()
        record_event(
            actor=actor,
            verb="case.reopen",
            subject=case,
            before=before,
            after=_snapshot(case),
            reason=refusal_number,
        )
    return case


def case_withdraw(*, actor, case: Case, reason: str, applicant_asked: bool = False) -> Case:
    """Withdrawn, recording whether the applicant asked for it: one withdrawn
    by staff otherwise is a refusal without a filed refusal (rule 6's findings)."""
    require(actor, "deadlines.work_case", case)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the case is withdrawn.")})
    return _transition(
        actor=actor,
        case=case,
        to=CaseStatus.WITHDRAWN,
        verb="case.withdraw",
        reason=reason,
        applicant_asked=applicant_asked,
    )


def extension_request(*, actor, case: Case, days: int, reason: str) -> Extension:
    require(actor, "deadlines.work_case", case)
    on_behalf = acting_for(actor, case)
    errors = {}
    if not reason.strip():
        errors["reason"] = _("Give the reason; the applicant will be told it.")
    if days < 1:
        errors["days"] = _("An extension is at least one working day.")
    if errors:
        raise ValidationError(errors)
    if case.status not in OPEN_STATUSES:
        raise ConflictError(_("Only an open case can be extended."))
    granted = (
        case.extensions.filter(status=ExtensionStatus.APPROVED).aggregate(total=Sum("days"))["total"] or 0
    )
    cap = extension_cap(case)
    if granted + days > cap:
        raise ValidationError(
            {
                "days": _(
                    "Extensions may add at most %(cap)s working days in all; %(granted)s are granted already."
                )
                % {"cap": cap, "granted": granted}
            }
        )
    decide_by = _due_date(clock.localdate(), config.EXTENSION_DECISION_WD)
    with transaction.atomic():
        try:
            with transaction.atomic():
                extension = Extension.objects.create(
                    case=case,
                    days=days,
                    reason=reason.strip(),
                    requested_by=staff_of(actor),
                    requested_at=clock.now(),
                    decide_by=decide_by,
                    due_before=case.due_date,
                )
        except IntegrityError:
            raise ConflictError(
                _("An extension request for this case is already waiting for a decision.")
            ) from None
        record_event(
            actor=actor,
            verb="extension.request",
            subject=case,
            after={"days": days},
            reason=reason.strip(),
            acting_for=on_behalf,
        )
        for chief in _chiefs(case):
            message_queue(
                channel=Channel.INBOX,
                recipient=chief.user,
                kind="extension.request",
                subject=_("Extension requested: %(number)s") % {"number": case.number},
                body=_("%(handler)s asks for %(days)s more working days for %(title)s. Reason: %(reason)s")
                % {
                    "handler": extension.requested_by,
                    "days": days,
                    "title": case.title,
                    "reason": reason.strip(),
                },
                link=f"/cases/{case.pk}/",
            )
    return extension


def _chiefs(case: Case):
    return [
        chief for chief in chiefs_of(case.department).select_related("user") if chief.pk != case.handler_id
    ]


def _decide(*, actor, extension: Extension, to: str, note: str) -> Extension:
    with transaction.atomic():
        claimed = Extension.objects.filter(pk=extension.pk, status=ExtensionStatus.PENDING).update(
            status=to, decided_by=staff_of(actor), decided_at=clock.now(), decision_note=note.strip()
        )
        if claimed != 1:
            raise ConflictError(_("This extension request has been decided already."))
        extension.refresh_from_db()
        return extension


def extension_approve(*, actor, extension: Extension, note: str = "") -> Extension:
    """Moves the due date by the extension's working days and tells the applicant why."""
    require(actor, "deadlines.decide_extension", extension)
    with transaction.atomic():
        extension = _decide(actor=actor, extension=extension, to=ExtensionStatus.APPROVED, note=note)
        case = Case.objects.select_for_update().get(pk=extension.case_id)
        # A case closed while its request waited keeps its due date: moving it
        # now would turn a late completion into an on-time one.
        if not case.is_open:
            raise ConflictError(_("The case is closed; an extension can no longer move its due date."))
        before = _snapshot(case)
        new_due = _due_date(case.due_date, extension.days)
        still_overdue = new_due < clock.localdate()
        Case.objects.filter(pk=case.pk).update(
            due_date=new_due,
            overdue=still_overdue,
            overdue_since=case.overdue_since if still_overdue else None,
        )
        Extension.objects.filter(pk=extension.pk).update(due_after=new_due)
        case.refresh_from_db()
        extension.refresh_from_db()
        record_event(
            actor=actor,
            verb="extension.approve",
            subject=case,
            before=before,
            after=_snapshot(case),
            reason=extension.reason,
        )
        text = _("Your case %(number)s (%(title)s) is extended to %(due)s. Reason: %(reason)s") % {
            "number": case.number,
            "title": case.title,
            "due": new_due.isoformat(),
            "reason": extension.reason,
        }
        if case.applicant_phone:
            message_queue(
                channel=Channel.SMS,
                address=case.applicant_phone,
                kind="extension.applicant",
                subject=_("Case extended"),
                body=text,
                dedupe_key=f"extension:{extension.pk}:applicant",
            )
        message_queue(
            channel=Channel.INBOX,
            recipient=case.handler.user,
            kind="extension.approved",
            subject=_("Extension approved: %(number)s") % {"number": case.number},
            body=text,
            link=f"/cases/{case.pk}/",
        )
    return extension


def extension_reject(*, actor, extension: Extension, note: str) -> Extension:
    require(actor, "deadlines.decide_extension", extension)
    if not note.strip():
        raise ValidationError({"note": _("Say why the request is rejected.")})
    with transaction.atomic():
        extension = _decide(actor=actor, extension=extension, to=ExtensionStatus.REJECTED, note=note)
        record_event(actor=actor, verb="extension.reject", subject=extension.case, reason=note.strip())
        message_queue(
            channel=Channel.INBOX,
            recipient=extension.case.handler.user,
            kind="extension.rejected",
            subject=_("Extension rejected: %(number)s") % {"number": extension.case.number},
            body=note.strip(),
            link=f"/cases/{extension.case_id}/",
        )
    return extension


def case_reveal_contact(*, actor, case: Case) -> list[str]:
    """Shows the applicant's full phone to who works the case, and records that
    sight (personal_data.viewed: who, whose record, which field). Returns the
    fields revealed; nothing is recorded when none is on record."""
    require(actor, "deadlines.see_applicant_contact", case)
    fields = ["applicant_phone"] if case.applicant_phone else []
    if fields:
        holder = covered_holder(actor, case)
        on_behalf = holder.user if holder is not None else None
        with transaction.atomic():
            record_event(
                actor=actor,
                verb=PERSONAL_DATA_VIEWED,
                subject=case,
                after=dict.fromkeys(fields, True),
                acting_for=on_behalf,
            )
    return fields
