"""Rule 7 from end to end (issue 13, browser test 1): a member of the public
files an efficiency complaint from the public board on a phone's screen, and
gets a number; a supervisor accepts and answers it on the complaint's page;
the public tracks it on the phone, by the number and the last four digits of
the phone, and reads the answer, and nothing of the file.

The captcha runs in the library's test mode (the answer "PASSED") for this
test only. The live server runs in another thread, so time cannot be frozen:
the complaint is filed now."""

import re

import pytest
from captcha.conf import settings as captcha_settings
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import expect

from accountability.models import Complaint, ComplaintStatus
from tests.browser.test_absence_board import log_in

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 800}
DESCRIPTION = "12月3日上午在3号窗口等候一个多小时，经办人离开窗口未作说明。"
INVESTIGATION = "调取窗口监控，经办人离岗四十分钟未安排他人代岗。"
ANSWER = "经核实，您反映的情况属实，已对相关工作人员进行批评教育，并落实AB岗代岗。"


@pytest.fixture
def captcha_passes(settings, monkeypatch):
    settings.CAPTCHA_TEST_MODE = True
    monkeypatch.setattr(captcha_settings, "CAPTCHA_TEST_MODE", True)
    cache.clear()
    yield
    cache.clear()


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways on a phone ({width}px)"


def test_the_public_files_a_complaint_on_a_phone_and_tracks_it_to_its_answer(
    page, live_server, official_calendar, captcha_passes, handler, supervisor
):
    # The public, on a phone, from the board's navigation to the form.
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/board/")
    page.get_by_role("navigation", name="公示栏").get_by_role("link", name="效能投诉").click()
    expect(page).to_have_url(live_server.url + "/complaints/new/")
    expect(page.get_by_test_id("anonymous-note")).to_contain_text("不予答复")
    expect(page.get_by_test_id("captcha-image")).to_be_visible()
    no_sideways_scroll(page)

    page.get_by_label("投诉事项").fill("窗口无人办理")
    page.get_by_label("事情经过").fill(DESCRIPTION)
    page.get_by_label("被投诉工作人员").select_option(label=f"{handler.name}（{handler.department.name}）")
    page.get_by_label("您的姓名").fill("刘女士")
    page.get_by_label("您的电话").fill("13912345678")
    page.get_by_label("验证：请计算图中算式").fill("PASSED")
    page.get_by_test_id("submit").click()

    number = page.get_by_test_id("complaint-number")
    expect(number).to_have_text(re.compile(r"^TS\d{12}$"))
    expect(page.get_by_test_id("how-to-track")).to_contain_text("后四位")
    no_sideways_scroll(page)
    complaint = Complaint.objects.get(number=number.inner_text())
    assert (complaint.about_staff, complaint.complainant_phone) == (handler, "13912345678")

    # A supervisor accepts it and answers it, on the complaint's page.
    page.set_viewport_size(DESKTOP)
    page.goto(live_server.url + reverse("accountability:complaint", args=[complaint.pk]))
    log_in(page, supervisor.user.username)
    expect(page.get_by_test_id("phone")).to_have_text("139****5678")
    page.get_by_test_id("accept-button").click()
    expect(page.get_by_test_id("status")).to_have_text("已受理，调查中")
    form = page.get_by_test_id("answer-form")
    form.get_by_label("答复投诉人").fill(ANSWER)
    form.get_by_label("属实：生成问责记录").check()
    form.get_by_label("调查情况").fill(INVESTIGATION)
    page.get_by_test_id("answer-button").click()
    expect(page.get_by_test_id("status")).to_have_text("已答复")
    complaint.refresh_from_db()
    assert (complaint.status, complaint.upheld) == (ComplaintStatus.ANSWERED, True)

    # The public, on the phone again, tracks it and reads the answer, and nothing of the file.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/board/")
    page.get_by_role("navigation", name="公示栏").get_by_role("link", name="投诉查询").click()
    page.get_by_label("投诉编号").fill(complaint.number)
    page.get_by_label("电话后四位").fill("5678")
    page.get_by_test_id("look-up").click()
    result = page.get_by_test_id("track-result")
    expect(result.get_by_test_id("track-status")).to_have_text("已答复")
    expect(result.get_by_test_id("track-answer")).to_have_text(ANSWER)
    for secret in (DESCRIPTION, INVESTIGATION, "刘女士", "13912345678", handler.name):
        expect(page.locator("body")).not_to_contain_text(secret)
    no_sideways_scroll(page)
