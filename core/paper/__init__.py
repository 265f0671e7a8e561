"""The papers the bureau hands over (the one-time notice, the case receipt,
the refusal notice to come), laid out once for A4.

An app describes its paper as a ``Sheet`` (plain strings: title, number,
header fields, sections, one table of rows, closing lines, the signature
block) and gets it printed two ways: the browser's print of a page extending
``paper/print.html`` (which shows ``sheet``), and ``sheet_pdf(sheet)``.
Both keep the signature block together with the table's last row and
repeat the table's header on a new page.
"""

from core.paper.pdf import sheet_pdf
from core.paper.sheet import Column, Section, Sheet, Table

__all__ = ["Column", "Section", "Sheet", "Table", "sheet_pdf"]
