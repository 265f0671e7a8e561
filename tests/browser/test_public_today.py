"""A visitor on the public board finds who serves at the window today: B while A is away, on a phone too.

The live server runs in another thread, so time cannot be frozen: the trip
is counted from now.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from abpositions.models import Absence, AbsenceKind
from commitments.services import MaterialSpec, service_item_create
from tests.factories import catalogue_keeper


@pytest.fixture
def window(post):
    post.department.public_phone = "0571-8800-1002"
    post.department.save(update_fields=["public_phone"])
    service_item_create(
        actor=catalogue_keeper(),
        code="XK-001",
        department=post.department,
        content={"name": "食品经营许可（新办）", "basis": "《食品安全法》第三十五条", "committed_days": 10},
        materials=[MaterialSpec("申请书")],
        post=post,
    )
    now = timezone.now()
    Absence.objects.create(
        staff=post.a_holder,
        kind=AbsenceKind.TRIP,
        start=now - timedelta(hours=1),
        end=now + timedelta(days=1),
        contact="13800000000",
        registered_by=post.a_holder.user,
    )
    return post


def test_visitor_goes_from_the_board_to_today_and_on_to_the_item(page, live_server, window):
    page.goto(live_server.url + "/board/")
    page.get_by_role("navigation", name="公示栏").get_by_role("link", name="今日在岗").click()

    expect(page).to_have_url(live_server.url + "/board/today/")
    expect(page.get_by_role("heading", level=1)).to_have_text("今日在岗")
    row = page.locator('tr[data-post="许可审查岗"]')
    expect(row).to_contain_text("A岗不在岗，由B岗B岗李四代岗")
    expect(row).not_to_contain_text("13800000000")
    expect(page.get_by_test_id("count-covered-by-b").locator(".stat-value")).to_have_text("1")
    row.get_by_role("link", name="食品经营许可（新办）").click()
    expect(page).to_have_url(live_server.url + "/board/items/XK-001/")


def test_on_a_phone_each_post_is_a_card_with_labels(page, live_server, window):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/board/today/")

    table = page.get_by_test_id("section-approval").locator("table")
    expect(table.locator("thead")).to_be_hidden()
    expect(table.locator("tbody tr").first).to_contain_text("B岗李四")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a phone ({width}px)"
