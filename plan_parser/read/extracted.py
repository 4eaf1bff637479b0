"""What a binary-format reader (PDF, Word) hands to the rest of the pipeline.

The text is what every `line` and `span` downstream refers to (`plan-parser text` prints it):
one paragraph per line with blank lines between paragraphs, as plans saved as text come, and one
table row per line with its cells separated by a TAB, as HTML tables come out of the reader.
What was taken out (running headers, footers, page numbers) and the tables found are kept as
data, so diagnostics and a later table stage can use them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:  # the models are built only when a plan is (not for `parse --help`)
    from ..models.plan import Diagnostic

Where = Literal["header", "footer"]


@dataclass(frozen=True)
class Furniture:
    """A running header, footer or page number removed from the text."""

    page: int | None  # 1-based page; None for a Word header/footer (not tied to a page)
    where: Where
    text: str


@dataclass(frozen=True)
class TableRow:
    line: int  # 1-based line of the text that holds the row (cells joined by TAB)
    cells: list[str]


@dataclass(frozen=True)
class Table:
    page: int | None  # page the table starts on (PDF)
    rows: list[TableRow]

    @property
    def line(self) -> int:
        return self.rows[0].line


@dataclass(frozen=True)
class Extracted:
    text: str  # lines joined by "\n", ending with "\n"
    pages: list[int] | None  # PDF: the 1-based page of each line of `text`; None for Word
    page_count: int | None
    furniture: list[Furniture] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)

    def page_of(self, line: int) -> int | None:
        """The page a 1-based line comes from (None for Word or out of range)."""
        if self.pages is None or not 1 <= line <= len(self.pages):
            return None
        return self.pages[line - 1]


class TextBuilder:
    """Collects paragraphs and table rows into `Extracted` text with its line -> page map."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.pages: list[int] = []
        self.tables: list[Table] = []

    def paragraph(self, text: str, page: int = 0) -> None:
        text = text.replace("\t", " ").strip()
        if not text:
            return
        if self.lines:
            self._add("", self.pages[-1])
        self._add(text, page)

    def table(self, rows: list[list[str]], page: int = 0) -> None:
        """Rows of cell strings; empty rows are dropped, cells are single-line."""
        clean = [[" ".join(c.split()) for c in row] for row in rows]
        clean = [row for row in clean if any(row)]
        if not clean:
            return
        if self.lines:
            self._add("", self.pages[-1])
        out: list[TableRow] = []
        for row in clean:
            self._add("\t".join(row), page)
            out.append(TableRow(len(self.lines), row))
        self.tables.append(Table(page or None, out))

    def _add(self, line: str, page: int) -> None:
        self.lines.append(line)
        self.pages.append(page)

    def build(
        self, *, paged: bool, page_count: int | None, furniture: list[Furniture]
    ) -> Extracted:
        text = "\n".join(self.lines) + "\n" if self.lines else ""
        return Extracted(
            text=text,
            pages=list(self.pages) if paged else None,
            page_count=page_count,
            furniture=furniture,
            tables=list(self.tables),
        )


WHAT = {"header": "running page header", "footer": "running page footer"}
PAGE_NUMBER = re.compile(
    r"""^[\s\-—–－·•]*
        (?:第\s*)?\d{1,4}(?:\s*页)?                      # 3, 第3页
        (?:\s*(?:[/／]|共)\s*\d{1,4}\s*页?)?              # 3/52, 第3页共52页
        [\s\-—–－·•]*$""",
    re.VERBOSE,
)


def furniture_diagnostics(furniture: list[Furniture], pages: list[int] | None) -> list[Diagnostic]:
    """One `page-furniture` diagnostic per kind of furniture removed (a running header, a
    footer, page numbers), with how many were removed and from which pages. Its line is the first
    line of text from the first page it was removed from (None for Word)."""
    from ..models.plan import Diagnostic

    kinds: dict[tuple[str, str], list[Furniture]] = {}
    for f in furniture:
        key = re.sub(r"\d+", "#", re.sub(r"\s+", "", f.text))
        kinds.setdefault((f.where, key), []).append(f)
    first_line: dict[int, int] = {}
    for no, page in enumerate(pages or [], start=1):
        first_line.setdefault(page, no)
    out: list[Diagnostic] = []
    for (where, _), found in kinds.items():
        what = "page number" if PAGE_NUMBER.match(found[0].text) else WHAT[where]
        on = sorted({f.page for f in found if f.page is not None})
        if on:
            span = f"{on[0]}-{on[-1]}" if len(on) > 1 else f"{on[0]}"
            where_from = f"{len(found)} removed, pages {span}"
            line = next((first_line[p] for p in on if p in first_line), None)
        else:
            where_from = "Word header/footer, not read into the text"
            line = None
        out.append(
            Diagnostic(
                level="info",
                code="page-furniture",
                line=line,
                message=f"{what} ({where_from}): {found[0].text}",
            )
        )
    return out


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of one paragraph broken by a line wrap: nothing between Chinese
    characters or digits, one space between two Latin words."""
    if not left:
        return right
    if not right:
        return left
    a, b = left[-1], right[0]
    if a.isascii() and a.isalpha() and b.isascii() and b.isalpha():
        return left + " " + right
    return left + right


def is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x3000 <= o <= 0x303F
        or 0xFF00 <= o <= 0xFFEF
        or 0x2018 <= o <= 0x201F
        or 0x2014 <= o <= 0x2015
        or o in (0x2026, 0x00B7)
    )
