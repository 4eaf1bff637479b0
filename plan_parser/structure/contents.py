"""The document's own table of contents (目录), read as evidence before it is dropped from the body.

A contents line names a heading, its marker and its page:

    第三节  规划依据 .............................................. 3        (Beijing, 第X节)
    2.3“十四五”时期经济社会发展主要目标..........................12        (Shanghai, decimal)
    （二）深化推广应用，开拓转型升级新路径.......................6         (national, (一))

`noise.py` finds the lines; this module reads each into a `ContentsEntry` (scheme, number path,
title without spaces, page), repairs what PDF extraction glued before a marker (`2十三、…`,
`17.1 …` where the contents' own sequence expects 十三、 and 7.1), and answers the outline's
questions: does the contents name this heading (by title, a wrapped prefix of it, or by number),
and what does it say the next heading is?
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..read.normalize import Document
from .markers import DECIMAL, MarkerMatch, page_prefixed_markers, read_marker, unnumbered_heading

# a dot leader (or a run of …, ·, -, _) and the page number after it; some entries (总则) omit it
LEADER = re.compile(
    r"(?:[ ]*(?:\.{4,}|…{2,}|·{4,}|-{4,}|_{4,})[ ]*(?P<page>\d{1,4})?"
    r"|(?:\t|[ ]{2,}|(?<=[\u4e00-\u9fff])[ ])[ \t]*(?P<bare>\d{1,4}))[ \t]*$"
)
# a 目录 heading glued before or after the first entry on the same line
TOC_WORD = re.compile(r"(?:^|[ ]|(?<=[\u4e00-\u9fff]))目[ ]*[录次][ ]*")
SPACE = re.compile(r"\s\s*")  # not \s+: a plain class first lets re skip ahead
PREFIX_KEY = 4  # titles compared by their first characters when one was cut (wrapped, damaged)


def fold_title(s: str) -> str:
    """A title as the contents and the body both write it: no spaces, no closing full stop."""
    return SPACE.sub("", s).rstrip("。.;；:：")


@dataclass
class ContentsEntry:
    line: int
    scheme: str  # a scheme name of markers.SCHEMES, or "unnumbered" (总则, 附图)
    path: tuple[int, ...]
    marker: str
    title: str  # folded: no spaces
    page: int | None
    matched_line: int | None = None  # the body heading that confirms it
    pos: int = 0  # its index in `Contents.entries`

    @property
    def label(self) -> str:
        return f"{self.marker}{self.title}"


@dataclass
class Contents:
    entries: list[ContentsEntry] = field(default_factory=list)
    first_line: int = 0
    last_line: int = 0
    by_title: dict[str, list[ContentsEntry]] = field(default_factory=dict, repr=False)
    by_prefix: dict[str, list[ContentsEntry]] = field(default_factory=dict, repr=False)
    by_number: dict[tuple[str, tuple[int, ...]], list[ContentsEntry]] = field(
        default_factory=dict, repr=False
    )

    @property
    def schemes(self) -> set[str]:
        """The numbering schemes the contents lists: only headings of these are checked."""
        return {e.scheme for e in self.entries}

    def index(self) -> None:
        for i, e in enumerate(self.entries):
            e.pos = i
            self.by_title.setdefault(e.title, []).append(e)
            self.by_prefix.setdefault(e.title[:PREFIX_KEY], []).append(e)
            self.by_number.setdefault((e.scheme, e.path), []).append(e)

    def find(
        self, scheme: str, path: tuple[int, ...], title: str, *, by_number: bool = True
    ) -> ContentsEntry | None:
        """The unconfirmed entry that names a body heading: the same title; else a title one of
        them cut short (a wrapped body title, a run-in title with its sentence); else (with
        `by_number`) the same scheme and number. None when the contents does not name it."""
        t = fold_title(title)
        for e in self.by_title.get(t, []):
            if e.matched_line is None and e.scheme == scheme:
                return e
        if len(t) >= PREFIX_KEY:
            for e in self.by_prefix.get(t[:PREFIX_KEY], []):
                if (
                    e.matched_line is None
                    and e.scheme == scheme
                    and (e.title.startswith(t) or t.startswith(e.title))
                ):
                    return e
        for e in self.by_number.get((scheme, path), []) if by_number else []:
            if e.matched_line is None:
                return e
        return None


def _entry_marker(title: str, last: dict[str, tuple[int, ...]]) -> MarkerMatch | None:
    """The marker of a contents title: the plain reading unless the contents' own sequence calls
    for one after glued digits (`17.1` after 七、 is 7.1, `2十三、` after 十二、 is 十三、)."""
    plain = read_marker(title)
    if plain is not None and _fits(plain, last):
        return plain
    for _drop, mm in page_prefixed_markers(title):
        if _fits(mm, last):
            return mm
    return plain


def _fits(mm: MarkerMatch, last: dict[str, tuple[int, ...]]) -> bool:
    name = mm.scheme.name
    if name in DECIMAL:
        owner = last.get("owner")
        return owner is None or mm.path[:1] == owner[:1]
    prev = last.get(name)
    return prev is None or mm.number in (prev[-1] + 1, 1)


def _entry_texts(doc: Document, lines: list[int]) -> list[tuple[int, str]]:
    """(line, text) of each entry: an entry wrapped over two lines, its leader and page on the
    second, which starts with no marker (`第三章 …区域科技创新` / `中心 ………… 7`), is one."""
    out: list[tuple[int, str]] = []
    for no in lines:
        s = doc.line(no).stripped
        if out and out[-1][0] == no - 1 and _continues(out[-1][1], s):
            out[-1] = (out[-1][0], out[-1][1] + s)
        else:
            out.append((no, s))
    return out


def _continues(first: str, second: str) -> bool:
    """Is `second` the rest of a contents entry begun on `first`, which has no leader?"""
    leader = LEADER.search(second)
    if LEADER.search(first) is not None or leader is None or read_marker(second) is not None:
        return False
    return unnumbered_heading(second[: leader.start()].strip()) is None


def parse_contents(doc: Document, lines: list[int]) -> Contents:
    """Entries of the contents lines `lines` (1-based, in order); lines naming no heading (the
    目录 heading itself, a stray page number) are left out."""
    out = Contents()
    last: dict[str, tuple[int, ...]] = {}
    for no, s in _entry_texts(doc, lines):
        m = LEADER.search(s)
        digits = m and (m.group("page") or m.group("bare"))
        page = int(digits) if digits else None
        title = s[: m.start()] if m else s
        tw = TOC_WORD.search(title)
        if tw is not None:
            title = title[tw.end() :]
        title = title.strip()
        if not title:
            continue
        word = unnumbered_heading(title)
        if word is not None:
            entry = ContentsEntry(no, "unnumbered", (0,), "", word, page)
        else:
            mm = _entry_marker(title, last)
            if mm is None:
                continue
            rest = fold_title(title[mm.end :])
            if not rest:
                continue
            marker = title[mm.start : mm.end].strip()
            entry = ContentsEntry(no, mm.scheme.name, mm.path, marker, rest, page)
            last[mm.scheme.name] = mm.path
            if mm.scheme.name not in DECIMAL:
                last["owner"] = mm.path
        out.entries.append(entry)
    if out.entries:
        out.first_line = out.entries[0].line
        out.last_line = out.entries[-1].line
    out.index()
    return out
