"""Paragraphs ("blocks") of body text that extractors read: consecutive lines joined across PDF
line wraps, each pointing at its outline node and, inside a box, its box entry."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ..read.normalize import Document, Line
from .contents import Contents
from .headings import HeadingStack
from .markers import TERMINAL


@dataclass
class Block:
    """A paragraph of body text: consecutive lines joined across PDF line wraps."""

    segments: list[tuple[int, int]]  # doc offsets [start, end) of each line's content
    line: int
    node_id: str | None
    entry_id: str | None = None
    box: int | None = None
    box_ref: tuple[int, int] | None = field(default=None, repr=False)  # (box index, entry no.)
    _segment_ends: list[int] = field(default_factory=list, init=False, repr=False, compare=False)

    def text(self, doc: Document) -> str:
        if len(self.segments) == 1:  # most paragraphs: one line
            s, e = self.segments[0]
            return doc.norm[s:e]
        return "".join([doc.norm[s:e] for s, e in self.segments])

    def to_doc(self, i: int) -> int:
        """Map an offset into `text()` to an offset into the document (at a line wrap, the end
        of the line before: an end)."""
        k = bisect_left(self._ends(), i)
        if k == len(self.segments):
            return self.segments[-1][1]
        return self.segments[k][1] - (self._ends()[k] - i)

    def to_doc_start(self, i: int) -> int:
        """`to_doc` for an offset that starts something: at a line wrap, the start of the next
        line."""
        k = bisect_right(self._ends(), i)
        if k == len(self.segments):
            return self.segments[-1][1]
        return self.segments[k][1] - (self._ends()[k] - i)

    def _ends(self) -> list[int]:
        """The `text()` offset where each segment ends, made again only when a line was added
        (the collector appends segments): an offset is found by bisection, so a paragraph of n
        lines with n numbers is not walked n times (a hard-wrapped PDF paragraph)."""
        ends = self._segment_ends
        if len(ends) != len(self.segments):
            ends.clear()
            at = 0
            for s, e in self.segments:
                at += e - s
                ends.append(at)
        return ends

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


class BlockCollector(HeadingStack):
    """Collects the blocks of the body as the outline loop meets its text."""

    def __init__(
        self, doc: Document, skip: set[int], body_start: int, contents: Contents | None
    ) -> None:
        super().__init__(doc, skip, body_start, contents)
        self.blocks: list[Block] = []
        self.block_open = False  # may the next line join the last block?

    def box_context(self) -> tuple[int | None, tuple[int, int] | None]:
        """(box number, (box index, entry number)) of the box being read; (None, None) outside."""
        return None, None

    def add_text(self, ln: Line, start: int, end: int, *, join: bool = True) -> None:
        """Add a piece of body text: it continues the open block or starts a new one."""
        box_no, box_ref = self.box_context()
        if join and self.block_open and self.blocks and self.blocks[-1].box_ref == box_ref:
            self.blocks[-1].segments.append((start, end))
        else:
            block = Block([(start, end)], ln.no, self.current_node_id(), None, box_no, box_ref)
            self.blocks.append(block)
        text = self.doc.norm[start:end].rstrip()
        self.block_open = not text.endswith(TERMINAL)

    def add_line(self, ln: Line) -> None:
        """`add_text` of a whole line, outside a box: the plain lines of the outline loop."""
        blocks = self.blocks
        segment = (ln.content_start, ln.content_end)
        if self.block_open and blocks and blocks[-1].box_ref is None:
            blocks[-1].segments.append(segment)
        else:
            blocks.append(Block([segment], ln.no, self.current_node_id()))
        self.block_open = not ln.stripped.endswith(TERMINAL)

    def close_block(self) -> None:
        self.block_open = False
