from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from django.core import mail

from audit.models import AuditEvent
from core.jobs import registry, run_job
from core.models import JobRun
from messaging.models import Channel, Message, Status
from messaging.services import MAX_ATTEMPTS, message_queue

START = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def queue_emails(count):
    # Outside django_capture_on_commit_callbacks the on-commit delivery never
    # runs: the messages wait in the outbox, as when the broker was down.
    return [
        message_queue(channel=Channel.EMAIL, address=f"p{i}@example.cn", subject=f"提醒{i}", body="")
        for i in range(count)
    ]


def test_the_job_is_registered_to_run_every_minute():
    assert registry.get("deliver_messages").schedule == timedelta(minutes=1)


def test_the_job_run_twice_delivers_each_message_once(db):
    queue_emails(3)
    assert run_job("deliver_messages") == "delivered 3, failed 0, left 0"
    assert run_job("deliver_messages") == "delivered 0, failed 0, left 0"
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@example.cn", "p1@example.cn", "p2@example.cn"]
    assert set(Message.objects.values_list("status", flat=True)) == {Status.SENT}
    assert JobRun.objects.get(name="deliver_messages").last_summary == "delivered 0, failed 0, left 0"


def test_the_job_delivers_every_channel(handler, sms_outbox):
    message_queue(channel=Channel.INBOX, recipient=handler.user, subject="站内提醒", body="")
    message_queue(channel=Channel.EMAIL, recipient=handler.user, subject="邮件提醒", body="")
    message_queue(channel=Channel.SMS, address="13800138000", subject="短信提醒", body="")
    assert run_job("deliver_messages") == "delivered 3, failed 0, left 0"
    assert len(mail.outbox) == 1
    assert sms_outbox == [("13800138000", "短信提醒")]


def test_the_job_leaves_alone_a_message_a_worker_is_sending_now(db):
    with time_machine.travel(START, tick=False):
        (message,) = queue_emails(1)
        Message.objects.filter(pk=message.pk).update(status=Status.SENDING, claimed_at=START)
    with time_machine.travel(START + timedelta(minutes=9), tick=False):
        assert run_job("deliver_messages") == "delivered 0, failed 0, left 0"
    assert mail.outbox == []


def test_the_job_takes_over_a_message_whose_worker_died(db):
    with time_machine.travel(START, tick=False):
        (message,) = queue_emails(1)
        Message.objects.filter(pk=message.pk).update(status=Status.SENDING, claimed_at=START)
    with time_machine.travel(START + timedelta(minutes=11), tick=False):
        assert run_job("deliver_messages") == "delivered 1, failed 0, left 0"
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert message.attempts == 1


def test_a_message_that_keeps_failing_is_retried_each_run_then_failed(db, broken_sms_gateway):
    message = message_queue(channel=Channel.SMS, address="13800138000", subject="提醒", body="")
    for _ in range(MAX_ATTEMPTS - 1):
        assert run_job("deliver_messages") == "delivered 0, failed 0, left 1"
    assert run_job("deliver_messages") == "delivered 0, failed 1, left 0"
    assert run_job("deliver_messages") == "delivered 0, failed 0, left 0"
    message.refresh_from_db()
    assert (message.status, message.attempts) == (Status.FAILED, MAX_ATTEMPTS)
    assert AuditEvent.objects.for_object(message).get().verb == "message.failed"


def test_the_candidates_come_from_one_query(db, django_assert_num_queries):
    from messaging.selectors import messages_due_for_delivery

    queue_emails(5)
    Message.objects.filter(subject="提醒0").update(status=Status.SENT)
    with django_assert_num_queries(1):
        due = messages_due_for_delivery(stale_before=START, limit=100)
    assert len(due) == 4


def test_a_backlog_larger_than_a_batch_is_delivered_in_one_run(
    handler, monkeypatch, django_assert_max_num_queries
):
    from messaging import jobs

    monkeypatch.setattr(jobs, "BATCH_SIZE", 4)
    queue_emails(3)
    for i in range(7):
        message_queue(channel=Channel.INBOX, recipient=handler.user, subject=f"站内{i}", body="")
    assert run_job("deliver_messages") == "delivered 10, failed 0, left 0"
    assert set(Message.objects.values_list("status", flat=True)) == {Status.SENT}
    assert len(mail.outbox) == 3


def test_in_app_messages_are_delivered_a_batch_at_once(handler, django_assert_max_num_queries):
    from messaging.jobs import deliver_messages

    for i in range(40):
        message_queue(channel=Channel.INBOX, recipient=handler.user, subject=f"站内{i}", body="")
    with django_assert_max_num_queries(7):
        assert deliver_messages() == "delivered 40, failed 0, left 0"
