"""A table's title (`表1 …主要指标`, never an outline heading) and its notes (`注：`)."""

from __future__ import annotations

import re

from ..read.normalize import Document
from .markers import match_heading
from .table_base import NOTE_START, PROSE_END, SERIAL, Found, _usable, table_lexicon

PAGE_GLUED = re.compile(r"^\d{1,3}(?=[\u4e00-\u9fff])")


def _title_line(doc: Document, t: Found, skip: set[int]) -> int | None:
    first = min(t.lines)
    for no in range(first - 1, max(0, first - 3), -1):
        ln = _usable(doc, no, skip)
        if ln is None or not ln.stripped:
            continue
        s = PAGE_GLUED.sub("", ln.stripped)
        if match_heading(ln) is not None:
            return None  # `二、主要指标` is the outline's heading, the node the table sits in
        if table_lexicon().title.match(s) and not PROSE_END.search(s):
            return no
        return None
    return None


def title_of(doc: Document, no: int) -> tuple[int | None, str, tuple[int, int]]:
    """(number, title as written, span of the title) of a table's title line."""
    ln = doc.lines[no - 1]
    s = ln.text
    lead = len(s) - len(s.lstrip())
    g = PAGE_GLUED.match(s[lead:])
    a = ln.start + lead + (g.end() if g else 0)
    b = ln.content_end
    m = table_lexicon().title.match(doc.norm[a:b])
    if m:
        a = a + m.start("title")
    number = None
    if m and m.group("num"):
        from ..lang.numerals import cn_to_int

        number = cn_to_int(m.group("num"))
    return number, doc.text[a:b], (a, b)


def _notes(doc: Document, t: Found, skip: set[int]) -> list[tuple[int, int]]:
    """Note lines right under a table: `注：…`, or footnotes numbered from 1."""
    out: list[tuple[int, int]] = []
    no = max(t.lines) + 1
    ln = _usable(doc, no, skip)
    if ln is None or not (NOTE_START.match(ln.stripped) or SERIAL.match(ln.stripped)):
        return out
    if SERIAL.match(ln.stripped) and SERIAL.match(ln.stripped).group("n") != "1":  # type: ignore[union-attr]
        return out
    while ln is not None and ln.stripped and len(out) < 12:
        from .markers import match_heading

        if out and (match_heading(ln) is not None or PAGE_GLUED.match(ln.stripped)):
            m = SERIAL.match(ln.stripped)
            if not m:
                break
        out.append((ln.content_start, ln.content_end))
        no += 1
        ln = _usable(doc, no, skip)
    return out
