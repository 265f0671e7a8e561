"""A comes back and the work is handed back (rule 4, 交接): B reads what they
did for A, with a link to each matter, adds remarks and hands it over; A
reads it and acknowledges it."""

from datetime import timedelta

import time_machine
from django.db import transaction
from django.urls import reverse
from playwright.sync_api import expect

from abpositions.models import Absence, AbsenceKind, HandoverStatus
from abpositions.services_handovers import handover_draw_up
from audit.services import record_event
from commitments.services import MaterialSpec, service_item_create
from core import clock
from org.roles import Role
from tests.browser.test_front_desk import log_in, log_out
from tests.browser.test_transfer_taken_over import off_the_browsers_loop
from tests.factories import PostFactory, catalogue_keeper


def a_trip_covered_by_b(make_staff, department):
    from deadlines.services import case_open

    a_holder = make_staff(Role.HANDLER, name="A岗张三", rank=3)
    b_holder = make_staff(Role.HANDLER, name="B岗李四", rank=3)
    PostFactory(department=department, name="许可审查岗", a_holder=a_holder, b_holder=b_holder)
    item = service_item_create(
        actor=catalogue_keeper(),
        code="XK-201",
        department=department,
        content={
            "name": "食品经营许可（新办）",
            "basis": "《食品安全法》",
            "statutory_days": 20,
            "committed_days": 10,
        },
        materials=[MaterialSpec("申请书")],
    )
    now = clock.now()
    case = case_open(actor=a_holder.user, service_item=item, applicant_name="王先生", handler=a_holder)
    absence = Absence.objects.create(
        staff=a_holder,
        kind=AbsenceKind.TRIP,
        start=now - timedelta(days=1),
        end=now - timedelta(minutes=1),
        contact="13800000000",
        registered_by=a_holder.user,
    )
    with time_machine.travel(now - timedelta(hours=2), tick=False), transaction.atomic():
        record_event(actor=b_holder.user, verb="case.complete", subject=case, acting_for=a_holder.user)
    return a_holder, b_holder, case, handover_draw_up(absence=absence)


def test_b_hands_the_work_back_and_a_acknowledges_it(
    page, live_server, official_calendar, make_staff, department
):
    a_holder, b_holder, case, handover = off_the_browsers_loop(
        lambda: a_trip_covered_by_b(make_staff, department)
    )
    url = live_server.url + reverse("abpositions:handover", args=[handover.pk])

    page.goto(url)
    log_in(page, b_holder.user.username)
    expect(page).to_have_url(url)
    matters = page.get_by_test_id("matters")
    expect(matters.get_by_role("link", name=case.number)).to_have_attribute("href", f"/cases/{case.pk}/")
    expect(matters).to_contain_text("B岗李四")
    page.get_by_label("移交说明").fill("王先生的证照已办结，原件在档案柜")
    page.get_by_test_id("hand-over").click()
    expect(page.get_by_test_id("status")).to_contain_text("待确认")
    log_out(page)

    page.goto(live_server.url + reverse("abpositions:handovers"))
    log_in(page, a_holder.user.username)
    page.get_by_test_id("received").get_by_role("link", name="B岗李四").click()
    expect(page.get_by_test_id("remarks")).to_contain_text("原件在档案柜")
    page.get_by_test_id("acknowledge").click()
    expect(page.get_by_test_id("status")).to_contain_text("已确认")
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.ACKNOWLEDGED
