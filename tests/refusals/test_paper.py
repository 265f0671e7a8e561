"""The refusal notice (不予受理/不予许可决定书): its print page and PDF, who may
give it, and that it is given only once confirmed (or decided at the window)."""

import subprocess

import pytest
import time_machine
from constance import config

from audit.models import AuditEvent
from refusals.services import refusal_confirm, refusal_overturn
from tests.refusals.conftest import BASIS, at

pytestmark = pytest.mark.django_db

CONFIRMED_ON = at(2026, 12, 4)
GIVEN_ON = at(2026, 12, 7, 9)
WITHHELD = "待科室负责人确认后方可出具决定书"


@pytest.fixture(autouse=True)
def bureau_settings():
    config.BUREAU_NAME = "某某市市场监督管理局"
    config.RECONSIDERATION_BODIES = "某某市人民政府 或 某某省市场监督管理局"
    config.LITIGATION_COURT = "某某区人民法院"
    config.EFFICIENCY_COMPLAINT_CONTACT = "本局效能监督室（电话 0571-8800-1006）"


@pytest.fixture
def filed(case, file_refusal):
    return file_refusal(case)


@pytest.fixture
def confirmed(filed, chief):
    with time_machine.travel(CONFIRMED_ON, tick=False):
        return refusal_confirm(actor=chief.user, refusal=filed, opinion="依据充分")


@pytest.fixture
def on_monday():
    with time_machine.travel(GIVEN_ON, tick=False):
        yield


def url(refusal, what="print"):
    return f"/refusals/{refusal.pk}/{what}/"


def run(*args) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout


@pytest.fixture
def pdf_file(tmp_path, pdf_font, login, handler, confirmed, on_monday):
    response = login(handler).get(url(confirmed, "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{confirmed.number}.pdf"'
    path = tmp_path / f"{confirmed.number}.pdf"
    path.write_bytes(response.content)
    return path


def test_the_pdf_states_the_decision_its_basis_and_the_remedies(pdf_file, confirmed, handler, chief):
    text = run("pdftotext", str(pdf_file), "-")
    flat = "".join(text.split())  # a sentence may wrap
    assert "不予许可决定书" in flat
    assert "某某市市场监督管理局" in flat
    assert confirmed.number in flat
    assert "王先生" in flat and confirmed.case.number in flat
    assert "经营场所不符合食品安全要求" in flat  # the reason
    assert "申请人经营场所与食品安全要求不符" in flat  # the facts
    assert BASIS in flat
    assert "整改经营场所后重新申请" in flat  # what they may still do
    assert "60日内向某某市人民政府或某某省市场监督管理局申请行政复议" in flat
    assert "6个月内向某某区人民法院提起行政诉讼" in flat
    assert "本局效能监督室（电话0571-8800-1006）" in flat
    assert handler.name in flat and chief.name in flat
    assert "2026年12月7日" in flat  # the day it was given
    assert "13812345678" not in flat


def test_the_pdf_is_one_a4_page(pdf_file):
    info = run("pdfinfo", str(pdf_file))
    assert "595.276 x 841.89 pts (A4)" in info
    assert any(line.split() == ["Pages:", "1"] for line in info.splitlines())


def test_printing_gives_the_notice_once_and_records_it(login, handler, chief, confirmed, on_monday):
    page = login(handler).get(url(confirmed)).content.decode()
    assert "@page { size: A4" in page
    assert "行政复议" in page and "60日" in page and "6个月" in page
    confirmed.refresh_from_db()
    assert confirmed.notice_given_at == GIVEN_ON
    with time_machine.travel(at(2026, 12, 8), tick=False):  # a copy printed the next day
        assert login(chief).get(url(confirmed, "pdf")).status_code == 200
        assert login(handler).get(url(confirmed)).status_code == 200
    confirmed.refresh_from_db()
    assert confirmed.notice_given_at == GIVEN_ON
    events = AuditEvent.objects.filter(verb="refusal.notice_give")
    assert events.count() == 1
    assert events.get().actor == handler.user


def test_the_copy_keeps_the_day_it_was_first_given(login, handler, confirmed, on_monday):
    login(handler).get(url(confirmed))
    with time_machine.travel(at(2026, 12, 9), tick=False):
        page = login(handler).get(url(confirmed)).content.decode()
    assert "2026年12月7日" in page and "2026年12月9日" not in page


def test_not_yet_confirmed_it_is_withheld_with_a_clear_page(login, handler, chief, filed, on_monday):
    for who in (handler, chief):
        for what in ("print", "pdf"):
            response = login(who).get(url(filed, what))
            assert response.status_code == 409
            assert WITHHELD in response.content.decode()
    filed.refresh_from_db()
    assert filed.notice_given_at is None
    assert not AuditEvent.objects.filter(verb="refusal.notice_give").exists()


def test_the_withheld_page_reads_in_english_too(login, handler, filed, on_monday):
    from django.conf import settings

    client = login(handler)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url(filed))
    assert response.status_code == 409
    assert "once the section chief has confirmed the refusal" in response.content.decode()


def test_an_overturned_refusal_has_no_notice(login, handler, chief, filed, on_monday):
    refusal_overturn(actor=chief.user, refusal=filed, opinion="材料补正后可予许可")
    response = login(handler).get(url(filed))
    assert response.status_code == 409
    assert "已撤销，不出具决定书" in response.content.decode()
    filed.refresh_from_db()
    assert filed.notice_given_at is None


def test_anonymous_is_sent_to_login(client, confirmed):
    for what in ("print", "pdf"):
        assert client.get(url(confirmed, what))["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ["handler", "chief", "supervisor"])
def test_the_officer_the_chief_and_supervisors_may_print_it(role, request, login, confirmed, on_monday):
    response = login(request.getfixturevalue(role)).get(url(confirmed))
    assert response.status_code == 200
    assert response.context["sheet"].number == confirmed.number


@pytest.mark.parametrize("role", ["other_chief", "front_desk", "administrator"])
def test_others_get_404_and_give_nothing(role, request, login, confirmed, on_monday):
    client = login(request.getfixturevalue(role))
    assert client.get(url(confirmed)).status_code == 404
    assert client.get(url(confirmed, "pdf")).status_code == 404
    confirmed.refresh_from_db()
    assert confirmed.notice_given_at is None


def test_post_is_not_allowed(login, handler, confirmed):
    client = login(handler)
    assert client.post(url(confirmed)).status_code == 405
    assert client.post(url(confirmed, "pdf")).status_code == 405


def test_the_print_page_reads_few_queries(
    login, handler, confirmed, on_monday, django_assert_max_num_queries
):
    client = login(handler)
    with django_assert_max_num_queries(19):  # giving it writes the refusal and its audit event
        assert client.get(url(confirmed)).status_code == 200
    with django_assert_max_num_queries(14):  # a copy writes nothing
        assert client.get(url(confirmed, "pdf")).status_code == 200


def test_the_paper_stays_chinese_on_an_english_screen(login, handler, confirmed, on_monday):
    from django.conf import settings

    client = login(handler)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url(confirmed)).content.decode()
    assert "The refusal notice for the applicant" in page
    assert "不予许可决定书" in page and "申请人的权利" in page


def test_a_refusal_at_the_window_is_given_at_once_not_accepted(
    login, front_desk, handler, log_inquiry, item, on_monday
):
    """A notice saying it cannot be accepted at all files the refusal and is given
    on the spot: its decision prints before the chief's review."""
    from inquiries.models import InquiryKind
    from notifications.services import notice_issue

    inquiry = log_inquiry(asked=[front_desk], kind=InquiryKind.APPLICATION, service_item=item)
    notice = notice_issue(
        actor=front_desk.user,
        inquiry=inquiry,
        kind="not_acceptable",
        reason="申请事项依法不需要取得行政许可",
        rule="《中华人民共和国行政许可法》第三十二条第一款第（一）项",
    )
    refusal = notice.refusal
    response = login(front_desk).get(url(refusal))
    assert response.status_code == 200
    page = response.content.decode()
    assert "不予受理决定书" in page and inquiry.number in page and "登记编号" in page
    assert "可以补正或者另行申请的事项" not in page  # nothing would cure it
    assert not AuditEvent.objects.filter(verb="refusal.notice_give").exists()  # given with the notice
