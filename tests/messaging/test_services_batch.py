"""A periodic job's batch of messages: queued in a few queries, with the
same dedupe_key semantics as one message, delivered after commit."""

import pytest
from django.core.exceptions import ValidationError

from messaging.models import Channel, Message, Status
from messaging.services import MessageSpec, message_queue, message_queue_many


def _spec(staff, key=None, subject="办件已逾期"):
    return MessageSpec(
        channel=Channel.INBOX, recipient=staff.user, subject=subject, body="请尽快办结。", dedupe_key=key
    )


def test_a_batch_is_delivered_after_commit(handler, chief, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ids = message_queue_many([_spec(handler, "k:1"), _spec(chief, "k:2"), _spec(handler)])
    assert len(ids) == 3
    assert set(Message.objects.filter(id__in=ids).values_list("status", flat=True)) == {Status.SENT}


def test_a_key_queued_already_or_twice_in_the_batch_is_queued_once(handler, chief):
    message_queue(channel=Channel.INBOX, recipient=handler.user, subject="a", body="b", dedupe_key="k:old")
    ids = message_queue_many([_spec(handler, "k:old"), _spec(chief, "k:new"), _spec(chief, "k:new")])
    assert len(ids) == 1
    assert Message.objects.filter(dedupe_key="k:new").count() == 1
    assert Message.objects.filter(dedupe_key="k:old").count() == 1
    assert message_queue_many([_spec(chief, "k:new")]) == []


def test_a_subject_is_one_line(handler):
    (message_id,) = message_queue_many([_spec(handler, subject="逾期\n办件")])
    assert Message.objects.get(id=message_id).subject == "逾期 办件"


def test_a_message_that_cannot_be_sent_is_refused_and_none_is_queued(handler):
    with pytest.raises(ValidationError):
        message_queue_many([_spec(handler, "k:1"), MessageSpec(channel=Channel.EMAIL, subject="a", body="b")])
    assert not Message.objects.exists()


def test_the_queries_do_not_grow_with_the_batch(handler, chief, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        message_queue_many([_spec(handler, f"k:{i}") for i in range(50)] + [_spec(chief) for _ in range(50)])
    assert Message.objects.count() == 100
