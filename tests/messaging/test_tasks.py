from django.core import mail

from messaging.models import Channel, Message, Status
from messaging.services import message_queue
from messaging.tasks import deliver_message_task


def test_the_task_has_a_stable_name_for_the_broker():
    assert deliver_message_task.name == "messaging.deliver_message"


def test_the_task_delivers_a_waiting_message(db):
    message = message_queue(channel=Channel.EMAIL, address="a@example.cn", subject="提醒", body="正文")
    assert deliver_message_task.delay(message.pk).get() is True
    assert Message.objects.get(pk=message.pk).status == Status.SENT
    assert len(mail.outbox) == 1


def test_the_task_run_again_sends_nothing_more(db):
    message = message_queue(channel=Channel.EMAIL, address="a@example.cn", subject="提醒", body="正文")
    deliver_message_task.delay(message.pk)
    assert deliver_message_task.delay(message.pk).get() is False
    assert len(mail.outbox) == 1
