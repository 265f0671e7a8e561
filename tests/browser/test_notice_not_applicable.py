"""A material that does not apply to this applicant (rule 5): the desk marks the
proxy not applicable with a reason when issuing the notice, the notice says so,
and the visitor's return with the rest settles the notice, which becomes a case.
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from commitments.models import MaterialForm
from commitments.services import MaterialSpec, service_item_create
from deadlines.models import Case
from inquiries.models import InquiryKind
from notifications.models import MaterialState, Notice, NoticeStatus
from tests.browser.test_front_desk import fill_intake, log_in, save_intake
from tests.factories import catalogue_keeper

NOTICE_URL = re.compile(r"/notices/(\d+)/$")
PROXY = "授权委托书及受托人身份证"
CONDITION = "委托他人办理时提供"
REASON = "本人办理，无需提供"


@pytest.fixture
def item(official_calendar, department):
    return service_item_create(
        actor=catalogue_keeper(),
        code="XK-102",
        department=department,
        content={
            "name": "食品经营许可（变更）",
            "basis": "《食品经营许可和备案管理办法》第二十七条",
            "committed_days": 5,
        },
        materials=[
            MaterialSpec("变更申请书"),
            MaterialSpec("营业执照", MaterialForm.COPY),
            MaterialSpec("经营场所平面图"),
            MaterialSpec(PROXY, MaterialForm.ORIGINAL_AND_COPY, condition=CONDITION),
        ],
    )


def test_a_material_not_applicable_is_shown_and_the_return_with_the_rest_settles_the_notice(
    page, live_server, item, front_desk
):
    materials = {m.name: m for m in item.current.materials.all()}
    intake_url = live_server.url + reverse("inquiries:new")
    page.goto(intake_url)
    log_in(page, front_desk.user.username)
    expect(page).to_have_url(intake_url)
    fill_intake(
        page, subject="申请变更食品经营许可", kind=InquiryKind.APPLICATION, visitor_name="陈晓东", item=item
    )
    inquiry = save_intake(page)
    page.goto(f"{live_server.url}{reverse('notices:new')}?inquiry={inquiry.pk}")

    # The visitor came in person with the application form: the proxy does not apply.
    form = page.get_by_test_id("materials")
    expect(form.locator("[data-condition]")).to_have_count(1)
    expect(form.locator(f"[data-material-row='{materials[PROXY].pk}']")).to_contain_text(CONDITION)
    form.locator(f"input[name=brought][data-material='{materials['变更申请书'].pk}']").check()
    proxy_reason = form.locator(f"input[data-reason-for='{materials[PROXY].pk}']")
    expect(proxy_reason).to_be_hidden()
    form.locator(f"input[name=not_applicable][data-not-applicable='{materials[PROXY].pk}']").check()
    expect(proxy_reason).to_be_visible()
    expect(proxy_reason).to_have_value(CONDITION)  # prefilled from the catalogue
    proxy_reason.fill(REASON)

    # The floor plan marked not applicable too, but with no reason: the form says what is missing.
    plan = materials["经营场所平面图"].pk
    form.locator(f"input[name=not_applicable][data-not-applicable='{plan}']").check()
    page.get_by_test_id("issue").click()
    plan_reason = form.locator(f"input[data-reason-for='{plan}']")
    expect(plan_reason).to_have_class(re.compile(r"is-invalid"))
    expect(page.get_by_test_id("materials")).to_contain_text("请填写“经营场所平面图”对该申请人不适用的理由")
    assert not Notice.objects.exists()
    # What was typed is still there; the plan is needed after all.
    expect(form.locator(f"input[data-reason-for='{materials[PROXY].pk}']")).to_have_value(REASON)
    form.locator(f"input[name=not_applicable][data-not-applicable='{plan}']").uncheck()
    page.get_by_test_id("issue").click()

    expect(page).to_have_url(NOTICE_URL)
    notice = Notice.objects.get(pk=int(NOTICE_URL.search(page.url).group(1)))
    notice_url = page.url
    table = page.get_by_test_id("materials")
    not_applicable = table.locator("tr[data-state=not_applicable]")
    expect(not_applicable).to_have_count(1)
    expect(not_applicable).to_have_attribute("data-material", str(materials[PROXY].pk))
    expect(not_applicable.get_by_test_id("not-applicable-reason")).to_have_text(REASON)
    expect(not_applicable).to_contain_text("不适用")
    expect(table.locator("tr[data-state=missing]")).to_have_count(2)
    assert notice.materials.get(name=PROXY).state == MaterialState.NOT_APPLICABLE

    # On paper the proxy is not applicable, with the reason.
    page.goto(live_server.url + reverse("notices:print", args=[notice.pk]))
    expect(page.get_by_test_id("sheet-table")).to_contain_text(f"不适用：{REASON}")

    # The visitor comes back with the rest: the notice is complete.
    page.goto(notice_url)
    visit = page.get_by_test_id("record-visit")
    expect(visit.locator("input[name=brought]")).to_have_count(2)
    for name in ("营业执照", "经营场所平面图"):
        visit.locator(f"input[name=brought][value='{materials[name].pk}']").check()
    page.get_by_test_id("record-visit-submit").click()

    expect(page).to_have_url(notice_url)
    expect(page.get_by_test_id("notice-facts").locator("[data-status]")).to_have_attribute(
        "data-status", NoticeStatus.COMPLETE
    )
    expect(page.get_by_test_id("materials").locator("tr[data-state=missing]")).to_have_count(0)
    expect(page.get_by_test_id("materials").locator("tr[data-state=not_applicable]")).to_have_count(1)

    # And the application can be received as a case.
    open_case = page.get_by_test_id("open-case")
    expect(open_case).to_be_visible()
    open_case.get_by_test_id("open-case-submit").click()
    case = Case.objects.get(service_item=item)
    expect(page).to_have_url(live_server.url + reverse("cases:receipt", args=[case.pk]))
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.CLOSED and notice.case == case
