"""Rule 8 from end to end (issue 14's browser test): the receipt handed over at
the window carries the rating link; once the case is completed, the applicant
opens it on a phone, rates 不满意 with a ticked reason and is told the section
will call back; the section's chief finds the follow-up on their home, records
the call-back and the fix on its page; the applicant opens the same link and
grades the fix 满意; the supervisor's dashboard for the month shows the poor
rating fixed, and the handler's score explained.

The live server runs in another thread, so time cannot be frozen: the case
is received and completed now."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from deadlines.services import case_complete
from evaluation.models import FollowUp, FollowUpStatus, Grade, PoorReason, Rating, RatingChannel
from tests.browser.test_absence_board import log_in
from tests.browser.test_transfer_taken_over import off_the_browsers_loop
from tests.deadlines.conftest import item, make_item, open_case  # noqa: F401  (shared fixtures)
from tests.evaluation.conftest import seeded_evaluation  # noqa: F401  (autouse: the migrations' rows)

PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()
    yield
    cache.clear()


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page scrolls sideways on a phone ({width}px)"


def receipt_link(browser, live_server, front_desk, case) -> str:
    """The front desk prints the receipt: its rating link, next to its QR code."""
    staff = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    desk = staff.new_page()
    desk.goto(live_server.url + reverse("cases:receipt", args=[case.pk]))
    log_in(desk, front_desk.user.username)
    qr = desk.get_by_test_id("sheet-qr")
    expect(qr.locator("svg")).to_be_visible()
    expect(qr).to_contain_text("扫码评价")
    link = re.search(r"(https?://\S+/rate/\S+\?c=qr)", desk.get_by_test_id("sheet").inner_text()).group(1)
    staff.close()
    return link.rstrip("。.")


def test_the_public_rates_poorly_from_the_receipt_and_grades_the_fix(
    page,
    browser,
    live_server,
    official_calendar,
    open_case,  # noqa: F811
    front_desk,
    handler,
    chief,
    supervisor,
):
    # The bureau's list, as the migration seeds it.
    slow = PoorReason.objects.get(name="办事效率低")
    case = off_the_browsers_loop(open_case)
    link = receipt_link(browser, live_server, front_desk, case)
    assert link.startswith(live_server.url + "/rate/")
    off_the_browsers_loop(lambda: case_complete(actor=handler.user, case=case))

    # The applicant, on a phone, opens the link of the receipt's QR code.
    page.set_viewport_size(PHONE)
    page.goto(link)
    expect(page.get_by_test_id("case-number")).to_have_text(case.number)
    expect(page.get_by_test_id("case-handler")).to_contain_text(handler.name)
    expect(page.get_by_test_id("poor-reasons")).to_be_hidden()
    no_sideways_scroll(page)
    page.get_by_text("不满意", exact=True).click()
    expect(page.get_by_test_id("poor-reasons")).to_be_visible()
    page.get_by_label("办事效率低").check()
    page.get_by_label("您的意见").fill("材料齐全仍让我第二天再来。")
    page.get_by_test_id("submit").click()

    expect(page.get_by_test_id("thanks")).to_be_visible()
    expect(page.get_by_test_id("rated-level")).to_contain_text("不满意")
    expect(page.get_by_test_id("follow-up-promise")).to_contain_text("回访并整改")
    no_sideways_scroll(page)
    rating = Rating.objects.get(case=case)
    assert (rating.level, rating.channel, list(rating.tags.all())) == (2, RatingChannel.QR, [slow])

    # The section's chief finds it on their home and calls back and fixes it on its page.
    follow_up = FollowUp.objects.get(rating=rating)
    assert follow_up.assigned_to == chief
    office = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1366, "height": 900}
    )
    desk = office.new_page()
    desk.goto(live_server.url + reverse("evaluation:follow_up", args=[follow_up.pk]))
    log_in(desk, chief.user.username)
    expect(desk.get_by_test_id("tags")).to_contain_text("办事效率低")
    desk.get_by_test_id("call-back").get_by_label("评价人反映的情况").fill("已致电申请人致歉并了解情况。")
    desk.get_by_test_id("call-back-submit").click()
    expect(desk.get_by_test_id("call-back-note")).to_contain_text("致歉")
    desk.get_by_test_id("fix").get_by_label("整改措施").fill("已当场补办，并重申一次性告知要求。")
    desk.get_by_test_id("fix-submit").click()
    expect(desk.get_by_test_id("status")).to_have_attribute("data-status", "fixed")
    office.close()

    # The same link now asks how the fix went.
    page.goto(link)
    expect(page.get_by_test_id("fix")).to_contain_text("重申一次性告知要求")
    no_sideways_scroll(page)
    page.get_by_text("满意", exact=True).click()
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("grade")).to_contain_text("满意")
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.grade) == (FollowUpStatus.FIXED, Grade.SATISFIED)

    # And the link is spent.
    page.goto(link)
    expect(page.get_by_test_id("link-refused")).to_be_visible()

    # The supervisor's dashboard for the month: the poor rating counted, fixed, and the
    # handler's score explained figure by figure.
    office = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1366, "height": 900}
    )
    board = office.new_page()
    month = timezone.localdate().strftime("%Y-%m")
    board.goto(f"{live_server.url}{reverse('evaluation:dashboard')}?period={month}")
    log_in(board, supervisor.user.username)
    satisfaction = board.get_by_test_id("chart-satisfaction")
    expect(satisfaction.locator("canvas")).to_be_visible()
    board.wait_for_function("() => Boolean(document.getElementById('satisfaction-chart').chart)")
    expect(satisfaction.locator('tr[data-level="2"] td[data-active]')).to_have_text("1")
    expect(board.get_by_test_id("chart-fix")).to_contain_text("100.0%")
    row = board.get_by_test_id("ranking-staff").locator(f'tr[data-id="{handler.pk}"]')
    row.get_by_test_id("explain-link").click()
    expect(board.get_by_role("heading", level=1)).to_contain_text(handler.name)
    expect(board.get_by_test_id("matters-poor")).to_contain_text("已整改")
    office.close()
