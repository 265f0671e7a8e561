from celery import shared_task

from messaging import services


@shared_task(name="messaging.deliver_message")
def deliver_message_task(message_id: int) -> bool:
    return services.message_deliver(message_id=message_id)
