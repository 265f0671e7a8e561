"""The demo notices: one waiting for two materials, one complete after a visit; a second run adds none."""

import pytest
import time_machine

from commitments import demo as commitments_demo
from notifications import demo
from notifications.models import MaterialState, Notice, NoticeStatus, NoticeVisit
from org import demo as org_demo
from tests.deadlines.conftest import at


@pytest.fixture
def seeded(db, official_calendar):
    with time_machine.travel(at(2026, 11, 26, hour=15), tick=False):
        org_demo.seed()
        commitments_demo.seed()
        yield demo.seed()


def test_two_notices_of_the_approval_window(seeded):
    waiting = Notice.objects.get(status=NoticeStatus.OPEN)
    complete = Notice.objects.get(status=NoticeStatus.COMPLETE)
    assert waiting.materials.filter(missing=True).count() == 2
    assert waiting.issued_by.user.username == "frontdesk"
    assert waiting.inquiry.status == "notice"
    visit = NoticeVisit.objects.get()
    assert visit.notice == complete and visit.complete
    assert visit.recorded_by.user.username == "handler"
    assert complete.issued_at < visit.at
    assert "2 notices (2 new)" in seeded


def test_the_visitor_who_came_in_person_needs_no_proxy(seeded):
    """陈晓东 applied himself: the proxy is not applicable, with the reason, and the
    catalogue says when it is needed."""
    complete = Notice.objects.get(status=NoticeStatus.COMPLETE)
    proxy = complete.materials.get(name="授权委托书及受托人身份证")
    assert proxy.state == MaterialState.NOT_APPLICABLE
    assert proxy.not_applicable_reason == "本人办理，无需提供"
    assert proxy.condition.startswith("委托他人办理时提供")


def test_a_second_run_changes_nothing(seeded):
    state = list(Notice.objects.order_by("pk").values_list("pk", "number", "status"))
    with time_machine.travel(at(2026, 11, 26, hour=16), tick=False):
        summary = demo.seed()
    assert list(Notice.objects.order_by("pk").values_list("pk", "number", "status")) == state
    assert "(0 new)" in summary


def test_without_the_catalogue_it_makes_nothing(db):
    assert demo.seed().startswith("0 notices")
