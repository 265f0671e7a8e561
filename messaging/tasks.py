from celery import shared_task

from messaging import services


@shared_task(name="messaging.deliver_message")
def deliver_message_task(message_id: int) -> bool:
    return services.message_deliver(message_id=message_id)


@shared_task(name="messaging.deliver_messages")
def deliver_messages_task(message_ids: list[int]) -> int:
    """Deliver a batch queued together; returns how many this call delivered."""
    in_app = services.message_deliver_inbox(message_ids=message_ids)
    others = [message_id for message_id in message_ids if message_id not in in_app]
    return len(in_app) + sum(services.message_deliver(message_id=message_id) for message_id in others)
