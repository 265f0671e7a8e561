"""A one-time notice saying the matter cannot be accepted at all is a refusal
(rule 6): its paper names the applicant's remedies, as the refusal notice does;
a notice of missing materials refuses nothing and names none."""

import subprocess

import pytest
from constance import config

from core.paper import sheet_pdf
from notifications.models import NoticeKind
from notifications.paper import paper_of
from notifications.services import notice_issue

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def bureau_settings():
    config.RECONSIDERATION_BODIES = "某某市人民政府"
    config.LITIGATION_COURT = "某某区人民法院"
    config.EFFICIENCY_COMPLAINT_CONTACT = "本局效能监督室（电话 0571-8800-1006）"


def pdf_text(sheet, tmp_path) -> str:
    path = tmp_path / "notice.pdf"
    path.write_bytes(sheet_pdf(sheet))
    text = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return "".join(text.split())  # a sentence may wrap


def test_a_notice_that_cannot_be_accepted_names_the_remedies(
    tmp_path, pdf_font, inquiry, food_item, front_desk
):
    notice = notice_issue(
        actor=front_desk.user,
        service_item=food_item,
        inquiry=inquiry,
        kind=NoticeKind.NOT_ACCEPTABLE,
        reason="经营场所位于居民住宅楼内，不符合许可条件",
        rule="《食品经营许可和备案管理办法》第十条",
    )
    text = pdf_text(paper_of(notice), tmp_path)
    assert "申请人的权利" in text
    assert "60日内向某某市人民政府申请行政复议" in text
    assert "6个月内向某某区人民法院提起行政诉讼" in text
    assert "本局效能监督室（电话0571-8800-1006）" in text


def test_the_print_page_shows_them_too(login, handler, inquiry, food_item, front_desk):
    notice = notice_issue(
        actor=front_desk.user,
        service_item=food_item,
        inquiry=inquiry,
        kind=NoticeKind.NOT_ACCEPTABLE,
        reason="申请事项依法不需要取得行政许可",
        rule="《中华人民共和国行政许可法》第十二条",
    )
    page = login(front_desk).get(f"/notices/{notice.pk}/print/").content.decode()
    assert "行政复议" in page and "某某区人民法院" in page


def test_a_notice_of_missing_materials_names_no_remedies(notice):
    sheet = paper_of(notice)
    assert "行政复议" not in str(sheet)
    assert "申请人的权利" not in str(sheet)
