"""Chinese line breaking for the PDF (禁则): a line never starts with a
closing mark ("。", "，", "）", "、", "；", "："…) nor ends with an opening
one ("（", "《"…), and a run of Latin letters and digits (a phone number, a
case number, an address) is not cut. ReportLab's own CJK wrap knows only
some of these marks and lets the one it knows hang past the right edge,
over a table's border; here the character before it goes down with it.
"""

from reportlab.platypus.paragraph import Paragraph, ParaLines, cjkU, makeCJKParaLine
from reportlab.rl_config import _FUZZ

NO_LINE_START = "。，、；：？！）》」』】〕〉”’…·％‰℃.,;:?!)]}%"
NO_LINE_END = "（《「『【〔〈“‘([{"
GLUED = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-./:_@*#+")


def may_break(before: str, after: str) -> bool:
    """May a line end between these two characters?"""
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    return not (before in GLUED and after in GLUED)


def _line(chars, max_width, *, line_break=False):
    width = sum(char.width for char in chars)
    return makeCJKParaLine(chars, max_width, width, max_width - width, line_break, False)


def break_lines(frags, max_widths) -> ParaLines:
    """The paragraph's lines: each as full as it may be, ending only where
    may_break allows (or, when no place in the line allows it, where the
    line is full)."""
    chars = [cjkU(text, frag, "utf8") for frag in frags for text in (frag.text or [""])]
    lines = []
    start = position = 0
    used = 0.0
    while position < len(chars):
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        char = chars[position]
        if hasattr(char.frag, "lineBreak"):
            lines.append(_line(chars[start : position + 1], max_width, line_break=True))
            start = position = position + 1
            used = 0.0
            continue
        if used + char.width > max_width + _FUZZ and position > start:
            cut = position
            while cut > start + 1 and not may_break(chars[cut - 1], chars[cut]):
                cut -= 1
            if not may_break(chars[cut - 1], chars[cut]):
                cut = position
            lines.append(_line(chars[start:cut], max_width))
            start = position = cut
            if chars[start] == " ":
                start = position = start + 1
            used = 0.0
            continue
        used += char.width
        position += 1
    if start < len(chars):
        lines.append(_line(chars[start:], max_widths[min(len(lines), len(max_widths) - 1)]))
    return ParaLines(kind=1, lines=lines)


class SheetParagraph(Paragraph):
    """A paragraph of a paper: wrapped by break_lines (its style's wordWrap is "CJK")."""

    def breakLinesCJK(self, maxWidths):
        if not isinstance(maxWidths, (list, tuple)):
            maxWidths = [maxWidths]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara
        if not self.frags:
            return super().breakLinesCJK(maxWidths)
        return break_lines(self.frags, maxWidths)
