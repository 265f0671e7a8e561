"""A front-desk member of staff logs in and reads the system in either language."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from tests.factories import PASSWORD


def log_in(page, username, password):
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()


def test_front_desk_logs_in_and_switches_to_english_for_good(page, live_server, front_desk):
    page.goto(live_server.url + "/")

    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
    expect(page.get_by_role("heading", name="机关效能建设管理系统")).to_be_visible()
    log_in(page, front_desk.user.username, PASSWORD)

    expect(page).to_have_url(live_server.url + reverse("home"))
    header = page.get_by_role("banner")
    expect(header.get_by_role("link", name="机关效能建设管理系统")).to_be_visible()
    expect(header.get_by_role("button", name="前台小王")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("button", name="退出")).to_be_visible()

    page.get_by_role("button", name="简体中文").click()
    page.get_by_role("button", name="English").click()

    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(header.get_by_role("link", name="Bureau Efficiency System")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.reload()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    page.goto(live_server.url + reverse("home"))
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_role("button", name="退出")).to_have_count(0)


def test_wrong_password_shows_the_error_on_the_login_page(page, live_server, front_desk):
    page.goto(live_server.url + reverse("login"))

    log_in(page, front_desk.user.username, "not-the-password")

    expect(page.get_by_role("alert")).to_contain_text("请输入一个正确的用户名和密码")
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_label("用户名")).to_have_value(front_desk.user.username)
    expect(page.get_by_role("button", name="退出")).to_have_count(0)


def test_repeated_wrong_passwords_lock_the_account_for_fifteen_minutes(
    page, live_server, front_desk, settings
):
    page.goto(live_server.url + reverse("login"))

    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(page, front_desk.user.username, "not-the-password")

    expect(page.get_by_role("heading", name="账号已暂时锁定")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("此账号在当前地址已被锁定 15 分钟")
    expect(page.get_by_role("link", name="返回登录")).to_be_visible()
