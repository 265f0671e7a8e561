from datetime import timedelta

from django.utils import timezone

from core.jobs import periodic_job
from messaging import selectors, services
from messaging.models import Status

# A worker that has held a message this long has died while sending it.
STALE_CLAIM = timedelta(minutes=10)
BATCH_SIZE = 500


@periodic_job("deliver_messages", every=timedelta(minutes=1))
def deliver_messages() -> str:
    """Deliver the messages still waiting in the outbox, and retry those
    whose worker died while sending them: the whole backlog, a batch at a
    time, each message tried once a run."""
    stale_before = timezone.now() - STALE_CLAIM
    delivered = failed = left = 0
    after_id = 0
    while candidates := selectors.messages_due_for_delivery(
        stale_before=stale_before, limit=BATCH_SIZE, after_id=after_id
    ):
        # Ids only grow: a message that failed and waits again is left for the next run.
        after_id = candidates[-1][0]
        pending = [message_id for message_id, status, _at in candidates if status == Status.PENDING]
        in_app = services.message_deliver_inbox(message_ids=pending)
        delivered += len(in_app)
        for message_id, status, claimed_at in candidates:
            if message_id in in_app:
                continue
            if status == Status.SENDING and not services.message_release_stale(
                message_id=message_id, claimed_at=claimed_at
            ):
                continue
            if services.message_deliver(message_id=message_id):
                delivered += 1
        counts = selectors.message_status_counts(ids=[message_id for message_id, _status, _at in candidates])
        failed += counts.get(Status.FAILED, 0)
        left += counts.get(Status.PENDING, 0) + counts.get(Status.SENDING, 0)
    return f"delivered {delivered}, failed {failed}, left {left}"
