"""The notice as a PDF: A4, the CJK font embedded, the text extractable, and
the Chinese visible once it is turned into an image."""

import subprocess

import pytest
from PIL import Image

from notifications.models import NoticeKind
from notifications.paper import paper_of
from notifications.pdf import notice_pdf
from notifications.services import notice_issue


@pytest.fixture
def bureau_name():
    from constance import config

    config.BUREAU_NAME = "某某市市场监督管理局"


@pytest.fixture
def notice_pdf_file(tmp_path, pdf_font, notice, bureau_name):
    path = tmp_path / f"{notice.number}.pdf"
    path.write_bytes(notice_pdf(paper_of(notice)))
    return path


def run(*args) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout


def test_the_font_is_embedded(notice_pdf_file):
    lines = run("pdffonts", str(notice_pdf_file)).splitlines()[2:]
    assert lines, "no font in the PDF"
    for line in lines:
        emb = line.split()[-5]
        assert emb == "yes", line
    assert any("NotoSansSC-Regular" in line for line in lines)


def test_the_text_is_extractable(notice_pdf_file, notice):
    text = run("pdftotext", "-layout", str(notice_pdf_file), "-")
    assert "一次性告知单" in text
    assert "某某市市场监督管理局" in text
    assert notice.number in text
    assert "营业执照" in text and "经营场所平面布局图" in text
    assert "《中华人民共和国食品安全法》第三十五条" in text
    assert "承诺时限 10 个工作日" in text
    assert "138****5678" in text and "13812345678" not in text
    assert "0571-8800-1002" in text
    # A sentence may wrap: compare without the line breaks.
    assert "不会要求您提供本告知单未列明的其他材料" in "".join(text.split())


def test_it_is_a4(notice_pdf_file):
    info = run("pdfinfo", str(notice_pdf_file))
    assert "595.276 x 841.89 pts (A4)" in info


def test_turned_into_an_image_the_chinese_text_shows(notice_pdf_file, tmp_path):
    run("pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(notice_pdf_file), str(tmp_path / "page"))
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    width, height = image.size
    assert (width, height) == (414, 585)  # A4 at 50 dpi
    # The title block, centred at the top of the page: the bureau's name and 一次性告知单.
    title = image.crop((width // 4, int(height * 0.03), width * 3 // 4, int(height * 0.12)))
    dark = sum(title.histogram()[:128])
    assert dark > 300, dark
    # The whole page holds the notice's text, not a few boxes of missing glyphs.
    page_dark = sum(image.histogram()[:128])
    assert page_dark > 5000, page_dark


def test_a_notice_that_cannot_be_accepted_prints_the_reason_and_the_rule(
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
    path = tmp_path / "refused.pdf"
    path.write_bytes(notice_pdf(paper_of(notice)))
    text = run("pdftotext", str(path), "-")
    assert "不予受理的理由" in text
    assert "经营场所位于居民住宅楼内" in text
    assert "《食品经营许可和备案管理办法》第十条" in text
    assert "尚需补齐以下材料" not in text


def test_an_on_the_spot_item_says_so(tmp_path, pdf_font, log_inquiry, front_desk, department, issue):
    from commitments.services import MaterialSpec, service_item_create
    from inquiries.models import InquiryKind

    item = service_item_create(
        actor=None,
        code="XK-006",
        department=department,
        content={
            "name": "食品经营许可（注销）",
            "basis": "《食品经营许可和备案管理办法》",
            "committed_days": 0,
        },
        materials=[MaterialSpec("注销申请书"), MaterialSpec("原许可证正副本")],
    )
    inquiry = log_inquiry(asked=[front_desk], kind=InquiryKind.APPLICATION, service_item=item)
    notice = issue(inquiry=inquiry, item=item, brought=["注销申请书"])
    path = tmp_path / "spot.pdf"
    path.write_bytes(notice_pdf(paper_of(notice)))
    text = run("pdftotext", str(path), "-")
    assert "当场办结" in text
    assert "不收费" in text
