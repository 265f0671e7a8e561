"""The main navigation stays one row on a 1280 px screen and every entry in
its dropdowns is reached by keyboard."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import PASSWORD

# A section chief who also handles cases: the role with the most entries (13).
CHIEF_GROUPS = {
    "首问": ["首问登记", "我的首问", "受理转交", "科室首问登记", "举报投诉登记"],
    "办件": ["我的办件", "科室办件"],
    "承诺": ["服务承诺公示栏", "违诺记录"],
    "问责": ["问责记录", "差评整改", "我的问责记录", "登记效能投诉"],
    "管理": ["通讯录", "工作日历"],
}


def log_in(page, username):
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


@pytest.fixture
def chief_at_home(page, live_server, chief):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + reverse("home"))
    log_in(page, chief.user.username)
    expect(page).to_have_url(live_server.url + reverse("home"))
    return page


def test_the_chiefs_menu_is_one_row_at_1280_px(chief_at_home):
    page = chief_at_home
    menu = page.get_by_role("navigation", name="主导航").locator("ul.nav").first
    entries = menu.locator(":scope > li")
    heights = [entries.nth(index).bounding_box()["height"] for index in range(entries.count())]
    tops = {round(entries.nth(index).bounding_box()["y"]) for index in range(entries.count())}
    assert len(tops) == 1, tops
    assert menu.bounding_box()["height"] <= max(heights) + 1
    # Seven areas and rule 7's 问责, which every staff member has (their own records).
    assert entries.count() <= 8


def test_every_entry_in_the_chiefs_dropdowns_is_reached_by_keyboard(chief_at_home, live_server):
    page = chief_at_home
    nav = page.get_by_role("navigation", name="主导航")
    for group, labels in CHIEF_GROUPS.items():
        toggle = nav.get_by_role("button", name=group)
        toggle.focus()
        page.keyboard.press("Enter")
        expect(toggle).to_have_attribute("aria-expanded", "true")
        for label in labels:
            page.keyboard.press("ArrowDown")
            focused = page.evaluate("document.activeElement.textContent.trim()")
            assert focused == label, (group, label, focused)
        page.keyboard.press("Escape")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(toggle).to_be_focused()

    # And Enter follows the entry reached, which the menu then marks as the current page.
    nav.get_by_role("button", name="办件").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + reverse("cases:section"))
    toggle = nav.get_by_role("button", name="办件")
    expect(toggle).to_have_class(re.compile(r"\bactive\b"))
    toggle.click()
    expect(nav.get_by_role("link", name="科室办件")).to_have_attribute("aria-current", "page")


def test_a_group_with_one_entry_is_a_plain_link(chief_at_home):
    nav = chief_at_home.get_by_role("navigation", name="主导航")
    expect(nav.get_by_role("link", name="一次性告知单")).to_be_visible()
    expect(nav.get_by_role("button", name="告知")).to_have_count(0)
