"""The pipeline: read -> normalize -> noise -> front matter -> outline -> extractors -> Plan.

Each stage is a function you can call alone; this module only wires them together.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Literal

from .metadata import Front, parse_front
from .models import Box, OutlineNode, Plan, Project, Quantity, SourceInfo
from .noise import find_chrome_toc_pages, find_running_headers, noise_diagnostics
from .normalize import Document, normalize
from .outline import Outline, build_outline, first_heading_line, is_structural
from .reader import DecodedInput, decode_bytes, read_path


@dataclass
class ParsedText:
    """Everything the stages produced, for extractors and tests that need more than the Plan."""

    doc: Document
    front: Front
    outline: Outline
    skip: set[int]


def analyse(text: str) -> ParsedText:
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
    return ParsedText(doc, front, outline, skip)


def parse_text(
    text: str,
    *,
    source: SourceInfo | None = None,
    extract: bool = True,
    pages: list[int] | None = None,
) -> Plan:
    """Parse decoded text into a Plan. Never raises on prose. `pages`: the PDF page of each
    line, which sets `page` on the records."""
    parsed = analyse(text)
    quantities: list[Quantity] = []
    projects: list[Project] = []
    if extract:
        from .projects import extract_projects
        from .quantities import extract_quantities

        quantities = extract_quantities(parsed)
        projects = extract_projects(parsed)
    src = source or SourceInfo(
        path="<text>",
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        encoding="utf-8",
        format="text",
        line_count=len(parsed.doc.lines),
        char_count=len(text),
    )
    diagnostics = sorted(
        parsed.outline.diagnostics, key=lambda d: d.line if d.line is not None else 0
    )
    plan = Plan(
        source=src,
        metadata=parsed.front.metadata,
        outline=parsed.outline.nodes,
        boxes=parsed.outline.boxes,
        quantities=quantities,
        projects=projects,
        diagnostics=diagnostics,
    )
    if pages:
        set_pages(plan, pages)
    return plan


def set_pages(plan: Plan, pages: list[int]) -> None:
    """Give every record the page its line comes from."""

    def page(line: int) -> int | None:
        return pages[line - 1] if 1 <= line <= len(pages) else None

    records: list[OutlineNode | Box | Quantity | Project] = [
        *plan.iter_nodes(),
        *plan.boxes,
        *plan.quantities,
        *plan.projects,
    ]
    for record in records:
        record.page = page(record.line)


FORMATS: dict[str, Literal["text", "html", "pdf", "docx"]] = {
    "html": "html",
    "pdf": "pdf",
    "docx": "docx",
}


def source_info(decoded: DecodedInput, path: str, text_lines: int) -> SourceInfo:
    return SourceInfo(
        path=path,
        sha256=hashlib.sha256(decoded.raw_bytes).hexdigest(),
        encoding=decoded.encoding,
        format=FORMATS.get(decoded.format, "text"),
        line_count=text_lines,
        char_count=len(decoded.text),
    )


def display_path(path: Path) -> str:
    """Path as recorded in outputs: relative paths as given, absolute ones by name only."""
    p = PurePath(path)
    if p.is_absolute() or ".." in p.parts:
        return p.name
    return p.as_posix()


def parse_bytes(data: bytes, *, path: str = "<bytes>", extract: bool = True) -> Plan:
    decoded = decode_bytes(data, name=path)
    return _parse_decoded(decoded, path, extract)


def parse_file(path: str | Path, *, extract: bool = True) -> Plan:
    """Read, decode and parse a file. Raises InputError for input that is not a document."""
    p = Path(path)
    decoded = read_path(p)
    return _parse_decoded(decoded, display_path(p), extract)


def read_text(path: str | Path) -> str:
    """The decoded text a plan's lines and spans refer to (HTML, PDF, Word: the extracted text)."""
    return read_path(Path(path)).text


def _parse_decoded(decoded: DecodedInput, path: str, extract: bool) -> Plan:
    line_count = len(normalize(decoded.text).lines)
    src = source_info(decoded, path, line_count)
    return parse_text(decoded.text, source=src, extract=extract, pages=decoded.pages)
