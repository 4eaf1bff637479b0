"""The end lines of outline nodes and boxes, once the outline loop (`outline.py`) has read the
body: a node ends before the next heading of its level or above, or before a box placed in one
of its ancestors; blank and skipped lines at the end are left out. Reads the builder's nodes and
boxes and the document's lines; sets `end_line` on them, nothing else.
"""

from __future__ import annotations

from ..read.normalize import Document
from .boxes import BoxReader
from .headings import Node


def _trim_back(doc: Document, skip: set[int], line: int, floor: int) -> int:
    """`line`, moved back over blank and skipped lines, never before `floor` (the node's own
    line: a title below a marker alone may be the last line read)."""
    while line > floor and (line in skip or not doc.line(line).stripped):
        line -= 1
    return max(line, floor)


def set_end_lines(b: BoxReader, doc: Document, skip: set[int], last_line: int) -> None:
    """A node ends before the next heading of its level or above, or before a box placed in
    one of its ancestors (the items before a box do not run through it). One pass, a stack."""
    events: list[tuple[int, int, Node | None]] = [(n.line, n.level, n) for n in b.nodes_in_order]
    events += [(bx.line, bx.parent.level + 1 if bx.parent else 1, None) for bx in b.boxes]
    events.sort(key=lambda e: (e[0], e[2] is not None))
    open_nodes: list[Node] = []
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
