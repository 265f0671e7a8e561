"""Rule 7 from end to end (issue 13, browser test 3): a handler appeals a
yellow card with reasons and a file of evidence; the supervisor upholds the
appeal: the card is withdrawn and the record closed with no responsibility."""

from django.urls import reverse
from playwright.sync_api import expect

from accountability.models import AppealStatus, Outcome, RecordStatus
from tests.accountability.records_made import make_record
from tests.browser.test_absence_board import log_in
from tests.browser.test_transfer_taken_over import off_the_browsers_loop


def test_a_handler_appeals_a_yellow_card_and_the_supervisor_upholds_it(
    page, live_server, official_calendar, handler, supervisor, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    record = off_the_browsers_loop(lambda: make_record(handler))
    url = live_server.url + reverse("accountability:record", args=[record.pk])

    # The handler appeals, with a PDF of the system's outage notice.
    page.goto(url)
    log_in(page, handler.user.username)
    appeal = page.get_by_test_id("appeal")
    appeal.locator("summary").click()
    appeal.get_by_label("申诉理由").fill("超期系全市政务系统停机所致，非本人原因")
    appeal.get_by_label("证据材料").set_input_files(
        files=[{"name": "停机通知.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 outage"}]
    )
    page.get_by_test_id("appeal-submit").click()
    expect(page.get_by_test_id("appeal-reasons")).to_contain_text("政务系统停机")
    expect(page.get_by_test_id("appeal-evidence")).to_have_text("停机通知.pdf")

    # The supervisor upholds it, with reasons.
    page.context.clear_cookies()
    page.goto(url)
    log_in(page, supervisor.user.username)
    expect(page.get_by_test_id("decide")).to_have_count(0)
    decide = page.get_by_test_id("appeal-decide")
    decide.get_by_label("申诉成立").check()
    decide.get_by_label("理由").fill("经核实，当日政务系统停机")
    page.get_by_test_id("appeal-decide-submit").click()
    expect(page.get_by_test_id("card")).to_have_attribute("data-card", "none")
    expect(page.get_by_test_id("appeal-opinion")).to_contain_text("当日政务系统停机")
    expect(page.get_by_test_id("decision-in-force")).to_be_visible()
    record.refresh_from_db()
    assert (record.card, record.status, record.decision.outcome) == ("", RecordStatus.DECIDED, Outcome.NONE)
    assert record.appeal.status == AppealStatus.UPHELD
