"""An administrator asks for a new B holder; the chief approves it from the queue; the post has its new B."""

from django.urls import reverse
from playwright.sync_api import expect

from org.roles import Role
from tests.factories import PASSWORD, PostFactory


def log_in(page, username):
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_a_new_b_holder_is_asked_for_and_approved_by_the_chief(
    page, live_server, browser, department, make_staff, administrator, chief
):
    newcomer = make_staff(Role.HANDLER, name="新人王五", rank=2)
    post = PostFactory(department=department, name="许可审查岗")
    holders_url = live_server.url + reverse("abpositions:post_holders", args=[post.pk])

    # The administrator asks, from the post's page.
    page.goto(holders_url)
    log_in(page, administrator.user.username)
    expect(page).to_have_url(holders_url)
    form = page.get_by_test_id("holder-change-form")
    form.get_by_label("调整的岗别").select_option("b")
    form.get_by_label("拟任人员").select_option(label="新人王五")
    form.get_by_label("理由").fill("原B岗人员轮岗")
    form.get_by_role("button", name="提交调整申请").click()
    expect(page.get_by_test_id("holder-change")).to_contain_text("新人王五")
    expect(page.get_by_test_id("holder-change-decision")).to_have_count(0)  # not the chief

    # The chief finds it in the queue and approves it.
    chief_context = browser.new_context(locale="zh-CN", timezone_id="Asia/Shanghai")
    chief_page = chief_context.new_page()
    chief_page.goto(live_server.url + reverse("abpositions:queue"))
    log_in(chief_page, chief.user.username)
    queue = chief_page.get_by_test_id("queue-changes")
    queue.get_by_role("link", name="许可审查岗").click()
    chief_page.get_by_role("button", name="批准").click()
    expect(chief_page.get_by_text("新人王五 现已到岗")).to_be_visible()

    chief_page.goto(holders_url)
    expect(chief_page.locator('[data-holder="b"]')).to_have_text("新人王五")
    chief_context.close()
    post.refresh_from_db()
    assert post.b_holder == newcomer
