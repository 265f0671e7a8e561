"""core.paper's PDF: wherever a long table breaks, the signature block ends
on the last page with the table's last row and the table's header above
it; and no line of Chinese starts with a closing mark."""

import re
import subprocess

import pytest

from core.paper import Column, Section, Sheet, Table, sheet_pdf
from core.paper.linebreak import may_break

COLUMNS = (Column("序号", 8), Column("材料名称", 52), Column("备注", 40))
SIGNATURE = (("告知人", "王晓燕"), ("告知日期", "2026年12月2日"), ("服务对象签收", ""), ("签收日期", ""))


def run(*args) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout


def sheet(rows, *, closing=("以上为本事项需补齐的全部材料，本单一次性告知。",)) -> Sheet:
    return Sheet(
        title="一次性告知单",
        number="GZ202612020001",
        bureau="示范市市场监督管理局",
        fields=(("服务对象", "杭州鲜味坊餐饮管理有限公司"), ("联系电话", "138****9905")),
        sections=(Section(heading="办事指南", pairs=(("办理时限", "承诺时限 10 个工作日"),)),),
        table=Table(heading="尚需补齐以下材料：", columns=COLUMNS, rows=tuple(rows)),
        remarks=(Section(heading="其他告知事项", text="经营场所须经现场核查。"),),
        closing=closing,
        signature=SIGNATURE,
    )


def pages_of(content: bytes, tmp_path) -> list[str]:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(content)
    count = int(re.search(r"Pages:\s+(\d+)", run("pdfinfo", str(path))).group(1))
    return [
        "".join(run("pdftotext", "-f", str(n), "-l", str(n), str(path), "-").split())
        for n in range(1, count + 1)
    ]


def row(index: int) -> tuple[str, str, str]:
    # Rows of one, two and three lines, so the page breaks fall in every way.
    notes = "须经营者签字或盖章，" * (index % 3 * 2)
    return (str(index), f"材料第{index}项", notes)


@pytest.mark.parametrize("count", range(30, 58, 3))
def test_the_signature_never_opens_a_page_without_the_last_row(count, pdf_font, tmp_path):
    pages = pages_of(sheet_pdf(sheet([row(index) for index in range(1, count + 1)])), tmp_path)
    assert len(pages) >= 2
    *earlier, last = pages
    assert "服务对象签收" in last and f"材料第{count}项" in last
    assert "其他告知事项" in last
    assert "材料名称" in last  # the header again above the rows on the page
    assert not any("服务对象签收" in page for page in earlier)
    for index in range(1, count + 1):
        assert sum(f"材料第{index}项" in page for page in pages) == 1


def test_a_table_of_one_row_stays_with_its_header_and_the_signature(pdf_font, tmp_path):
    pages = pages_of(sheet_pdf(sheet([row(1)])), tmp_path)
    assert len(pages) == 1
    assert "材料名称" in pages[0] and "材料第1项" in pages[0] and "服务对象签收" in pages[0]


def words(content: bytes, tmp_path) -> list[str]:
    """Each run of text the PDF draws on one line of one cell or paragraph."""
    path = tmp_path / "words.pdf"
    path.write_bytes(content)
    return re.findall(r"<word [^>]*>([^<]*)</word>", run("pdftotext", "-bbox", str(path), "-"))


CLOSING_MARKS = "。，、；：？！）》」"
# Each closing mark after 3 to 40 characters: wherever the column or the
# line ends, one of them would put the mark first on a line. ReportLab's own
# CJK wrap lets "，", "；" and "：" start one.
ENGINEERED = [("甲" * length) + mark + "乙乙" for mark in "），；：" for length in range(3, 41)]
ENGINEERED_FULL_STOP = "".join(("丙" * length) + "。" for length in range(20, 60, 3))


def test_no_line_starts_with_a_closing_mark(pdf_font, tmp_path):
    rows = [(str(index), name, "备注") for index, name in enumerate(ENGINEERED, 1)]
    content = sheet_pdf(sheet(rows, closing=(ENGINEERED_FULL_STOP,)))
    runs = words(content, tmp_path)
    assert not [text for text in runs if text[0] in CLOSING_MARKS]
    # The marks did fall at a line's end: the character before went down with them.
    for mark in "），；：":
        assert any(text.startswith(f"甲{mark}") for text in runs), mark
    assert any(text.startswith("丙。") for text in runs)


def test_a_phone_or_case_number_is_not_cut():
    assert not may_break("1", "-") and not may_break("-", "8") and not may_break("G", "Z")
    assert may_break("话", "0") and may_break("甲", "乙")
    assert not may_break("（", "甲") and not may_break("甲", "，")
