"""An acknowledged transfer does not vanish (rule 1; issue 10, 6): the handler
who took it over finds it in their own open inquiries until they record what
became of it, and then it leaves the list."""

import re
from concurrent.futures import ThreadPoolExecutor

from django.db import connection
from django.urls import reverse
from playwright.sync_api import expect

from inquiries.models import Channel, InquiryKind, InquiryStatus, Outcome, Transfer
from inquiries.services import inquiry_log, inquiry_record_outcome
from tests.browser.test_front_desk import expect_inquiry_status, log_in


def off_the_browsers_loop(work):
    """Run ``work`` in a thread of its own: Playwright's event loop runs in this
    one, where django-constance would hand the services an async proxy."""

    def run():
        try:
            return work()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


def transferred(front_desk, handler):
    inquiry = inquiry_log(
        actor=front_desk.user,
        channel=Channel.PHONE,
        kind=InquiryKind.CONSULTATION,
        subject="食品经营许可延续办理时限",
        visitor_name="李女士",
        visitor_phone="13900001111",
        asked_staff=[front_desk],
    )
    inquiry_record_outcome(
        actor=front_desk.user,
        inquiry=inquiry,
        outcome=Outcome.TRANSFER,
        transfer_to=handler,
        note="经办人外出，请回电答复",
    )
    return inquiry, Transfer.objects.get(inquiry=inquiry)


def test_a_transfer_taken_over_stays_in_the_handlers_list_until_its_outcome(
    page, live_server, official_calendar, front_desk, handler
):
    inquiry, transfer = off_the_browsers_loop(lambda: transferred(front_desk, handler))

    # The handler takes it over from the transfer inbox.
    inbox_url = live_server.url + reverse("inquiries:transfers")
    page.goto(inbox_url)
    log_in(page, handler.user.username)
    expect(page).to_have_url(inbox_url)
    page.get_by_test_id(f"acknowledge-{transfer.pk}").click()
    expect(page.locator(".alert-success")).to_contain_text(inquiry.number)

    # It is in the handler's own open inquiries, awaiting their outcome.
    mine_url = live_server.url + reverse("inquiries:mine")
    page.goto(mine_url)
    row = page.locator(f"tr[data-inquiry='{inquiry.number}']")
    expect(row).to_be_visible()
    expect(row.locator("[data-status]")).to_have_attribute("data-status", InquiryStatus.ACKNOWLEDGED)
    awaiting = page.get_by_test_id("my-counts").locator("[data-card='1']")
    expect(awaiting).to_have_attribute("data-count", "1")

    # The handler calls the visitor back and records it: the inquiry is closed.
    row.locator("a.inquiry-number").click()
    expect(page).to_have_url(re.compile(rf"/inquiries/{inquiry.pk}/$"))
    expect(page.get_by_test_id("taken-over")).to_be_visible()
    expect(page.locator("#tab-transfer")).to_have_count(0)
    note = "已回电告知延续申请需在有效期届满30个工作日前提出"
    page.locator("form[data-outcome-form=handled] textarea[name=note]").fill(note)
    page.get_by_test_id("submit-handled").click()
    expect(page.locator(".alert-success")).to_contain_text(inquiry.number)
    expect_inquiry_status(page, InquiryStatus.CLOSED)
    expect(page.get_by_test_id("outcome")).to_contain_text(note)
    expect(page.get_by_test_id("outcome")).to_contain_text(handler.name)

    # And it has left the list.
    page.goto(mine_url)
    expect(page.locator(f"tr[data-inquiry='{inquiry.number}']")).to_have_count(0)
    expect(page.get_by_test_id("my-counts").locator("[data-card='1']")).to_have_attribute("data-count", "0")

    inquiry.refresh_from_db()
    assert (inquiry.status, inquiry.outcome, inquiry.outcome_by) == (
        InquiryStatus.CLOSED,
        Outcome.HANDLED,
        handler,
    )
    assert inquiry.first_responder == front_desk
