"""Every span slices its title or quote out of the decoded source; ids are unique."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from plan_parser import Plan, read_text

from .conftest import ALL_PLANS, SHARED_CORPUS, parsed

# a heading title wrapped over lines (PDF text) is joined: its span covers the lines, and the title
# is that text without the line breaks and without a page number standing between them
_BREAK = re.compile(r"[ \t]*(?:\r\n|\r|\n)(?:[ \t]*[\dIVX]{1,4}[ \t]*(?:\r\n|\r|\n))*[ \t]*")


def unwrap(s: str) -> str:
    return _BREAK.sub("", s)


def check_provenance(plan: Plan, text: str) -> None:
    lines_start = [0]
    for i, ch in enumerate(text):
        if ch == "\n" or (ch == "\r" and text[i + 1 : i + 2] != "\n"):
            lines_start.append(i + 1)

    def line_of(offset: int) -> int:
        import bisect

        return bisect.bisect_right(lines_start, offset)

    ids: list[str] = []
    for n in plan.iter_nodes():
        s, e = n.span
        assert unwrap(text[s:e]) == n.title, n.id
        assert line_of(s) == n.line, n.id
        assert n.line <= n.end_line
        ids.append(n.id)
    for b in plan.boxes:
        s, e = b.span
        assert text[s:e] == b.title
        assert line_of(s) == b.line
        ids.append(b.id)
        for entry in b.entries:
            s, e = entry.name_span
            assert text[s:e] == entry.name
            assert line_of(s) == entry.line
            assert entry.span[0] == s and entry.span[1] >= e
            ids.append(entry.id)
            for g in entry.groups:
                gs, ge = g.span
                assert line_of(gs) == g.line
                seg = text[gs:ge]
                assert seg.replace(" ", "").startswith(g.label.replace(" ", ""))
                for item in g.items:
                    assert item in seg
    for q in plan.quantities:
        s, e = q.span
        assert text[s:e] == q.quote, q.id
        assert line_of(s) == q.line, q.id
        ids.append(q.id)
    for p in plan.projects:
        s, e = p.span
        assert text[s:e] == p.quote, p.id
        assert line_of(s) == p.line, p.id
        ids.append(p.id)
    assert len(ids) == len(set(ids)), "ids are not unique"


CORPUS_PLANS = sorted(SHARED_CORPUS.glob("*.txt")) if SHARED_CORPUS.is_dir() else []


@pytest.mark.parametrize("path", sorted(set(ALL_PLANS) | set(CORPUS_PLANS)), ids=lambda p: p.name)
def test_spans_slice_the_source(path: Path) -> None:
    check_provenance(parsed(path), read_text(path))
