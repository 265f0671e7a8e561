"""A handler asks for more time; the section chief approves; the due date moves and the applicant is told why.

The live server runs in another thread, so time cannot be frozen: the dates
are counted from today with the calendar module, for an item whose limit
keeps them inside the year whose holiday schedule is known.
"""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from commitments.services import MaterialSpec, service_item_create
from deadlines.models import Extension, ExtensionStatus
from deadlines.services import case_open
from messaging.models import Message
from tests.factories import PASSWORD, catalogue_keeper
from workdays.days import add_working_days

REASON = "需现场核查经营场所，等待检测报告"
PHONE = "13812345678"


def log_in(page, username):
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


@pytest.fixture
def case(official_calendar, department, front_desk, handler):
    item = service_item_create(
        actor=catalogue_keeper(),
        code="XK-001",
        department=department,
        content={"name": "食品经营许可（新办）", "basis": "《食品安全法》第三十五条", "committed_days": 5},
        materials=[MaterialSpec("申请书")],
    )
    return case_open(
        actor=front_desk.user,
        service_item=item,
        applicant_name="王先生",
        applicant_phone=PHONE,
        handler=handler,
    )


def test_handler_requests_an_extension_and_the_chief_approves_it(page, live_server, case, handler, chief):
    due = add_working_days(timezone.localdate(), 5)
    assert case.due_date == due
    extended = add_working_days(due, 3)
    case_url = live_server.url + reverse("cases:detail", args=[case.pk])

    # The handler asks for three more working days.
    page.goto(live_server.url + reverse("cases:mine"))
    log_in(page, handler.user.username)
    expect(page).to_have_url(live_server.url + reverse("cases:mine"))
    page.get_by_role("link", name=case.number).click()
    expect(page).to_have_url(case_url)
    expect(page.get_by_test_id("due-date")).to_contain_text(due.isoformat())
    form = page.get_by_test_id("extension-request")
    form.locator("input[name=days]").fill("3")
    form.locator("textarea[name=reason]").fill(REASON)
    page.get_by_test_id("request-extension").click()
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.get_by_test_id("extensions")).to_contain_text(REASON)
    extension = Extension.objects.get(case=case)
    assert extension.status == ExtensionStatus.PENDING
    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    # The chief finds it in the section's queue and approves it in place.
    page.goto(live_server.url + reverse("cases:section"))
    log_in(page, chief.user.username)
    expect(page).to_have_url(live_server.url + reverse("cases:section"))
    queue = page.get_by_test_id("extension-queue")
    expect(queue).to_contain_text(case.number)
    expect(queue).to_contain_text(REASON)
    queue.get_by_test_id(f"approve-{extension.pk}").click()
    expect(page.locator(".alert-success")).to_contain_text(extended.isoformat())
    expect(page.get_by_test_id("extension-queue")).not_to_contain_text(case.number)

    # The case page shows the new due date, and the applicant's SMS waits in the outbox.
    page.goto(case_url)
    expect(page.get_by_test_id("due-date")).to_contain_text(extended.isoformat())
    expect(page.get_by_test_id("extensions")).to_contain_text(f"{due.isoformat()} → {extended.isoformat()}")
    sms = Message.objects.get(kind="extension.applicant")
    assert sms.address == PHONE
    assert REASON in sms.body
    assert extended.isoformat() in sms.body
