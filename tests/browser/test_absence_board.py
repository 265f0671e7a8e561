"""A registers a trip with the datetime-local inputs; B's home and the post board say B covers; A comes back.

The live server runs in another thread, so time cannot be frozen: the trip
is counted from now.
"""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from abpositions import cover
from abpositions.models import Absence
from tests.factories import PASSWORD


def log_in(page, username):
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_a_registers_a_trip_b_covers_on_the_board_and_a_comes_back(
    page, live_server, post, a_holder, b_holder
):
    now = timezone.localtime().replace(second=0, microsecond=0)
    start, end = now - timedelta(hours=1), now + timedelta(days=1)

    page.goto(live_server.url + reverse("abpositions:absence_new"))
    log_in(page, a_holder.user.username)
    page.locator("#id_kind").select_option("trip")
    page.locator("#id_start").fill(f"{start:%Y-%m-%dT%H:%M}")
    page.locator("#id_end").fill(f"{end:%Y-%m-%dT%H:%M}")
    page.locator("#id_contact").fill("13800000000")
    page.get_by_test_id("absence-submit").click()
    expect(page).to_have_url(live_server.url + reverse("abpositions:absences"))
    absence = Absence.objects.get(staff=a_holder)
    assert (absence.start, absence.end) == (start, end)
    assert cover.who_answers(post).staff == b_holder

    page.context.clear_cookies()
    page.goto(live_server.url + "/")
    log_in(page, b_holder.user.username)
    expect(page.get_by_test_id("panel-covering")).to_contain_text(f"A岗张三 离岗至 {end:%m-%d %H:%M}")
    page.goto(live_server.url + reverse("abpositions:board"))
    row = page.locator('tr[data-post="许可审查岗"]')
    expect(row).to_contain_text("B岗代岗")
    expect(row).to_contain_text("13800000000")
    expect(page.get_by_test_id("covered-by-b")).to_have_text("1")

    page.context.clear_cookies()
    page.goto(live_server.url + "/")
    log_in(page, a_holder.user.username)
    page.get_by_test_id("panel-away").get_by_role("button", name="我已返岗").click()
    expect(page.get_by_test_id("panel-away")).to_have_count(0)
    absence.refresh_from_db()
    assert absence.ended_early_at is not None
    assert cover.who_answers(post).staff == a_holder
