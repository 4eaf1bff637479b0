"""Stage 6b: the projects registry, every named program and every construction project.

Two kinds of record (`Project.kind`):

- **program**: a named initiative. Every box entry is one (`立德树人示范校工程`); so is every
  distinctly named 工程 / 计划 / 行动计划 / 行动 / 项目 / 工作 in the running text and the headings
  (`实施学前教育普惠扩容工程`). Mentions of one program are linked to one canonical record
  (`canonical_id`: the box entry if there is one, else the first mention).
- **construction**: a school, campus or building to be built, rebuilt, enlarged or moved: the
  items of a box's district lists (`文峰区:新建二道街幼儿园(东区园)项目、…`), of a box's project
  lists, and the projects the running text names (`确保殷都区职业教育中心…新校区建设项目…`).

The stages, each a small function:

    passages (paragraphs and heading titles, with their map back to the document)   passages.py
      -> box entries: programs, and the district lists under them                  boxes.py
      -> construction projects in lists and running text                           construction.py
      -> programs in running text (outside boxes, not inside a construction
         project) and inside box entries                                          programs.py
      -> ids (path-like, per outline node or box entry) -> canonical links
         -> Project records                                                        registry.py

A program name in running text runs left from its suffix, word by word as jieba cuts it with the
domain dictionary (`segment.py`), until a verb that governs it (实施/落实/推进…), a function word,
a list separator or a conjunction between two names. Word lists and patterns are data, in
`lexicon/projects.yaml`; division names and codes come from `places.py`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...lang.places import Division, gazetteer, jurisdiction_of, place_finder
from ...models import Project
from .boxes import box_records
from .construction import list_constructions
from .lexicon import patterns
from .listed_works import listed_works
from .passages import SpanIndex, iter_passages
from .programs import entry_inner_programs, running_programs
from .registry import Context, assign_ids, link_canonical, to_project

if TYPE_CHECKING:
    from ...structure.analysis import ParsedText


def extract_projects(parsed: ParsedText) -> list[Project]:
    """Programs and construction projects of a parsed plan, in document order."""
    pat = patterns()
    meta = parsed.front.metadata
    stated = jurisdiction_of([meta.issuer, meta.title, meta.plan_title])
    juris = stated or read_jurisdiction(parsed)
    ctx = Context(parsed.doc, pat, place_finder(juris), juris, stated)
    passages = list(iter_passages(parsed, pat))
    found, listed = box_records(ctx, parsed)
    entry_programs = {f.container: f for f in found if f.box_entry}
    in_lists = SpanIndex(listed)
    for p in passages:
        if not in_lists.overlaps(p.doc_span(0, len(p.text))):
            program = entry_programs.get(p.entry_id or "")
            found += list_constructions(ctx, p, program) + listed_works(ctx, p, program)
    built = SpanIndex(f.span for f in found if f.kind == "construction")
    named = SpanIndex(f.span for f in found if f.box_entry)
    for p in passages:
        if p.box is None:
            found += [f for f in running_programs(ctx, p) if not built.overlaps(f.span)]
        elif p.entry_id in entry_programs:
            found += entry_inner_programs(ctx, p, entry_programs[p.entry_id], built, named)
    found.sort(key=lambda f: (f.span[0], f.kind))
    assign_ids(found)
    link_canonical(found, pat)
    out = [to_project(ctx.doc, f) for f in found]
    from .tables import table_projects

    for table in parsed.tables:
        out += table_projects(ctx.doc, table, ctx.places, juris)
    return out


def read_jurisdiction(parsed: ParsedText) -> Division | None:
    """The jurisdiction of a plan without issuer or title, as its text calls itself (我市 …
    青岛: `metadata.jurisdiction` with source `text`): enough to read the short names of its own
    districts (市南, 城阳), not to place a project that names no place."""
    found = parsed.front.metadata.jurisdiction
    if found is None or found.adcode is None:
        return None
    return gazetteer().divisions.get(found.adcode)
