"""Hard line wraps of PDF-extracted text: is the document wrapped at a fixed width, and does a
line run on into the next one?

Text copied out of a PDF breaks every line at the page width (about 26 Chinese characters), so a
line that fills the width continues in the next line whatever that line starts with (`2.69 万亿元…`,
`1、3所…`). Web text keeps one paragraph per line and never wraps. The width is the most common
display width of the document's lines (a CJK character counts 2, ASCII 1), trusted only when
enough lines share it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

MIN_LINES = 20  # fewer content lines: too little to tell
SHARE = 0.3  # share of lines within ±2 of the modal width for a wrapped document
SLACK = 6  # a line this much narrower than the width still fills it (spacing, wide digits)


# ASCII (width 1) and CJK unified ideographs (width 2) make most of a plan: they are counted
# without a loop (ASCII by encoding), and only the other characters are looked up one by one
_NOT_ASCII_OR_HAN = re.compile(r"[^\x00-\x7f\u4e00-\u9fff]")


def display_width(s: str) -> int:
    rest = _NOT_ASCII_OR_HAN.findall(s)
    han = len(s) - len(s.encode("ascii", "ignore")) - len(rest)
    return len(s) + han + sum(1 for c in rest if unicodedata.east_asian_width(c) in "WF")


def wrap_width(lines: Iterable[str]) -> int | None:
    """The width a hard-wrapped document breaks its lines at, or None for unwrapped text."""
    widths = [display_width(s) for s in lines if len(s) >= 8]
    if len(widths) < MIN_LINES:
        return None
    counts = Counter(widths)
    mode, _ = counts.most_common(1)[0]
    near = sum(n for w, n in counts.items() if abs(w - mode) <= 2)
    return mode if near >= SHARE * len(widths) and mode >= 20 else None


def fills_line(s: str, width: int | None) -> bool:
    """Does `s` fill the wrap width, so that the next line continues it?"""
    return width is not None and display_width(s.strip()) >= width - SLACK
