# ruff: noqa: F811  (fixtures imported, then asked for by name)
"""The supervisors' dashboard in a browser (issue 14, 6): a month with a poor
rating called back and fixed; the supervisor sees the satisfaction chart drawn
and the ranking, and opens the handler's score to read the deductions.

The live server runs in another thread, so time cannot be frozen: the month
is the current one, the matters made today through the services."""

from django.urls import reverse
from playwright.sync_api import expect

from core import clock
from deadlines.models import Escalation, EscalationStep
from deadlines.services import case_complete
from evaluation.periods import Period
from evaluation.services import follow_up_call_back, follow_up_fix, rating_submit
from evaluation.tokens import token_for
from tests.browser.test_absence_board import log_in
from tests.browser.test_transfer_taken_over import off_the_browsers_loop
from tests.deadlines.conftest import item, make_item, open_case  # noqa: F401  (fixtures)
from tests.evaluation.conftest import seeded_evaluation  # noqa: F401  (autouse: the migrations' rows)


def a_month_with_a_poor_rating_fixed(open_case, handler, chief):
    case = open_case()
    case_complete(actor=handler.user, case=case)
    rating = rating_submit(actor=None, token=token_for(case), level=2, reason="窗口等候时间过长")
    follow_up_call_back(actor=chief.user, follow_up=rating.follow_up, note="已向申请人致歉并说明原因")
    follow_up_fix(actor=chief.user, follow_up=rating.follow_up, note="增设高峰时段窗口")
    late = open_case()
    # An overdue step of the handler's in this month: a deduction on the score.
    Escalation.objects.create(case=late, step=EscalationStep.HANDLER, due_date=clock.localdate())
    return Period.month_of(clock.localdate())


def test_the_supervisor_reads_the_month_and_a_staff_members_score(
    page, live_server, official_calendar, open_case, handler, chief, supervisor
):
    month = off_the_browsers_loop(lambda: a_month_with_a_poor_rating_fixed(open_case, handler, chief))
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{live_server.url}{reverse('evaluation:dashboard')}?period={month.key}")
    log_in(page, supervisor.user.username)

    expect(page.get_by_test_id("period-state")).to_have_attribute("data-state", "live")
    satisfaction = page.get_by_test_id("chart-satisfaction")
    expect(satisfaction.locator("canvas")).to_be_visible()
    # Chart.js draws once the page's scripts have run (the vendored copy, no CDN).
    page.wait_for_function("() => Boolean(document.getElementById('satisfaction-chart').chart)")
    assert not errors, errors
    expect(satisfaction.locator('tr[data-level="2"] td[data-active]')).to_have_text("1")
    expect(page.get_by_test_id("chart-fix")).to_contain_text("100.0%")

    staff = page.get_by_test_id("ranking-staff")
    row = staff.locator(f'tr[data-id="{handler.pk}"]')
    expect(row).to_contain_text(handler.name)
    expect(row.locator("td[data-score]")).to_have_text("95")

    row.get_by_test_id("explain-link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(handler.name)
    deductions = page.locator('[data-testid="score-line"][data-deduction]')
    expect(deductions).to_have_count(1)
    expect(deductions.first).to_have_attribute("data-figure", "overdue")
    expect(deductions.first).to_contain_text("-5")
    expect(page.get_by_test_id("total")).to_have_text("95")
    expect(page.get_by_test_id("matters-poor")).to_contain_text("已整改")
