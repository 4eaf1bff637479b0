"""Stages 2-5 in order: decoded text -> `Analysis` (document, front matter, outline, skipped lines).

`Analysis` is what every extractor reads (`extract/base.py`); it imports nothing above it, so the
pipeline can call extractors without an import cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import OutlineNode
from ..read.normalize import Document, normalize
from .front import Front, parse_front
from .noise import find_chrome_toc_pages, find_running_headers, noise_diagnostics
from .outline import Outline, build_outline, first_heading_line, is_structural


@dataclass
class Analysis:
    """Everything the stages produced, for extractors and tests that need more than the Plan."""

    doc: Document
    front: Front
    outline: Outline
    skip: set[int]

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


def analyse(text: str) -> Analysis:
    """Stages 2-5 on decoded text: the document, its front matter and its outline."""
    doc = normalize(text)
    noise = find_chrome_toc_pages(doc)
    skip = set(noise)
    first = first_heading_line(doc, skip)
    front = parse_front(doc, first, skip)
    titles = [front.metadata.title or "", *front.notice_title_parts]
    if front.metadata.plan_title:
        titles.append(front.metadata.plan_title)
    headers = find_running_headers(
        doc, titles, after=front.body_start, skip=skip, is_heading=is_structural
    )
    noise.update(headers)
    skip |= set(headers)
    outline = build_outline(doc, body_start=front.body_start, skip=skip)
    outline.diagnostics[:0] = noise_diagnostics(noise)
    return Analysis(doc, front, outline, skip)
