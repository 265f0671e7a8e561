"""Rule 4's handover jobs: draw up the handover of every absence that has
ended, and flag one not acknowledged in time, once.

Both are set-based and idempotent: the draw-up claims its rows through the
handover's one-to-one unique constraint on the absence (``claim_rows``); the
flag is a conditional update of ``flagged`` from False, so two runs, or two
workers, flag each handover once.
"""

from datetime import timedelta

from django.db import transaction
from django.utils.translation import gettext as _

from abpositions.models import Handover, HandoverStatus
from abpositions.services_handovers import draw_up_ended, ended_without_handover, handover_link
from audit.services import EventSpec, record_events
from core import clock
from core.jobs import periodic_job
from messaging.models import Channel
from messaging.services import MessageSpec, message_queue_many
from org.models import Staff
from org.selectors import chiefs_or_supervisors

BATCH = 200


@periodic_job("handover_draw_up_due", every=timedelta(minutes=15))
def draw_up_due() -> str:
    """Draw up the handover of every absence of an A holder that has ended."""
    drawn = 0
    while True:
        batch = list(ended_without_handover()[:BATCH])
        if not batch:
            break
        with transaction.atomic():
            drawn += len(draw_up_ended(batch))
        if len(batch) < BATCH:
            break
    return f"drew up {drawn} handovers"


def _late_candidates(today):
    return Handover.objects.filter(
        flagged=False,
        status__in=[HandoverStatus.DRAFT, HandoverStatus.HANDED],
        acknowledge_by__lt=today,
    )


def _late_message(handover: Handover, staff: Staff) -> MessageSpec:
    return MessageSpec(
        channel=Channel.INBOX,
        recipient_id=staff.user_id,
        kind="handover.late",
        subject=_("Handover not acknowledged in time: %(holder)s") % {"holder": handover.holder.name},
        body=_("The handover from %(cover)s to %(holder)s was due to be acknowledged by %(day)s.")
        % {
            "cover": handover.cover.name,
            "holder": handover.holder.name,
            "day": handover.acknowledge_by.isoformat(),
        },
        link=handover_link(handover),
        dedupe_key=f"handover:{handover.pk}:late:{staff.pk}",
    )


@periodic_job("handover_flag_late", every=timedelta(hours=1))
def flag_late() -> str:
    """Flag a handover not acknowledged in time to A, B and the section chief, once."""
    today = clock.localdate()
    ids = list(_late_candidates(today).values_list("pk", flat=True)[: BATCH * 5])
    if not ids:
        return "flagged 0 handovers"
    with transaction.atomic():
        # The claim asks again what made each a candidate: it may have been acknowledged since.
        handovers = list(
            _late_candidates(today)
            .filter(pk__in=ids)
            .select_related("holder", "cover")
            .select_for_update(of=("self",))
        )
        Handover.objects.filter(pk__in=[h.pk for h in handovers]).update(flagged=True)
        record_events(
            EventSpec(verb="handover.flag", subject=h, before={"flagged": False}, after={"flagged": True})
            for h in handovers
        )
        chiefs = chiefs_or_supervisors(handover.holder.department_id for handover in handovers)
        message_queue_many(
            [
                _late_message(h, staff)
                for h in handovers
                for staff in {h.holder, h.cover, *chiefs.get(h.holder.department_id, [])}
            ]
        )
    return f"flagged {len(handovers)} handovers"
