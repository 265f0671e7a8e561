"""A refused page and an expired form look like the rest of the site and say what to do."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import PASSWORD

TOKEN_NAME = "季度报表同步"


def log_in(page, username):
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_a_chief_opening_the_overdue_board_sees_a_403_page_with_the_menu(page, live_server, chief):
    page.goto(live_server.url + reverse("cases:overdue"))
    log_in(page, chief.user.username)

    expect(page).to_have_url(live_server.url + reverse("cases:overdue"))
    expect(page.get_by_role("heading", level=1)).to_have_text("您无权打开此页面")
    expect(page.get_by_text("请联系科室负责人或系统管理员为您分配相应角色")).to_be_visible()
    expect(page.get_by_role("banner").get_by_role("button", name="科长李红")).to_be_visible()
    expect(page.get_by_role("navigation", name="主导航")).to_be_visible()
    page.get_by_role("link", name="返回首页").click()
    expect(page).to_have_url(live_server.url + reverse("home"))


def test_a_form_sent_after_a_login_in_another_tab_comes_back_with_the_typed_text(page, live_server, chief):
    tokens_url = live_server.url + reverse("apitokens:mine")
    page.goto(tokens_url)
    log_in(page, chief.user.username)
    expect(page).to_have_url(tokens_url)
    page.get_by_role("textbox", name=re.compile("名称")).fill(TOKEN_NAME)

    # Meanwhile, in another tab, the chief logs out and in again: the token changes.
    other = page.context.new_page()
    other.goto(tokens_url)
    other.get_by_role("button", name="退出").click()
    other.goto(tokens_url)
    log_in(other, chief.user.username)
    expect(other).to_have_url(tokens_url)
    other.close()

    page.get_by_role("button", name="创建令牌").click()

    expect(page.get_by_role("alert")).to_contain_text(
        "页面已过期（您可能在别的标签页重新登录过），请检查后再提交一次"
    )
    expect(page.get_by_role("banner").get_by_role("button", name="科长李红")).to_be_visible()
    form = page.get_by_test_id("resubmit-form")
    expect(form.locator("input[name=name]")).to_have_value(TOKEN_NAME)
    form.get_by_role("button", name="再次提交").click()

    expect(page).to_have_url(tokens_url)
    expect(page.locator("tr[data-token]")).to_contain_text(TOKEN_NAME)
