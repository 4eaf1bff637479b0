"""Boxes (专栏): their entries (numbered `01 …`, `1.` / `（1）` / `①`, or one per paragraph), the
labelled lists inside an entry (groups), and the references the text makes to boxes.

Boxes are containers placed in the section where they appear; they neither advance nor reset the
outline's numbering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lang.numerals import cn_to_int
from ..models import Box, BoxEntry, Diagnostic, EntryGroup
from ..read.normalize import Document, Line
from .contents import Contents
from .headings import Node, unique_id
from .markers import (
    BOX_ENTRY_SCHEMES,
    ENTRY_NAME_SUFFIX,
    LABELLED_LIST,
    LIST_SPLIT,
    NUMBERED_ENTRY,
    HeadingMatch,
)
from .passages import Block, BlockCollector

# where a paragraph-style box entry's name ends (normalized text: ：is :, ；is ;), and the
# longest name read before it
ENTRY_NAME_STOP = re.compile(r"[。:;]")
ENTRY_NAME_MAX = 40


@dataclass
class Entry:
    paragraphs: list[tuple[int, int, int]]  # (line, start, end) of each paragraph
    name_span: tuple[int, int]
    desc_start: int  # doc offset where the description begins


@dataclass
class BoxState:
    number: int
    title: str
    line: int
    span: tuple[int, int]
    parent: Node | None
    numbered: bool = False
    scheme: str | None = None  # entries numbered 1. / (1) / ①: the scheme that numbers them
    entries: list[Entry] = field(default_factory=list)
    end_line: int = 0
    id: str = ""
    per_chapter: bool = False  # 专栏1-2: numbered within its chapter, numbers repeat


class BoxReader(BlockCollector):
    """Reads the box being read line by line into its entries."""

    def __init__(
        self, doc: Document, skip: set[int], body_start: int, contents: Contents | None
    ) -> None:
        super().__init__(doc, skip, body_start, contents)
        self.boxes: list[BoxState] = []
        self.box: BoxState | None = None
        self.references: list[tuple[int, int]] = []  # (box number, line)

    def box_context(self) -> tuple[int | None, tuple[int, int] | None]:
        if self.box is None:
            return None, None
        return self.box.number, (len(self.boxes) - 1, len(self.box.entries))

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
        self.box = BoxState(number, title, ln.no, span, self.box_parent(), end_line=ln.no)
        self.box.per_chapter = m.group("sub") is not None
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
        box.entries.append(Entry([(ln.no, start, end)], (h.title[0], name_end), desc))
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
            box.entries.append(Entry([(ln.no, start, end)], (n0, start + m.end("name")), end))
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
        box.entries.append(Entry([(ln.no, start, end)], name_span, desc_start))
        box.end_line = ln.no
        self.close_block()
        if desc_start < end:
            self.add_text(ln, desc_start, end, join=False)
        return True

    def _entry_closed(self, entry: Entry) -> bool:
        _, s, e = entry.paragraphs[-1]
        return len(entry.paragraphs) > 1 and self.doc.norm[s:e].rstrip().endswith("。")

    def _split_entry(self, start: int, end: int) -> tuple[tuple[int, int], int]:
        """Name and description of a box entry: `立德树人示范校工程 遴选1所高校…`."""
        body = self.doc.norm[start:end]
        m = re.search(r"[ \t]+", body)  # a TAB: the entry is a table row (PDF, Word, HTML)
        if m and 2 <= m.start() <= 40 and not re.search(r"[,。;:]", body[: m.start()]):
            return (start, start + m.start()), start + m.end()
        # the name never runs past the first 。, colon or semicolon: `济南高新区。重点开展…`
        stop = ENTRY_NAME_STOP.search(body)
        named = body[: stop.start()] if stop else body
        m2 = ENTRY_NAME_SUFFIX.match(named)
        if m2 and m2.end() < len(body):
            desc = stop.end() if stop and stop.start() == m2.end() else m2.end()
            return (start, start + m2.end()), start + desc
        if stop and 2 <= stop.start() <= ENTRY_NAME_MAX and stop.end() < len(body.rstrip()):
            return (start, start + stop.start()), start + stop.end()
        return (start, end), end

    def _box_continues(self, h: HeadingMatch) -> bool:
        """Is `h` the next entry of the open box (its numbering comes first inside the box)?"""
        box = self.box
        if box is None or h.kind not in BOX_ENTRY_SCHEMES:
            return False
        if box.scheme is None:
            return not box.entries and not box.numbered and h.number == 1
        return h.kind == box.scheme and h.number == len(box.entries) + 1


def freeze_boxes(b: BoxReader, doc: Document) -> list[Box]:
    out: list[Box] = []
    taken: dict[str, int] = {}
    for bx in b.boxes:
        bid = bx.id = unique_id(f"box_{bx.number}", taken)
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


_LIST_OPENERS = "(（[【“《"
_LIST_CLOSERS = ")）]】”》"
_LIST_MARKS = re.compile("[" + re.escape(_LIST_OPENERS + _LIST_CLOSERS) + "、,;]")  # and LIST_SPLIT


def split_list(text: str) -> list[tuple[int, int]]:
    """Spans of list items in `text`, split on 、 , ; outside parentheses and quotes."""
    items: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for m in _LIST_MARKS.finditer(text):  # the brackets, quotes and separators, not every character
        ch = m.group()
        if ch in _LIST_OPENERS:
            depth += 1
        elif ch in _LIST_CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and LIST_SPLIT.match(ch):
            items.append((start, m.start()))
            start = m.start() + 1
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


def resolve_block_entries(b: BoxReader, boxes: list[Box]) -> list[Block]:
    """Blocks inside a box point at their entry id (box_4__entry_2)."""
    for block in b.blocks:
        if block.box_ref is None:
            continue
        box_index, entry_no = block.box_ref
        entries = boxes[box_index].entries
        if 1 <= entry_no <= len(entries):
            block.entry_id = entries[entry_no - 1].id
    return b.blocks


def box_diagnostics(b: BoxReader) -> list[Diagnostic]:
    found = {bx.number for bx in b.boxes}
    out: list[Diagnostic] = []
    refs: dict[int, int] = {}
    for num, ref_line in b.references:
        refs.setdefault(num, ref_line)
    # boxes numbered within chapters (专栏1-1, 专栏3-1) imply no box per number in between
    per_chapter = any(bx.per_chapter for bx in b.boxes)
    implied = set(range(1, max(found) + 1)) if found and not per_chapter else set()
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
        if bx.number in seen and not bx.per_chapter:
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
