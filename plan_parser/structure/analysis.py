"""Stages 2-5 in order: decoded text -> `Analysis` (document, front matter, outline, skipped lines).

`Analysis` is what every extractor reads (`extract/base.py`); it imports nothing above it, so the
pipeline can call extractors without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import OutlineNode, Table
from ..read.normalize import Document, normalize
from .contents import parse_contents
from .front import Front, parse_front
from .layout import Widths
from .noise import (
    find_chrome_toc_pages,
    find_glued_page_numbers,
    find_running_headers,
    glued_page_diagnostics,
    noise_diagnostics,
)
from .outline import Outline, build_outline, first_heading_line, is_structural
from .tables import HtmlLayout, find_tables, table_lines, to_models


@dataclass
class Analysis:
    """Everything the stages produced, for extractors and tests that need more than the Plan."""

    doc: Document
    front: Front
    outline: Outline
    skip: set[int]
    tables: list[Table] = field(default_factory=list)

    def ancestors(self, node_id: str | None) -> list[OutlineNode]:
        """The nodes from the chapter down to `node_id` itself (ids are paths: `chp_1__sec_2`);
        empty for None or an unknown id."""
        if not node_id:
            return []
        parts = node_id.split("__")
        index = self.outline.node_index
        found = (index.get("__".join(parts[:i])) for i in range(1, len(parts) + 1))
        return [n for n in found if n is not None]


ParsedText = Analysis  # the name before the structure/ package; kept for callers of `analyse`


def analyse(text: str, *, layout: HtmlLayout | None = None) -> Analysis:
    """Stages 2-5 on decoded text: the document, its front matter, its tables and its outline.
    `layout`: the rowspan/colspan of HTML table cells, from the reader."""
    doc = normalize(text)
    noise = find_chrome_toc_pages(doc)
    # tables before noise: a cell is never a page number or a running header
    tables = to_models(
        doc, find_tables(doc, {n for n, x in noise.items() if x.code != "page-number"}, layout)
    )
    in_tables = table_lines(tables)
    for no in in_tables & set(noise):
        del noise[no]
    skip = set(noise)
    first = first_heading_line(doc, skip)
    front = parse_front(doc, first, skip)
    titles = [front.metadata.title or "", *front.notice_title_parts]
    if front.metadata.plan_title:
        titles.append(front.metadata.plan_title)
    headers = find_running_headers(
        doc, titles, after=front.body_start, skip=skip | in_tables, is_heading=is_structural
    )
    noise.update(headers)
    skip |= set(headers)
    # table lines are not prose: the outline and the extractors' paragraphs leave them out
    contents = parse_contents(doc, sorted(n for n, x in noise.items() if x.code == "toc-skipped"))
    widths = Widths()  # line widths: for glued page numbers, then for the outline's wraps
    glued = find_glued_page_numbers(doc, skip | in_tables, noise, widths)
    outline = build_outline(
        doc,
        body_start=front.body_start,
        skip=skip | in_tables,
        contents=contents,
        trim={no: len(n.text) for no, n in glued.items()},
        widths=widths,
    )
    outline.diagnostics[:0] = noise_diagnostics(noise) + glued_page_diagnostics(glued)
    _place_tables(tables, outline)
    return Analysis(doc, front, outline, skip, tables)


def _place_tables(tables: list[Table], outline: Outline) -> None:
    """Each table's node: the deepest outline node whose lines hold the table's first line, else
    (a table closing its section, whose lines the outline leaves out) the last node that starts
    before it."""
    nodes = list(outline.node_index.values())
    for t in tables:
        first = t.title_line or t.line
        holding = [n for n in nodes if n.line <= first <= n.end_line]
        before = [n for n in nodes if n.line <= first]
        if holding:
            t.node_id = max(holding, key=lambda n: n.id.count("__")).id
        elif before:
            t.node_id = max(before, key=lambda n: (n.line, n.id.count("__"))).id
