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


# ASCII (width 1), CJK unified ideographs, CJK punctuation (、。《》【】, U+3000-U+303E) and
# full-width forms (，：（）％, U+FF01-U+FF60, U+FFE0-U+FFE6; all width 2) make most of a plan:
# they are counted without a loop (ASCII by encoding), and only the other characters (“”—·…)
# are looked up one by one (`tests/test_layout_width.py` checks the ranges against unicodedata)
WIDE_RANGES = ((0x3000, 0x303E), (0x4E00, 0x9FFF), (0xFF01, 0xFF60), (0xFFE0, 0xFFE6))
_LOOKED_UP = re.compile(
    r"[^\x00-\x7f" + "".join(f"{chr(a)}-{chr(b)}" for a, b in WIDE_RANGES) + "]"
)


class _Wide(dict[str, int]):
    """1 for a wide or full-width character (`unicodedata.east_asian_width`), else 0: a table of
    the Unicode property, filled as characters are met (a plan uses a few dozen besides ASCII
    and Han)."""

    def __missing__(self, c: str) -> int:
        wide = self[c] = int(unicodedata.east_asian_width(c) in "WF")
        return wide


_WIDE = _Wide()


def display_width(s: str) -> int:
    rest = _LOOKED_UP.findall(s)
    wide2 = len(s) - len(s.encode("ascii", "ignore")) - len(rest)
    return len(s) + wide2 + sum(map(_WIDE.__getitem__, rest))


class Widths(dict[str, int]):
    """Display widths of lines, each measured once (the outline measures every line to find the
    wrap width, then again to tell whether it fills it)."""

    def __missing__(self, s: str) -> int:
        width = self[s] = display_width(s)
        return width


def wrap_width(lines: Iterable[str], widths: Widths | None = None) -> int | None:
    """The width a hard-wrapped document breaks its lines at, or None for unwrapped text."""
    widths = Widths() if widths is None else widths
    find_rest, wide = _LOOKED_UP.findall, _WIDE.__getitem__
    widths_seen = []
    for s in lines:
        if len(s) < 8:
            continue
        width = widths.get(s)
        if width is None:  # `display_width`, inline: it runs for every line of a document
            rest = find_rest(s)
            width = 2 * len(s) - len(s.encode("ascii", "ignore")) - len(rest)
            width = widths[s] = width + sum(map(wide, rest))
        widths_seen.append(width)
    if len(widths_seen) < MIN_LINES:
        return None
    counts = Counter(widths_seen)
    mode, _ = counts.most_common(1)[0]
    near = sum(n for w, n in counts.items() if abs(w - mode) <= 2)
    return mode if near >= SHARE * len(widths_seen) and mode >= 20 else None


def fills_line(s: str, width: int | None, widths: Widths | None = None) -> bool:
    """Does `s` fill the wrap width, so that the next line continues it?"""
    if width is None:
        return False
    s = s.strip()
    return (display_width(s) if widths is None else widths[s]) >= width - SLACK
