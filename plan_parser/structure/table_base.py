"""What every table finder shares: the lexicon (`lexicon/tables.yaml`), column roles, the cell,
row and table being found, tokens of a line, and the HTML layout (rowspan/colspan) from the
reader."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from ..models.plan import TableShape
from ..read.normalize import Document, Line

# (line number of a `tab` row in the extracted text) -> (rowspan, colspan) of each of its cells
HtmlLayout = dict[int, list[tuple[int, int]]]


@dataclass(frozen=True)
class TableLexicon:
    roles: list[tuple[str, list[str]]]
    value_words: list[str]
    baseline_words: list[str]
    binding_words: dict[str, bool]
    none_cells: frozenset[str]
    title: re.Pattern[str]
    change_words: dict[str, list[str]]


@cache
def table_lexicon() -> TableLexicon:
    text = (resources.files("plan_parser") / "lexicon" / "tables.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    missing = {"roles", "value_words", "binding_words", "none_cells", "title_pattern"} - set(data)
    if missing:
        raise ValueError(f"lexicon/tables.yaml lacks {sorted(missing)}")
    return TableLexicon(
        roles=[(role, list(words)) for role, words in data["roles"].items()],
        value_words=sorted(data["value_words"], key=len, reverse=True),
        baseline_words=list(data["baseline_words"]),
        binding_words=dict(data["binding_words"]),
        none_cells=frozenset(data["none_cells"]),
        title=re.compile(data["title_pattern"]),
        change_words={k: sorted(v, key=len, reverse=True) for k, v in data["change_words"].items()},
    )


YEAR_COLUMN = re.compile(r"(?:19|20)\d\d[ ]*年")


SERIAL = re.compile(r"^(?P<n>\d{1,3})(?:[ ]+|$)")


NOTE_START = re.compile(r"^(?:注[:：]?|说明[:：]|资料来源|备注[:：])")


PROSE_END = re.compile(r"[。;；!?！？]$")


MAX_HEADER_LINES = 5


MAX_CELL_LINE = 40  # a line longer than this is prose, not a cell or a wrapped cell piece


def _squash(s: str) -> str:
    return re.sub(r"\s+", "", s)


def column_role(cell: str) -> str | None:
    """The role of a header cell: serial, name, unit, binding, value, … or None."""
    lex = table_lexicon()
    s = _squash(cell)
    if not s:
        return None
    for role, words in lex.roles:
        if s in words:
            return role
    if YEAR_COLUMN.search(s) or any(w in s for w in lex.value_words):
        return "value"
    for role, words in lex.roles:
        if role in ("investment", "name", "content", "place", "owner") and any(
            s.startswith(w) and len(s) <= len(w) + 8 for w in words if len(w) >= 2
        ):
            return role
    return None


@dataclass
class Cell:
    """A cell as found: its pieces (doc offsets over stripped text), one per line it spans."""

    parts: list[tuple[int, int]] = field(default_factory=list)
    rowspan: int = 1
    colspan: int = 1
    covered: bool = False  # a grid position covered by another cell's rowspan/colspan

    def text(self, doc: Document) -> str:
        return "".join(doc.text[a:b] for a, b in self.parts)

    def norm(self, doc: Document) -> str:
        return "".join(doc.norm[a:b] for a, b in self.parts)


@dataclass
class Row:
    line: int
    cells: list[Cell | None]
    lines: set[int] = field(default_factory=set)


@dataclass
class Found:
    shape: TableShape
    header: list[list[Cell | None]]
    header_lines: list[int]
    columns: list[str]  # leaf header cell of each column, as written
    rows: list[Row]
    lines: set[int]
    title_line: int | None = None
    notes: list[tuple[int, int]] = field(default_factory=list)  # (start, end) of each note line


def _tokens(ln: Line) -> list[tuple[int, int]]:
    """Space-separated pieces of a line, as doc offsets."""
    return [(ln.start + m.start(), ln.start + m.end()) for m in re.finditer(r"\S+", ln.text)]


def _merge_trailing_words(doc: Document, toks: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`2500 左右`: a comparator word standing alone belongs to the number before it."""
    out: list[tuple[int, int]] = []
    for a, b in toks:
        if out and doc.norm[a:b] in ("左右", "以上", "以下", "以内", "及以上"):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _usable(doc: Document, no: int, skip: set[int]) -> Line | None:
    if no < 1 or no > len(doc.lines) or no in skip:
        return None
    return doc.lines[no - 1]
