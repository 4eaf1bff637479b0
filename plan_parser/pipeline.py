"""The pipeline: read -> normalize -> noise -> front matter -> outline -> extractors -> Plan.

Each stage is a function you can call alone; this module only wires them together.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .models import Box, Diagnostic, OutlineNode, Plan, Project, Quantity, SourceInfo
from .models.plan import trusted_records
from .read.decode import DecodedInput, decode_bytes, read_path, require_chinese
from .read.extracted import furniture_diagnostics
from .read.normalize import line_count
from .serialize.files import display_path

if TYPE_CHECKING:
    from .extract.base import Extractor
    from .structure.tables import HtmlLayout
from .structure.analysis import Analysis, ParsedText, analyse  # noqa: F401  (re-exported)


def extractors() -> list[tuple[str, Extractor[Any]]]:
    """Plan field and extractor, in the order they run; adding an extractor is one entry here.
    Imported here, not at module top: `plan-parser outline` never loads them (jieba, lexicons)."""
    from .extract.projects import extract_projects
    from .extract.quantities import extract_quantities

    return [("quantities", extract_quantities), ("projects", extract_projects)]


def parse_text(
    text: str,
    *,
    source: SourceInfo | None = None,
    extract: bool = True,
    pages: list[int] | None = None,
    layout: HtmlLayout | None = None,
) -> Plan:
    """Parse decoded text into a Plan. Never raises on prose. `pages`: the PDF page of each
    line, which sets `page` on the records. `layout`: rowspan/colspan of the cells of HTML
    tables (the reader's `DecodedInput.layout`).

    Lone surrogates (what `os.fsdecode` or errors="surrogateescape" leave in a str) cannot be
    written as UTF-8: each becomes U+FFFD, one for one so offsets hold, with a diagnostic."""
    with trusted_records():  # the stages make typed records: not validated again (models.plan)
        return _parse_text(text, source, extract, pages, layout)


def _parse_text(
    text: str,
    source: SourceInfo | None,
    extract: bool,
    pages: list[int] | None,
    layout: HtmlLayout | None,
) -> Plan:
    text, surrogates = replace_surrogates(text)
    parsed = analyse(text, layout=layout)
    quantities: list[Quantity] = []
    projects: list[Project] = []
    if extract:
        found = {field: run(parsed) for field, run in extractors()}
        quantities = found["quantities"]
        projects = found["projects"]
    src = source or SourceInfo(
        path="<text>",
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        encoding="utf-8",
        format="text",
        line_count=len(parsed.doc.lines),
        char_count=len(text),
    )
    diagnostics = sorted(
        [*surrogates, *parsed.outline.diagnostics],
        key=lambda d: d.line if d.line is not None else 0,
    )
    plan = Plan(
        source=src,
        metadata=parsed.front.metadata,
        outline=parsed.outline.nodes,
        boxes=parsed.outline.boxes,
        tables=parsed.tables,
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


_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> tuple[str, list[Diagnostic]]:
    """`text` with every surrogate code point replaced by U+FFFD, and a diagnostic if any was."""
    first = _SURROGATE.search(text)
    if first is None:
        return text, []
    count = len(_SURROGATE.findall(text))
    line = text.count("\n", 0, first.start()) + 1
    message = (
        f"{count} lone surrogate code point{'s' if count > 1 else ''} (not text; from "
        "undecodable bytes) replaced by U+FFFD"
    )
    diagnostic = Diagnostic(level="warning", code="lone-surrogate", line=line, message=message)
    return _SURROGATE.sub("\ufffd", text), [diagnostic]


def source_info(decoded: DecodedInput, path: str, text_lines: int) -> SourceInfo:
    return SourceInfo(
        path=path,
        sha256=hashlib.sha256(decoded.raw_bytes).hexdigest(),
        encoding=decoded.encoding,
        format=FORMATS.get(decoded.format, "text"),
        line_count=text_lines,
        char_count=len(decoded.text),
    )


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
    require_chinese(decoded.text, path)
    with trusted_records():  # SourceInfo, the reader's diagnostics: typed values (parse_text)
        return _plan_of(decoded, path, extract)


def _plan_of(decoded: DecodedInput, path: str, extract: bool) -> Plan:
    src = source_info(decoded, path, line_count(decoded.text))
    plan = parse_text(
        decoded.text, source=src, extract=extract, pages=decoded.pages, layout=decoded.layout
    )
    if decoded.furniture:  # PDF and Word: what the reader took out of the text
        found = furniture_diagnostics(decoded.furniture, decoded.pages)
        plan.diagnostics = sorted(plan.diagnostics + found, key=lambda d: d.line or 0)
    return plan
