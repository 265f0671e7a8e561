"""The CJK font every paper's PDF embeds (a subset of it), so that it shows
and prints the same on any machine and its text can be copied and searched.

The font is ``PDF_FONT`` (a setting or environment variable naming a .ttf
or .ttc) when given; otherwise Noto Sans SC from the ``justmytype-intl-cjk``
package. That one is a variable font whose default instance is Thin, so it
is fixed at Regular weight once with fontTools (about 15 s) and kept under
``DATA_DIR/fonts``; ``manage.py prepare_pdf_font`` does it ahead of time.
"""

import functools
import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR_FONT_FILE = "NotoSansSC-Regular.ttf"
REGULAR_WEIGHT = 400


class FontUnavailable(RuntimeError):
    pass


def bundled_variable_font() -> Path:
    import justmytype_intl_cjk

    return Path(justmytype_intl_cjk.__file__).parent / "fonts" / "ofl" / "notosanssc" / "NotoSansSC[wght].ttf"


def cached_font_path() -> Path:
    return Path(settings.DATA_DIR) / "fonts" / REGULAR_FONT_FILE


def configured_font() -> str:
    return getattr(settings, "PDF_FONT", "") or os.environ.get("PDF_FONT", "")


def prepare_font(*, force: bool = False) -> Path:
    """The bundled font at Regular weight, made once and kept. Written to a
    temporary file and moved into place, so that workers doing it at the
    same time never read half a font."""
    target = cached_font_path()
    if target.is_file() and not force:
        return target
    source = bundled_variable_font()
    if not source.is_file():
        raise FontUnavailable(f"no PDF_FONT is set and the bundled font is missing: {source}")
    from fontTools.ttLib import TTFont as FontToolsFont
    from fontTools.varLib import instancer

    font = instancer.instantiateVariableFont(
        FontToolsFont(source), {"wght": REGULAR_WEIGHT}, updateFontNames=True
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".font-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            font.save(out)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def font_path() -> Path:
    configured = configured_font()
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise FontUnavailable(f"PDF_FONT names no file: {configured}")
        return path
    return prepare_font()


@functools.cache
def _registered(path: str) -> str:
    """The font's name in ReportLab, registered once per process and file."""
    name = f"Sheet-{hashlib.sha256(path.encode()).hexdigest()[:10]}"
    options = {"subfontIndex": 0} if path.lower().endswith(".ttc") else {}
    pdfmetrics.registerFont(TTFont(name, path, **options))
    return name


def sheet_font() -> str:
    """The font's name in ReportLab, ready to use."""
    return _registered(str(font_path()))
