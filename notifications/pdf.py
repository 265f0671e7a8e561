"""The one-time notice as a PDF, with a CJK font embedded (a subset of it),
so that it shows and prints the same on any machine and its text can be
copied and searched.

The font is ``PDF_FONT`` (a setting or environment variable naming a .ttf
or .ttc) when given; otherwise Noto Sans SC from the ``justmytype-intl-cjk``
package. That one is a variable font whose default instance is Thin, so it
is fixed at Regular weight once with fontTools (about 15 s) and kept under
``DATA_DIR/fonts``; ``manage.py prepare_pdf_font`` does it ahead of time.
"""

import functools
import hashlib
import io
import os
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from django.conf import settings
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from notifications.paper import Paper

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
def _registered_font(path: str) -> str:
    """The font's name in ReportLab, registered once per process and file."""
    name = f"Notice-{hashlib.sha256(path.encode()).hexdigest()[:10]}"
    options = {"subfontIndex": 0} if path.lower().endswith(".ttc") else {}
    pdfmetrics.registerFont(TTFont(name, path, **options))
    return name


def _text(value: str) -> str:
    """Plain text for a Paragraph, which reads markup: escaped, line breaks kept."""
    return escape(value.strip()).replace("\n", "<br/>")


class _Styles:
    def __init__(self, font: str):
        base = {"fontName": font, "wordWrap": "CJK", "textColor": colors.black}
        self.body = ParagraphStyle("body", fontSize=10.5, leading=15.5, **base)
        self.small = ParagraphStyle("small", fontSize=9, leading=13, **base)
        self.cell = ParagraphStyle("cell", fontSize=9.5, leading=13.5, **base)
        self.label = ParagraphStyle("label", fontSize=9.5, leading=13.5, **base)
        self.bureau = ParagraphStyle("bureau", fontSize=12, leading=16, alignment=TA_CENTER, **base)
        self.title = ParagraphStyle("title", fontSize=20, leading=28, alignment=TA_CENTER, **base)
        self.heading = ParagraphStyle(
            "heading", fontSize=11.5, leading=17, spaceBefore=8, spaceAfter=3, **base
        )


def _grid(rows, widths, font, *, header=False) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")))
    table.setStyle(TableStyle(commands))
    return table


def _story(paper: Paper, font: str, width: float) -> list:
    s = _Styles(font)
    labels = paper.labels

    def p(value, style=s.cell):
        return Paragraph(_text(str(value)), style)

    story = []
    if paper.bureau:
        story.append(p(paper.bureau, s.bureau))
    story.append(p(paper.title, s.title))
    story.append(Spacer(1, 2 * mm))
    facts = [
        [p(labels["number"]), p(paper.number), p(labels["date"]), p(paper.date)],
        [p(labels["visitor"]), p(paper.visitor or "—"), p(labels["phone"]), p(paper.phone or "—")],
        [p(labels["item"]), p(paper.item), p(labels["item_code"]), p(paper.item_code)],
    ]
    story.append(_grid(facts, [24 * mm, width / 2 - 24 * mm, 24 * mm, width / 2 - 24 * mm], font))

    if paper.not_acceptable:
        story.append(p(labels["not_acceptable_intro"], s.heading))
        rows = [[p(labels["reason"]), p(paper.reason)], [p(labels["rule"]), p(paper.rule)]]
        story.append(_grid(rows, [30 * mm, width - 30 * mm], font))
    else:
        story.append(p(labels["missing_intro"], s.heading))
        header = [
            p(labels[key])
            for key in ("order", "material", "form", "copies", "material_source", "notes", "status")
        ]
        rows = [header] + [
            [
                p(m.order),
                p(m.name),
                p(m.form),
                p(m.copies),
                p(m.source or "—"),
                p(m.notes or "—"),
                p(m.status),
            ]
            for m in paper.missing
        ]
        widths = [10 * mm, 44 * mm, 18 * mm, 10 * mm, 32 * mm, 28 * mm]
        widths.append(width - sum(widths))
        story.append(_grid(rows, widths, font, header=True))
        if paper.brought:
            story.append(Spacer(1, 2 * mm))
            story.append(p(f"{labels['brought']}：{'、'.join(paper.brought)}", s.small))
    if paper.note:
        story.append(p(labels["note"], s.heading))
        story.append(p(paper.note, s.body))

    story.append(p(labels["guide"], s.heading))
    guide = [[p(label), p(text)] for label, text in paper.guide]
    story.append(_grid(guide, [24 * mm, width - 24 * mm], font))

    story.append(Spacer(1, 4 * mm))
    story.extend(p(line, s.body) for line in paper.closing)
    story.append(Spacer(1, 6 * mm))
    signature = [
        [
            p(f"{labels['issuer']}：{paper.issuer}", s.body),
            p(f"{labels['section']}：{paper.section}", s.body),
        ],
        [
            p(f"{labels['section_phone']}：{paper.section_phone or '—'}", s.body),
            p(f"{labels['date']}：{paper.date}", s.body),
        ],
        [
            p(f"{labels['receipt']}：", s.body),
            p(f"{labels['receipt_date']}：", s.body),
        ],
    ]
    table = Table(signature, colWidths=[width / 2, width / 2])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), font),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    story.append(KeepTogether(table))
    return story


def notice_pdf(paper: Paper) -> bytes:
    """The notice on A4 pages."""
    font = _registered_font(str(font_path()))
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=f"{paper.title} {paper.number}",
        author=paper.bureau,
        subject=paper.item,
        creator=paper.bureau or paper.title,
        initialFontName=font,
        initialFontSize=10.5,
    )

    def footer(canvas, document):
        canvas.saveState()
        canvas.setFont(font, 8.5)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"{paper.title} {paper.number} · 第 {document.page} 页")
        canvas.restoreState()

    # The page's frame keeps 6 pt of padding on each side inside the margins.
    doc.build(_story(paper, font, doc.width - 12), onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
