from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet

from audit.models import AuditEvent
from messaging.models import Channel, Message, Status
from messaging.services import (
    MAX_ATTEMPTS,
    message_deliver,
    message_mark_all_read,
    message_mark_read,
    message_queue,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_an_inbox_message_is_delivered_after_commit(handler, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = message_queue(
            channel=Channel.INBOX,
            recipient=handler.user,
            subject="办件即将到期",
            body="请在明天下班前办结。",
            link="/cases/1/",
            kind="case.reminder",
        )
        assert Message.objects.get(pk=message.pk).status == Status.PENDING
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert message.sent_at is not None
    assert message.read_at is None
    assert mail.outbox == []


def test_nothing_is_delivered_when_the_callers_transaction_rolls_back(
    handler, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        message_queue(channel=Channel.INBOX, recipient=handler.user, subject="x", body="")
    assert len(callbacks) == 1
    # Until the commit the message waits in the outbox for the job.
    assert Message.objects.get().status == Status.PENDING


def test_an_email_to_a_staff_member_goes_to_their_address(handler, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = message_queue(
            channel=Channel.EMAIL, recipient=handler.user, subject="延期申请待审批", body="请审批。"
        )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [handler.user.email]
    assert mail.outbox[0].subject == "延期申请待审批"
    assert "请审批。" in mail.outbox[0].body
    message.refresh_from_db()
    assert message.status == Status.SENT


def test_an_email_to_the_public_goes_to_the_given_address(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message_queue(
            channel=Channel.EMAIL, address="citizen@example.cn", subject="延期告知", body="理由：材料待核。"
        )
    assert [m.to for m in mail.outbox] == [["citizen@example.cn"]]


def test_a_subject_with_line_breaks_is_sent_on_one_line(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = message_queue(channel=Channel.EMAIL, address="a@example.cn", subject="办件\n提醒", body="")
    message.refresh_from_db()
    assert message.status == Status.SENT
    assert mail.outbox[0].subject == "办件 提醒"


def test_an_email_carries_the_full_link_when_the_site_address_is_known(
    db, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://xiaoneng.example.gov.cn/"
    with django_capture_on_commit_callbacks(execute=True):
        message_queue(
            channel=Channel.EMAIL, address="a@example.cn", subject="评价", body="请评价。", link="/rate/abc/"
        )
    assert "https://xiaoneng.example.gov.cn/rate/abc/" in mail.outbox[0].body


def test_an_sms_goes_through_the_configured_backend(db, sms_outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = message_queue(
            channel=Channel.SMS, address="13800138000", subject="评价邀请", body="您的办件已办结，请评价。"
        )
    assert sms_outbox == [("13800138000", "您的办件已办结，请评价。")]
    message.refresh_from_db()
    assert message.status == Status.SENT


def test_an_sms_without_a_body_sends_its_subject(db, sms_outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message_queue(channel=Channel.SMS, address="13800138000", subject="您的办件已受理", body="")
    assert sms_outbox == [("13800138000", "您的办件已受理")]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"channel": Channel.INBOX}, "recipient"),
        ({"channel": Channel.EMAIL}, "address"),
        ({"channel": Channel.EMAIL, "address": "not-an-address"}, "address"),
        ({"channel": Channel.SMS}, "address"),
        ({"channel": Channel.SMS, "address": "call me"}, "address"),
        ({"channel": "pigeon", "address": "13800138000"}, "channel"),
        ({"channel": Channel.SMS, "address": "13800138000", "link": "https://evil.example/"}, "link"),
        ({"channel": Channel.SMS, "address": "13800138000", "link": "//evil.example/"}, "link"),
        ({"channel": Channel.SMS, "address": "13800138000", "subject": ""}, "subject"),
        ({"channel": Channel.SMS, "address": "13800138000", "subject": "长" * 201}, "subject"),
    ],
)
def test_a_message_that_cannot_be_sent_is_refused(db, kwargs, field):
    kwargs = {"subject": "提醒", "body": "", **kwargs}
    with pytest.raises(ValidationError) as error:
        message_queue(**kwargs)
    assert field in error.value.message_dict
    assert not Message.objects.exists()


def test_an_email_to_a_recipient_without_an_address_is_refused(handler):
    handler.user.email = ""
    handler.user.save(update_fields=["email"])
    with pytest.raises(ValidationError) as error:
        message_queue(channel=Channel.EMAIL, recipient=handler.user, subject="提醒", body="")
    assert "address" in error.value.message_dict


def test_an_sms_to_a_staff_member_needs_their_number(handler):
    # Staff records hold no mobile number, so the caller must give one.
    with pytest.raises(ValidationError) as error:
        message_queue(channel=Channel.SMS, recipient=handler.user, subject="提醒", body="")
    assert "address" in error.value.message_dict


def test_a_dedupe_key_queues_the_message_once(handler, django_capture_on_commit_callbacks):
    key = "case:17:escalation:chief"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = message_queue(
            channel=Channel.INBOX, recipient=handler.user, subject="升级", body="", dedupe_key=key
        )
        second = message_queue(
            channel=Channel.INBOX, recipient=handler.user, subject="升级", body="", dedupe_key=key
        )
    assert first is not None
    assert second is None
    assert len(callbacks) == 1
    assert Message.objects.filter(dedupe_key=key).count() == 1


def test_a_lost_race_on_the_dedupe_key_returns_none_and_keeps_the_transaction(handler, monkeypatch):
    message_queue(channel=Channel.INBOX, recipient=handler.user, subject="先到", body="", dedupe_key="k")
    real_exists = QuerySet.exists
    checks = []

    def exists_as_before_the_other_commit(queryset):
        # The first check runs before the other caller's row is committed.
        checks.append(queryset)
        return False if len(checks) == 1 else real_exists(queryset)

    monkeypatch.setattr(QuerySet, "exists", exists_as_before_the_other_commit)
    assert (
        message_queue(channel=Channel.INBOX, recipient=handler.user, subject="后到", body="", dedupe_key="k")
        is None
    )
    assert Message.objects.get(dedupe_key="k").subject == "先到"


def test_messages_without_a_dedupe_key_are_all_kept(handler):
    for _ in range(2):
        message_queue(channel=Channel.INBOX, recipient=handler.user, subject="提醒", body="", dedupe_key="")
    assert Message.objects.filter(dedupe_key__isnull=True).count() == 2


def test_a_claimed_message_is_not_delivered_twice(db):
    message = message_queue(channel=Channel.EMAIL, address="a@example.cn", subject="提醒", body="")
    assert message_deliver(message_id=message.pk) is True
    assert message_deliver(message_id=message.pk) is False
    assert len(mail.outbox) == 1


def test_a_message_another_worker_is_sending_is_left_alone(db):
    message = message_queue(channel=Channel.EMAIL, address="a@example.cn", subject="提醒", body="")
    Message.objects.filter(pk=message.pk).update(status=Status.SENDING)
    assert message_deliver(message_id=message.pk) is False
    assert mail.outbox == []
    assert Message.objects.get(pk=message.pk).status == Status.SENDING


def test_delivering_an_unknown_message_does_nothing(db):
    assert message_deliver(message_id=999_999) is False


def test_a_failed_attempt_is_retried_then_the_message_fails(db, broken_sms_gateway):
    message = message_queue(channel=Channel.SMS, address="13800138000", subject="提醒", body="")
    for attempt in range(1, MAX_ATTEMPTS):
        assert message_deliver(message_id=message.pk) is False
        message.refresh_from_db()
        assert message.status == Status.PENDING
        assert message.attempts == attempt
        assert "the SMS gateway is down" in message.last_error
    assert not AuditEvent.objects.for_object(message).exists()
    assert message_deliver(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == Status.FAILED
    assert message.attempts == MAX_ATTEMPTS
    assert message.sent_at is None
    event = AuditEvent.objects.for_object(message).get()
    assert event.verb == "message.failed"
    assert event.actor is None
    # A failed message is not tried again.
    assert message_deliver(message_id=message.pk) is False
    assert Message.objects.get(pk=message.pk).attempts == MAX_ATTEMPTS


def test_a_retry_that_succeeds_clears_the_error(db, settings, sms_outbox):
    settings.SMS_BACKEND = "tests.messaging.backends.BrokenGatewaySMSBackend"
    message = message_queue(channel=Channel.SMS, address="13800138000", subject="提醒", body="")
    message_deliver(message_id=message.pk)
    settings.SMS_BACKEND = "tests.messaging.backends.RecordingSMSBackend"
    assert message_deliver(message_id=message.pk) is True
    message.refresh_from_db()
    assert (message.status, message.attempts, message.last_error) == (Status.SENT, 1, "")
    assert len(sms_outbox) == 1


def test_an_email_whose_recipient_lost_their_address_fails_with_a_reason(handler):
    message = message_queue(channel=Channel.EMAIL, recipient=handler.user, subject="提醒", body="")
    handler.user.email = ""
    handler.user.save(update_fields=["email"])
    assert message_deliver(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == Status.PENDING
    assert "no address" in message.last_error


def test_marking_a_message_read(handler, deliver_to_inbox):
    message = deliver_to_inbox(handler.user, "提醒")
    moment = datetime(2026, 3, 2, 9, 30, tzinfo=SHANGHAI)
    with time_machine.travel(moment, tick=False):
        assert message_mark_read(user=handler.user, message=message) is True
    with time_machine.travel(moment + timedelta(hours=1), tick=False):
        assert message_mark_read(user=handler.user, message=message) is False
    message.refresh_from_db()
    assert message.read_at == moment


def test_nobody_marks_another_persons_message_read(handler, chief, deliver_to_inbox):
    message = deliver_to_inbox(handler.user, "提醒")
    with pytest.raises(PermissionDenied):
        message_mark_read(user=chief.user, message=message)
    message.refresh_from_db()
    assert message.read_at is None


def test_mark_all_read_touches_only_the_users_unread_messages(handler, chief, deliver_to_inbox):
    mine = [deliver_to_inbox(handler.user, f"提醒{i}") for i in range(3)]
    message_mark_read(user=handler.user, message=mine[0])
    theirs = deliver_to_inbox(chief.user, "科长的提醒")
    assert message_mark_all_read(user=handler.user) == 2
    assert message_mark_all_read(user=handler.user) == 0
    assert all(m.read_at for m in Message.objects.filter(recipient=handler.user))
    theirs.refresh_from_db()
    assert theirs.read_at is None
