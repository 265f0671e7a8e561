"""The ranking tables of a period as a workbook (rule 8): one sheet per level,
sections and staff, with the score, grade, rank and change, and the figures a
reader asks about first. Formatted for reading: a bold header kept in view,
columns wide enough for Chinese names, rates as percentages. No contact
details are in the tables, so none leave the building in the file."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from evaluation.figures import LABELS
from evaluation.score import GRADE_LABELS

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIGURES = (
    "handled",
    "on_time_rate",
    "avg_days",
    "overdue",
    "ratings",
    "active_rate",
    "good_rate",
    "poor",
    "fix_rate",
    "complaints_upheld",
    "warnings",
)
RATE_KEYS = {"on_time_rate", "active_rate", "good_rate", "fix_rate"}


def _text(value) -> str:
    # A name beginning with "=" stays text: the cell is written as a string, never a formula.
    return ILLEGAL_CHARACTERS_RE.sub("", str(value))


def _columns(staff: bool) -> list[tuple[str, str, float]]:
    """(header, kind, width) for each column of a sheet."""
    columns = [(_("Rank"), "rank", 8), (_("Staff member") if staff else _("Section"), "name", 16)]
    if staff:
        columns.append((_("Section"), "department", 16))
    columns += [
        (_("Score"), "score", 10),
        (_("Grade"), "grade", 12),
        (_("Previous rank"), "previous_rank", 12),
        (_("Change in score"), "change", 12),
    ]
    columns += [(str(LABELS[key]), key, 14) for key in FIGURES]
    return columns


def _value(row: dict, kind: str):
    if kind in ("name", "department"):
        return _text(row.get(kind, ""))
    if kind == "grade":
        return str(GRADE_LABELS.get(row["grade"], "")) if row.get("grade") else ""
    if kind in ("rank", "score", "previous_rank", "change"):
        return row.get(kind)
    value = row["figures"].get(kind)
    if kind in RATE_KEYS and value is not None:
        return value / 100
    return value


def _sheet(workbook, title: str, rows: list[dict], *, staff: bool) -> None:
    sheet = workbook.create_sheet(title)
    columns = _columns(staff)
    sheet.append([header for header, _kind, _width in columns])
    for row in rows:
        sheet.append([_value(row, kind) for _header, kind, _width in columns])
    header_fill = PatternFill("solid", fgColor="DDE7F3")
    for index, (_header, kind, width) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        head = sheet.cell(row=1, column=index)
        head.font = Font(bold=True)
        head.fill = header_fill
        head.alignment = Alignment(wrap_text=True, vertical="center")
        for cell in sheet[letter][1:]:
            if kind in ("name", "department", "grade"):
                cell.data_type = "s"
            elif kind in RATE_KEYS:
                cell.number_format = "0.0%"
            elif kind in ("score", "change", "avg_days"):
                cell.number_format = "0.00"
    sheet.freeze_panes = "A2"


def ranking_workbook(period, sections, staff) -> bytes:
    """The period's two ranking tables (evaluation.tables.Table) as .xlsx."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, _("Sections %(period)s") % {"period": period.key}, sections.rows, staff=False)
    _sheet(workbook, _("Staff %(period)s") % {"period": period.key}, staff.rows, staff=True)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
