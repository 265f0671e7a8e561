import logging
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, connection, transaction
from django.utils.module_loading import import_string

from audit.services import record_event
from core import clock
from messaging.models import ALLOWED_TRANSITIONS, Channel, Message, Status

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


def message_queue(
    *,
    channel: str,
    subject: str,
    body: str,
    recipient=None,
    address: str = "",
    link: str = "",
    kind: str = "",
    dedupe_key: str | None = None,
) -> Message | None:
    """Put a message in the outbox; it is delivered once the caller's
    transaction commits. Returns None when a message with ``dedupe_key``
    exists already. Raises ValidationError on a message that cannot be sent."""
    message = Message(
        channel=channel,
        recipient=recipient,
        address=address.strip(),
        # A line break in a mail subject is refused by the mail library at send time.
        subject=" ".join(subject.split()),
        body=body,
        link=link.strip(),
        kind=kind,
        dedupe_key=dedupe_key or None,
    )
    # The recipient is a user the caller holds: no need to query that it exists.
    message.full_clean(exclude=["recipient"], validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        if message.dedupe_key is not None:
            if Message.objects.filter(dedupe_key=message.dedupe_key).exists():
                return None
            try:
                # A savepoint, so that losing the race to a concurrent caller
                # leaves the caller's transaction usable.
                with transaction.atomic():
                    message.save()
            except IntegrityError:
                if Message.objects.filter(dedupe_key=message.dedupe_key).exists():
                    return None
                raise
        else:
            message.save()
        # robust: a broker that is down must not fail the caller's request;
        # the delivery job picks the message up instead.
        transaction.on_commit(lambda: _schedule_delivery(message.id), robust=True)
    return message


@dataclass(frozen=True)
class MessageSpec:
    """One message for ``message_queue_many``: the arguments of ``message_queue``
    (the recipient given as a user, or as ``recipient_id`` alone)."""

    channel: str
    subject: str
    body: str
    recipient: object = None
    recipient_id: int | None = None
    address: str = ""
    link: str = ""
    kind: str = ""
    dedupe_key: str | None = None


# The fields a caller sets; the others start at their defaults and need no check.
_GIVEN_FIELDS = {"kind", "channel", "recipient", "address", "subject", "body", "link", "dedupe_key"}
# Rows per INSERT: under SQLite's 32,766 parameters at 15 a row.
_INSERT_ROWS = 2000


def message_queue_many(specs: list[MessageSpec]) -> list[int]:
    """Put many messages in the outbox at once (a periodic job's batch), one
    INSERT for up to 2,000 of them; delivered once the caller's transaction
    commits. A message whose ``dedupe_key`` exists already, or is given
    twice, is left out, as ``message_queue`` does. Returns the ids queued.
    Raises ValidationError on a message that cannot be sent (none is queued)."""
    messages, keys = [], set()
    skip = [f.name for f in Message._meta.concrete_fields if f.name not in _GIVEN_FIELDS]
    for spec in specs:
        message = Message(
            channel=spec.channel,
            recipient_id=spec.recipient.pk if spec.recipient is not None else spec.recipient_id,
            address=spec.address.strip(),
            subject=" ".join(spec.subject.split()),
            body=spec.body,
            link=spec.link.strip(),
            kind=spec.kind,
            dedupe_key=spec.dedupe_key or None,
        )
        if spec.recipient is not None:
            message.recipient = spec.recipient
        # What full_clean checks of the given fields, without its cost per default field.
        message.clean_fields(exclude=[*skip, "recipient"])
        message.clean()
        if message.dedupe_key is not None:
            if message.dedupe_key in keys:
                continue
            keys.add(message.dedupe_key)
        messages.append(message)
    if not messages:
        return []
    with transaction.atomic():
        ids = _insert_skipping_taken_keys(messages)
        if ids:
            transaction.on_commit(lambda: _schedule_batch_delivery(ids), robust=True)
    return ids


def _insert_skipping_taken_keys(messages: list[Message]) -> list[int]:
    """INSERT ... ON CONFLICT DO NOTHING RETURNING id: a message whose key is
    taken, even by a concurrent caller, is skipped; the ids of those inserted.
    Plain SQL, as the ORM's bulk insert costs more in Python than the database
    spends writing (bench/)."""
    fields = [f for f in Message._meta.concrete_fields if not f.primary_key]
    created_at = Message._meta.get_field("created_at").get_db_prep_save(clock.now(), connection)
    quote = connection.ops.quote_name
    head = (
        f"INSERT INTO {quote(Message._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES "
    )
    row_sql = "(" + ", ".join(["%s"] * len(fields)) + ")"
    ids = []
    with connection.cursor() as cursor:
        for start in range(0, len(messages), _INSERT_ROWS):
            chunk = messages[start : start + _INSERT_ROWS]
            params = []
            for message in chunk:
                params += [
                    created_at if f.name == "created_at" else getattr(message, f.attname) for f in fields
                ]
            cursor.execute(
                head + ", ".join([row_sql] * len(chunk)) + " ON CONFLICT DO NOTHING RETURNING id", params
            )
            ids += [row[0] for row in cursor.fetchall()]
    return ids


def _schedule_batch_delivery(message_ids: list[int]) -> None:
    from messaging.tasks import deliver_messages_task

    deliver_messages_task.delay(message_ids)


def _schedule_delivery(message_id: int) -> None:
    # Imported here because the task module imports this one.
    from messaging.tasks import deliver_message_task

    deliver_message_task.delay(message_id)


def message_mark_read(*, user, message: Message) -> bool:
    """Mark one of the user's in-app messages read. False when it was already."""
    if message.recipient_id != user.pk:
        raise PermissionDenied
    if message.read_at is not None:
        return False
    now = clock.now()
    with transaction.atomic():
        changed = Message.objects.filter(id=message.id, recipient=user, read_at__isnull=True).update(
            read_at=now
        )
    if changed:
        message.read_at = now
    return bool(changed)


def message_mark_all_read(*, user) -> int:
    """Mark all the user's unread in-app messages read; returns how many."""
    with transaction.atomic():
        return Message.objects.filter(
            recipient=user, channel=Channel.INBOX, status=Status.SENT, read_at__isnull=True
        ).update(read_at=clock.now())


def message_deliver(*, message_id: int) -> bool:
    """Deliver a pending message. True when this call delivered it; False
    when another worker had claimed it, it was no longer pending, or the
    attempt failed (it is tried again later, up to MAX_ATTEMPTS)."""
    claimed_at = clock.now()
    if not _move(message_id, Status.PENDING, Status.SENDING, claimed_at=claimed_at):
        return False
    message = Message.objects.select_related("recipient").get(id=message_id)
    try:
        _send(message)
    except Exception as exc:
        logger.warning("message %s: attempt %s failed: %r", message_id, message.attempts + 1, exc)
        _record_failure(message_id=message_id, claimed_at=claimed_at, error=f"{type(exc).__name__}: {exc}")
        return False
    delivered = _move(
        message_id,
        Status.SENDING,
        Status.SENT,
        claim=claimed_at,
        sent_at=clock.now(),
        last_error="",
    )
    if not delivered:
        logger.warning("message %s was sent after its claim had lapsed", message_id)
    return delivered


def message_deliver_inbox(*, message_ids: list[int]) -> set[int]:
    """Deliver at once the pending in-app messages among ``message_ids``:
    showing one in its recipient's inbox sends nothing, so a batch is one
    claim. Returns the ids this call delivered; the others are left as they were."""
    with transaction.atomic():
        ids = set(
            Message.objects.filter(id__in=message_ids, channel=Channel.INBOX, status=Status.PENDING)
            .select_for_update(skip_locked=True)
            .values_list("id", flat=True)
        )
        if ids:
            Message.objects.filter(id__in=ids, status=Status.PENDING).update(
                status=Status.SENT, claimed_at=clock.now(), sent_at=clock.now(), last_error=""
            )
    return ids


def message_release_stale(*, message_id: int, claimed_at: datetime) -> bool:
    """Put back a message whose worker died while sending it, counting the
    lost attempt. False when the claim has moved on meanwhile."""
    status = _record_failure(
        message_id=message_id,
        claimed_at=claimed_at,
        error="The worker stopped while sending; the message is tried again.",
    )
    return status is not None


def _move(message_id: int, old: str, new: str, *, claim: datetime | None = None, **fields) -> bool:
    """Claim the row: change it only while it is still in ``old`` (and, when
    given, still under the claim taken at ``claim``). True when this call
    changed it."""
    if new not in ALLOWED_TRANSITIONS[old]:
        raise ValueError(f"a message cannot move from {old} to {new}")
    rows = Message.objects.filter(id=message_id, status=old)
    if claim is not None:
        rows = rows.filter(claimed_at=claim)
    with transaction.atomic():
        return rows.update(status=new, **fields) == 1


def _record_failure(*, message_id: int, claimed_at: datetime, error: str) -> str | None:
    """Count a failed attempt: back to pending, or failed after MAX_ATTEMPTS.
    Returns the new status, or None when the claim has moved on."""
    with transaction.atomic():
        message = Message.objects.filter(id=message_id, status=Status.SENDING, claimed_at=claimed_at).first()
        if message is None:
            return None
        attempts = message.attempts + 1
        new_status = Status.FAILED if attempts >= MAX_ATTEMPTS else Status.PENDING
        if not _move(
            message_id,
            Status.SENDING,
            new_status,
            claim=claimed_at,
            attempts=attempts,
            last_error=error[:2000],
        ):
            return None
        if new_status == Status.FAILED:
            # An alert that never reached its recipient is worth a trace of its own.
            record_event(
                actor=None,
                verb="message.failed",
                subject=message,
                before={"status": Status.SENDING, "attempts": message.attempts},
                after={"status": Status.FAILED, "attempts": attempts, "last_error": error[:2000]},
                reason=error[:2000],
            )
        return new_status


def _send(message: Message) -> None:
    if message.channel == Channel.INBOX:
        return
    if message.channel == Channel.EMAIL:
        # The recipient's address as it is now, should it have changed since queueing.
        address = message.address or (message.recipient.email if message.recipient_id else "")
        if not address:
            raise ValueError("the message has no address and its recipient has none")
        send_mail(
            message.subject, _text_with_link(message, message.body), None, [address], fail_silently=False
        )
    elif message.channel == Channel.SMS:
        backend = import_string(settings.SMS_BACKEND)()
        backend.send(message.address, _text_with_link(message, message.body or message.subject))
    else:
        raise ValueError(f"unknown channel {message.channel!r}")


def _text_with_link(message: Message, text: str) -> str:
    """Email and SMS leave the site, so a link goes with them only as a full
    address, which needs the site's own address (SITE_URL)."""
    site_url = getattr(settings, "SITE_URL", "").rstrip("/")
    if not message.link or not site_url:
        return text
    return f"{text}\n\n{site_url}{message.link}".strip()
