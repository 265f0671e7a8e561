"""Rule 1's periodic job: nothing is left without an owner.

An inquiry with no outcome by its ``outcome_due`` day, or a transfer not
acknowledged by its ``acknowledge_by`` day, is flagged and the section chief
is told, once: the OwnerAlert row (unique per inquiry and step) is claimed
before anyone is told, so a second run or a second worker skips it. The flag
is then set only while the inquiry still waits (its state read again), so an
outcome recorded after the candidates were read undoes the claim.
"""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import record_event
from core.jobs import periodic_job
from inquiries.models import Inquiry, InquiryStatus, OwnerAlert, OwnerStep, Transfer
from messaging.models import Channel
from messaging.services import message_queue
from org.models import Staff
from org.predicates import chiefs_of
from org.roles import Role

BATCH = 500


def _claim(inquiry_id: int, step: str) -> bool:
    try:
        with transaction.atomic():
            OwnerAlert.objects.create(inquiry_id=inquiry_id, step=step)
    except IntegrityError:
        return False
    return True


def _chiefs_or_supervisors(department) -> list:
    """The section's chiefs; the supervisors when the section has none, so an alert is never lost."""
    chiefs = list(chiefs_of(department).select_related("user"))
    return chiefs or list(Staff.objects.active().with_role(Role.SUPERVISOR).select_related("user"))


def _tell(inquiry, recipients, step, subject, body):
    for staff in recipients:
        message_queue(
            channel=Channel.INBOX,
            recipient=staff.user,
            kind=f"inquiry.{step}",
            subject=subject,
            body=body,
            link=f"/inquiries/{inquiry.pk}/",
            dedupe_key=f"inquiry:{inquiry.pk}:{step}:{staff.pk}",
        )


def _no_outcome(today) -> list:
    """Inquiries past their outcome day with no outcome and no alert yet (inquiry_status_due_idx)."""
    return list(
        Inquiry.objects.filter(status=InquiryStatus.OPEN, outcome_due__lt=today)
        .exclude(alerts__step=OwnerStep.NO_OUTCOME)
        .select_related("department", "first_responder__user")[:BATCH]
    )


def _not_acknowledged(today) -> list:
    """Transfers past their acknowledgement day, not acknowledged and not alerted yet."""
    return list(
        Transfer.objects.filter(acknowledged_at__isnull=True, acknowledge_by__lt=today)
        .exclude(inquiry__alerts__step=OwnerStep.NOT_ACKNOWLEDGED)
        .select_related("inquiry__department", "to__user")[:BATCH]
    )


@periodic_job("inquiry_flag_unowned", every=timedelta(hours=1))
def flag_unowned() -> str:
    """Flag inquiries with no outcome, and transfers not acknowledged, in the
    set working days; tell the section chief once for each."""
    today = timezone.localdate()
    flagged = 0
    for inquiry in _no_outcome(today):
        with transaction.atomic():
            if not _claim(inquiry.pk, OwnerStep.NO_OUTCOME):
                continue
            if not Inquiry.objects.filter(pk=inquiry.pk, status=InquiryStatus.OPEN).update(flagged=True):
                # The outcome came after the candidates were read: no one is to be told.
                transaction.set_rollback(True)
                continue
            record_event(
                actor=None, verb="inquiry.flag", subject=inquiry, after={"flagged": OwnerStep.NO_OUTCOME}
            )
            _tell(
                inquiry,
                [inquiry.first_responder, *_chiefs_or_supervisors(inquiry.department)],
                OwnerStep.NO_OUTCOME,
                _("No outcome in time: inquiry %(number)s") % {"number": inquiry.number},
                _("%(subject)s (first responder %(name)s) was asked on %(date)s and has no outcome.")
                % {
                    "subject": inquiry.subject,
                    "name": inquiry.first_responder.name,
                    "date": timezone.localdate(inquiry.asked_at).isoformat(),
                },
            )
            flagged += 1
    transfers = 0
    for transfer in _not_acknowledged(today):
        inquiry = transfer.inquiry
        with transaction.atomic():
            if not _claim(inquiry.pk, OwnerStep.NOT_ACKNOWLEDGED):
                continue
            if not Transfer.objects.filter(pk=transfer.pk, acknowledged_at__isnull=True).update(flagged=True):
                transaction.set_rollback(True)
                continue
            record_event(
                actor=None,
                verb="inquiry.flag",
                subject=inquiry,
                after={"flagged": OwnerStep.NOT_ACKNOWLEDGED},
            )
            _tell(
                inquiry,
                [transfer.to, *_chiefs_or_supervisors(inquiry.department)],
                OwnerStep.NOT_ACKNOWLEDGED,
                _("Transfer not acknowledged: inquiry %(number)s") % {"number": inquiry.number},
                _("%(subject)s was transferred to %(name)s, to be acknowledged by %(date)s.")
                % {
                    "subject": inquiry.subject,
                    "name": transfer.to.name,
                    "date": transfer.acknowledge_by.isoformat(),
                },
            )
            transfers += 1
    return f"flagged {flagged} with no outcome, {transfers} transfers not acknowledged"
