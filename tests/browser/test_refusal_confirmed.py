"""Rule 6 from end to end (issue 12, browser test 1): a handler refuses an
application with its legal basis; the section chief confirms it on the
refusal's page; the officer prints the refusal notice, which names the
applicant's remedies; the applicant's /track/ shows the case refused, with
the notice's number.

The handler refuses from the case page's form, writing the basis out. The
live server runs in another thread, so time cannot be frozen: the case is
received now."""

import re

from constance import config
from django.urls import reverse
from playwright.sync_api import expect

from commitments.services import MaterialSpec, service_item_create
from deadlines.models import CaseStatus
from deadlines.services import case_open
from refusals.models import Refusal, RefusalStatus
from tests.browser.test_absence_board import log_in
from tests.browser.test_transfer_taken_over import off_the_browsers_loop
from tests.factories import catalogue_keeper

BASIS = "《中华人民共和国行政许可法》第三十八条第二款"


def _settings():
    config.BUREAU_NAME = "示范市市场监督管理局"
    config.RECONSIDERATION_BODIES = "示范市人民政府"
    config.LITIGATION_COURT = "示范区人民法院"


def _received(department, front_desk, handler):
    item = service_item_create(
        actor=catalogue_keeper(),
        code="XK-601",
        department=department,
        content={
            "name": "食品经营许可（新办）",
            "basis": "《食品安全法》",
            "statutory_days": 20,
            "committed_days": 10,
        },
        materials=[MaterialSpec("申请书")],
    )
    case = case_open(
        actor=front_desk.user,
        service_item=item,
        applicant_name="王先生",
        applicant_phone="13812345678",
        handler=handler,
    )
    return case


def test_a_refusal_confirmed_gives_a_notice_with_the_remedies_and_shows_on_track(
    page, live_server, official_calendar, department, front_desk, handler, chief
):
    off_the_browsers_loop(_settings)
    case = off_the_browsers_loop(lambda: _received(department, front_desk, handler))

    # The handler refuses the application from the case page, with its legal basis.
    page.goto(live_server.url + reverse("cases:detail", args=[case.pk]))
    log_in(page, handler.user.username)
    panel = page.get_by_test_id("refusals-panel")
    panel.get_by_test_id("refuse").locator("summary").click()
    panel.get_by_label("不予许可").check()
    panel.get_by_label("事实").fill("现场核查：经营场所位于居民住宅楼内")
    panel.locator("textarea[name=reason]").fill("经营场所不符合食品安全要求")
    panel.locator("textarea[name=legal_basis]").fill(BASIS)
    panel.locator("textarea[name=cure]").fill("另选符合要求的经营场所后重新申请")
    panel.get_by_test_id("refuse-submit").click()
    expect(page).to_have_url(re.compile(r"/refusals/\d+/$"))
    refusal = Refusal.objects.get(case=case)
    assert (refusal.legal_basis, refusal.officer, refusal.kind) == (BASIS, handler, "not_granted")
    detail = live_server.url + reverse("refusals:detail", args=[refusal.pk])

    # Before the chief's review the notice cannot be given.
    page.goto(live_server.url + reverse("refusals:print", args=[refusal.pk]))
    expect(page.get_by_test_id("notice-withheld")).to_contain_text("待科室负责人确认后方可出具")

    # The section chief confirms it on the refusal's page.
    page.context.clear_cookies()
    page.goto(detail)
    log_in(page, chief.user.username)
    expect(page.get_by_test_id("legal-basis")).to_contain_text(BASIS)
    page.get_by_label("意见").fill("事实清楚，依据充分")
    page.get_by_test_id("confirm").click()
    expect(page.get_by_test_id("status")).to_have_text("已确认")
    expect(page.get_by_test_id("decide")).to_have_count(0)
    refusal.refresh_from_db()
    assert (refusal.status, refusal.decided_by) == (RefusalStatus.CONFIRMED, chief)

    # The officer prints the notice for the applicant: the decision, its basis and the remedies.
    page.context.clear_cookies()
    page.goto(detail)
    log_in(page, handler.user.username)
    page.get_by_test_id("print-notice").click()
    expect(page).to_have_url(re.compile(rf"/refusals/{refusal.pk}/print/$"))
    sheet = page.get_by_test_id("sheet")
    expect(sheet).to_contain_text("不予许可决定书")
    expect(sheet).to_contain_text(refusal.number)
    expect(sheet).to_contain_text(BASIS)
    expect(sheet).to_contain_text("60日内向示范市人民政府申请行政复议")
    expect(sheet).to_contain_text("6个月内向示范区人民法院提起行政诉讼")
    refusal.refresh_from_db()
    assert refusal.notice_given_at is not None

    # The applicant, with no login, looks the case up on /track/.
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("track:index"))
    page.get_by_label("办件编号").fill(case.number)
    page.get_by_label("联系电话后四位").fill("5678")
    page.get_by_role("button", name="查询").click()
    result = page.get_by_test_id("track-result")
    expect(result.get_by_test_id("track-status")).to_have_text("不予办理")
    expect(result).to_contain_text("科室负责人已确认")
    expect(result.get_by_test_id("track-detail").filter(has_text="决定书编号")).to_contain_text(
        refusal.number
    )
    expect(result).not_to_contain_text(handler.name)
    case.refresh_from_db()
    assert case.status == CaseStatus.REFUSED
