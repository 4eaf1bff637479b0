"""Page furniture: running headers, footers and page numbers, taken out of the pages' lines.

A line in the top or bottom band of a page is furniture when the same line, with only its digits
changed, sits in that band on many pages (`安阳市“十四五”教育改革发展规划`, `— 3 —`), or when it
is a page number (`— 3 —`, `第3页`, `3/52`) at the very top or bottom. What is taken out is kept
as `Furniture`, so the plan can report it.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from ..extracted import PAGE_NUMBER, Furniture

if TYPE_CHECKING:
    from . import PageContent
    from .geometry import Line

FURNITURE_BAND = 0.18  # furniture sits in the top or bottom 18% of a page
PER_EDGE = 2  # at most two lines of furniture at the top and at the bottom of a page


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _in_band(ln: Line, where: str, height: float) -> bool:
    if where == "header":
        return ln.top >= height * (1 - FURNITURE_BAND)
    return ln.bottom <= height * FURNITURE_BAND


def take_furniture(pages: list[PageContent]) -> list[Furniture]:
    """Remove running headers, footers and page numbers from the pages' lines (in place) and
    return them, in page order."""
    n = len(pages)
    counts: Counter[tuple[str, str]] = Counter()
    for page in pages:
        for ln in page.lines[:PER_EDGE]:
            if _in_band(ln, "header", page.height):
                counts["header", _key(ln.text)] += 1
        for ln in page.lines[-PER_EDGE:]:
            if _in_band(ln, "footer", page.height):
                counts["footer", _key(ln.text)] += 1
    repeat = max(2, round(0.3 * n))

    def furniture(ln: Line, where: str, first: bool, height: float) -> bool:
        if not _in_band(ln, where, height):
            return False
        if counts[where, _key(ln.text)] >= repeat:
            return True
        m = PAGE_NUMBER.match(ln.text)
        return first and m is not None and int(re.findall(r"\d+", ln.text)[0]) <= n + 10

    out: list[Furniture] = []
    for page in pages:
        lines = page.lines
        for i in range(PER_EDGE):
            if lines and furniture(lines[0], "header", i == 0, page.height):
                ln = lines.pop(0)
                out.append(Furniture(ln.page, "header", ln.text.strip()))
        for i in range(PER_EDGE):
            if lines and furniture(lines[-1], "footer", i == 0, page.height):
                ln = lines.pop()
                out.append(Furniture(ln.page, "footer", ln.text.strip()))
    out.sort(key=lambda f: (f.page or 0, f.where != "header"))
    return out
