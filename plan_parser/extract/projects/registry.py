"""The records: what a found program or project holds (`Found`), path-like ids, canonical links
between mentions of one program, `Project` records, and the CLI's selection and CSV columns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from ...lang.places import Division, PlaceFinder, clean_name, gazetteer, place_aliases
from ...models import Project, ProjectKind
from ...read.normalize import Document
from .lexicon import Patterns

if TYPE_CHECKING:
    pass


Status = Literal["planned", "completed"]


Span = tuple[int, int]


@dataclass
class Found:
    """A record before ids are given out."""

    kind: ProjectKind
    name: str
    span: Span
    container: str
    box: int | None
    status: Status
    action: str | None = None
    facility: str | None = None
    district: str | None = None
    division: Division | None = None
    program: Found | None = None
    box_entry: bool = False  # the program a box entry (or a numbered box) is
    id: str = ""
    canonical: Found | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Context:
    doc: Document
    pat: Patterns
    places: PlaceFinder
    jurisdiction: Division | None  # read from the metadata, else from the text
    stated: Division | None = None  # read from the issuer or title: where unplaced projects lie


def assign_ids(found: list[Found]) -> None:
    """Path-like ids: `<container>__prg_<n>` for programs and `<container>__prj_<n>` for
    construction projects, numbered in document order within their outline node or box entry
    (`box_4__entry_1__prj_3`, `chp_3__sec_2__item_1__prg_1`)."""
    counters: dict[tuple[str, str], int] = {}
    for f in found:
        tag = "prg" if f.kind == "program" else "prj"
        n = counters.get((f.container, tag), 0) + 1
        counters[(f.container, tag)] = n
        f.id = f"{f.container}__{tag}_{n}"


_BRACKETED = re.compile(r"\([^()]*\)")
_KEY_MARKS = re.compile(r"[“”\"《》\s]")  # quotes, book-title marks and blanks: not the name


def program_key(pat: Patterns, name: str) -> str:
    """What makes two mentions one program: the name without quotes, brackets, plan period,
    phase and scope words, with synonyms folded (中职 = 中等职业学校, 行动计划 = 行动)."""
    key = _BRACKETED.sub("", name)
    key = pat.key_drop.sub("", key)
    key = _KEY_MARKS.sub("", key)
    for a, b in pat.lex.key_synonyms.items():
        key = key.replace(a, b)
    return key


def link_canonical(found: list[Found], pat: Patterns) -> None:
    """Mentions of one program point at one record: its box entry, else its first mention."""
    groups: dict[str, list[Found]] = {}
    for f in found:
        if f.kind == "program":
            groups.setdefault(program_key(pat, f.name), []).append(f)
    for mentions in groups.values():
        entries = [f for f in mentions if f.box_entry]
        canonical = entries[0] if entries else mentions[0]
        for f in mentions:
            f.canonical = canonical


def to_project(doc: Document, f: Found) -> Project:
    return Project(
        id=f.id,
        kind=f.kind,
        name=f.name,
        action=f.action,
        facility=f.facility,
        district=f.district,
        adcode=f.division.code if f.division else None,
        status=f.status,
        box=f.box,
        program_id=f.program.id if f.program else None,
        canonical_id=f.canonical.id if f.canonical else None,
        node_id=f.container if f.container != "body" else None,
        line=doc.line_of(f.span[0]),
        span=f.span,
        quote=doc.text[f.span[0] : f.span[1]],
    )


# Columns of the CSV, in order
PROJECT_COLUMNS = (
    "id",
    "kind",
    "name",
    "action",
    "facility",
    "district",
    "adcode",
    "status",
    "box",
    "program_id",
    "canonical_id",
    "node_id",
    "line",
    "quote",
)


# the table for people: the columns that say something for the kind shown
def select_projects(
    projects: list[Project], *, kind: ProjectKind | None = None, district: str | None = None
) -> list[Project]:
    """Records of one kind and/or in one district. `district` is a name as written (`滑 县`,
    `林州` for 林州市, `西海岸新区` for 黄岛区) or a six-digit code."""
    out = [p for p in projects if kind is None or p.kind == kind]
    if district is None:
        return out
    wanted = clean_name(district)
    return [p for p in out if p.district is not None and _district_matches(p, wanted)]


def _district_matches(p: Project, wanted: str) -> bool:
    if wanted == p.adcode:
        return True
    name = clean_name(p.district or "")
    if wanted == name:
        return True
    short = next((d.short for d in gazetteer().by_name.get(name, ()) if d.short), None)
    if short is not None and wanted == short:
        return True
    # an alias of the division (西海岸新区, 青岛西海岸新区 for 黄岛区)
    return any(alias == wanted and d.code == p.adcode for alias, d, _ in place_aliases())
