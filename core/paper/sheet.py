"""What a paper says, as plain strings: the one description both the print
page and the PDF are made from."""

from dataclasses import dataclass


def _in_twos(pairs) -> list[tuple]:
    """(label, value) pairs two to a line: [((a, 1), (b, 2)), ((c, 3), None)]."""
    pairs = list(pairs)
    return [(pairs[i], pairs[i + 1] if i + 1 < len(pairs) else None) for i in range(0, len(pairs), 2)]


@dataclass(frozen=True)
class Column:
    label: str
    width: int  # its share of the sheet's width, in per cent


@dataclass(frozen=True)
class Table:
    """The paper's list (materials, documents): a row never splits across
    pages, the header repeats on the next one."""

    heading: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Section:
    """A heading over label-value lines, a paragraph, or both."""

    heading: str = ""
    pairs: tuple[tuple[str, str], ...] = ()
    text: str = ""


@dataclass(frozen=True)
class Qr:
    """A QR code printed after the closing lines, with its caption beside it.
    ``data`` is what it encodes (the PDF draws it from that); ``svg`` is the
    same code drawn for the print page, markup made safe by the app that
    drew it (the core draws no QR codes for the browser)."""

    data: str
    caption: str = ""
    svg: str = ""


@dataclass(frozen=True)
class Sheet:
    """A paper, from the top: the bureau and the title; the figures the
    holder looks for first (highlights, printed large); the header fields,
    two to a line; the sections; the table; the remarks, closing lines and
    QR code, which follow the table's last row; the signature block, two to a line,
    with room to sign. The remarks, closing lines and signature never start
    a page without the table's last row."""

    title: str
    number: str
    bureau: str = ""
    highlights: tuple[tuple[str, str], ...] = ()
    fields: tuple[tuple[str, str], ...] = ()
    sections: tuple[Section, ...] = ()
    table: Table | None = None
    remarks: tuple[Section, ...] = ()
    closing: tuple[str, ...] = ()
    qr: Qr | None = None
    signature: tuple[tuple[str, str], ...] = ()

    @property
    def field_lines(self) -> list[tuple]:
        return _in_twos(self.fields)

    @property
    def signature_lines(self) -> list[tuple]:
        return _in_twos(self.signature)

    @property
    def footer(self) -> str:
        return f"{self.title} {self.number}"
