import pytest

from messaging.models import Channel
from messaging.services import message_queue
from tests.messaging.backends import RecordingSMSBackend


@pytest.fixture
def sms_outbox(settings):
    """The SMS sent through the recording backend, as (phone, text)."""
    settings.SMS_BACKEND = "tests.messaging.backends.RecordingSMSBackend"
    RecordingSMSBackend.sent = []
    return RecordingSMSBackend.sent


@pytest.fixture
def broken_sms_gateway(settings):
    settings.SMS_BACKEND = "tests.messaging.backends.BrokenGatewaySMSBackend"


@pytest.fixture
def deliver_to_inbox(django_capture_on_commit_callbacks):
    """deliver_to_inbox(user, subject, **kwargs) queues an in-app message and
    lets its delivery task run, as after the caller's commit."""

    def send(user, subject, **kwargs):
        kwargs.setdefault("body", "")
        with django_capture_on_commit_callbacks(execute=True):
            message = message_queue(channel=Channel.INBOX, recipient=user, subject=subject, **kwargs)
        message.refresh_from_db()
        return message

    return send
