"""The papers the bureau hands over (the one-time notice, the case receipt,
the refusal notice to come), laid out once for A4.

An app describes its paper as a ``Sheet`` (plain strings: title, number,
header fields, sections, one table of rows, closing lines, the signature
block) and gets it printed two ways: the browser's print of a page extending
``paper/print.html`` (which shows ``sheet``), and ``sheet_pdf(sheet)``.
Both keep the signature block together with the table's last row and
repeat the table's header on a new page. For instance::

    sheet = Sheet(
        title="不予受理通知书",
        number=refusal.number,
        fields=(("申请人", refusal.applicant_name), ("申办事项", refusal.item_name)),
        sections=(Section(heading="不予受理的理由", text=refusal.reason),),
        closing=("如不服本决定，可依法申请行政复议或者提起行政诉讼。",),
        signature=(("经办人", refusal.staff_name), ("日期", refusal.date)),
    )
    render(request, "refusals/print.html", {"sheet": sheet})  # extends "paper/print.html"
    HttpResponse(sheet_pdf(sheet), content_type="application/pdf")
"""

from core.paper.pdf import sheet_pdf
from core.paper.sheet import Column, Qr, Section, Sheet, Table

__all__ = ["Column", "Qr", "Section", "Sheet", "Table", "sheet_pdf"]
