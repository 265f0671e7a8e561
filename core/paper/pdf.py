"""A Sheet as a PDF on A4, in the embedded CJK font.

The table splits between rows only and repeats its header row on each new
page. Its last row goes in one block with the remarks, the closing lines
and the signature block, so the signature never opens a page alone; when
that block moves to a new page, the header row comes again above it.
"""

import io
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from core.paper.fonts import sheet_font
from core.paper.linebreak import SheetParagraph
from core.paper.sheet import Qr, Section, Sheet

MARGIN = 15 * mm
MARGIN_VERTICAL = 12 * mm
LABEL_WIDTH = 25 * mm
# Room for a heading, a table's header and a first row before a new page is better.
HEADING_ROOM = 24 * mm
QR_SIZE = 24 * mm


class _Styles:
    def __init__(self, font: str):
        base = {"fontName": font, "wordWrap": "CJK", "textColor": colors.black}
        self.body = ParagraphStyle("body", fontSize=9.5, leading=13.5, **base)
        self.cell = ParagraphStyle("cell", fontSize=8.5, leading=11.5, **base)
        self.bureau = ParagraphStyle("bureau", fontSize=11, leading=14, alignment=TA_CENTER, **base)
        self.title = ParagraphStyle(
            "title", fontSize=17, leading=22, alignment=TA_CENTER, spaceAfter=1.5 * mm, **base
        )
        self.highlight = ParagraphStyle("highlight", fontSize=15, leading=20, **base)
        self.heading = ParagraphStyle("heading", fontSize=10, leading=14, spaceBefore=4, spaceAfter=2, **base)
        self.sign = ParagraphStyle("sign", fontSize=9.5, leading=13.5, **base)


def _text(value) -> str:
    """Plain text for a Paragraph, which reads markup: escaped, line breaks kept."""
    return escape(str(value).strip()).replace("\n", "<br/>")


class _RepeatedHeader(Flowable):
    """The table's header row again, drawn only where it opens a page: above
    the last row when that row moves to a new page with the signature."""

    def __init__(self, header: Table):
        super().__init__()
        self._header = header
        self._shown = False

    def wrap(self, available_width, available_height):
        frame = getattr(self, "_frame", None)
        self._shown = bool(frame is not None and frame._atTop)
        if not self._shown:
            return 0, 0
        self.width, self.height = self._header.wrap(available_width, available_height)
        return self.width, self.height

    def draw(self):
        if self._shown:
            self._header.drawOn(self.canv, 0, 0)


class _Builder:
    def __init__(self, sheet: Sheet, font: str, width: float):
        self.sheet = sheet
        self.font = font
        self.width = width
        self.styles = _Styles(font)

    def p(self, value, style=None):
        return SheetParagraph(_text(value), style or self.styles.cell)

    def grid(self, rows, widths, *, header=False, repeat=0) -> Table:
        table = Table(rows, colWidths=widths, repeatRows=repeat)
        commands = [
            ("FONTNAME", (0, 0), (-1, -1), self.font),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ]
        if header:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")))
        table.setStyle(TableStyle(commands))
        return table

    def pairs(self, pairs) -> Table:
        rows = [[self.p(label), self.p(value or "—")] for label, value in pairs]
        return self.grid(rows, [LABEL_WIDTH, self.width - LABEL_WIDTH])

    def fields(self) -> Table:
        rows = []
        for first, second in self.sheet.field_lines:
            row = [self.p(first[0]), self.p(first[1] or "—")]
            rows.append(row + ([self.p(second[0]), self.p(second[1] or "—")] if second else ["", ""]))
        half = self.width / 2
        table = self.grid(rows, [LABEL_WIDTH, half - LABEL_WIDTH, LABEL_WIDTH, half - LABEL_WIDTH])
        if self.sheet.field_lines[-1][1] is None:  # a last field alone takes the whole line
            table.setStyle(TableStyle([("SPAN", (1, -1), (3, -1))]))
        return table

    def section(self, section: Section, *, kept=False) -> list:
        """The section; one kept with what comes before it has no page break of its own."""
        flowables = []
        if section.heading:
            flowables += [] if kept else [CondPageBreak(HEADING_ROOM)]
            flowables.append(self.p(section.heading, self.styles.heading))
        if section.pairs:
            flowables.append(self.pairs(section.pairs))
        if section.text:
            flowables.append(self.p(section.text, self.styles.body))
        return flowables

    def head(self) -> list:
        s = self.styles
        flowables = [self.p(self.sheet.bureau, s.bureau)] if self.sheet.bureau else []
        flowables.append(self.p(self.sheet.title, s.title))
        if self.sheet.highlights:
            cells = [self.p(f"{label}：{value}", s.highlight) for label, value in self.sheet.highlights]
            line = Table([cells], colWidths=[self.width / len(cells)] * len(cells))
            line.setStyle(
                TableStyle(
                    [
                        ("FONTNAME", (0, 0), (-1, -1), self.font),
                        ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                    ]
                )
            )
            flowables.append(line)
        if self.sheet.fields:
            flowables.append(self.fields())
        return flowables

    def signature(self) -> list:
        def cell(pair):
            return self.p(f"{pair[0]}：{pair[1]}", self.styles.sign) if pair else ""

        rows = [[cell(first), cell(second)] for first, second in self.sheet.signature_lines]
        if not rows:
            return []
        table = Table(rows, colWidths=[self.width / 2] * 2)
        table.setStyle(
            TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), self.font),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
                ]
            )
        )
        return [Spacer(1, 3 * mm), table]

    def qr(self, qr: Qr) -> list:
        """The QR code, drawn by reportlab from its data (no image), its caption beside it."""
        widget = QrCodeWidget(qr.data, barLevel="M")
        left, bottom, right, top = widget.getBounds()
        code = Drawing(
            QR_SIZE, QR_SIZE, transform=[QR_SIZE / (right - left), 0, 0, QR_SIZE / (top - bottom), 0, 0]
        )
        code.add(widget)
        line = Table(
            [[code, self.p(qr.caption, self.styles.body)]],
            colWidths=[QR_SIZE + 3 * mm, self.width - QR_SIZE - 3 * mm],
        )
        line.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [Spacer(1, 2 * mm), line]

    def tail(self) -> list:
        """What follows the table's last row and must not start a page without it."""
        flowables = []
        for section in self.sheet.remarks:
            flowables += self.section(section, kept=True)
        if self.sheet.closing:
            flowables.append(Spacer(1, 2 * mm))
            flowables += [self.p(line, self.styles.body) for line in self.sheet.closing]
        if self.sheet.qr is not None:
            flowables += self.qr(self.sheet.qr)
        return flowables + self.signature()

    def table(self) -> tuple[list, list]:
        """The table up to its last row, and its last row (with the header
        when it is to come again on a new page)."""
        table = self.sheet.table
        widths = [self.width * column.width / 100 for column in table.columns]
        header = [self.p(column.label) for column in table.columns]
        rows = [[self.p(value or "—") for value in row] for row in table.rows]
        intro = (
            [CondPageBreak(HEADING_ROOM), self.p(table.heading, self.styles.heading)] if table.heading else []
        )
        if len(rows) < 2:
            return intro, [self.grid([header, *rows], widths, header=True)]
        body = self.grid([header, *rows[:-1]], widths, header=True, repeat=1)
        repeated = _RepeatedHeader(self.grid([header], widths, header=True))
        return [*intro, body], [repeated, self.grid([rows[-1]], widths)]

    def story(self) -> list:
        story = self.head()
        for section in self.sheet.sections:
            story += self.section(section)
        before, last = self.table() if self.sheet.table else ([], [])
        return [*story, *before, KeepTogether([*last, *self.tail()])]


def _page_counting_canvas(sheet: Sheet, font: str):
    """A canvas that writes "第 n 页，共 N 页" at each page's foot once it knows N."""

    class PageCountingCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, page in enumerate(self._pages, 1):
                self.__dict__.update(page)
                self.setFont(font, 8.5)
                self.drawCentredString(A4[0] / 2, 6 * mm, f"{sheet.footer} · 第 {number} 页，共 {total} 页")
                super().showPage()
            super().save()

    return PageCountingCanvas


def sheet_pdf(sheet: Sheet, *, author: str = "", subject: str = "") -> bytes:
    """The sheet on A4 pages."""
    font = sheet_font()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN_VERTICAL,
        bottomMargin=MARGIN_VERTICAL,
        title=sheet.footer,
        author=author or sheet.bureau,
        subject=subject,
        creator=sheet.bureau or sheet.title,
        initialFontName=font,
        initialFontSize=10,
    )
    # The page's frame keeps 6 pt of padding on each side inside the margins.
    doc.build(_Builder(sheet, font, doc.width - 12).story(), canvasmaker=_page_counting_canvas(sheet, font))
    return buffer.getvalue()
