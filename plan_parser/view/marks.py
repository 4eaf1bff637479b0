"""Source text as HTML lines with every fact's span wrapped in `<mark>` elements.

Facts may nest (a quantity inside a program's quote) or cross (two quotes that overlap). Each
segment of text between two span boundaries is wrapped in the marks of every fact covering it,
outermost first (earlier start, then longer span); a fact cut by a line end or by a crossing
fact becomes several pieces that share its `data-id`. The output is a pure function of the text
and the facts, so the same plan gives the same bytes.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

LINE_BREAK = re.compile(r"\r\n|\r|\n")
CHUNK_LINES = 100  # lines per rendering chunk (content-visibility: auto skips those off screen)


@dataclass(frozen=True)
class Mark:
    """One highlighted span: `kind` is the CSS class suffix (target, program, heading …)."""

    id: str
    kind: str
    start: int
    end: int


def line_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every line without its terminator (1-based line n is item n-1)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in LINE_BREAK.finditer(text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    if len(spans) > 1 and spans[-1] == (len(text), len(text)) and text:
        spans.pop()  # a final line break does not open an empty last line
    return spans


def _order(mark: Mark) -> tuple[int, int, str]:
    return (mark.start, -mark.end, mark.id)


def render_lines(
    text: str, marks: Iterable[Mark], line_classes: dict[int, str] | None = None
) -> str:
    """Every line as `<div class="l" id="L<n>">`, grouped in chunks, with marks inside."""
    line_classes = line_classes or {}
    lines = line_spans(text)
    valid = sorted(
        (m for m in marks if 0 <= m.start < m.end <= len(text)),
        key=_order,
    )
    starts: dict[int, list[Mark]] = {}
    ends: dict[int, list[Mark]] = {}
    points = {0, len(text)}
    for m in valid:
        starts.setdefault(m.start, []).append(m)
        ends.setdefault(m.end, []).append(m)
        points.update((m.start, m.end))
    for s, e in lines:
        points.update((s, e))
    ordered = sorted(points)
    active: set[Mark] = set()
    out: list[str] = []
    pi = 0  # index into ordered: the first point >= the current position
    for no, (ls, le) in enumerate(lines, 1):
        if (no - 1) % CHUNK_LINES == 0:
            if no > 1:
                out.append("</div>")
            out.append('<div class="chunk">')
        # catch up on the points before this line (inside the previous line break)
        while pi < len(ordered) and ordered[pi] < ls:
            _step(ordered[pi], starts, ends, active)
            pi += 1
        cls = line_classes.get(no)
        out.append(
            f'<div class="l{" " + cls if cls else ""}" id="L{no}">'
            f'<span class="n">{no}</span><span class="t">'
        )
        stack: list[Mark] = []
        j = bisect_left(ordered, ls, lo=pi)
        while j < len(ordered) and ordered[j] < le:
            p = ordered[j]
            _step(p, starts, ends, active)
            q = ordered[j + 1] if j + 1 < len(ordered) else le
            q = min(q, le)
            want = sorted(active, key=_order)
            keep = 0
            while keep < min(len(stack), len(want)) and stack[keep] is want[keep]:
                keep += 1
            out.append("</mark>" * (len(stack) - keep))
            for m in want[keep:]:
                out.append(f'<mark class="f k-{m.kind}" data-id="{escape(m.id)}">')
            stack = want
            out.append(escape(text[p:q], quote=False))
            j += 1
        out.append("</mark>" * len(stack))
        out.append("</span></div>\n")
        pi = j
    if lines:
        out.append("</div>")
    return "".join(out)


def _step(
    p: int, starts: dict[int, list[Mark]], ends: dict[int, list[Mark]], active: set[Mark]
) -> None:
    for m in ends.get(p, ()):
        active.discard(m)
    for m in starts.get(p, ()):
        active.add(m)


def sorted_marks(marks: Sequence[Mark]) -> list[Mark]:
    return sorted(marks, key=_order)
