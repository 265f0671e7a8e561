"""The notice's PDF on A4 sheets: an ordinary notice on one, a long one
breaking between materials with the header repeated and the signature
block kept with the last material."""

import subprocess

import pytest

from core.paper import sheet_pdf
from notifications.paper import LABELS, paper_of
from tests.papers import VISITOR, demo_like_notice


@pytest.fixture
def bureau_name():
    from constance import config

    config.BUREAU_NAME = "示范市市场监督管理局"


def run(*args) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout


def page_count(path) -> int:
    info = run("pdfinfo", str(path))
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def page_text(path, number: int) -> str:
    """The page's text with the line breaks gone, so a wrapped name still reads whole."""
    return "".join(run("pdftotext", "-f", str(number), "-l", str(number), str(path), "-").split())


def notice_file(notice, tmp_path):
    path = tmp_path / f"{notice.number}.pdf"
    path.write_bytes(sheet_pdf(paper_of(notice)))
    return path


def test_the_demo_notice_with_ten_missing_materials_is_one_page(
    official_calendar, front_desk, bureau_name, pdf_font, tmp_path
):
    notice = demo_like_notice(front_desk, missing=10)
    path = notice_file(notice, tmp_path)
    assert page_count(path) == 1
    text = page_text(path, 1)
    assert VISITOR in text
    assert all(row.name.replace(" ", "") in text for row in notice.materials.all())
    for label in ("issuer", "section_phone", "receipt", "receipt_date"):
        assert LABELS[label] in text


def test_a_notice_with_thirty_keeps_its_signature_with_a_material_on_the_last_page(
    official_calendar, front_desk, bureau_name, pdf_font, tmp_path
):
    notice = demo_like_notice(front_desk, missing=30)
    path = notice_file(notice, tmp_path)
    pages = page_count(path)
    assert pages >= 2
    names = [row.name.replace(" ", "") for row in notice.materials.all()]
    last = page_text(path, pages)
    assert LABELS["receipt"] in last and LABELS["issuer"] in last
    assert names[-1] in last
    for number in range(1, pages):
        assert LABELS["receipt"] not in page_text(path, number)
    for number in range(2, pages + 1):
        assert LABELS["material"] in page_text(path, number), f"no table header on page {number}"
    # Every material is printed, each once, none cut in two across pages.
    everything = [page_text(path, number) for number in range(1, pages + 1)]
    for name in names:
        assert sum(name in text for text in everything) == 1, name
