"""Writes of rule 6: file a refusal, and the chief's confirm or overturn.

Each is permission first, then the row claimed through its status, the audit
event in the same transaction, and the messages sent once it commits. Filing
refuses the matter in the same transaction (``deadlines.services.case_refuse``,
``inquiries.services.inquiry_close_refused``), which accept nothing else."""

from datetime import datetime

from constance import config
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record_event, reference
from core import clock
from core.errors import ConflictError, require
from core.numbers import next_number
from deadlines.models import OPEN_STATUSES, Case, CaseKind
from deadlines.services import case_refuse, case_reopen
from inquiries.models import AWAITING_OUTCOME_STATUSES, Inquiry, InquiryStatus
from inquiries.services import inquiry_close_refused, inquiry_reopen
from messaging.models import Channel
from messaging.services import message_queue
from org.predicates import staff_of
from org.selectors import chiefs_or_supervisors
from refusals.matters import is_application
from refusals.models import FindingKind, Refusal, RefusalFinding, RefusalKind, RefusalStatus
from workdays.days import add_working_days, working_days_between

NUMBER_PREFIX = "BY"  # 不予


def _snapshot(refusal: Refusal) -> dict:
    """What an event records of a refusal (labelled in refusals.history)."""
    return {
        "status": refusal.status,
        "kind": refusal.kind,
        "matter": refusal.matter_number,
        "legal_basis": refusal.legal_basis,
        "review_due": refusal.review_due,
    }


def _validate(*, kind, facts, reason, legal_basis, case, inquiry) -> None:
    errors = {}
    if kind not in RefusalKind.values:
        errors["kind"] = _("Choose the kind of refusal.")
    if not facts.strip():
        errors["facts"] = _("State the facts the refusal rests on.")
    if not reason.strip():
        errors["reason"] = _("Give the reason for the refusal.")
    if not legal_basis.strip():
        errors["legal_basis"] = _("Name the rule the refusal rests on: no refusal without its legal basis.")
    if (case is None) == (inquiry is None):
        errors["case"] = _("A refusal is of one case or one inquiry.")
    if errors:
        raise ValidationError(errors)


def _lock_matter(case, inquiry, notice=None):
    """The matter, locked, and refused here only while it awaits a decision."""
    if case is not None:
        matter = Case.objects.select_for_update(of=("self",)).select_related("service_item").get(pk=case.pk)
        if matter.status not in OPEN_STATUSES:
            raise ConflictError(_("Case %(number)s is closed.") % {"number": matter.number})
        if matter.kind != CaseKind.SERVICE:
            raise ConflictError(_("Only an application can be refused; a leader's instruction is not one."))
        return matter
    matter = Inquiry.objects.select_for_update(of=("self",)).select_related("service_item").get(pk=inquiry.pk)
    # A notice names the service item applied for: its inquiry is an application.
    if notice is None and not is_application(matter):
        raise ConflictError(_("Only an application can be refused; this inquiry asks for none."))
    if matter.status not in (*AWAITING_OUTCOME_STATUSES, InquiryStatus.NOTICE):
        raise ConflictError(_("Inquiry %(number)s is closed or transferred.") % {"number": matter.number})
    return matter


def refusal_file(
    *,
    actor,
    kind: str,
    facts: str,
    reason: str,
    legal_basis: str,
    cure: str = "",
    case: Case | None = None,
    inquiry: Inquiry | None = None,
    notice=None,
    told_at: datetime | None = None,
) -> Refusal:
    """File a refusal of a case or an application inquiry, and refuse it.

    ``notice``: the one-time notice that told the applicant at the window the
    matter cannot be accepted (on the spot: given at once, reviewed after);
    ``told_at``: when the applicant was told already otherwise, which, before
    today, is a refusal filed late."""
    require(actor, "refusals.file_refusal", case or inquiry)
    _validate(kind=kind, facts=facts, reason=reason, legal_basis=legal_basis, case=case, inquiry=inquiry)
    now = clock.now()
    given = now if notice is not None else told_at
    if given is not None and given > now:
        raise ValidationError({"told_at": _("The applicant cannot have been told in the future.")})
    try:
        with transaction.atomic():
            matter = _lock_matter(case, inquiry, notice)
            refusal = _create(actor, kind, facts, reason, legal_basis, cure, matter, notice, given, now)
            if refusal.case_id is not None:
                case_refuse(actor=actor, case=matter, refusal_number=refusal.number)
            elif notice is None:
                inquiry_close_refused(actor=actor, inquiry=matter, note=refusal.number)
            if given is not None and timezone.localdate(given) < timezone.localdate(now):
                _find(FindingKind.FILED_LATE, refusal, note=_("told on %(day)s") % {"day": given.date()})
            _tell_the_chiefs(refusal)
    except IntegrityError:
        raise ConflictError(_("A refusal of this matter is filed already.")) from None
    return refusal


def _create(actor, kind, facts, reason, legal_basis, cure, matter, notice, given, now) -> Refusal:
    is_case = isinstance(matter, Case)
    refusal = Refusal.objects.create(
        number=next_number(NUMBER_PREFIX, timezone.localdate(now)),
        kind=kind,
        case=matter if is_case else None,
        inquiry=None if is_case else matter,
        notice=notice,
        department=matter.service_item.department if matter.service_item_id else matter.department,
        service_item=matter.service_item,
        matter=(matter.title if is_case else matter.subject)[:200],
        applicant_name=matter.applicant_name if is_case else matter.visitor_name,
        facts=facts.strip(),
        reason=reason.strip(),
        legal_basis=legal_basis.strip(),
        cure=cure.strip(),
        officer=staff_of(actor),
        filed_at=now,
        on_the_spot=given is not None,
        notice_given_at=given,
        review_due=add_working_days(timezone.localdate(now), config.REFUSAL_CONFIRM_WD),
        status_before=matter.status,
        due_before=matter.due_date if is_case else None,
    )
    record_event(actor=actor, verb="refusal.file", subject=refusal, after=_snapshot(refusal), reason=reason)
    return refusal


def _find(kind: str, refusal: Refusal, note: str = "") -> None:
    """A fact against the officer, once (rules 7 and 8)."""
    RefusalFinding.objects.get_or_create(
        kind=kind,
        refusal=refusal,
        defaults={
            "staff": refusal.officer,
            "department": refusal.department,
            "case": None,
            "on": clock.localdate(),
            "note": note[:255],
        },
    )


def _tell_the_chiefs(refusal: Refusal) -> None:
    reviewers = [
        chief
        for chief in chiefs_or_supervisors([refusal.department_id]).get(refusal.department_id, [])
        if chief.pk != refusal.officer_id
    ]
    for chief in reviewers:
        message_queue(
            channel=Channel.INBOX,
            recipient=chief.user,
            kind="refusal.file",
            subject=_("Refusal to review: %(number)s") % {"number": refusal.number},
            body=_("%(officer)s refused %(matter)s (%(basis)s). Confirm or overturn it by %(day)s.")
            % {
                "officer": refusal.officer.name,
                "matter": f"{refusal.matter_number} {refusal.matter}",
                "basis": refusal.legal_basis,
                "day": refusal.review_due.isoformat(),
            },
            link=refusal.get_absolute_url(),
            dedupe_key=f"refusal:{refusal.pk}:file:{chief.pk}",
        )


def _decide(*, actor, refusal: Refusal, to: str, opinion: str) -> Refusal:
    require(actor, "refusals.decide_refusal", refusal)
    with transaction.atomic():
        claimed = Refusal.objects.filter(pk=refusal.pk, status=RefusalStatus.FILED).update(
            status=to, decided_by=staff_of(actor), decided_at=clock.now(), opinion=opinion.strip()
        )
        if claimed != 1:
            refusal.refresh_from_db()
            raise ConflictError(
                _("Refusal %(number)s is %(status)s already.")
                % {"number": refusal.number, "status": refusal.get_status_display()}
            )
        before = _snapshot(refusal)
        refusal.refresh_from_db()
        verb = "refusal.confirm" if to == RefusalStatus.CONFIRMED else "refusal.overturn"
        record_event(
            actor=actor,
            verb=verb,
            subject=refusal,
            before=before,
            after={**_snapshot(refusal), "decided_by": reference(refusal.decided_by)},
            reason=refusal.opinion,
        )
    return refusal


def refusal_confirm(*, actor, refusal: Refusal, opinion: str = "") -> Refusal:
    """The chief confirms it: the refusal notice may now be given to the applicant."""
    refusal = _decide(actor=actor, refusal=refusal, to=RefusalStatus.CONFIRMED, opinion=opinion)
    _tell_the_officer(refusal, _("Refusal %(number)s confirmed") % {"number": refusal.number})
    return refusal


def refusal_overturn(*, actor, refusal: Refusal, opinion: str) -> Refusal:
    """The chief overturns it, with the reason: the matter is open again, a
    case due later by the working days its review took, and the officer is told why."""
    if not opinion.strip():
        raise ValidationError({"opinion": _("Say why the refusal is overturned; the officer will be told.")})
    with transaction.atomic():
        refusal = _decide(actor=actor, refusal=refusal, to=RefusalStatus.OVERTURNED, opinion=opinion)
        if refusal.case_id is not None:
            case_reopen(
                actor=actor,
                case=refusal.case,
                status=refusal.status_before,
                due_date=reopened_due(refusal),
                refusal_number=refusal.number,
            )
        else:
            inquiry_reopen(actor=actor, inquiry=refusal.inquiry, refusal_number=refusal.number)
        _find(FindingKind.OVERTURNED, refusal, note=refusal.opinion)
        _tell_the_officer(refusal, _("Refusal %(number)s overturned") % {"number": refusal.number})
    return refusal


def reopened_due(refusal: Refusal):
    """The case's due date given back the working days its refusal was under
    review: from the day it was filed to the day it was overturned."""
    review = working_days_between(
        timezone.localdate(refusal.filed_at), timezone.localdate(refusal.decided_at)
    )
    return add_working_days(refusal.due_before, max(review, 0))


def _tell_the_officer(refusal: Refusal, subject: str) -> None:
    message_queue(
        channel=Channel.INBOX,
        recipient=refusal.officer.user,
        kind=f"refusal.{refusal.status}",
        subject=subject,
        body=_("%(chief)s on %(matter)s: %(opinion)s")
        % {
            "chief": refusal.decided_by.name,
            "matter": f"{refusal.matter_number} {refusal.matter}",
            "opinion": refusal.opinion or "—",
        },
        link=refusal.get_absolute_url(),
        dedupe_key=f"refusal:{refusal.pk}:{refusal.status}",
    )


def refusal_file_from_notice(actor, notice) -> Refusal:
    """notifications' hook: a notice saying the matter cannot be accepted at all,
    issued at the window, is a refusal not accepted, filed with it and reviewed after."""
    return refusal_file(
        actor=actor,
        kind=RefusalKind.NOT_ACCEPTED,
        facts=notice.note or notice.reason,
        reason=notice.reason,
        legal_basis=notice.rule,
        case=notice.case,
        inquiry=notice.inquiry if notice.case_id is None else None,
        notice=notice,
    )


def refusal_notice_give(*, actor, refusal: Refusal) -> Refusal:
    """The refusal notice handed to the applicant (printed): the first time is
    recorded, later prints are copies. Refused (409) until the chief confirmed
    it, unless it was decided at the window, and once overturned."""
    require(actor, "refusals.view_refusal", refusal)
    with transaction.atomic():
        locked = (
            Refusal.objects.select_for_update(of=("self",))
            .select_related("case", "inquiry")
            .get(pk=refusal.pk)
        )
        if not locked.notice_may_be_given:
            raise ConflictError(_notice_withheld(locked))
        if locked.notice_given_at is not None:
            return locked
        locked.notice_given_at = clock.now()
        locked.save(update_fields=["notice_given_at"])
        record_event(
            actor=actor,
            verb="refusal.notice_give",
            subject=locked,
            before={"notice_given_at": None},
            after={**_snapshot(locked), "notice_given_at": locked.notice_given_at},
        )
    return locked


def _notice_withheld(refusal: Refusal) -> str:
    if refusal.status == RefusalStatus.OVERTURNED:
        return _("Refusal %(number)s was overturned: there is no refusal notice to give.") % {
            "number": refusal.number
        }
    return _("The refusal notice can be given once the section chief has confirmed the refusal.")
