"""Stage 5: the outline loop. One pass over the body's lines builds the outline tree, the boxes
(专栏) and the paragraphs ("blocks") extractors read; the patterns are in `markers.py`.

- `headings.py`: `HeadingStack`, levels by scheme, path ids, the number each level expects next,
  numbering diagnostics, confirmation against the document's own contents (`contents.py`);
- `boxes.py`: `BoxReader`, box entries, their groups, box references and diagnostics;
- `passages.py`: `BlockCollector` and `Block`, the paragraphs;
- `ends.py`: the end lines of nodes and boxes;
- here: which line is a heading (in sequence, glued into a line, after a page number, wrapped,
  named by the contents), which numbered lines are not (注：, 附表：, 《…》 lists), and which
  lines are plain text, added to the paragraph without being read further.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import Box, Diagnostic, OutlineNode
from ..read.normalize import Document, Line
from .boxes import BoxReader, box_diagnostics, freeze_boxes, resolve_block_entries, split_list
from .contents import PREFIX_KEY, Contents, fold_title
from .ends import set_end_lines
from .headings import Node, is_structural
from .layout import SLACK, Widths, fills_line, wrap_width
from .markers import (
    BOX_HEADING,
    BOX_REFERENCE,
    GLUE_POINT,
    LINE_OPENER,
    LINE_OPENER_FIRST,
    RUN_IN_TAIL,
    TERMINAL,
    UNNUMBERED,
    UNNUMBERED_GLUED,
    HeadingMatch,
    NotHeading,
    heading_from,
    list_lead,
    marker_alone,
    page_prefixed_markers,
    read_marker,
    titled_not_heading,
    unnumbered_heading,
)
from .passages import Block

# re-exported: extractors import these from here
__all__ = ["Block", "Outline", "build_outline", "first_heading_line", "is_structural", "split_list"]


@dataclass
class Outline:
    nodes: list[OutlineNode]
    boxes: list[Box]
    blocks: list[Block]
    diagnostics: list[Diagnostic]
    node_index: dict[str, OutlineNode]


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


class _Builder(BoxReader):
    """The outline loop: one pass over the body's lines, headings (with the contents' evidence
    and the recoveries of damaged ones), boxes and blocks."""

    def __init__(
        self,
        doc: Document,
        skip: set[int],
        body_start: int = 1,
        contents: Contents | None = None,
        widths: Widths | None = None,
    ) -> None:
        super().__init__(doc, skip, body_start, contents)
        self.body_start = body_start
        self.glued_patterns: dict[int, re.Pattern[str]] = {}
        self.trim: dict[int, int] = {}  # line -> length of the page number glued before its text
        self.run_in_counts: dict[str, tuple[int, int]] = {}  # scheme -> (run-in, standing alone)
        self.run_in_title: Node | None = None  # a run-in title wrapped onto the next line
        self.last_content_line = 0
        self.widths = Widths() if widths is None else widths
        self.width = wrap_width(
            (ln.stripped for ln in doc.lines[body_start - 1 :] if ln.no not in skip), self.widths
        )
        self.prev_fills = False  # did the last content line fill the wrap width?
        self.not_heading: tuple[NotHeading, int] | None = None  # open 注：/附表： list, last no.
        # the first character of the next contents entry's marker ("" for none), as of the
        # number of headings opened (only opening one confirms an entry)
        self.entry_key, self.entry_char = -1, ""

    def run(self, body_start: int) -> None:
        skip, consumed, trim = self.skip, self.consumed, self.trim
        glue = GLUE_POINT.search  # a heading glued after `。 ` (`…机器人。 三、…`): needs a space
        width, widths = self.width, self.widths  # `fills_line`, for the plain lines
        opens = LINE_OPENER.match
        first = LINE_OPENER_FIRST.chars if LINE_OPENER_FIRST else None  # and decimal digits
        for ln in self.doc.lines[max(body_start, 1) - 1 :]:
            no = ln.no
            if no in skip or no in consumed:
                continue  # noise: blocks may join across it (a PDF page break)
            s = ln.stripped
            if not s and not trim.get(no):  # a blank line: `read_line` would only end the block
                self.block_open = self.prev_fills = False
                continue
            # a plain line: no page number cut from it, no run-in title to finish, no list or
            # box open, a heading above it, nothing that opens a heading at its start
            # (`LINE_OPENER`) or inside it (a glue point, the next contents entry), no box:
            # `read_line` would only add it to the paragraph
            if (
                s
                and not trim.get(no)
                and self.run_in_title is None
                and self.not_heading is None
                and self.box is None
                and self.stack
                and not ((first is None or s[0] in first or s[0].isdecimal()) and opens(s))
                and "专栏" not in s
                and (" " not in s or glue(s) is None)
                and (self.contents is None or not self._entry_inside(s))
            ):
                self.last_content_line = no
                self.add_line(ln)
                self.recovery = None
                self.prev_fills = width is not None and widths[s] >= width - SLACK
                continue
            self.read_line(ln)
        self.close_box()

    def read_line(self, ln: Line) -> None:
        """A line of the body that is not plain: a heading, a box, a list, a glued page number,
        the rest of a run-in title, or text read in one of those."""
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
            return
        if self.run_in_title is not None:
            start = self.finish_run_in_title(ln, start)
            if start >= ln.content_end:
                return
        self.last_content_line = ln.no
        bm = None
        if "专栏" in s:  # both patterns start with it
            bm = BOX_HEADING.match(s)
            if bm is None:
                for ref in BOX_REFERENCE.finditer(s):
                    self.references.append((int(ref.group("num")), ln.no))
        if bm and bm.group("title").strip():
            self.open_box(ln, bm, start)
            self.prev_fills = False
            return
        self.content(ln, start, ln.content_end, self.body_start)
        self.recovery = None
        self.prev_fills = fills_line(ln.stripped, self.width, self.widths)

    def _entry_inside(self, s: str) -> bool:
        """Can `_glued_entry` find the next contents entry inside `s`: does its marker's first
        character stand after s[0]? Asked of a line that is otherwise plain."""
        if self.contents is None:
            return False
        if self.entry_key != len(self.nodes_in_order):  # a heading opened: the entry may change
            self.entry_key = len(self.nodes_in_order)
            e = self._next_entry()
            self.entry_char = e.marker[0] if e and e.scheme != "unnumbered" and e.marker else ""
        return bool(self.entry_char) and s.find(self.entry_char, 1) >= 0

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
            if self.take_title_below(ln, h):
                return
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
        # a marker standing alone takes its title from the next line; never in a box, whose
        # entries are read by their own rules
        alone = marker_alone(s) if mm is None and self.box is None else None
        if mm is not None or alone is not None:
            h = heading_from(start, s, mm) if mm else self.title_below_marker(ln, start, s, alone)
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
        if e is not None:
            title = fold_title(self.doc.norm[node.span[0] : node.span[1]])
            if len(e.title) > len(title) and self._join_from_contents(ln, e, title):
                return
        if self.width is None:
            return
        if not fills_line(ln.stripped, self.width, self.widths):
            return
        lines = self.doc.lines
        for i in range(ln.no, len(lines)):  # not lines[ln.no:], a copy of the rest per heading
            nxt = lines[i]
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

    def _is_title(self, ln: Line) -> bool:
        return not ln.stripped.endswith(TERMINAL)

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
    widths: Widths | None = None,
) -> Outline:
    """The outline of the body from `body_start`, leaving out `skip` lines and the first
    `trim[line]` characters of a line (a page number glued before its text); `contents`, the
    document's own table of contents, confirms headings and recovers damaged ones. `widths`:
    line widths measured before (`find_glued_page_numbers`), not measured again."""
    b = _Builder(doc, skip, body_start, contents, widths)
    b.trim = trim or {}
    b.run(body_start)
    last_line = b.last_content_line or len(doc.lines)
    set_end_lines(b, doc, skip, last_line)
    boxes = freeze_boxes(b, doc)
    diagnostics = b.diagnostics + b.toc_missing() + box_diagnostics(b)
    nodes = [n.freeze() for n in b.roots]
    index: dict[str, OutlineNode] = {}
    stack = list(nodes)
    while stack:
        n = stack.pop()
        index[n.id] = n
        stack.extend(n.children)
    blocks = resolve_block_entries(b, boxes)
    return Outline(nodes, boxes, blocks, diagnostics, index)
