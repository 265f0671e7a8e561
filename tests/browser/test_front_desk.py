"""The front desk at work (rule 1, first-inquiry responsibility; rule 5, the
one-time notice): a consultation answered on the spot, an application with
missing materials that comes back complete and becomes a case, a transfer
the absent handler acknowledges, and a referral to another section.

The live server runs in another thread, so time cannot be frozen: the dates
are counted from today with the calendar module.
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from commitments.services import MaterialSpec, service_item_create
from deadlines.models import Case
from inquiries.models import Inquiry, InquiryKind, InquiryStatus, Outcome, ReferMode, Transfer
from notifications.models import Notice, NoticeStatus
from org.roles import Role
from tests.factories import PASSWORD, catalogue_keeper
from workdays.days import add_working_days

VISITOR = "王先生"
PHONE = "13812345678"
MATERIALS = ["营业执照复印件", "法定代表人身份证", "申请书"]
INQUIRY_URL = re.compile(r"/inquiries/(\d+)/$")
NOTICE_URL = re.compile(r"/notices/(\d+)/$")


def log_in(page, username):
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def log_out(page):
    page.get_by_role("button", name="退出").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


def default_working_days(name):
    """A bureau setting's default: the test database starts with it."""
    return settings.CONSTANCE_CONFIG[name][0]


def fill_intake(
    page, *, subject, kind=InquiryKind.CONSULTATION, visitor_name=VISITOR, phone=PHONE, item=None
):
    """The intake form as the desk fills it for a walk-in visitor (the desk is asked already)."""
    form = page.get_by_test_id("intake-form")
    form.locator("input[name=channel][value=visit]").check()
    form.locator(f"input[name=kind][value={kind}]").check()
    form.locator("input[name=subject]").fill(subject)
    if item is not None:
        form.locator("select[name=service_item]").select_option(str(item.pk))
    form.locator("input[name=visitor_name]").fill(visitor_name)
    form.locator("input[name=visitor_phone]").fill(phone)
    return form


def save_intake(page):
    """Log the inquiry; the browser lands on its page. -> the Inquiry."""
    page.get_by_test_id("log").click()
    expect(page).to_have_url(INQUIRY_URL)
    pk = int(INQUIRY_URL.search(page.url).group(1))
    expect(page.locator(".alert-success")).to_be_visible()
    return Inquiry.objects.get(pk=pk)


def expect_chips(page, *staff):
    chips = page.get_by_test_id("asked").locator("[data-asked-chips] > li")
    expect(chips).to_have_count(len(staff))
    for index, member in enumerate(staff):
        expect(chips.nth(index)).to_have_attribute("data-staff-id", str(member.pk))


def expect_inquiry_status(page, status):
    expect(page.get_by_test_id("inquiry-facts").locator("[data-status]")).to_have_attribute(
        "data-status", status
    )


@pytest.fixture
def item(official_calendar, department):
    return service_item_create(
        actor=catalogue_keeper(),
        code="XK-101",
        department=department,
        content={
            "name": "食品经营许可（新办）",
            "basis": "《中华人民共和国食品安全法》第三十五条",
            "committed_days": 5,
        },
        materials=[MaterialSpec(name) for name in MATERIALS],
    )


def test_a_consultation_answered_on_the_spot(page, live_server, official_calendar, front_desk):
    new_url = live_server.url + reverse("inquiries:new")
    page.goto(new_url)
    log_in(page, front_desk.user.username)
    expect(page).to_have_url(new_url)

    # The desk is asked already; a walk-in consultation.
    expect_chips(page, front_desk)
    fill_intake(page, subject="个体工商户注册需要哪些材料")
    inquiry = save_intake(page)
    expect(page.get_by_test_id("outcome-due")).to_contain_text(
        add_working_days(timezone.localdate(), default_working_days("INQUIRY_NO_OUTCOME_FLAG_WD")).isoformat()
    )
    expect(page.get_by_test_id("first-responder")).to_have_count(1)
    expect(page.locator(f"[data-asked='{front_desk.pk}'] [data-testid=first-responder]")).to_be_visible()
    expect_inquiry_status(page, InquiryStatus.OPEN)

    # Answered there and then: "handled", with what was done.
    note = "已当面告知所需材料清单及办理流程"
    handled = page.locator("form[data-outcome-form=handled]")
    handled.locator("textarea[name=note]").fill(note)
    page.get_by_test_id("submit-handled").click()

    expect(page).to_have_url(live_server.url + reverse("inquiries:detail", args=[inquiry.pk]))
    expect(page.locator(".alert-success")).to_contain_text(inquiry.number)
    expect_inquiry_status(page, InquiryStatus.CLOSED)
    outcome = page.get_by_test_id("outcome")
    expect(outcome).to_have_attribute("data-outcome", Outcome.HANDLED)
    expect(outcome).to_contain_text(note)
    expect(page.get_by_test_id("record-outcome")).to_have_count(0)

    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.CLOSED
    assert inquiry.outcome == Outcome.HANDLED
    assert inquiry.outcome_note == note
    assert inquiry.outcome_by == front_desk
    assert inquiry.first_responder == front_desk
    assert inquiry.kind == InquiryKind.CONSULTATION
    assert inquiry.channel == "visit"
    assert inquiry.visitor_name == VISITOR
    assert inquiry.closed_at is not None
    assert list(inquiry.asked.values_list("staff", flat=True)) == [front_desk.pk]


def test_an_application_with_missing_materials_comes_back_complete_and_becomes_a_case(
    page, live_server, pdf_font, item, front_desk, handler
):
    materials = {m.name: m for m in item.current.materials.all()}
    missing = ["营业执照复印件", "法定代表人身份证"]
    new_url = live_server.url + reverse("inquiries:new")
    page.goto(new_url)
    log_in(page, front_desk.user.username)
    expect(page).to_have_url(new_url)

    # The visitor applies for the item, without all the materials.
    fill_intake(page, subject="申请食品经营许可", kind=InquiryKind.APPLICATION, item=item)
    inquiry = save_intake(page)
    assert inquiry.kind == InquiryKind.APPLICATION
    assert inquiry.service_item == item

    # A one-time notice: only the application form was brought.
    page.locator("#tab-notice").click()
    page.get_by_test_id("issue-notice").click()
    expect(page).to_have_url(re.compile(rf"/notices/new/\?inquiry={inquiry.pk}$"))
    checks = page.get_by_test_id("materials").locator("input[name=brought]")
    expect(checks).to_have_count(len(MATERIALS))
    for name in MATERIALS:
        expect(page.locator(f"input[name=brought][data-material='{materials[name].pk}']")).not_to_be_checked()
    page.locator(f"input[name=brought][data-material='{materials['申请书'].pk}']").check()
    page.get_by_test_id("issue").click()

    expect(page).to_have_url(NOTICE_URL)
    notice = Notice.objects.get(pk=int(NOTICE_URL.search(page.url).group(1)))
    notice_url = page.url
    assert notice.inquiry == inquiry
    expect(page.get_by_test_id("number")).to_have_text(notice.number)
    expect(page.locator(".alert-success")).to_contain_text(notice.number)
    expect(page.get_by_test_id("notice-facts").locator("[data-status]")).to_have_attribute(
        "data-status", NoticeStatus.OPEN
    )
    rows = page.get_by_test_id("materials").locator("tbody tr")
    expect(rows).to_have_count(len(MATERIALS))
    still_missing = page.get_by_test_id("materials").locator("tr[data-state=missing]")
    expect(still_missing).to_have_count(2)
    for index, name in enumerate(missing):
        expect(still_missing.nth(index)).to_have_attribute("data-material", str(materials[name].pk))
        expect(still_missing.nth(index)).to_contain_text(name)
    brought = page.get_by_test_id("materials").locator("tr[data-state=brought_at_issue]")
    expect(brought).to_have_count(1)
    expect(brought).to_have_attribute("data-material", str(materials["申请书"].pk))
    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.NOTICE
    assert inquiry.outcome == Outcome.NOTICE

    # The printable notice: its number, the materials, the two missing marked so.
    page.get_by_test_id("print").click()
    expect(page).to_have_url(live_server.url + reverse("notices:print", args=[notice.pk]))
    expect(page.get_by_test_id("sheet-number")).to_have_text(notice.number)
    paper_rows = page.get_by_test_id("sheet-row")
    expect(paper_rows).to_have_count(3)
    expect(paper_rows.filter(has_text="申请书").locator("td").last).to_have_text("已交")
    for name in missing:
        expect(paper_rows.filter(has_text=name).locator("td").last).to_have_text("缺")

    # The same notice as a PDF, fetched with the logged-in session.
    response = page.request.get(live_server.url + reverse("notices:pdf", args=[notice.pk]), timeout=60_000)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")

    # The visitor comes back with both missing materials.
    page.goto(notice_url)
    visit = page.get_by_test_id("record-visit")
    expect(visit.locator("input[name=brought]")).to_have_count(2)
    for name in missing:
        visit.locator(f"input[name=brought][value='{materials[name].pk}']").check()
    page.get_by_test_id("record-visit-submit").click()

    expect(page).to_have_url(notice_url)
    expect(page.locator(".alert-success")).to_contain_text(notice.number)
    expect(page.get_by_test_id("notice-facts").locator("[data-status]")).to_have_attribute(
        "data-status", NoticeStatus.COMPLETE
    )
    expect(page.get_by_test_id("materials").locator("tr[data-state=missing]")).to_have_count(0)
    expect(page.get_by_test_id("materials").locator("tr[data-state=brought]")).to_have_count(2)
    expect(page.get_by_test_id("visits").locator("[data-visit]")).to_have_count(1)
    expect(page.get_by_test_id("record-visit")).to_have_count(0)
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.COMPLETE

    # Complete: the application is received as a case, for the section's handler.
    open_case = page.get_by_test_id("open-case")
    expect(open_case.locator("input[name=applicant_name]")).to_have_value(VISITOR)
    open_case.locator("select[name=handler]").select_option(str(handler.pk))
    open_case.get_by_test_id("open-case-submit").click()

    case = Case.objects.get(service_item=item)
    expect(page).to_have_url(live_server.url + reverse("cases:receipt", args=[case.pk]))
    expect(page.locator(".alert-success")).to_contain_text(case.number)
    expect(page.get_by_test_id("sheet-number")).to_have_text(case.number)
    due = add_working_days(timezone.localdate(), 5)
    expect(page.get_by_test_id("sheet")).to_contain_text(due.isoformat())

    case_url = live_server.url + reverse("cases:detail", args=[case.pk])
    page.locator(f"a[href='{reverse('cases:detail', args=[case.pk])}']").first.click()
    expect(page).to_have_url(case_url)
    expect(page.get_by_test_id("case-facts").locator(".case-number")).to_have_text(case.number)
    expect(page.get_by_test_id("due-date")).to_contain_text(due.isoformat())

    assert case.handler == handler
    assert case.applicant_name == VISITOR
    assert case.due_date == due
    inquiry.refresh_from_db()
    notice.refresh_from_db()
    assert inquiry.case == case
    assert inquiry.status == InquiryStatus.CLOSED
    assert notice.case == case
    assert notice.status == NoticeStatus.CLOSED


def test_a_transfer_to_the_absent_handler_who_acknowledges_it(
    page, live_server, official_calendar, make_staff, front_desk, handler
):
    deputy = make_staff(Role.HANDLER, name="周明", rank=5)
    new_url = live_server.url + reverse("inquiries:new")
    page.goto(new_url)
    log_in(page, front_desk.user.username)
    expect(page).to_have_url(new_url)

    # The visitor asked the desk and the deputy chief together: found by pinyin initials.
    expect_chips(page, front_desk)
    fill_intake(page, subject="食品经营许可变更事项咨询")
    search = page.locator("#asked-search")
    search.fill("zm")
    option = page.locator(f"#asked-results [role=option][data-staff-id='{deputy.pk}']")
    expect(option).to_be_visible()
    expect(option).to_contain_text(deputy.name)
    option.click()
    expect_chips(page, front_desk, deputy)
    expect(search).to_have_value("")
    inquiry = save_intake(page)

    # The higher in rank answers for it.
    assert inquiry.first_responder == deputy
    assert list(inquiry.asked.values_list("staff", flat=True)) == [front_desk.pk, deputy.pk]
    expect(page.locator(f"[data-asked='{deputy.pk}'] [data-testid=first-responder]")).to_be_visible()
    expect(page.locator(f"[data-asked='{front_desk.pk}'] [data-testid=first-responder]")).to_have_count(0)

    # The handler of the own section is away: accepted and transferred to him.
    note = "已收取变更申请材料，待经办人审核"
    page.locator("#tab-transfer").click()
    transfer_form = page.locator("form[data-outcome-form=transfer]")
    expect(transfer_form).to_be_visible()
    transfer_form.locator("select[name=transfer_to]").select_option(str(handler.pk))
    transfer_form.locator("textarea[name=note]").fill(note)
    page.get_by_test_id("submit-transfer").click()

    acknowledge_by = add_working_days(timezone.localdate(), default_working_days("TRANSFER_ACKNOWLEDGE_WD"))
    expect(page).to_have_url(live_server.url + reverse("inquiries:detail", args=[inquiry.pk]))
    expect(page.locator(".alert-success")).to_contain_text(acknowledge_by.isoformat())
    expect_inquiry_status(page, InquiryStatus.TRANSFERRED)
    expect(page.get_by_test_id("transfer").locator("[data-acknowledged]")).to_have_attribute(
        "data-acknowledged", "0"
    )
    transfer = Transfer.objects.get(inquiry=inquiry)
    assert transfer.to == handler
    assert transfer.by == front_desk
    assert transfer.note == note
    assert transfer.acknowledge_by == acknowledge_by
    assert transfer.acknowledged_at is None
    log_out(page)

    # The handler finds it in the transfer inbox and takes it over.
    inbox_url = live_server.url + reverse("inquiries:transfers")
    page.goto(inbox_url)
    log_in(page, handler.user.username)
    expect(page).to_have_url(inbox_url)
    waiting = page.get_by_test_id("waiting")
    row = waiting.locator(f"tr[data-transfer='{transfer.pk}']")
    expect(row).to_contain_text(inquiry.number)
    expect(row).to_contain_text(note)
    row.get_by_test_id(f"acknowledge-{transfer.pk}").click()

    expect(page).to_have_url(inbox_url)
    expect(page.locator(".alert-success")).to_contain_text(inquiry.number)
    expect(page.get_by_test_id("waiting").locator(f"tr[data-transfer='{transfer.pk}']")).to_have_count(0)
    expect(page.get_by_test_id("acknowledged").locator(f"tr[data-transfer='{transfer.pk}']")).to_contain_text(
        inquiry.number
    )

    transfer.refresh_from_db()
    inquiry.refresh_from_db()
    assert transfer.acknowledged_at is not None
    # Taken over, not closed: the handler answers for it until they record its outcome.
    assert inquiry.status == InquiryStatus.ACKNOWLEDGED
    assert inquiry.outcome == Outcome.TRANSFER
    assert inquiry.owner == handler
    assert inquiry.closed_at is None


def test_a_referral_to_another_section(page, live_server, official_calendar, front_desk, other_department):
    other_department.public_phone = "0571-8800-2001"
    other_department.room = "二楼 205 室"
    other_department.save(update_fields=["public_phone", "room"])
    new_url = live_server.url + reverse("inquiries:new")
    page.goto(new_url)
    log_in(page, front_desk.user.username)
    expect(page).to_have_url(new_url)

    fill_intake(page, subject="食品安全投诉举报的处理进度")
    inquiry = save_intake(page)
    assert inquiry.department == front_desk.department

    # Another section's matter: the visitor is guided there, and told its phone and room as it is chosen.
    note = "已引导至市场监管科窗口"
    page.locator("#tab-refer").click()
    refer = page.locator("form[data-outcome-form=refer]")
    expect(refer).to_be_visible()
    contact = refer.locator("[data-refer-contact]")
    expect(contact).to_be_hidden()
    refer.locator("select[name=refer_department]").select_option(str(other_department.pk))
    expect(contact).to_be_visible()
    expect(contact.locator("[data-refer-phone]")).to_have_text(other_department.public_phone)
    expect(contact.locator("[data-refer-room]")).to_have_text(other_department.room)
    refer.locator(f"input[name=refer_mode][value={ReferMode.GUIDED}]").check()
    refer.locator("textarea[name=note]").fill(note)
    page.get_by_test_id("submit-refer").click()

    expect(page).to_have_url(live_server.url + reverse("inquiries:detail", args=[inquiry.pk]))
    expect(page.locator(".alert-success")).to_contain_text(other_department.public_phone)
    expect(page.locator(".alert-success")).to_contain_text(other_department.room)
    expect_inquiry_status(page, InquiryStatus.CLOSED)
    expect(page.get_by_test_id("outcome")).to_have_attribute("data-outcome", Outcome.REFER)
    referred = page.get_by_test_id("referred-to")
    expect(referred).to_contain_text(other_department.name)
    expect(referred.get_by_test_id("refer-phone")).to_have_text(other_department.public_phone)
    expect(referred.get_by_test_id("refer-room")).to_have_text(other_department.room)

    inquiry.refresh_from_db()
    assert inquiry.status == InquiryStatus.CLOSED
    assert inquiry.outcome == Outcome.REFER
    assert inquiry.refer_department == other_department
    assert inquiry.refer_mode == ReferMode.GUIDED
    assert inquiry.outcome_note == note
    assert inquiry.outcome_by == front_desk
