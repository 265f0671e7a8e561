"""Rule 8's poor-rating loop in the browser (issue 14, 2): two applicants rate
their completed cases poorly from their links; the section chief finds them
on the home card, opens one, shows the rater's full number to call them back,
records the call-back and the fix; a supervisor upholds the section's appeal
against the other rating, and its page shows it excluded, with who and why."""

# ruff: noqa: F811  (the fixtures imported from tests.deadlines.conftest are taken as arguments)

import re

from django.urls import reverse
from playwright.sync_api import expect

from evaluation.models import FollowUpStatus, PoorReason
from evaluation.services import follow_up_appeal
from tests.browser.test_absence_board import log_in
from tests.browser.test_transfer_taken_over import off_the_browsers_loop
from tests.deadlines.conftest import item, make_item, open_case  # noqa: F401  (fixtures)
from tests.evaluation.conftest import seeded_evaluation  # noqa: F401  (autouse: the migrations' rows)
from tests.evaluation.follow_ups_made import complete, rate_poorly


def test_the_chief_calls_back_and_fixes_and_a_supervisor_excludes_a_malicious_rating(
    page, live_server, official_calendar, open_case, handler, chief, supervisor
):
    def ratings():
        slow = PoorReason.objects.get(name="办事效率低")
        first = rate_poorly(complete(open_case, handler), tags=[slow])
        second = rate_poorly(
            complete(open_case, handler, applicant_phone="13900002222"), level=2, reason="态度差"
        )
        return first, second

    first, second = off_the_browsers_loop(ratings)

    # The chief's home counts both poor ratings; the card opens the list of them.
    page.goto(live_server.url + reverse("home"))
    log_in(page, chief.user.username)
    card = page.locator("a[data-home-count]", has_text="待回访整改的差评")
    expect(card).to_have_attribute("data-home-count", "2")
    card.click()
    expect(page.get_by_test_id("follow-ups")).to_have_attribute("data-list-total", "2")
    page.get_by_role("link", name=first.rating.case.number).click()
    expect(page).to_have_url(re.compile(rf"/evaluation/follow-ups/{first.pk}/$"))
    expect(page.get_by_test_id("tags")).to_contain_text("办事效率低")

    # The number to call back, shown in full on a click.
    expect(page.get_by_test_id("applicant-phone")).to_have_text("138****5678")
    page.get_by_test_id("reveal-contact").click()
    expect(page.get_by_test_id("applicant-phone")).to_have_text("13812345678")

    # The call-back, then the fix.
    page.get_by_test_id("call-back").get_by_label("评价人反映的情况").fill("已致电王先生致歉，其反映排队过久")
    page.get_by_test_id("call-back-submit").click()
    expect(page.get_by_test_id("call-back-note")).to_contain_text("排队过久")
    page.get_by_test_id("fix").get_by_label("整改措施").fill("高峰时段增开一个窗口")
    page.get_by_test_id("fix-submit").click()
    expect(page.get_by_test_id("fix-note")).to_contain_text("增开一个窗口")
    expect(page.get_by_test_id("status")).to_have_attribute("data-status", "fixed")

    # The section appeals the other rating; a supervisor upholds the appeal.
    off_the_browsers_loop(
        lambda: follow_up_appeal(
            actor=chief.user, follow_up=second, reason="该申请人当日未到窗口，系恶意评价"
        )
    )
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("evaluation:follow_up", args=[second.pk]))
    log_in(page, supervisor.user.username)
    decide = page.get_by_test_id("appeal-decide")
    decide.get_by_label("申诉成立：该评价不计入统计").check()
    decide.get_by_label("理由").fill("经调取监控核实，系恶意评价")
    page.get_by_test_id("appeal-decide-submit").click()
    excluded = page.get_by_test_id("excluded")
    expect(excluded).to_contain_text(supervisor.name)
    expect(excluded).to_contain_text("经调取监控核实")
    expect(page.get_by_test_id("level")).to_contain_text("不计入统计")
    second.refresh_from_db()
    first.refresh_from_db()
    assert (first.status, second.status, second.rating.excluded) == (
        FollowUpStatus.FIXED,
        FollowUpStatus.EXCLUDED,
        True,
    )
