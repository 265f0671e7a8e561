"""Rule 7 from end to end (issue 13, browser test 2): an automatic record of an
overdue case; the handler writes the explanation on the record's page; the
supervisor decides an efficiency warning (效能告诫) with findings; the handler
acknowledges it, and the page shows the decision in force.

The live server runs in another thread, so time cannot be frozen: the record
is made as the collection job would leave it, with its due dates ahead."""

from django.urls import reverse
from playwright.sync_api import expect

from accountability.models import Outcome, RecordStatus
from tests.accountability.records_made import make_record
from tests.browser.test_absence_board import log_in
from tests.browser.test_transfer_taken_over import off_the_browsers_loop


def test_a_supervisor_turns_an_overdue_record_into_an_efficiency_warning(
    page, live_server, official_calendar, handler, supervisor
):
    record = off_the_browsers_loop(lambda: make_record(handler))
    url = live_server.url + reverse("accountability:record", args=[record.pk])

    # The handler explains, on the record's own page.
    page.goto(url)
    log_in(page, handler.user.username)
    expect(page.get_by_test_id("card")).to_have_attribute("data-card", "yellow")
    page.get_by_label("情况说明").fill("当日系统故障，材料未能按时流转")
    page.get_by_test_id("explain-submit").click()
    expect(page.get_by_test_id("explanation")).to_contain_text("当日系统故障")
    expect(page.get_by_test_id("explain")).to_have_count(0)

    # The supervisor decides an efficiency warning with the findings.
    page.context.clear_cookies()
    page.goto(url)
    log_in(page, supervisor.user.username)
    decide = page.get_by_test_id("decide")
    decide.get_by_label("效能告诫").check()
    decide.get_by_label("认定事实").fill("超期三个工作日，系统故障期间未报告")
    page.get_by_test_id("decide-submit").click()
    in_force = page.get_by_test_id("decision-in-force")
    expect(in_force).to_contain_text("效能告诫")
    expect(in_force.get_by_test_id("not-acknowledged")).to_be_visible()
    record.refresh_from_db()
    assert (record.status, record.decision.outcome, record.decision.decided_by) == (
        RecordStatus.DECIDED,
        Outcome.WARNING,
        supervisor,
    )

    # The handler acknowledges having been told; the page shows the outcome.
    page.context.clear_cookies()
    page.goto(url)
    log_in(page, handler.user.username)
    page.get_by_test_id("acknowledge-submit").click()
    in_force = page.get_by_test_id("decision-in-force")
    expect(in_force).to_contain_text("效能告诫")
    expect(in_force).to_contain_text("超期三个工作日")
    expect(in_force.get_by_test_id("acknowledged")).to_be_visible()
    expect(page.get_by_test_id("acknowledge")).to_have_count(0)
    record.refresh_from_db()
    assert record.decision.acknowledged_at is not None
