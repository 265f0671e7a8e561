"""The font the PDF embeds: PDF_FONT when set, else the bundled Noto Sans SC fixed at Regular."""

import shutil
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from core.paper import fonts, sheet_pdf


def test_the_bundled_font_is_made_at_regular_weight_under_data_dir(pdf_font, settings, monkeypatch):
    monkeypatch.delenv("PDF_FONT", raising=False)
    assert fonts.font_path() == settings.DATA_DIR / "fonts" / "NotoSansSC-Regular.ttf"
    from fontTools.ttLib import TTFont

    font = TTFont(fonts.cached_font_path(), lazy=True)
    assert "fvar" not in font  # no longer variable: its default instance would be Thin
    assert font["OS/2"].usWeightClass == 400
    assert font["name"].getDebugName(6) == "NotoSansSC-Regular"


def test_the_command_keeps_a_font_made_already(pdf_font, monkeypatch):
    monkeypatch.delenv("PDF_FONT", raising=False)
    before = fonts.cached_font_path().stat().st_mtime_ns
    out = StringIO()
    call_command("prepare_pdf_font", stdout=out)
    assert str(fonts.cached_font_path()) in out.getvalue()
    assert fonts.cached_font_path().stat().st_mtime_ns == before


def test_pdf_font_names_the_font_to_embed(pdf_font, tmp_path, settings, notice):
    from notifications.paper import paper_of

    own = tmp_path / "bureau-font.ttf"
    shutil.copy(pdf_font, own)
    settings.PDF_FONT = str(own)
    assert fonts.font_path() == own
    out = StringIO()
    call_command("prepare_pdf_font", stdout=out)
    assert str(own) in out.getvalue()
    assert notice_pdf_is_readable(sheet_pdf(paper_of(notice)), tmp_path)


def notice_pdf_is_readable(content: bytes, tmp_path) -> bool:
    import subprocess

    path = tmp_path / "own.pdf"
    path.write_bytes(content)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return "一次性告知单" in text


def test_a_pdf_font_that_is_not_there_is_an_error(settings, tmp_path):
    settings.PDF_FONT = str(tmp_path / "missing.ttf")
    with pytest.raises(fonts.FontUnavailable):
        fonts.font_path()
    with pytest.raises(CommandError):
        call_command("prepare_pdf_font", stdout=StringIO())
