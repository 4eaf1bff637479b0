"""Page geometry: PDFium's characters and their boxes -> lines, top to bottom.

Characters come in content order. A line is broken where the next character does not sit on the
same baseline band, or jumps far back to the left; pieces of one line drawn in separate text
objects (a Latin font beside a Chinese one) are put back together. A space PDFium makes up for a
gap is kept between Latin words and between Chinese characters set apart, never between Chinese
and Latin, where office suites leave room for looks (`2022 年` -> `2022年`).

Each `Line` computes its edges and character size once (`seal`): paragraphs, furniture and
tables ask for them many times.
"""

from __future__ import annotations

import ctypes
import statistics
from dataclasses import dataclass, field
from typing import Any

from ..extracted import is_cjk


@dataclass(slots=True)
class Char:
    ch: str
    x0: float
    y0: float
    x1: float
    y1: float
    generated: bool

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


@dataclass
class Line:
    """One text line of a page: its characters left to right, its text, and its box (PDF
    points, y upwards) once sealed."""

    page: int
    chars: list[Char] = field(default_factory=list)
    text: str = ""
    x0: float = 0.0  # left edge of the first visible character
    x1: float = 0.0  # right edge of the last one
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0  # the character size: median width of its Chinese characters

    def seal(self) -> Line:
        """Sort the characters, set the text and the geometry; after this the line is read only."""
        self.chars.sort(key=lambda c: c.x0)
        self.text = line_text(self.chars)
        self._box()
        return self

    def _box(self) -> None:
        ink = [c for c in self.chars if not c.ch.isspace()] or self.chars
        self.x0 = min(c.x0 for c in ink)
        self.x1 = max(c.x1 for c in ink)
        self.top = max(c.y1 for c in self.chars)
        self.bottom = min(c.y0 for c in self.chars)
        widths = [c.x1 - c.x0 for c in ink if is_cjk(c.ch)]
        if widths:
            self.size = statistics.median(widths)
        else:
            self.size = 0.7 * statistics.median(c.y1 - c.y0 for c in self.chars)


def read_chars(pdfium: Any, page: Any) -> list[Char]:
    """The page's characters in content order; a "\\n" Char where PDFium starts a new line."""
    raw = pdfium.raw
    textpage = page.get_textpage()
    try:
        n = textpage.count_chars()
        if n <= 0:
            return []
        text = textpage.get_text_range(0, n)
        if len(text) != n:  # characters outside the BMP: fetch one by one
            text = "".join(chr(raw.FPDFText_GetUnicode(textpage.raw, i)) for i in range(n))
        rect = raw.FS_RECTF()
        ref = ctypes.byref(rect)
        tp = textpage.raw
        is_generated, char_box = raw.FPDFText_IsGenerated, raw.FPDFText_GetLooseCharBox
        out: list[Char] = []
        for i, ch in enumerate(text):
            generated = bool(is_generated(tp, i))
            if ch in "\r\n":
                if generated and out and out[-1].ch != "\n":
                    out.append(Char("\n", 0, 0, 0, 0, True))
                continue
            if ch == "\x00" or ch == "\ufffe":
                continue
            if not char_box(tp, i, ref):
                continue
            out.append(Char(ch, rect.left, rect.bottom, rect.right, rect.top, generated))
        return out
    finally:
        textpage.close()


def build_lines(chars: list[Char], page_no: int) -> list[Line]:
    """Characters in content order -> sealed lines top to bottom."""
    pieces: list[Line] = []
    cur = Line(page_no)
    for c in chars:
        if c.ch == "\n":
            if cur.chars:
                pieces.append(cur)
            cur = Line(page_no)
            continue
        if cur.chars:
            last = cur.chars[-1]
            if overlap(last.y0, last.y1, c.y0, c.y1) < 0.5 or c.x0 < last.x0 - 2 * (
                last.y1 - last.y0
            ):
                pieces.append(cur)
                cur = Line(page_no)
        cur.chars.append(c)
    if cur.chars:
        pieces.append(cur)
    pieces = [p.seal() for p in pieces if any(not c.ch.isspace() for c in p.chars)]
    pieces.sort(key=lambda ln: -ln.top)
    lines: list[Line] = []
    for piece in pieces:
        same = next(
            (
                ln
                for ln in reversed(lines[-3:])
                if overlap(ln.bottom, ln.top, piece.bottom, piece.top) >= 0.5
                and not _overlaps_x(ln, piece)
            ),
            None,
        )
        if same is None:
            lines.append(piece)
        else:
            same.chars.extend(piece.chars)
            same.seal()
    lines.sort(key=lambda ln: (-round(ln.top), ln.x0))
    return [ln for ln in lines if ln.text.strip()]


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """Vertical overlap of two ranges as a share of the shorter one."""
    shorter = min(a1 - a0, b1 - b0)
    if shorter <= 0:
        return 1.0 if a0 <= b0 <= a1 or b0 <= a0 <= b1 else 0.0
    return max(0.0, min(a1, b1) - max(a0, b0)) / shorter


def _overlaps_x(a: Line, b: Line) -> bool:
    """True if a character of `b` sits on top of one of `a` (another line, not a piece)."""
    if min(c.x0 for c in b.chars) >= max(d.x1 for d in a.chars) or min(
        d.x0 for d in a.chars
    ) >= max(c.x1 for c in b.chars):
        return False
    for c in b.chars:
        w = c.x1 - c.x0
        for d in a.chars:
            if min(c.x1, d.x1) - max(c.x0, d.x0) > 0.5 * max(min(w, d.x1 - d.x0), 0.1):
                return True
    return False


def line_text(chars: list[Char]) -> str:
    """A line's characters. A space PDFium made up for a gap is kept between two Latin words or
    numbers (Word 2020) and between two Chinese characters set apart (示范校工程 遴选), never
    between Chinese and Latin, where office suites add space for looks (2022 年 -> 2022年)."""
    parts: list[str] = []
    for i, c in enumerate(chars):
        if c.generated and c.ch == " ":
            if i == 0 or i + 1 == len(chars):
                continue
            a, b = chars[i - 1], chars[i + 1]
            gap = b.x0 - a.x1
            if gap < 0.15 * max(a.y1 - a.y0, 1.0) or is_cjk(a.ch) != is_cjk(b.ch):
                continue
        parts.append(c.ch)
    return "".join(parts)
