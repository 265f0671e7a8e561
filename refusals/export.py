"""The refusal register as a spreadsheet (rule 6): each row in the detail the
register keeps, "three copies' worth": the officer's refusal, the applicant,
the chief's opinion."""

import io

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

COLUMNS = (
    (_("Decision number"), lambda r: r.number),
    (_("Section"), lambda r: r.department.name),
    (_("Matter"), lambda r: f"{r.matter_number} {r.matter}"),
    (_("Applicant"), lambda r: r.applicant_name),
    (_("Kind"), lambda r: r.get_kind_display()),
    (_("Facts"), lambda r: r.facts),
    (_("Reason"), lambda r: r.reason),
    (_("Legal basis"), lambda r: r.legal_basis),
    (_("What the applicant would still need"), lambda r: r.cure),
    (_("Officer"), lambda r: r.officer.name),
    (_("Filed at"), lambda r: _moment(r.filed_at)),
    (_("Decided at the window"), lambda r: _("yes") if r.on_the_spot else _("no")),
    (_("Review due"), lambda r: f"{r.review_due:%Y-%m-%d}"),
    (_("Status"), lambda r: r.get_status_display()),
    (_("Chief's opinion"), lambda r: r.opinion),
    (_("Decided by"), lambda r: r.decided_by.name if r.decided_by_id else ""),
    (_("Decided at"), lambda r: _moment(r.decided_at)),
)


def _moment(value) -> str:
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M}" if value else ""


def register_xlsx(refusals) -> bytes:
    """The rows as an .xlsx workbook, every cell text as written: one that
    begins with "=" stays text, never a formula run when the file is opened."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(_("Refusals"))
    sheet.append([str(header) for header, _value in COLUMNS])
    for refusal in refusals:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", str(value(refusal))) for _header, value in COLUMNS])
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.data_type = "s"
    sheet.freeze_panes = "A2"
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 22
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
