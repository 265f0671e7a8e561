import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError


def test_a_pdf_font_that_names_no_file_stops_start_up(settings, tmp_path):
    settings.PDF_FONT = str(tmp_path / "missing.ttf")
    with pytest.raises(SystemCheckError, match="PDF_FONT names no file"):
        call_command("check")


def test_a_pdf_font_that_exists_passes(settings, tmp_path):
    font = tmp_path / "font.ttf"
    font.write_bytes(b"not checked here")
    settings.PDF_FONT = str(font)
    call_command("check")
