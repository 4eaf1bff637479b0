"""Paragraphs: the pages' lines (furniture taken out) and tables -> `Extracted` text.

A line goes on with the paragraph before it when that line ran to the right margin (the next
line's first word would not have fitted after it), the line is not indented or centred, and its
character size is the same. A line ending with 。；： ends the paragraph, except in documents
whose paragraphs are marked by a first-line indent: there a flush-left line after it, without a
heading marker, is the same paragraph. Paragraphs go on across page breaks; tables are placed
among the lines by their position, and a table broken across pages stays one table.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..extracted import Extracted, Furniture, TextBuilder, is_cjk, join_wrapped
from .geometry import Line
from .tables import PageTable

if TYPE_CHECKING:
    from . import PageContent

TERMINAL = tuple("。；：！？;:!?")
# Heading markers. A line that starts with one begins a new paragraph unless the line before
# runs on to the margin without a full stop (then it is a wrap: 统\n一、融合发展).
HEADING_START = re.compile(
    r"""^(?:
        第[一二三四五六七八九十百零〇两\d]{1,4}\s*[章节篇]   # 第三章
      | [一二三四五六七八九十]{1,3}[、.．]                  # 一、
      | [（(][一二三四五六七八九十]{1,3}[)）]               # （一）
      | 专栏\s*[\d一二三四五六七八九十]                      # 专栏5
    )""",
    re.VERBOSE,
)
WEAK_HEADING_START = re.compile(r"^(?:[（(]?\d{1,2}[.．、)）](?![\d.．])|[①-⑳])")


@dataclass(frozen=True)
class Layout:
    left: float  # the text block's left edge
    right: float  # its right edge
    indented: bool  # paragraphs start with a first-line indent (most Chinese documents)


def assemble(pages: list[PageContent], page_count: int, furniture: list[Furniture]) -> Extracted:
    """Lines and tables of all pages, in reading order, as paragraphs and table rows."""
    body = [ln for page in pages for ln in page.lines]
    layout = page_layout(body)
    builder = TextBuilder()
    para = ""
    para_page = 0
    prev: Line | None = None
    pending_table: list[list[str]] = []
    table_page = 0

    def flush() -> None:
        nonlocal para, prev
        if para:
            builder.paragraph(para, para_page)
        para = ""
        prev = None

    def flush_table() -> None:
        nonlocal pending_table
        if pending_table:
            builder.table(pending_table, table_page)
        pending_table = []

    for page in pages:
        items: list[tuple[float, Line | PageTable]] = [(ln.top, ln) for ln in page.lines]
        items += [(t.top, t) for t in page.tables]
        items.sort(key=lambda it: -it[0])
        for _, item in items:
            if isinstance(item, PageTable):
                flush()
                if not pending_table:
                    table_page = item.page
                pending_table.extend(item.rows)
                continue
            ln = item
            text = ln.text.strip()
            if pending_table:
                flush_table()
            if prev is not None and continues(prev, ln, text, layout):
                para = join_wrapped(para, text)
            else:
                flush()
                para, para_page = text, ln.page
            prev = ln
    flush()
    flush_table()
    return builder.build(paged=True, page_count=page_count, furniture=furniture)


def continues(prev: Line, ln: Line, text: str, layout: Layout) -> bool:
    """Does `ln` go on with the paragraph `prev` ended in?"""
    size = max(prev.size, 1.0)
    if ln.x0 > layout.left + 0.8 * size:
        return False  # indented or centred: a new paragraph
    if not _runs_on(prev, ln, layout.right):
        return False  # the next line's first word would have fitted: a deliberate break
    if abs(ln.size - prev.size) > 0.2 * size:
        return False  # another font size: a heading or a note
    if prev.text.rstrip().endswith(TERMINAL):
        # 。 at the margin ends the paragraph, unless paragraphs are marked by an indent and
        # this line is flush left without a heading marker: then the sentence just ended there
        return layout.indented and not _starts_heading(text)
    return True


def _runs_on(prev: Line, ln: Line, right: float) -> bool:
    """True if `prev` was broken because the first word of `ln` did not fit after it."""
    first = 0.0
    for c in ln.chars:
        if c.ch.isspace():
            if first:
                break
            continue
        first += c.x1 - c.x0
        if is_cjk(c.ch):
            break  # Chinese breaks between any two characters
    return prev.x1 + first > right - 0.3 * max(prev.size, 1.0)


def _starts_heading(text: str) -> bool:
    return bool(HEADING_START.match(text) or WEAK_HEADING_START.match(text))


def page_layout(body: list[Line]) -> Layout:
    """Where lines start (the most common start, or the leftmost common one) and where full
    lines end, and whether paragraphs start indented."""
    if not body:
        return Layout(0.0, 0.0, False)
    starts = Counter(round(ln.x0) for ln in body)
    left = float(min(x for x, k in starts.items() if k >= max(starts.values()) * 0.3))
    ends = sorted(ln.x1 for ln in body)
    right = ends[int(0.9 * (len(ends) - 1))]
    after_stop = [ln for prev, ln in itertools.pairwise(body) if prev.text.rstrip().endswith("。")]
    indented = sum(1 for ln in after_stop if ln.x0 > left + 0.8 * ln.size)
    return Layout(left, right, indented > 0.5 * len(after_stop))
