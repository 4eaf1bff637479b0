"""Headings of the outline: levels by numbering scheme, path ids, the number each level expects
next, and numbering diagnostics (`numbering-gap`, `numbering-repeat`).

Levels come from marker kinds in the order they first appear in the body, never from
indentation: in a plan numbered 一、 / (一) / 1. those are chapter, section and item; in a plan
numbered 第一章 / 第一节 / 一、 the same markers sit one level lower; 第X篇 adds parts above
chapters. Each heading is confirmed against the document's own contents when it has one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Diagnostic, NodeKind, OutlineNode
from ..read.normalize import Document, Line
from .contents import Contents, ContentsEntry, fold_title
from .markers import (
    BOX_HEADING,
    DECIMAL,
    ID_PREFIX,
    LEVEL_KINDS,
    PART_LEVEL_KINDS,
    SCHEME_BY_NAME,
    TERMINAL,
    HeadingMatch,
    MarkerMatch,
    marker_alone,
    match_heading,
    read_marker,
    unnumbered_heading,
)


@dataclass
class Node:
    kind: NodeKind
    level: int
    number: int
    marker: str
    title: str
    line: int
    span: tuple[int, int]
    marker_kind: str = ""
    path: tuple[int, ...] = ()
    id: str = ""
    children: list[Node] = field(default_factory=list)
    end_line: int = 0
    last_by_kind: dict[str, Node] = field(default_factory=dict, repr=False)
    taken: dict[str, int] = field(default_factory=dict, repr=False)

    def freeze(self) -> OutlineNode:
        """The node and its subtree as models. Under the pipeline's `trusted_records` they are
        made without validation (typed values), so a cold parse builds no OutlineNode schema;
        elsewhere each is validated as usual. The same models, fields set and all."""
        return OutlineNode(
            id=self.id,
            kind=self.kind,
            number=self.number,
            marker=self.marker,
            title=self.title,
            line=self.line,
            end_line=self.end_line,
            span=self.span,
            children=[c.freeze() for c in self.children],
        )


def is_structural(ln: Line) -> bool:
    """A heading, an unnumbered heading standing alone (总则) or a box heading."""
    return (
        match_heading(ln) is not None
        or marker_alone(ln.stripped) is not None
        or unnumbered_heading(ln.stripped) is not None
        or BOX_HEADING.match(ln.stripped) is not None
    )


def seed_levels(doc: Document, skip: set[int], body_start: int) -> dict[str, int]:
    """Levels of the 第X篇/章/节/条 schemes the document uses, in their canonical order: they are
    unambiguous, so a 第一节 under an unnumbered 总则 never takes the top level before 第一章."""
    used: set[str] = set()
    for ln in doc.lines[body_start - 1 :]:
        if ln.no in skip or not ln.stripped.startswith("第"):
            continue
        h = match_heading(ln)
        if h and h.scheme and h.scheme.chinese_ordinal and h.body is None:
            used.add(h.scheme.name)
        elif (mm := marker_alone(ln.stripped)) is not None and mm.scheme.chinese_ordinal:
            used.add(mm.scheme.name)
    ordered = sorted(used, key=lambda name: SCHEME_BY_NAME[name].rank)
    return {name: i + 1 for i, name in enumerate(ordered)}


def unique_id(base: str, taken: dict[str, int]) -> str:
    """`base`, or `base_2`, `base_3`… for repeats: ids stay unique and stable across runs."""
    n = taken.get(base, 0) + 1
    taken[base] = n
    if n == 1:
        return base
    candidate = f"{base}_{n}"
    while candidate in taken:  # a literal "box_4_2" already used
        n += 1
        candidate = f"{base}_{n}"
    taken[base] = n
    taken[candidate] = 1
    return candidate


TITLE_BELOW_MAX = 40  # the title line under a marker standing alone


class HeadingStack:
    """The open headings (a stack, top level first) and the numbering state of every level."""

    def __init__(
        self, doc: Document, skip: set[int], body_start: int, contents: Contents | None
    ) -> None:
        self.doc = doc
        self.skip = skip
        self.contents = contents if contents is not None and contents.entries else None
        self.toc_schemes = self.contents.schemes if self.contents else set()
        self.toc_pos = 0  # index of the contents entry after the last one the body confirmed
        self.toc_entry: ContentsEntry | None = None  # the entry naming the heading just opened
        self.recovery: str | None = None  # how a damaged heading was recovered (diagnosed)
        self.consumed: set[int] = set()  # lines taken into a wrapped heading title
        self.title_line: int | None = None  # the title line below a marker standing alone
        self.levels: dict[str, int] = seed_levels(doc, skip, body_start)
        self.root = Node("chapter", 0, 0, "", "", 0, (0, 0))
        self.roots: list[Node] = self.root.children
        self.stack: list[Node] = []
        self.nodes_in_order: list[Node] = []
        self.diagnostics: list[Diagnostic] = []
        self.last_number: dict[str, int] = {}  # last number of each scheme, document-wide

    def level_of(self, kind: str) -> int:
        if kind == "unnumbered":
            return 1  # 总则, 前言: a chapter's role
        if kind not in self.levels:
            self.levels[kind] = len(self.levels) + 1
        return self.levels[kind]

    def title_below_marker(
        self, ln: Line, start: int, s: str, mm: MarkerMatch | None
    ) -> HeadingMatch | None:
        """A marker alone on its line with its title on the next (a PDF chapter page sets them
        apart: `第一章` / `发展基础`): the heading, its title that short unpunctuated line."""
        if mm is None:
            return None
        lines = self.doc.lines
        i = ln.no  # the next line's index; not a slice, a copy of the rest per heading
        while i < len(lines) and lines[i].no in self.skip:
            i += 1
        nxt = lines[i] if i < len(lines) else None
        if nxt is None or not nxt.stripped or read_marker(nxt.stripped, alone=True) is not None:
            return None
        t = nxt.stripped
        if len(t) > TITLE_BELOW_MAX or t.endswith(TERMINAL) or BOX_HEADING.match(t):
            return None
        if unnumbered_heading(t) is not None:
            return None
        self.title_line = nxt.no
        marker = (start + mm.start, start + len(s[: mm.end].rstrip()))
        title = (nxt.content_start, nxt.content_end)
        return HeadingMatch(mm.scheme, mm.number, mm.path, marker, title, None)

    def take_title_below(self, ln: Line, h: HeadingMatch) -> bool:
        """After opening heading `h`: when its title stands on the next line, that line is
        consumed (and diagnosed) and is the node's line, where its span starts; True then."""
        if h.title[0] <= ln.content_end or self.title_line is None:
            return False
        self.consumed.add(self.title_line)
        self.stack[-1].line = self.title_line
        self._diagnose(
            "title-joined", ln.no, f"heading marker alone, title on line {self.title_line}"
        )
        self.title_line = None
        return True

    def has_parts(self) -> bool:
        """Is the top level a part above chapters: 第X篇, or 第X部分 above 第X章?"""
        levels = self.levels
        return "part_zh" in levels or ("division_zh" in levels and "chapter_zh" in levels)

    def kind_of(self, level: int, marker_kind: str) -> NodeKind:
        """Node kind of a level: chapter, section, item, subitem from the top; a plan divided
        into 第X篇 has parts above its chapters. An unnumbered 前言/总则 plays a chapter's role."""
        if marker_kind == "unnumbered":
            return "chapter"
        kinds = PART_LEVEL_KINDS if self.has_parts() else LEVEL_KINDS
        return kinds[min(level, len(kinds)) - 1]

    def expected_next(self, level: int, marker_kind: str) -> int:
        """Number the next heading of this level would have to continue the outline."""
        parent = self._parent_for(level)
        last = parent.last_by_kind.get(marker_kind)
        return last.number + 1 if last else 1

    def _parent_for(self, level: int) -> Node:
        for node in reversed(self.stack):
            if node.level < level:
                return node
        return self.root

    def in_sequence(self, h: HeadingMatch, *, strict: bool) -> bool:
        """Does the heading continue the outline? Strict: only the number the sequence expects
        next (for a heading glued into a line, after a page number or at a wrapped line start);
        otherwise any number of a known scheme (gaps become diagnostics). Decimal numbers always
        name their ancestors (5.1.3 sits in 5.1, which sits in chapter 五)."""
        kind = h.kind
        if kind == "unnumbered":
            return True
        level = self.levels.get(kind)
        if kind in DECIMAL:
            return self._decimal_fits(h, level)
        if level is None:
            return not strict
        if not strict:
            return True
        parent = self._parent_for(level)
        last = parent.last_by_kind.get(kind)
        local = last.number + 1 if last else 1
        return h.number in (local, self.last_number.get(kind, 0) + 1)

    def _decimal_fits(self, h: HeadingMatch, level: int | None) -> bool:
        if level is None:
            parent = self.stack[-1] if self.stack else self.root
        else:
            parent = self._parent_for(level)
        owner = h.path[:-1]
        if parent is not self.root:
            parent_path = parent.path if parent.marker_kind in DECIMAL else (parent.number,)
            if parent_path != owner:
                return False
        last = parent.last_by_kind.get(h.kind)
        return h.number == (last.number + 1 if last else 1)

    def open_heading(self, ln: Line, h: HeadingMatch) -> None:
        level = self.level_of(h.kind)
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else self.root
        kind = self.kind_of(level, h.kind)
        node = Node(
            kind=kind,
            level=level,
            number=h.number,
            marker=self.doc.text[h.marker_text[0] : h.marker_text[1]],
            title=self.doc.text[h.title[0] : h.title[1]],
            line=ln.no,
            span=h.title,
            marker_kind=h.kind,
            path=h.path,
        )
        if h.kind != "unnumbered" and not self._continues_document(node):
            self._check_number(parent, node)
        local = unique_id(f"{ID_PREFIX[kind]}_{node.number}", parent.taken)
        node.id = f"{parent.id}__{local}" if parent is not self.root else local
        parent.children.append(node)
        parent.last_by_kind[node.marker_kind] = node
        self.last_number[node.marker_kind] = node.number
        self.stack.append(node)
        self.nodes_in_order.append(node)
        self._confirm(node)
        if self.recovery is not None:
            self._diagnose(
                "heading-recovered",
                node.line,
                f"{node.kind} {node.marker or ''}{node.title[:20]} recovered: {self.recovery}",
            )
            self.recovery = None

    def _continues_document(self, node: Node) -> bool:
        """Items numbered across the whole document (1.–60.): the next number after the last
        one anywhere is no gap."""
        last = self.last_number.get(node.marker_kind)
        return last is not None and node.number == last + 1 and node.number > 1

    def _check_number(self, parent: Node, node: Node) -> None:
        last = parent.last_by_kind.get(node.marker_kind)
        expected = last.number + 1 if last else 1
        if node.number == expected:
            return
        where = f"under {parent.id}" if parent is not self.root else "at top level"
        if last is not None and node.number <= last.number:
            self.diagnostics.append(
                Diagnostic(
                    level="warning",
                    code="numbering-repeat",
                    line=node.line,
                    message=f"{node.kind} {node.marker} repeats or goes back after "
                    f"{last.marker} (line {last.line}) {where}",
                )
            )
        else:
            self.diagnostics.append(
                Diagnostic(
                    level="warning",
                    code="numbering-gap",
                    line=node.line,
                    message=f"{node.kind} numbered {node.number} where {expected} was expected "
                    f"{where}",
                )
            )

    def box_parent(self) -> Node | None:
        """A box sits in the section around it (a chapter when there is none)."""
        deepest = 3 if self.has_parts() else 2
        for node in reversed(self.stack):
            if node.level <= deepest:
                return node
        return self.stack[-1] if self.stack else None

    def current_node_id(self) -> str | None:
        return self.stack[-1].id if self.stack else None

    def _diagnose(self, code: str, line: int | None, message: str, level: str = "info") -> None:
        self.diagnostics.append(Diagnostic(level=level, code=code, line=line, message=message))

    def _toc_covers(self, kind: str, line: int) -> bool:
        """Does the contents list headings of this scheme, and does the heading follow it?"""
        c = self.contents
        return c is not None and kind in self.toc_schemes and line > c.last_line

    def _confirm(self, node: Node) -> None:
        """Confirm a body heading against the contents entry naming it; a heading of a level the
        contents lists that it does not name is a `toc-mismatch`."""
        self.toc_entry = None
        c = self.contents
        if c is None or not self._toc_covers(node.marker_kind, node.line):
            return
        e = c.find(node.marker_kind, node.path, self.doc.norm[node.span[0] : node.span[1]])
        if e is None:
            self._diagnose(
                "toc-mismatch",
                node.line,
                f"{node.kind} {node.marker}{node.title[:20]} is not in the table of contents "
                f"(lines {c.first_line}-{c.last_line})",
                "warning",
            )
            return
        e.matched_line = node.line
        self.toc_entry = e
        self.toc_pos = max(self.toc_pos, e.pos + 1)

    def _next_entry(self) -> ContentsEntry | None:
        """The first contents entry after the last confirmed one that the body has not met."""
        c = self.contents
        if c is None:
            return None
        for e in c.entries[self.toc_pos : self.toc_pos + 2]:
            if e.matched_line is None:
                return e
        return None

    def _toc_names(self, h: HeadingMatch) -> bool:
        """Does the contents name a damaged heading (a strict candidate) of a level it lists?"""
        c = self.contents
        if c is None or h.kind not in self.toc_schemes:
            return True
        title = self.doc.norm[h.title[0] : h.title[1]]
        return c.find(h.kind, h.path, title, by_number=False) is not None

    def toc_missing(self) -> list[Diagnostic]:
        """Contents entries no body heading confirmed."""
        c = self.contents
        if c is None:
            return []
        return [
            Diagnostic(
                level="warning",
                code="toc-mismatch",
                line=e.line,
                message=f"table of contents entry {e.label[:24]} has no heading in the body",
            )
            for e in c.entries
            if e.matched_line is None
        ]

    def _join_from_contents(self, ln: Line, e: ContentsEntry, title: str) -> bool:
        """Join the following lines while the title stays a beginning of the contents title;
        False when they do not spell it."""
        node = self.stack[-1]
        joined: list[Line] = []
        doc_lines = self.doc.lines
        for i in range(ln.no, len(doc_lines)):  # not a slice: a copy of the rest per heading
            nxt = doc_lines[i]
            if nxt.no in self.skip or not nxt.stripped:
                if nxt.no in self.skip:
                    continue
                break
            longer = title + fold_title(nxt.stripped)
            if not e.title.startswith(longer) or is_structural(nxt):
                break
            joined.append(nxt)
            title = longer
            if title == e.title:
                break
        if title != e.title:
            return False
        for nxt in joined:
            node.span = (node.span[0], nxt.content_end)
            node.title = node.title + self.doc.text[nxt.content_start : nxt.content_end]
            self.consumed.add(nxt.no)
        if joined:
            lines = ", ".join(str(n.no) for n in joined)
            self._diagnose(
                "title-joined",
                ln.no,
                f"heading title continued on line {lines} joined, as the contents "
                f"(line {e.line}) names it",
            )
        return True
