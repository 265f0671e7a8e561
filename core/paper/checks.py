"""A PDF_FONT that names no file is found at start-up, not by the first visitor's PDF."""

from pathlib import Path

from django.core.checks import Error, register

from core.paper.fonts import configured_font


@register()
def pdf_font_exists(app_configs=None, **kwargs):
    configured = configured_font()
    if configured and not Path(configured).is_file():
        return [
            Error(
                f"PDF_FONT names no file: {configured}",
                hint="Point it at a .ttf or .ttc with Chinese glyphs, or unset it for the bundled font.",
                id="core.E001",
            )
        ]
    return []
