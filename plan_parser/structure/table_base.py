"""What every table finder shares: the lexicon (`lexicon/tables.yaml`), column roles, the cell,
row and table being found, tokens of a line, and the HTML layout (rowspan/colspan) from the
reader."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from ..lang.lexicon import lexicon_text, safe_load
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
    data: dict[str, Any] = safe_load(lexicon_text("tables.yaml"))
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
# the same, one alternative per century: in a longer alternation (`column_role`'s value words)
# re skips ahead to first characters only when every alternative starts with a literal
YEAR_COLUMN_BY_CENTURY = (r"19\d\d[ ]*年", r"20\d\d[ ]*年")


SERIAL = re.compile(r"^(?P<n>\d{1,3})(?:[ ]+|$)")


NOTE_START = re.compile(r"^(?:注[:：]?|说明[:：]|资料来源|备注[:：])")


PROSE_END = re.compile(r"[。;；!?！？]$")


MAX_HEADER_LINES = 5


MAX_CELL_LINE = 40  # a line longer than this is prose, not a cell or a wrapped cell piece


_SPACE_RUN = re.compile(r"\s\s*")  # not \s+: a plain class first lets re skip ahead
_SPACE = re.compile(r"\s")
_PREFIX_ROLES = ("investment", "name", "content", "place", "owner")


def _squash(s: str) -> str:
    return _SPACE_RUN.sub("", s)


@dataclass(frozen=True)
class _RoleMatcher:
    """`column_role`'s look-ups, built once from the lexicon: a dict for the exact words, one
    regex for the value words, one per role for the word a cell starts with (longest first)."""

    exact: dict[str, str]
    value: re.Pattern[str]
    prefixes: list[tuple[str, re.Pattern[str]]]
    prefix_starts: frozenset[str]  # the first characters of the prefix words
    exact_starts: frozenset[str]  # the first characters of all column words (prefix words too)


@cache
def _role_matcher() -> _RoleMatcher:
    lex = table_lexicon()
    exact: dict[str, str] = {}
    for role, words in lex.roles:
        for w in words:
            exact.setdefault(w, role)
    value = re.compile("|".join([*YEAR_COLUMN_BY_CENTURY, *map(re.escape, lex.value_words)]))
    prefixes = [
        (role, re.compile("|".join(re.escape(w) for w in longest)))
        for role, words in lex.roles
        if role in _PREFIX_ROLES
        and (longest := sorted({w for w in words if len(w) >= 2}, key=len, reverse=True))
    ]
    starts = frozenset(w[0] for role, words in lex.roles if role in _PREFIX_ROLES for w in words)
    return _RoleMatcher(exact, value, prefixes, starts, frozenset(w[0] for w in exact))


@lru_cache(maxsize=4096)
def column_role(cell: str) -> str | None:
    """The role of a header cell: serial, name, unit, binding, value, … or None."""
    s = _squash(cell)
    if not s:
        return None
    m = _role_matcher()
    role = m.exact.get(s)
    if role is not None:
        return role
    if m.value.search(s):
        return "value"
    if s[0] not in m.prefix_starts:
        return None
    for role, prefix in m.prefixes:
        # the longest word the cell starts with, and at most 8 characters after it
        found = prefix.match(s)
        if found and len(s) <= found.end() + 8:
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
    if not _SPACE.search(ln.stripped):  # one piece: the line's content
        return [(ln.content_start, ln.content_end)] if ln.stripped else []
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
