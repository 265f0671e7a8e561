"""Rule 6's second journey (issue 12): a handler refuses a case from its page
with the item's basis; the chief opens a refusal from the review queue and
overturns it with an opinion; the case is open again, due later by the
working days its review took, and the handler has the opinion in the inbox.

The live server runs in another thread, so time cannot be frozen there: the
refusal the chief overturns was filed off the browser's loop two working days
ago (time_machine), so that the days given back are not zero."""

import re
from datetime import datetime, time, timedelta

import time_machine
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from commitments.services import MaterialSpec, service_item_create
from deadlines.models import Case, CaseStatus
from deadlines.services import case_open
from org.roles import Role
from refusals.models import Refusal, RefusalStatus
from refusals.services import refusal_file
from tests.browser.test_absence_board import log_in
from tests.browser.test_transfer_taken_over import off_the_browsers_loop
from tests.factories import catalogue_keeper
from workdays.days import add_working_days, working_days_between

ITEM_BASIS = "《中华人民共和国食品安全法》第三十五条"
OPINION = "申请人已补正经营场所平面图，材料齐全，应予受理，请继续办理"


def _item(department):
    return service_item_create(
        actor=catalogue_keeper(),
        code="XK-601",
        department=department,
        content={
            "name": "食品经营许可（新办）",
            "basis": ITEM_BASIS,
            "statutory_days": 20,
            "committed_days": 5,
        },
        materials=[MaterialSpec("申请书")],
    )


def _two_working_days_ago(today):
    day = today - timedelta(days=1)
    while working_days_between(day, today) < 2:
        day -= timedelta(days=1)
    return day


def _refused_two_working_days_ago(desk, handler, item):
    """A case received and refused by its handler two working days ago, at 10:00."""
    today = timezone.localdate()
    then = timezone.make_aware(datetime.combine(_two_working_days_ago(today), time(10)))
    with time_machine.travel(then, tick=False):
        case = case_open(
            actor=desk.user,
            service_item=item,
            applicant_name="李女士",
            applicant_phone="13900003333",
            handler=handler,
        )
        refusal_file(
            actor=handler.user,
            case=case,
            kind="not_accepted",
            facts="申请材料缺经营场所平面图",
            reason="申请材料不齐全",
            legal_basis=ITEM_BASIS,
        )
    case.refresh_from_db()
    return case


def test_the_chief_overturns_a_refusal_and_the_case_is_open_again_due_later(
    page, live_server, official_calendar, make_staff, department
):
    desk = make_staff(Role.FRONT_DESK, name="前台小王", rank=2)
    handler = make_staff(Role.HANDLER, name="经办人老张", rank=3)
    chief = make_staff(Role.SECTION_CHIEF, name="许可科科长", rank=6)
    item = off_the_browsers_loop(lambda: _item(department))
    today_case = off_the_browsers_loop(
        lambda: case_open(
            actor=desk.user,
            service_item=item,
            applicant_name="王先生",
            applicant_phone="13900002222",
            handler=handler,
        )
    )
    earlier_case = off_the_browsers_loop(lambda: _refused_two_working_days_ago(desk, handler, item))
    earlier = Refusal.objects.get(case=earlier_case)

    # The handler refuses today's case from its page, picking the item's basis.
    page.goto(live_server.url + reverse("cases:detail", args=[today_case.pk]))
    log_in(page, handler.user.username)
    panel = page.get_by_test_id("refusals-panel")
    panel.get_by_test_id("refuse").locator("summary").click()
    panel.get_by_label("不予受理").check()
    panel.get_by_label("事实").fill("申请人提交的营业执照已过期")
    panel.locator("textarea[name=reason]").fill("申请人主体资格不符合要求")
    panel.get_by_label(re.compile("使用事项依据")).check()
    panel.get_by_test_id("refuse-submit").click()
    expect(page).to_have_url(re.compile(r"/refusals/\d+/$"))
    expect(page.get_by_test_id("legal-basis")).to_contain_text(ITEM_BASIS)
    refused_today = Refusal.objects.get(case=today_case)
    assert (refused_today.legal_basis, refused_today.officer) == (ITEM_BASIS, handler)
    today_case.refresh_from_db()
    assert today_case.status == CaseStatus.REFUSED

    # The chief opens the earlier refusal from the queue and overturns it with an opinion.
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("refusals:queue"))
    log_in(page, chief.user.username)
    waiting = page.get_by_test_id("waiting")
    expect(waiting).to_have_attribute("data-list-total", "2")
    waiting.get_by_role("link", name=earlier.number).click()
    page.get_by_label("意见").fill(OPINION)
    page.get_by_test_id("overturn").click()
    expect(page.get_by_test_id("status")).to_contain_text("已撤销")
    expect(page.get_by_test_id("opinion")).to_contain_text(OPINION)

    # The case is open again, due later by exactly the working days of review.
    earlier.refresh_from_db()
    assert earlier.status == RefusalStatus.OVERTURNED
    review_days = working_days_between(
        timezone.localdate(earlier.filed_at), timezone.localdate(earlier.decided_at)
    )
    assert review_days == 2
    page.get_by_test_id("matter-link").click()
    reopened = Case.objects.get(pk=earlier_case.pk)
    assert reopened.status == CaseStatus.RECEIVED
    assert reopened.due_date == add_working_days(earlier_case.due_date, review_days)
    assert reopened.due_date != earlier_case.due_date
    expect(page.get_by_test_id("due-date")).to_contain_text(f"{reopened.due_date:%Y-%m-%d}")
    expect(page.get_by_test_id("refusals-panel")).to_contain_text("已撤销")

    # The handler has the chief's opinion in the inbox.
    page.context.clear_cookies()
    page.goto(live_server.url + "/inbox/")
    log_in(page, handler.user.username)
    page.get_by_role("link", name=re.compile(f"{earlier.number}.*撤销|撤销.*{earlier.number}")).click()
    expect(page.locator("main")).to_contain_text(OPINION)
