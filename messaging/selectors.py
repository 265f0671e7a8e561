from datetime import datetime

from django.db.models import Count, Q, QuerySet

from messaging.models import Channel, Message, Status


def inbox_messages(*, user, unread_only: bool = False) -> QuerySet[Message]:
    """The user's delivered in-app messages, newest first."""
    messages = Message.objects.filter(recipient=user, channel=Channel.INBOX, status=Status.SENT)
    if unread_only:
        messages = messages.filter(read_at__isnull=True)
    return messages.order_by("-created_at", "-id")


def inbox_message(*, user, message_id: int) -> Message:
    """One of the user's own in-app messages; Message.DoesNotExist for anyone else's."""
    return Message.objects.get(id=message_id, recipient=user, channel=Channel.INBOX, status=Status.SENT)


def inbox_unread_count(*, user) -> int:
    return Message.objects.filter(
        recipient=user, channel=Channel.INBOX, status=Status.SENT, read_at__isnull=True
    ).count()


def messages_due_for_delivery(
    *, stale_before: datetime, limit: int, after_id: int = 0
) -> list[tuple[int, str, datetime | None]]:
    """(id, status, claimed_at) of pending messages, and of those whose
    worker claimed them before ``stale_before`` and never finished, oldest
    first, from after ``after_id`` (the last of the batch before)."""
    return list(
        Message.objects.filter(
            Q(status=Status.PENDING) | Q(status=Status.SENDING, claimed_at__lt=stale_before),
            id__gt=after_id,
        )
        .order_by("id")
        .values_list("id", "status", "claimed_at")[:limit]
    )


def message_status_counts(*, ids: list[int]) -> dict[str, int]:
    rows = Message.objects.filter(id__in=ids).order_by().values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}
