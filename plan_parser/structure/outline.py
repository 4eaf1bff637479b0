"""Stage 5: the outline tree, the boxes (专栏) and the paragraphs ("blocks") extractors read.
The heading and box patterns it matches are in `markers.py`.

Levels come from marker kinds in the order they first appear in the body, never from
indentation: in a plan numbered 一、 / (一) / 1. those are chapter, section and item; in a plan
numbered 第一章 / 第一节 / 一、 the same markers sit one level lower. Boxes are containers placed in
the section where they appear; they neither advance nor reset the outline's numbering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lang.numerals import cn_to_int
from ..models import Box, BoxEntry, Diagnostic, EntryGroup, NodeKind, OutlineNode
from ..read.normalize import Document, Line
from .contents import PREFIX_KEY, Contents, ContentsEntry, fold_title
from .layout import fills_line, wrap_width
from .markers import (
    BOX_ENTRY_SCHEMES,
    BOX_HEADING,
    BOX_REFERENCE,
    DECIMAL,
    ENTRY_NAME_SUFFIX,
    GLUE_POINT,
    ID_PREFIX,
    LABELLED_LIST,
    LEVEL_KINDS,
    LIST_SPLIT,
    NUMBERED_ENTRY,
    PART_LEVEL_KINDS,
    RUN_IN_TAIL,
    SCHEME_BY_NAME,
    TERMINAL,
    UNNUMBERED,
    UNNUMBERED_GLUED,
    HeadingMatch,
    NotHeading,
    heading_from,
    list_lead,
    match_heading,
    page_prefixed_markers,
    read_marker,
    titled_not_heading,
    unnumbered_heading,
)


@dataclass
class Block:
    """A paragraph of body text: consecutive lines joined across PDF line wraps."""

    segments: list[tuple[int, int]]  # doc offsets [start, end) of each line's content
    line: int
    node_id: str | None
    entry_id: str | None = None
    box: int | None = None
    box_ref: tuple[int, int] | None = field(default=None, repr=False)  # (box index, entry no.)

    def text(self, doc: Document) -> str:
        return "".join(doc.norm[s:e] for s, e in self.segments)

    def to_doc(self, i: int) -> int:
        """Map an offset into `text()` to an offset into the document."""
        for s, e in self.segments:
            if i <= e - s:
                return s + i
            i -= e - s
        return self.segments[-1][1]

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


@dataclass
class _Node:
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
    children: list[_Node] = field(default_factory=list)
    end_line: int = 0
    last_by_kind: dict[str, _Node] = field(default_factory=dict, repr=False)
    taken: dict[str, int] = field(default_factory=dict, repr=False)

    def freeze(self) -> OutlineNode:
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


@dataclass
class _Entry:
    paragraphs: list[tuple[int, int, int]]  # (line, start, end) of each paragraph
    name_span: tuple[int, int]
    desc_start: int  # doc offset where the description begins


@dataclass
class _Box:
    number: int
    title: str
    line: int
    span: tuple[int, int]
    parent: _Node | None
    numbered: bool = False
    scheme: str | None = None  # entries numbered 1. / (1) / ①: the scheme that numbers them
    entries: list[_Entry] = field(default_factory=list)
    end_line: int = 0
    id: str = ""


@dataclass
class Outline:
    nodes: list[OutlineNode]
    boxes: list[Box]
    blocks: list[Block]
    diagnostics: list[Diagnostic]
    node_index: dict[str, OutlineNode]


def is_structural(ln: Line) -> bool:
    """A heading, an unnumbered heading standing alone (总则) or a box heading."""
    return (
        match_heading(ln) is not None
        or unnumbered_heading(ln.stripped) is not None
        or BOX_HEADING.match(ln.stripped) is not None
    )


def first_heading_line(doc: Document, skip: set[int]) -> int | None:
    """The first heading line; the numbered lines of a 附件：1.… list are none."""
    listed: tuple[NotHeading, int] | None = None
    for ln in doc.lines:
        if ln.no in skip or not ln.stripped:
            continue
        rule = list_lead(ln.stripped)
        if rule is not None:
            listed = (rule, 1)
            continue
        mm = read_marker(ln.stripped) if listed else None
        if listed and mm and mm.scheme.name in listed[0].schemes and mm.number == listed[1] + 1:
            listed = (listed[0], mm.number)
            continue
        listed = None
        if is_structural(ln) or UNNUMBERED_GLUED.search(ln.text.rstrip()):
            return ln.no
    return None


def _seed_levels(doc: Document, skip: set[int], body_start: int) -> dict[str, int]:
    """Levels of the 第X篇/章/节/条 schemes the document uses, in their canonical order: they are
    unambiguous, so a 第一节 under an unnumbered 总则 never takes the top level before 第一章."""
    used: set[str] = set()
    for ln in doc.lines[body_start - 1 :]:
        if ln.no in skip or not ln.stripped.startswith("第"):
            continue
        h = match_heading(ln)
        if h and h.scheme and h.scheme.chinese_ordinal and h.body is None:
            used.add(h.scheme.name)
    ordered = sorted(used, key=lambda name: SCHEME_BY_NAME[name].rank)
    return {name: i + 1 for i, name in enumerate(ordered)}


class _Builder:
    def __init__(
        self,
        doc: Document,
        skip: set[int],
        body_start: int = 1,
        contents: Contents | None = None,
    ) -> None:
        self.doc = doc
        self.skip = skip
        self.contents = contents if contents is not None and contents.entries else None
        self.toc_schemes = self.contents.schemes if self.contents else set()
        self.toc_pos = 0  # index of the contents entry after the last one the body confirmed
        self.toc_entry: ContentsEntry | None = None  # the entry naming the heading just opened
        self.recovery: str | None = None  # how a damaged heading was recovered (diagnosed)
        self.glued_patterns: dict[int, re.Pattern[str]] = {}
        self.trim: dict[int, int] = {}  # line -> length of the page number glued before its text
        self.run_in_counts: dict[str, tuple[int, int]] = {}  # scheme -> (run-in, standing alone)
        self.run_in_title: _Node | None = None  # a run-in title wrapped onto the next line
        self.levels: dict[str, int] = _seed_levels(doc, skip, body_start)
        self.root = _Node("chapter", 0, 0, "", "", 0, (0, 0))
        self.roots: list[_Node] = self.root.children
        self.stack: list[_Node] = []
        self.nodes_in_order: list[_Node] = []
        self.boxes: list[_Box] = []
        self.box: _Box | None = None
        self.blocks: list[Block] = []
        self.block_open = False  # may the next line join the last block?
        self.diagnostics: list[Diagnostic] = []
        self.references: list[tuple[int, int]] = []  # (box number, line)
        self.last_content_line = 0
        self.last_number: dict[str, int] = {}  # last number of each scheme, document-wide
        self.consumed: set[int] = set()  # lines taken into a wrapped heading title
        self.width = wrap_width(
            ln.stripped for ln in doc.lines[body_start - 1 :] if ln.no not in skip
        )
        self.prev_fills = False  # did the last content line fill the wrap width?
        self.not_heading: tuple[NotHeading, int] | None = None  # open 注：/附表： list, last no.

    # -- outline ---------------------------------------------------------------------------
    def level_of(self, kind: str) -> int:
        if kind == "unnumbered":
            return 1  # 总则, 前言: a chapter's role
        if kind not in self.levels:
            self.levels[kind] = len(self.levels) + 1
        return self.levels[kind]

    def kind_of(self, level: int, marker_kind: str) -> NodeKind:
        """Node kind of a level: chapter, section, item, subitem from the top; a plan divided
        into 第X篇 has parts above its chapters. An unnumbered 前言/总则 plays a chapter's role."""
        if marker_kind == "unnumbered":
            return "chapter"
        kinds = PART_LEVEL_KINDS if "part_zh" in self.levels else LEVEL_KINDS
        return kinds[min(level, len(kinds)) - 1]

    def expected_next(self, level: int, marker_kind: str) -> int:
        """Number the next heading of this level would have to continue the outline."""
        parent = self._parent_for(level)
        last = parent.last_by_kind.get(marker_kind)
        return last.number + 1 if last else 1

    def _parent_for(self, level: int) -> _Node:
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
        node = _Node(
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
        local = _unique(f"{ID_PREFIX[kind]}_{node.number}", parent.taken)
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

    # -- the document's own contents -------------------------------------------------------
    def _diagnose(self, code: str, line: int | None, message: str, level: str = "info") -> None:
        self.diagnostics.append(Diagnostic(level=level, code=code, line=line, message=message))

    def _toc_covers(self, kind: str, line: int) -> bool:
        """Does the contents list headings of this scheme, and does the heading follow it?"""
        c = self.contents
        return c is not None and kind in self.toc_schemes and line > c.last_line

    def _confirm(self, node: _Node) -> None:
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

    def _continues_document(self, node: _Node) -> bool:
        """Items numbered across the whole document (1.–60.): the next number after the last
        one anywhere is no gap."""
        last = self.last_number.get(node.marker_kind)
        return last is not None and node.number == last + 1 and node.number > 1

    def _check_number(self, parent: _Node, node: _Node) -> None:
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

    def box_parent(self) -> _Node | None:
        """A box sits in the section around it (a chapter when there is none)."""
        deepest = 3 if "part_zh" in self.levels else 2
        for node in reversed(self.stack):
            if node.level <= deepest:
                return node
        return self.stack[-1] if self.stack else None

    # -- blocks ----------------------------------------------------------------------------
    def current_node_id(self) -> str | None:
        return self.stack[-1].id if self.stack else None

    def add_text(self, ln: Line, start: int, end: int, *, join: bool = True) -> None:
        """Add a piece of body text: it continues the open block or starts a new one."""
        box_no = None
        box_ref = None
        if self.box is not None:
            box_no = self.box.number
            box_ref = (len(self.boxes) - 1, len(self.box.entries))
        if join and self.block_open and self.blocks and self.blocks[-1].box_ref == box_ref:
            self.blocks[-1].segments.append((start, end))
        else:
            block = Block([(start, end)], ln.no, self.current_node_id(), None, box_no, box_ref)
            self.blocks.append(block)
        text = self.doc.norm[start:end].rstrip()
        self.block_open = not text.endswith(TERMINAL)

    def close_block(self) -> None:
        self.block_open = False

    # -- boxes -----------------------------------------------------------------------------
    def open_box(self, ln: Line, m: re.Match[str], base: int) -> None:
        """A box heading matched as `m` in the line's text from doc offset `base`."""
        self.close_box()
        raw = m.group("num")
        number = cn_to_int(raw) or 0
        t0 = base + m.start("title")
        t1 = base + m.end("title")
        title = self.doc.text[t0:t1].strip()
        lead = len(self.doc.text[t0:t1]) - len(self.doc.text[t0:t1].lstrip())
        span = (t0 + lead, t0 + lead + len(title))
        self.box = _Box(number, title, ln.no, span, self.box_parent(), end_line=ln.no)
        self.boxes.append(self.box)
        self.close_block()

    def close_box(self) -> None:
        self.box = None
        self.close_block()

    def box_entry_line(self, ln: Line, start: int, end: int, h: HeadingMatch) -> None:
        """A numbered line inside a box: its next entry (`1.健康管理类智能产品。重点发展…`), or,
        when the box is not numbered that way, a paragraph of it."""
        box = self.box
        assert box is not None
        if not self._box_continues(h):
            self.box_line(ln, start, end, False)
            return
        box.scheme = h.kind
        box.numbered = True
        norm = self.doc.norm
        name_end = h.title[1]
        for i in range(h.title[0], h.title[1]):
            if norm[i] in ":;":
                name_end = i
                break
        desc = name_end + 1 if name_end < h.title[1] else (h.body[0] if h.body else end)
        box.entries.append(_Entry([(ln.no, start, end)], (h.title[0], name_end), desc))
        box.end_line = ln.no
        self.close_block()
        if desc < end:
            self.add_text(ln, desc, end, join=False)

    def box_line(self, ln: Line, start: int, end: int, continued: bool) -> bool:
        """Handle a content line inside an open box; False if the line ends the box."""
        box = self.box
        assert box is not None
        s = self.doc.norm[start:end].strip()
        m = NUMBERED_ENTRY.match(s)
        if box.scheme is None and m and (box.numbered or not box.entries):
            box.numbered = True
            n0 = start + m.start("name")
            box.entries.append(_Entry([(ln.no, start, end)], (n0, start + m.end("name")), end))
            box.end_line = ln.no
            self.close_block()
            return True
        if (box.scheme is not None or not box.entries) and len(s) <= 20 and s.endswith(":"):
            # a short label (打造智慧养老场景：) that groups the numbered entries after it
            box.end_line = ln.no
            self.close_block()
            return True
        if box.scheme is not None:
            # entries numbered 1. …: a wrapped line continues the last entry; any other
            # paragraph ends the box
            if continued and box.entries:
                box.entries[-1].paragraphs.append((ln.no, start, end))
                box.end_line = ln.no
                self.add_text(ln, start, end)
                return True
            return False
        if box.numbered:
            last = box.entries[-1] if box.entries else None
            if last is not None and self._entry_closed(last) and not self.block_open:
                return False  # prose after the last entry: the box is over
            if last is None:
                return False
            if last.desc_start == last.paragraphs[0][2] and len(last.paragraphs) == 1:
                last.desc_start = start
            last.paragraphs.append((ln.no, start, end))
            box.end_line = ln.no
            self.add_text(ln, start, end)
            return True
        # paragraph style: each paragraph an entry; labelled lists continue the entry before
        lm = LABELLED_LIST.match(s)
        if box.entries and lm and "、" in lm.group("items"):
            box.entries[-1].paragraphs.append((ln.no, start, end))
            box.end_line = ln.no
            self.add_text(ln, start, end, join=False)
            return True
        name_span, desc_start = self._split_entry(start, end)
        box.entries.append(_Entry([(ln.no, start, end)], name_span, desc_start))
        box.end_line = ln.no
        self.close_block()
        if desc_start < end:
            self.add_text(ln, desc_start, end, join=False)
        return True

    def _entry_closed(self, entry: _Entry) -> bool:
        _, s, e = entry.paragraphs[-1]
        return len(entry.paragraphs) > 1 and self.doc.norm[s:e].rstrip().endswith("。")

    def _split_entry(self, start: int, end: int) -> tuple[tuple[int, int], int]:
        """Name and description of a box entry: `立德树人示范校工程 遴选1所高校…`."""
        body = self.doc.norm[start:end]
        m = re.search(r"[ \t]+", body)  # a TAB: the entry is a table row (PDF, Word, HTML)
        if m and 2 <= m.start() <= 40 and not re.search(r"[,。;]", body[: m.start()]):
            return (start, start + m.start()), start + m.end()
        m2 = ENTRY_NAME_SUFFIX.match(body)
        if m2 and m2.end() < len(body):
            return (start, start + m2.end()), start + m2.end()
        return (start, end), end

    # -- main loop -------------------------------------------------------------------------
    def run(self, body_start: int) -> None:
        doc = self.doc
        for ln in doc.lines:
            if ln.no < body_start:
                continue
            if ln.no in self.skip or ln.no in self.consumed:
                continue  # noise: blocks may join across it (a PDF page break)
            s = ln.stripped
            start = ln.content_start
            cut = self.trim.get(ln.no)
            if cut:
                start += cut + len(s[cut:]) - len(s[cut:].lstrip())
                s = s[cut:].strip()
                self.recovery = f"after page number {ln.stripped[:cut]} glued before it (removed)"
            if not s:
                self.close_block()
                self.prev_fills = False
                continue
            if self.run_in_title is not None:
                start = self.finish_run_in_title(ln, start)
                if start >= ln.content_end:
                    continue
            self.last_content_line = ln.no
            for ref in BOX_REFERENCE.finditer(s):
                if not BOX_HEADING.match(s):
                    self.references.append((int(ref.group("num")), ln.no))
            bm = BOX_HEADING.match(s)
            if bm and bm.group("title").strip():
                self.open_box(ln, bm, start)
                self.prev_fills = False
                continue
            self.content(ln, start, ln.content_end, body_start)
            self.recovery = None
            self.prev_fills = fills_line(ln.stripped, self.width)
        self.close_box()

    def content(self, ln: Line, start: int, end: int, body_start: int) -> None:
        """One line of content (or the rest of one after a glued heading was split off)."""
        continued = self.block_open and self.prev_fills  # a hard wrap runs into this line
        if self._in_not_heading_list(start, end):
            self.add_text(ln, start, end, join=self.block_open)
            return
        h = self.line_heading(ln, start, end, strict=continued)
        if h is not None:
            if self.box is not None and not self._ends_box(h):
                self.recovery = None
                self.box_entry_line(ln, start, end, h)
                return
            self.close_box()
            self.open_heading(ln, h)
            self.close_block()
            self.join_wrapped_title(ln, h)
            self.count_run_in(h)
            if h.body:
                self.add_text(ln, h.body[0], h.body[1], join=False)
            return
        glued = self.glued_heading(ln, start, end)
        if glued is not None:
            reason, self.recovery = self.recovery, None
            self.content(ln, start, glued, body_start)
            self.prev_fills = False
            self.block_open = False
            self.recovery = reason
            self.content(ln, glued, end, body_start)
            self.recovery = None
            return
        if self.box is not None:
            if self.box_line(ln, start, end, continued):
                return
            self.close_box()
        if ln.no == body_start and not self.stack and not self.blocks and self._is_title(ln):
            return
        self.add_text(ln, start, end)

    def _in_not_heading_list(self, start: int, end: int) -> bool:
        """Is the line part of a list that is not the outline: the line that opens it (注：,
        附表：), a numbered line that continues its numbering, a wrapped line of an item?"""
        s = self.doc.norm[start:end].strip()
        rule = list_lead(s)
        if rule is not None:
            lead = rule.lead.match(s) if rule.lead else None
            mm = read_marker(s, lead.end()) if lead else None
            self.not_heading = (rule, mm.number if mm and mm.scheme.name in rule.schemes else 0)
            return True
        if self.not_heading is None:
            return False
        rule, last = self.not_heading
        mm = read_marker(s)
        if mm is not None and mm.scheme.name in rule.schemes and mm.number == last + 1:
            self.not_heading = (rule, mm.number)
            return True
        if mm is None and self.block_open:
            return True  # an item wrapped onto this line
        self.not_heading = None
        return False

    def line_heading(self, ln: Line, start: int, end: int, *, strict: bool) -> HeadingMatch | None:
        """The heading at `start`: numbered (in sequence), unnumbered (总则) or numbered after a
        page number glued before it (`15三、…`, reported)."""
        s = self.doc.norm[start:end]
        word = unnumbered_heading(s)
        if word is not None:
            return HeadingMatch(None, 0, (0,), (start, start), (start, end), None)
        mm = read_marker(s)
        if mm is not None:
            h = heading_from(start, s, mm)
            if h is not None and self._acceptable(h, strict=strict):
                if strict and self.box is None:
                    self.recovery = "at the start of a wrapped line"
                return h
        for drop, pm in page_prefixed_markers(s):
            h = heading_from(start, s, pm)
            if h is not None and self._acceptable(h, strict=True):
                self.recovery = f"after page number {s[:drop]} glued before it (removed)"
                return h
        return None

    def _acceptable(self, h: HeadingMatch, *, strict: bool) -> bool:
        if titled_not_heading(h.kind, self.doc.norm[h.title[0] : h.title[1]]) is not None:
            return False  # a legal-basis or reference list: 1、《中华人民共和国…》
        if self.box is not None and self._box_continues(h):
            return True
        if strict and not self._toc_names(h):
            return False  # the contents lists this level and does not name it
        return self.in_sequence(h, strict=strict)

    def glued_heading(self, ln: Line, start: int, end: int) -> int | None:
        """Offset of a heading glued after a sentence end inside the line (`…机器人。 三、推进…`),
        accepted only when its number is the one the outline expects next; with a contents, also
        the next heading it names glued anywhere in the line (`…实施保障第九章 …`)."""
        s = self.doc.norm[start:end]
        for m in GLUE_POINT.finditer(s):
            pos = m.end()
            if UNNUMBERED.match(s[pos:].strip()):
                self.recovery = "glued after a sentence end, split off"
                return start + pos
            mm = read_marker(s, pos)
            if mm is None or mm.scheme.name not in self.levels:
                continue
            h = heading_from(start, s, mm)
            if h is not None and self._toc_names(h) and self.in_sequence(h, strict=True):
                self.recovery = "glued after a sentence end, split off"
                return start + pos
        at = self._glued_entry(s)
        if at is not None:
            self.recovery = "glued into the line, named by the contents, split off"
            return start + at
        g = UNNUMBERED_GLUED.search(s)
        if g is not None and not self.stack:
            self.recovery = "letter-spaced, glued to the end of the line before it, split off"
            return start + g.start("word")
        return None

    def _glued_entry(self, s: str) -> int | None:
        """Where the next heading the contents names is glued inside `s` (not at its start), when
        the sequence expects it there."""
        e = self._next_entry()
        if e is None or e.scheme == "unnumbered" or not e.marker:
            return None
        pattern = self.glued_patterns.get(e.pos)
        if pattern is None:
            marker = r"[ ]*".join(re.escape(ch) for ch in e.marker)
            title = r"[ ]*".join(re.escape(ch) for ch in e.title[: 2 * PREFIX_KEY])
            pattern = self.glued_patterns[e.pos] = re.compile(marker + r"[ ]*" + title)
        for m in pattern.finditer(s, 1):
            mm = read_marker(s, m.start())
            if mm is None or mm.scheme.name != e.scheme or mm.path != e.path:
                continue
            h = heading_from(0, s, mm)
            if h is not None and self.in_sequence(h, strict=True):
                return m.start()
        return None

    def join_wrapped_title(self, ln: Line, h: HeadingMatch) -> None:
        """A heading title wrapped onto the next line (PDF text) is joined: the lines the
        contents entry naming it calls for; else the next content line, when the title filled
        the line and that line is short and not a heading."""
        if h.body is not None:
            return
        e = self.toc_entry
        node = self.stack[-1]
        title = fold_title(self.doc.norm[node.span[0] : node.span[1]])
        if e is not None and len(e.title) > len(title) and self._join_from_contents(ln, e, title):
            return
        if self.width is None:
            return
        if not fills_line(self.doc.norm[ln.content_start : ln.content_end], self.width):
            return
        for nxt in self.doc.lines[ln.no :]:
            if nxt.no in self.skip or not nxt.stripped:
                if nxt.no in self.skip:
                    continue
                return
            s = nxt.stripped
            if is_structural(nxt):
                return
            if len(s) > 12 or s.endswith(TERMINAL):
                if self._runs_in(h.kind):
                    self.run_in_title = node  # the title ends at the 。 of the next line
                return
            node = self.stack[-1]
            node.span = (node.span[0], nxt.content_end)
            node.title = node.title + self.doc.text[nxt.content_start : nxt.content_end]
            self.consumed.add(nxt.no)
            self.diagnostics.append(
                Diagnostic(
                    level="info",
                    code="title-joined",
                    line=ln.no,
                    message=f"heading title continued on line {nxt.no} joined",
                )
            )
            return

    def _runs_in(self, kind: str) -> bool:
        """Are this scheme's headings run-in in this document (`3.3.1 打造….促进…`): most of
        those seen so far, at least two, have their text after the title's 。 on their line?"""
        run_in, alone = self.run_in_counts.get(kind, (0, 0))
        return run_in >= 2 and run_in > alone

    def count_run_in(self, h: HeadingMatch) -> None:
        run_in, alone = self.run_in_counts.get(h.kind, (0, 0))
        self.run_in_counts[h.kind] = (run_in + (h.body is not None), alone + (h.body is None))

    def finish_run_in_title(self, ln: Line, start: int) -> int:
        """A run-in title wrapped at the line end (`5.3.1 大力发展…高端生产性服务` / `业。加快…`):
        the title runs to the 。 near the start of this line; returns where its text begins."""
        node, self.run_in_title = self.run_in_title, None
        if node is None:
            return start
        s = self.doc.norm[start : ln.content_end]
        stop = s.find("。", 0, RUN_IN_TAIL + 1)
        if stop <= 0 or read_marker(s) is not None:
            return start
        node.span = (node.span[0], start + stop)
        node.title = node.title + self.doc.text[start : start + stop]
        self._diagnose("title-joined", node.line, f"run-in title continued on line {ln.no} joined")
        rest = s[stop + 1 :]
        return start + stop + 1 + len(rest) - len(rest.lstrip())

    def _join_from_contents(self, ln: Line, e: ContentsEntry, title: str) -> bool:
        """Join the following lines while the title stays a beginning of the contents title;
        False when they do not spell it."""
        node = self.stack[-1]
        joined: list[Line] = []
        for nxt in self.doc.lines[ln.no :]:
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

    def _is_title(self, ln: Line) -> bool:
        return not ln.stripped.endswith(TERMINAL)

    def _box_continues(self, h: HeadingMatch) -> bool:
        """Is `h` the next entry of the open box (its numbering comes first inside the box)?"""
        box = self.box
        if box is None or h.kind not in BOX_ENTRY_SCHEMES:
            return False
        if box.scheme is None:
            return not box.entries and not box.numbered and h.number == 1
        return h.kind == box.scheme and h.number == len(box.entries) + 1

    def _ends_box(self, h: HeadingMatch) -> bool:
        if self._box_continues(h):
            return False
        if h.kind == "unnumbered":
            return True
        level = self.levels.get(h.kind)
        if level is None:
            return False
        parent = self.box.parent if self.box else None
        if parent is None or level <= parent.level:
            return True
        return h.number == self.expected_next(level, h.kind)


def build_outline(
    doc: Document,
    *,
    body_start: int,
    skip: set[int],
    contents: Contents | None = None,
    trim: dict[int, int] | None = None,
) -> Outline:
    """The outline of the body from `body_start`, leaving out `skip` lines and the first
    `trim[line]` characters of a line (a page number glued before its text); `contents`, the
    document's own table of contents, confirms headings and recovers damaged ones."""
    b = _Builder(doc, skip, body_start, contents)
    b.trim = trim or {}
    b.run(body_start)
    last_line = b.last_content_line or len(doc.lines)
    _set_end_lines(b, doc, skip, last_line)
    boxes = _freeze_boxes(b, doc)
    diagnostics = b.diagnostics + b.toc_missing() + _box_diagnostics(b)
    nodes = [n.freeze() for n in b.roots]
    index: dict[str, OutlineNode] = {}
    stack = list(nodes)
    while stack:
        n = stack.pop()
        index[n.id] = n
        stack.extend(n.children)
    blocks = _resolve_block_entries(b, boxes)
    return Outline(nodes, boxes, blocks, diagnostics, index)


def _unique(base: str, taken: dict[str, int]) -> str:
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


def _trim_back(doc: Document, skip: set[int], line: int, floor: int) -> int:
    while line > floor and (line in skip or not doc.line(line).stripped):
        line -= 1
    return line


def _set_end_lines(b: _Builder, doc: Document, skip: set[int], last_line: int) -> None:
    """A node ends before the next heading of its level or above, or before a box placed in
    one of its ancestors (the items before a box do not run through it). One pass, a stack."""
    events: list[tuple[int, int, _Node | None]] = [(n.line, n.level, n) for n in b.nodes_in_order]
    events += [(bx.line, bx.parent.level + 1 if bx.parent else 1, None) for bx in b.boxes]
    events.sort(key=lambda e: (e[0], e[2] is not None))
    open_nodes: list[_Node] = []
    for line, level, node in events:
        while open_nodes and open_nodes[-1].level >= level:
            done = open_nodes.pop()
            done.end_line = _trim_back(doc, skip, line - 1, done.line)
        if node is not None:
            open_nodes.append(node)
    for done in open_nodes:
        done.end_line = _trim_back(doc, skip, last_line, done.line)
    for bx in b.boxes:
        bx.end_line = _trim_back(doc, skip, bx.end_line, bx.line)


def _freeze_boxes(b: _Builder, doc: Document) -> list[Box]:
    out: list[Box] = []
    taken: dict[str, int] = {}
    for bx in b.boxes:
        bid = bx.id = _unique(f"box_{bx.number}", taken)
        entries = []
        for i, e in enumerate(bx.entries, 1):
            first_line, _, _ = e.paragraphs[0]
            last_line, _, end = e.paragraphs[-1]
            pieces = []
            groups: list[EntryGroup] = []
            for j, (line, s0, s1) in enumerate(e.paragraphs):
                s_desc = e.desc_start if j == 0 else s0
                if s_desc >= s1:
                    continue
                pieces.append(doc.text[s_desc:s1])
                group = _group(doc, line, s_desc, s1)
                if group is not None:
                    groups.append(group)
            entries.append(
                BoxEntry(
                    id=f"{bid}__entry_{i}",
                    name=doc.text[e.name_span[0] : e.name_span[1]],
                    text="\n".join(pieces),
                    line=first_line,
                    end_line=last_line,
                    span=(e.name_span[0], end),
                    name_span=e.name_span,
                    groups=groups,
                )
            )
        out.append(
            Box(
                id=bid,
                number=bx.number,
                title=bx.title,
                line=bx.line,
                end_line=bx.end_line,
                span=bx.span,
                parent_id=bx.parent.id if bx.parent else None,
                entries=entries,
            )
        )
    return out


def split_list(text: str) -> list[tuple[int, int]]:
    """Spans of list items in `text`, split on 、 , ; outside parentheses and quotes."""
    items: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in "(（[【“《":
            depth += 1
        elif ch in ")）]】”》":
            depth = max(0, depth - 1)
        elif depth == 0 and LIST_SPLIT.match(ch):
            items.append((start, i))
            start = i + 1
    items.append((start, len(text)))
    out = []
    for s, e in items:
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip())
        seg = seg.strip().rstrip("。.")
        if seg:
            out.append((s + lead, s + lead + len(seg)))
    return out


def _group(doc: Document, line: int, start: int, end: int) -> EntryGroup | None:
    norm = doc.norm[start:end]
    m = LABELLED_LIST.match(norm)
    if not m or "、" not in m.group("items"):
        return None
    label = doc.text[start + m.start("label") : start + m.end("label")].strip()
    i0 = start + m.start("items")
    items = [doc.text[i0 + s : i0 + e] for s, e in split_list(doc.norm[i0:end])]
    return EntryGroup(label=label, items=items, line=line, span=(start, end))


def _resolve_block_entries(b: _Builder, boxes: list[Box]) -> list[Block]:
    """Blocks inside a box point at their entry id (box_4__entry_2)."""
    for block in b.blocks:
        if block.box_ref is None:
            continue
        box_index, entry_no = block.box_ref
        entries = boxes[box_index].entries
        if 1 <= entry_no <= len(entries):
            block.entry_id = entries[entry_no - 1].id
    return b.blocks


def _box_diagnostics(b: _Builder) -> list[Diagnostic]:
    found = {bx.number for bx in b.boxes}
    out: list[Diagnostic] = []
    refs: dict[int, int] = {}
    for num, ref_line in b.references:
        refs.setdefault(num, ref_line)
    implied = set(range(1, max(found) + 1)) if found else set()
    missing = sorted((set(refs) | implied) - found)
    for num in missing:
        line: int | None = None
        if num in refs:
            msg = f"专栏{num} is referenced (line {refs[num]}) but absent from the text"
            line = refs[num]
        else:
            first_after = min((bx.line for bx in b.boxes if bx.number > num), default=None)
            msg = f"专栏{num} is implied by the box numbering but absent from the text"
            line = first_after
        out.append(Diagnostic(level="warning", code="missing-box", line=line, message=msg))
    seen: dict[int, int] = {}
    for bx in b.boxes:
        if bx.number in seen:
            out.append(
                Diagnostic(
                    level="warning",
                    code="box-number-repeat",
                    line=bx.line,
                    message=f"专栏{bx.number} appears again (first at line {seen[bx.number]})",
                )
            )
        seen.setdefault(bx.number, bx.line)
    return out
