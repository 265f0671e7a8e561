"""Rule 1's periodic job: nothing is left without an owner.

An inquiry with no outcome by its ``outcome_due`` day (the first
responder's, or, once a handler acknowledged its transfer, the handler's),
or a transfer not acknowledged by its ``acknowledge_by`` day, is flagged and
the section chief is told, once for each step: the OwnerAlert row (unique per inquiry and step) is claimed
before anyone is told, so a second run or a second worker skips it. The flag
is then set only while the inquiry still waits (its state read again), so an
outcome recorded after the candidates were read undoes the claim.

The job drains its backlog in one run, a batch at a time, each batch
set-based: one insert claims it, one update flags it, and its audit events
and messages are written with one insert each.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from abpositions.cover import covering
from audit.services import EventSpec, record_events
from core import clock
from core.claims import claim_rows
from core.jobs import periodic_job
from inquiries.models import Inquiry, InquiryStatus, OwnerAlert, OwnerStep, Transfer
from messaging.models import Channel
from messaging.services import MessageSpec, message_queue_many
from org.selectors import chiefs_or_supervisors

BATCH = 500


def _claim(inquiries, step: str) -> set[int]:
    """Claim the step of each inquiry at once; the ids this call took."""
    now = clock.now()
    return claim_rows(
        OwnerAlert, [{"inquiry": i.pk, "step": step, "at": now} for i in inquiries], returning="inquiry"
    )


def _unclaim(inquiry_ids, step: str) -> None:
    """Undo the claims of inquiries answered since they were read: no one is to be told."""
    if inquiry_ids:
        OwnerAlert.objects.filter(inquiry_id__in=inquiry_ids, step=step).delete()


def _message(inquiry, staff, step, subject, body) -> MessageSpec:
    return MessageSpec(
        channel=Channel.INBOX,
        recipient_id=staff.user_id,
        kind=f"inquiry.{step}",
        subject=subject,
        body=body,
        link=f"/inquiries/{inquiry.pk}/",
        dedupe_key=f"inquiry:{inquiry.pk}:{step}:{staff.pk}",
    )


# Who has not recorded an outcome in time, by the status the inquiry waits in:
# the first responder's step, and the handler's after acknowledging a transfer
# (a step of its own, so a first responder's earlier alert does not hide it).
NO_OUTCOME_STEPS = {
    InquiryStatus.OPEN: OwnerStep.NO_OUTCOME,
    InquiryStatus.ACKNOWLEDGED: OwnerStep.NO_HANDLER_OUTCOME,
}


def _awaiting_outcome(status, today) -> list:
    """Inquiries past their outcome day with no outcome and no alert yet (inquiry_status_due_idx)."""
    return list(
        Inquiry.objects.filter(status=status, outcome_due__lt=today)
        .exclude(alerts__step=NO_OUTCOME_STEPS[status])
        .select_related("department", "first_responder", "owner")[:BATCH]
    )


def _no_outcome(today) -> list:
    return _awaiting_outcome(InquiryStatus.OPEN, today)


def _no_handler_outcome(today) -> list:
    return _awaiting_outcome(InquiryStatus.ACKNOWLEDGED, today)


def _not_acknowledged(today) -> list:
    """Transfers past their acknowledgement day, not acknowledged and not alerted yet."""
    return list(
        Transfer.objects.filter(acknowledged_at__isnull=True, acknowledge_by__lt=today)
        .exclude(inquiry__alerts__step=OwnerStep.NOT_ACKNOWLEDGED)
        .select_related("inquiry__department", "to")[:BATCH]
    )


def _flag_no_outcome(inquiries) -> int:
    return _flag_awaiting(inquiries, InquiryStatus.OPEN)


def _flag_no_handler_outcome(inquiries) -> int:
    return _flag_awaiting(inquiries, InquiryStatus.ACKNOWLEDGED)


def _flag_awaiting(inquiries, status) -> int:
    step = NO_OUTCOME_STEPS[status]
    claimed = _claim(inquiries, step)
    # The flag is set only while the inquiry still waits: an outcome recorded
    # after the candidates were read undoes the claim.
    still_open = set(
        Inquiry.objects.filter(pk__in=claimed, status=status).select_for_update().values_list("pk", flat=True)
    )
    _unclaim(claimed - still_open, step)
    Inquiry.objects.filter(pk__in=still_open).update(flagged=True)
    flagged = [inquiry for inquiry in inquiries if inquiry.pk in still_open]
    record_events(EventSpec(verb="inquiry.flag", subject=i, after={"flagged": step}) for i in flagged)
    chiefs = chiefs_or_supervisors(inquiry.department_id for inquiry in flagged)
    # Rule 4: while the owner is away, whoever answers for them is told too.
    covers = covering({inquiry.owner_id for inquiry in flagged})
    message_queue_many(
        [
            _message(
                inquiry,
                staff,
                step,
                _("No outcome in time: inquiry %(number)s") % {"number": inquiry.number},
                _no_outcome_body(inquiry),
            )
            for inquiry in flagged
            # The owner is told, and the chiefs; a handler who is also chief, once.
            for staff in {
                s.pk: s
                for s in [inquiry.owner, *covers.get(inquiry.owner_id, []), *chiefs[inquiry.department_id]]
            }.values()
        ]
    )
    return len(flagged)


def _no_outcome_body(inquiry) -> str:
    params = {
        "subject": inquiry.subject,
        "name": inquiry.first_responder.name,
        "date": timezone.localdate(inquiry.asked_at).isoformat(),
    }
    if inquiry.status == InquiryStatus.ACKNOWLEDGED:
        params["handler"] = inquiry.owner.name
        return (
            _(
                "%(subject)s (first responder %(name)s) was asked on %(date)s; %(handler)s took its "
                "transfer over and has recorded no outcome."
            )
            % params
        )
    return _("%(subject)s (first responder %(name)s) was asked on %(date)s and has no outcome.") % params


def _flag_not_acknowledged(transfers) -> int:
    step = OwnerStep.NOT_ACKNOWLEDGED
    # One alert per inquiry, should an inquiry have been transferred twice.
    transfers = list({transfer.inquiry_id: transfer for transfer in reversed(transfers)}.values())
    claimed = _claim([transfer.inquiry for transfer in transfers], step)
    waiting = set(
        Transfer.objects.filter(
            inquiry_id__in=claimed, pk__in=[t.pk for t in transfers], acknowledged_at__isnull=True
        )
        .select_for_update()
        .values_list("pk", flat=True)
    )
    flagged = [transfer for transfer in transfers if transfer.pk in waiting]
    _unclaim(claimed - {transfer.inquiry_id for transfer in flagged}, step)
    Transfer.objects.filter(pk__in=waiting).update(flagged=True)
    record_events(
        EventSpec(verb="inquiry.flag", subject=transfer.inquiry, after={"flagged": step})
        for transfer in flagged
    )
    chiefs = chiefs_or_supervisors(transfer.inquiry.department_id for transfer in flagged)
    covers = covering({transfer.to_id for transfer in flagged})
    message_queue_many(
        [
            _message(
                transfer.inquiry,
                staff,
                step,
                _("Transfer not acknowledged: inquiry %(number)s") % {"number": transfer.inquiry.number},
                _("%(subject)s was transferred to %(name)s, to be acknowledged by %(date)s.")
                % {
                    "subject": transfer.inquiry.subject,
                    "name": transfer.to.name,
                    "date": transfer.acknowledge_by.isoformat(),
                },
            )
            for transfer in flagged
            for staff in {
                s.pk: s
                for s in [
                    transfer.to,
                    *covers.get(transfer.to_id, []),
                    *chiefs[transfer.inquiry.department_id],
                ]
            }.values()
        ]
    )
    return len(flagged)


def _drain(read, take, today) -> int:
    """Take the candidates a batch at a time until none is left. A batch read
    is claimed, or found claimed by another run, before the next is read."""
    taken = 0
    while batch := read(today):
        with transaction.atomic():
            taken += take(batch)
    return taken


@periodic_job("inquiry_flag_unowned", every=timedelta(hours=1))
def flag_unowned() -> str:
    """Flag inquiries with no outcome (the first responder's, or the handler's
    after taking a transfer over), and transfers not acknowledged, in the set
    working days; tell the section chief once for each."""
    today = clock.localdate()
    flagged = _drain(_no_outcome, _flag_no_outcome, today)
    taken_over = _drain(_no_handler_outcome, _flag_no_handler_outcome, today)
    transfers = _drain(_not_acknowledged, _flag_not_acknowledged, today)
    return (
        f"flagged {flagged} with no outcome, {taken_over} taken over with no outcome, "
        f"{transfers} transfers not acknowledged"
    )
