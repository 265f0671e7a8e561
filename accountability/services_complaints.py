"""Efficiency complaints (效能投诉): filed by the public or staff, accepted or
declined, investigated and answered by a supervisor within the bureau's
working days, extendable once (rule 7). An upheld complaint about a person or
a section opens an accountability record (source ``complaint``)."""

import re

from constance import config
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accountability import sources
from accountability.models import Complaint, ComplaintChannel, ComplaintStatus, Source
from accountability.services_records import due_after, records_open
from accountability.thresholds import thresholds_check
from audit.services import record_event, reference
from core import clock
from core.errors import ConflictError, require
from core.masking import PERSONAL_DATA_VIEWED
from core.numbers import next_number
from org.models import Department, Staff
from org.predicates import staff_of

NUMBER_PREFIX = "TS"
PHONE = re.compile(r"^\+?[0-9][0-9 -]{5,18}[0-9]$")


def complaint_file(
    *,
    actor,
    subject: str,
    description: str,
    complainant_name: str = "",
    complainant_phone: str = "",
    anonymous: bool = False,
    about_staff: Staff | None = None,
    about_department: Department | None = None,
    about_number: str = "",
    channel: str = ComplaintChannel.WEB,
) -> Complaint:
    """File a complaint. Without login (``actor`` anonymous) from the public
    site or the API; staff log ones received by phone or at the desk."""
    logged_by = staff_of(actor) if actor is not None and actor.is_authenticated else None
    if logged_by is None and channel not in (ComplaintChannel.WEB, ComplaintChannel.API):
        channel = ComplaintChannel.WEB
    if logged_by is not None and channel in (ComplaintChannel.WEB, ComplaintChannel.API):
        channel = ComplaintChannel.STAFF
    name, phone = (complainant_name or "").strip(), re.sub(r"[\s-]", "", complainant_phone or "")
    _validate(subject, description, name, phone, anonymous)
    now = clock.now()
    with transaction.atomic():
        complaint = Complaint.objects.create(
            number=next_number(NUMBER_PREFIX, timezone.localdate(now)),
            channel=channel,
            subject=subject.strip()[:200],
            description=description.strip(),
            complainant_name="" if anonymous else name,
            complainant_phone="" if anonymous else phone,
            anonymous=anonymous,
            about_staff=about_staff,
            about_department=about_department or (about_staff.department if about_staff else None),
            about_number=(about_number or "").strip()[:30],
            logged_by=logged_by,
            received_at=now,
            accept_due=due_after(timezone.localdate(now), config.COMPLAINT_ACCEPT_WD),
        )
        record_event(
            actor=actor,
            verb="complaint.file",
            subject=complaint,
            after={
                "channel": complaint.channel,
                "subject": complaint.subject,
                "anonymous": complaint.anonymous,
                "about_staff": reference(about_staff),
                "about_department": reference(complaint.about_department),
                "about_number": complaint.about_number,
                "accept_due": complaint.accept_due.isoformat(),
            },
        )
    return complaint


def _validate(subject, description, name, phone, anonymous) -> None:
    errors = {}
    if not (subject or "").strip():
        errors["subject"] = _("Say in a few words what the complaint is about.")
    if not (description or "").strip():
        errors["description"] = _("Describe what happened.")
    if not anonymous:
        if not name:
            errors["complainant_name"] = _("Give your name, or complain anonymously (you will get no reply).")
        if not PHONE.match(phone):
            errors["complainant_phone"] = _("Give a phone number we can reach you at.")
    if errors:
        raise ValidationError(errors)


def _lock(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update(of=("self",)).get(pk=complaint.pk)


def _move(actor, complaint, to: str, *, allowed, verb: str, reason: str, **fields) -> Complaint:
    """Lock the complaint, check it is in ``allowed``, write ``fields`` and the event."""
    complaint = _lock(complaint)
    if complaint.status not in allowed:
        raise ConflictError(
            _("Complaint %(number)s is %(status)s: it cannot be changed so.")
            % {"number": complaint.number, "status": complaint.get_status_display()}
        )
    before = {"status": complaint.status}
    complaint.status = to
    complaint.handled_by = staff_of(actor)
    for name, value in fields.items():
        setattr(complaint, name, value)
    complaint.save(update_fields=["status", "handled_by", *fields])
    after = {"status": to} | {k: v.isoformat() for k, v in fields.items() if hasattr(v, "isoformat")}
    record_event(actor=actor, verb=verb, subject=complaint, before=before, after=after, reason=reason)
    return complaint


def complaint_accept(*, actor, complaint: Complaint) -> Complaint:
    require(actor, "accountability.handle_complaint", complaint)
    today = clock.localdate()
    with transaction.atomic():
        return _move(
            actor,
            complaint,
            ComplaintStatus.ACCEPTED,
            allowed={ComplaintStatus.RECEIVED},
            verb="complaint.accept",
            reason="",
            accepted_at=clock.now(),
            answer_due=due_after(today, config.COMPLAINT_ANSWER_WD),
        )


def complaint_decline(*, actor, complaint: Complaint, reason: str) -> Complaint:
    """Decline, with the reason the complainant is told."""
    require(actor, "accountability.handle_complaint", complaint)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason the complainant will be told.")})
    with transaction.atomic():
        return _move(
            actor,
            complaint,
            ComplaintStatus.DECLINED,
            allowed={ComplaintStatus.RECEIVED},
            verb="complaint.decline",
            reason=reason.strip(),
            declined_at=clock.now(),
            decline_reason=reason.strip(),
        )


def complaint_extend(*, actor, complaint: Complaint, reason: str) -> Complaint:
    """Extend the answer once, to the longer limit counted from the acceptance."""
    require(actor, "accountability.handle_complaint", complaint)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for the extension.")})
    with transaction.atomic():
        locked = _lock(complaint)
        if locked.extended_at is not None:
            raise ConflictError(
                _("Complaint %(number)s has been extended once already.") % {"number": locked.number}
            )
        accepted_on = timezone.localdate(locked.accepted_at) if locked.accepted_at else clock.localdate()
        return _move(
            actor,
            locked,
            ComplaintStatus.ACCEPTED,
            allowed={ComplaintStatus.ACCEPTED},
            verb="complaint.extend",
            reason=reason.strip(),
            extended_at=clock.now(),
            extend_reason=reason.strip(),
            answer_due=due_after(accepted_on, config.COMPLAINT_ANSWER_EXTENDED_WD),
        )


def complaint_answer(
    *, actor, complaint: Complaint, answer: str, upheld: bool, investigation: str = ""
) -> Complaint:
    """Answer the complainant; an upheld complaint about someone opens their record."""
    require(actor, "accountability.handle_complaint", complaint)
    if not (answer or "").strip():
        raise ValidationError({"answer": _("Write the answer the complainant will be given.")})
    if upheld is None:
        raise ValidationError({"upheld": _("Say whether the complaint is upheld.")})
    with transaction.atomic():
        complaint = _move(
            actor,
            complaint,
            ComplaintStatus.ANSWERED,
            allowed={ComplaintStatus.ACCEPTED},
            verb="complaint.answer",
            reason=answer.strip(),
            answer=answer.strip(),
            upheld=bool(upheld),
            investigation=(investigation or "").strip(),
            answered_at=clock.now(),
        )
        if complaint.upheld:
            rows = (
                sources.get(Source.COMPLAINT)
                .candidates()
                .filter(pk=complaint.pk)
                .values("pk", "acc_staff", "acc_department", "acc_on", "acc_reference", "acc_subject")
            )
            records_open(Source.COMPLAINT, list(rows))
            if complaint.about_staff_id:
                thresholds_check(
                    staff=complaint.about_staff, year=timezone.localdate(complaint.answered_at).year
                )
    return complaint


def complaint_reveal_contact(*, actor, complaint: Complaint) -> list[str]:
    """Shows the complainant's full phone to a supervisor who must call them
    back, and records that sight (personal_data.viewed). Returns the fields
    shown; nothing is recorded when there is none (an anonymous complaint)."""
    require(actor, "accountability.see_complainant_contact", complaint)
    fields = [field for field in ("complainant_phone",) if getattr(complaint, field)]
    if fields:
        with transaction.atomic():
            record_event(
                actor=actor, verb=PERSONAL_DATA_VIEWED, subject=complaint, after=dict.fromkeys(fields, True)
            )
    return fields
