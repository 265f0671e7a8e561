import pytest
from django.conf import settings

from inquiries.models import Channel, InquiryKind
from inquiries.services import inquiry_log
from org.roles import Role
from tests.deadlines.conftest import at, item, make_item, open_case  # noqa: F401  (shared fixtures)

__all__ = ["at", "english"]


@pytest.fixture
def deputy_chief(make_staff):
    """A deputy section chief (副科长): outranks the clerks, below the chief."""
    return make_staff(Role.HANDLER, name="副科长周明", rank=5)


@pytest.fixture
def clerk(make_staff):
    return make_staff(Role.FRONT_DESK, Role.HANDLER, name="科员陈静", rank=2)


@pytest.fixture
def log_inquiry(front_desk, official_calendar):
    """log_inquiry(asked=[...], **fields) -> Inquiry logged by the front desk."""

    def log(asked=None, actor=None, **fields):
        fields.setdefault("channel", Channel.VISIT)
        fields.setdefault("kind", InquiryKind.CONSULTATION)
        fields.setdefault("subject", "咨询食品经营许可办理流程")
        fields.setdefault("visitor_name", "王先生")
        fields.setdefault("visitor_phone", "13812345678")
        return inquiry_log(actor=(actor or front_desk).user, asked_staff=asked or [front_desk], **fields)

    return log


def english(client):
    """The client with English chosen in the language switcher: the page's messages are the msgids."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
