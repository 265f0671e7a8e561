"""Rule 4 from end to end (issue 11): A registers a trip; the front desk of
another section accepts an application for an item of A's post without
choosing a handler and it goes to B; an inquiry transferred to A reaches B;
B completes the case as acting for A; A comes back, finds the handover
listing the case and the transfer, and acknowledges it.

The live server runs in another thread, so time cannot be frozen: the trip
is counted from now."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from abpositions.models import Handover, HandoverStatus
from audit.models import AuditEvent
from commitments.services import MaterialSpec, service_item_create
from deadlines.models import Case, CaseStatus
from org.roles import Role
from tests.browser.test_absence_board import log_in
from tests.browser.test_transfer_taken_over import off_the_browsers_loop, transferred
from tests.factories import PostFactory, catalogue_keeper


def _item_of_the_post(department, post):
    item = service_item_create(
        actor=catalogue_keeper(),
        code="XK-301",
        department=department,
        content={
            "name": "食品经营许可（新办）",
            "basis": "《食品安全法》",
            "statutory_days": 20,
            "committed_days": 10,
        },
        materials=[MaterialSpec("申请书")],
    )
    item.post = post
    item.save(update_fields=["post"])
    return item


def test_b_covers_a_trip_from_the_desk_to_the_handover(
    page, live_server, official_calendar, make_staff, department, other_department
):
    a_holder = make_staff(Role.HANDLER, name="A岗张三", rank=3)
    b_holder = make_staff(Role.HANDLER, name="B岗李四", rank=3)
    colleague = make_staff(Role.FRONT_DESK, name="同科室小周", rank=2)
    desk = make_staff(Role.FRONT_DESK, name="大厅前台小王", rank=2, department=other_department)
    post = PostFactory(department=department, name="许可审查岗", a_holder=a_holder, b_holder=b_holder)
    item = off_the_browsers_loop(lambda: _item_of_the_post(department, post))
    now = timezone.localtime().replace(second=0, microsecond=0)
    start, end = now - timedelta(hours=1), now + timedelta(days=2)

    # A registers a trip.
    page.goto(live_server.url + reverse("abpositions:absence_new"))
    log_in(page, a_holder.user.username)
    page.locator("#id_kind").select_option("trip")
    page.locator("#id_start").fill(f"{start:%Y-%m-%dT%H:%M}")
    page.locator("#id_end").fill(f"{end:%Y-%m-%dT%H:%M}")
    page.locator("#id_contact").fill("13800000000")
    page.get_by_test_id("absence-submit").click()
    expect(page).to_have_url(live_server.url + reverse("abpositions:absences"))

    # The desk of another section accepts an application for the item, naming no handler.
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("cases:new"))
    log_in(page, desk.user.username)
    form = page.get_by_test_id("case-open-form")
    form.locator("select[name=service_item]").select_option(str(item.pk))
    expect(form.locator("select[name=handler]")).to_have_value("")
    form.locator("input[name=applicant_name]").fill("王先生")
    form.locator("input[name=applicant_phone]").fill("13900002222")
    form.get_by_role("button", name="受理并打印回执").click()
    expect(page).to_have_url(re.compile(r"/cases/\d+/receipt/"))
    case = Case.objects.get(service_item=item)
    assert (case.handler, case.cover_for) == (b_holder, a_holder)

    # An inquiry a colleague transfers to A reaches B, who takes it over for A.
    inquiry, transfer = off_the_browsers_loop(lambda: transferred(colleague, a_holder))
    page.context.clear_cookies()
    page.goto(live_server.url + reverse("inquiries:transfers"))
    log_in(page, b_holder.user.username)
    waiting = page.get_by_test_id("waiting")
    expect(waiting.get_by_test_id("covering")).to_contain_text("A岗张三")
    waiting.get_by_test_id(f"acknowledge-{transfer.pk}").click()
    expect(page.get_by_test_id("waiting")).not_to_contain_text(inquiry.number)
    transfer.refresh_from_db()
    assert transfer.acknowledged_at is not None

    # B completes the case routed to them as A's cover.
    page.goto(live_server.url + reverse("cases:detail", args=[case.pk]))
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_test_id("complete").click()
    expect(page.get_by_test_id("complete")).to_have_count(0)
    case.refresh_from_db()
    assert case.status == CaseStatus.COMPLETED
    completed = AuditEvent.objects.get(verb="case.complete", subject_id=str(case.pk))
    assert (completed.actor, completed.acting_for) == (b_holder.user, a_holder.user)
    acknowledged = AuditEvent.objects.get(verb="transfer.acknowledge")
    assert (acknowledged.actor, acknowledged.acting_for) == (b_holder.user, a_holder.user)

    # A comes back: the handover is drawn up at once; B hands it over, A acknowledges it.
    page.context.clear_cookies()
    page.goto(live_server.url + "/")
    log_in(page, a_holder.user.username)
    page.get_by_test_id("panel-away").get_by_role("button", name="我已返岗").click()
    expect(page.get_by_test_id("panel-away")).to_have_count(0)
    handover = Handover.objects.get(holder=a_holder)
    assert handover.cover == b_holder
    url = live_server.url + reverse("abpositions:handover", args=[handover.pk])

    page.context.clear_cookies()
    page.goto(url)
    log_in(page, b_holder.user.username)
    matters = page.get_by_test_id("matters")
    expect(matters).to_contain_text(inquiry.number)
    expect(matters).to_contain_text(case.number)
    page.get_by_label("移交说明").fill("王先生的许可已办结；李女士已回电答复")
    page.get_by_test_id("hand-over").click()
    expect(page.get_by_test_id("status")).to_contain_text("待确认")

    page.context.clear_cookies()
    page.goto(url)
    log_in(page, a_holder.user.username)
    expect(page.get_by_test_id("matters")).to_contain_text(inquiry.number)
    expect(page.get_by_test_id("matters")).to_contain_text(case.number)
    page.get_by_test_id("acknowledge").click()
    expect(page.get_by_test_id("status")).to_contain_text("已确认")
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.ACKNOWLEDGED
