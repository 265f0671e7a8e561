"""Never an uncovered post (rule 4, item 5): both holders of a post away, the
job alerts the section chief once, and the chief names who covers in one click
from the alert; the post then shows the named cover, not red."""

import re
from datetime import timedelta

from django.urls import reverse
from playwright.sync_api import expect

from abpositions.jobs_uncovered import posts_uncovered_check
from abpositions.models import Absence, AbsenceKind
from core import clock
from org.roles import Role
from tests.browser.test_front_desk import log_in
from tests.browser.test_transfer_taken_over import off_the_browsers_loop
from tests.factories import PostFactory


def both_holders_away(department, make_staff):
    a_holder = make_staff(Role.HANDLER, name="A岗张三")
    b_holder = make_staff(Role.HANDLER, name="B岗李四")
    post = PostFactory(department=department, name="许可审查岗", a_holder=a_holder, b_holder=b_holder)
    now = clock.now()
    for staff in (a_holder, b_holder):
        Absence.objects.create(
            staff=staff,
            kind=AbsenceKind.TRIP,
            start=now - timedelta(hours=1),
            end=now + timedelta(days=1),
            contact="13800000000",
            registered_by=staff.user,
        )
    posts_uncovered_check()
    posts_uncovered_check()  # a second run alerts nobody again
    return post


def test_the_chief_names_a_cover_from_the_alert(
    page, live_server, official_calendar, department, chief, make_staff
):
    colleague = off_the_browsers_loop(lambda: make_staff(Role.HANDLER, name="同事王五"))
    post = off_the_browsers_loop(lambda: both_holders_away(department, make_staff))

    page.goto(live_server.url + reverse("messaging:inbox"))
    log_in(page, chief.user.username)
    alerts = page.get_by_role("link", name=re.compile("空岗提醒：许可审查岗"))
    expect(alerts).to_have_count(1)
    alerts.click()
    page.get_by_role("link", name="打开").click()
    expect(page).to_have_url(re.compile(rf"/posts/cover/{post.pk}/$"))
    expect(page.locator("[data-status=uncovered]")).to_have_text("空岗")

    page.get_by_label("代岗人员").select_option(label="同事王五")
    page.get_by_role("button", name="指定代岗").click()
    expect(page.locator(".alert-success")).to_contain_text("同事王五")
    expect(page.locator("[data-status=cover]")).to_have_text("指定代岗")

    # The chief's home no longer lists the post as uncovered.
    page.goto(live_server.url + "/")
    panel = page.get_by_test_id("panel-uncovered-posts")
    expect(panel).to_contain_text("本科室各岗位均有人在岗负责")
    assert colleague.name == "同事王五"
