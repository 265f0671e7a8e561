"""The notice as a PDF: A4, the CJK font embedded, the text extractable, and
the Chinese visible once it is turned into an image."""

import re
import subprocess

import pytest
from PIL import Image

from core.paper import sheet_pdf
from notifications.models import NoticeKind
from notifications.paper import paper_of
from notifications.services import notice_issue
from tests.factories import catalogue_keeper


@pytest.fixture
def bureau_name():
    from constance import config

    config.BUREAU_NAME = "某某市市场监督管理局"


@pytest.fixture
def notice_pdf_file(tmp_path, pdf_font, notice, bureau_name):
    path = tmp_path / f"{notice.number}.pdf"
    path.write_bytes(sheet_pdf(paper_of(notice)))
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


def title_cells(pdf_path, tmp_path, dpi=144) -> list[int]:
    """The dark pixels of each character of the title 一次性告知单, the page
    turned into an image and the title cut into its six equal cells (where
    the text layer says the title is)."""
    layout = run("pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf_path), "-")
    found = re.search(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">一次性告知单</word>', layout
    )
    assert found, "the title is not in the PDF's text"
    run("pdftoppm", "-png", "-r", str(dpi), "-f", "1", "-l", "1", str(pdf_path), str(tmp_path / "title"))
    image = Image.open(next(tmp_path.glob("title*.png"))).convert("L")
    x0, y0, x1, y1 = (float(value) * dpi / 72 for value in found.groups())
    width = (x1 - x0) / 6
    cells = [
        image.crop((round(x0 + i * width), round(y0), round(x0 + (i + 1) * width), round(y1)))
        for i in range(6)
    ]
    return [sum(cell.histogram()[:128]) for cell in cells]


def each_has_its_own_glyph(cells: list[int]) -> bool:
    """一 is one stroke, 次性告知单 have many. A font without these glyphs
    draws the same box (or nothing) for each, and every cell holds the same ink."""
    one, *others = cells
    return one > 0 and all(one * 2.5 < other for other in others) and len(set(others)) > 1


def test_turned_into_an_image_each_chinese_character_has_its_own_glyph(notice_pdf_file, tmp_path):
    cells = title_cells(notice_pdf_file, tmp_path)
    assert each_has_its_own_glyph(cells), cells


def test_the_glyph_check_tells_boxes_from_characters(notice, pdf_font, settings, tmp_path):
    """The check above fails on a PDF whose text layer is right but whose
    Chinese is drawn as boxes: the bundled font with every CJK character
    mapped to the glyph of □."""
    from fontTools.ttLib import TTFont

    font = TTFont(pdf_font)
    box = font.getBestCmap().get(0x25A1, ".notdef")
    for table in font["cmap"].tables:
        if table.isUnicode():
            table.cmap.update({code: box for code in table.cmap if 0x4E00 <= code <= 0x9FFF})
    # A name of its own: ReportLab keeps what it read of a font by its PostScript
    # name, and the real font may have been read already in this process.
    font["name"].setName("NoticeBoxes-Regular", 6, 3, 1, 0x409)
    boxes = tmp_path / "boxes.ttf"
    font.save(boxes)
    settings.PDF_FONT = str(boxes)
    path = tmp_path / "boxes.pdf"
    path.write_bytes(sheet_pdf(paper_of(notice)))
    assert "一次性告知单" in run("pdftotext", str(path), "-")  # the text alone cannot tell
    cells = title_cells(path, tmp_path)
    assert not each_has_its_own_glyph(cells), cells


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
    path.write_bytes(sheet_pdf(paper_of(notice)))
    text = run("pdftotext", str(path), "-")
    assert "不予受理的理由" in text
    assert "经营场所位于居民住宅楼内" in text
    assert "《食品经营许可和备案管理办法》第十条" in text
    assert "尚需补齐以下材料" not in text


def test_an_on_the_spot_item_says_so(tmp_path, pdf_font, log_inquiry, front_desk, department, issue):
    from commitments.services import MaterialSpec, service_item_create
    from inquiries.models import InquiryKind

    item = service_item_create(
        actor=catalogue_keeper(),
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
    path.write_bytes(sheet_pdf(paper_of(notice)))
    text = run("pdftotext", str(path), "-")
    assert "当场办结" in text
    assert "不收费" in text
