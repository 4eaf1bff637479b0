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

    passages (paragraphs and heading titles, with their map back to the document)
      -> box entries: programs, and the district lists under them
      -> construction projects in lists and running text
      -> programs in running text (outside boxes, not inside a construction project)
      -> ids (path-like, per outline node or box entry) -> canonical links -> Project records

A program name in running text runs left from its suffix, word by word as jieba cuts it with the
domain dictionary (`segment.py`), until a verb that governs it (实施/落实/推进…), a function word,
a list separator or a conjunction between two names. Word lists and patterns are data, in
`lexicon/projects.yaml`; division names and codes come from `places.py`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import accumulate
from typing import TYPE_CHECKING, Literal

import yaml
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from ...lang.places import (
    LEVEL_RANK,
    Division,
    PlaceFinder,
    clean_name,
    gazetteer,
    jurisdiction_of,
    place_finder,
)
from ...lang.segment import domain_dictionary_path, tokenizer
from ...models import Box, BoxEntry, EntryGroup, Project, ProjectKind
from ...read.normalize import Document
from ...structure.markers import LABELLED_LIST
from ...structure.outline import split_list

if TYPE_CHECKING:
    from ...structure.analysis import ParsedText

Status = Literal["planned", "completed"]
Span = tuple[int, int]

OPENERS = "“‘(《[【「"
CLOSERS = "”’)》]】」"
CLAUSE_END = frozenset(",。;:!?")
CLAUSE_MARKS = re.compile("[" + re.escape(OPENERS + CLOSERS + "".join(sorted(CLAUSE_END))) + "]")
LIST_BREAKS = frozenset({"、", " ", "□"})  # □ masks the inside of 《…》
MASK = "□"

# --- the lexicon ---------------------------------------------------------------------------------


class _Lexeme(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ActionWords(_Lexeme):
    action: str = ""
    words: list[str]
    weak: bool = False


class FacilityWords(_Lexeme):
    facility: str = ""
    words: list[str]
    building: bool = False


class ProjectLexicon(_Lexeme):
    """`lexicon/projects.yaml`, validated: no empty or repeated words, patterns that compile,
    and every word that ends a name known to the domain dictionary."""

    program_suffixes: list[str]
    suffix_breakers: dict[str, list[str]]
    governing_verbs: list[str]
    function_words: list[str]
    conjunctions: list[str]
    generic_predicates: list[str]
    generic_quantifiers: list[str]
    counts: str
    generic_cores: list[str]
    generic_core_endings: list[str]
    work_heads: list[str]
    key_synonyms: dict[str, str]
    key_drop: list[str]
    actions: list[ActionWords]
    completion_verbs: list[str]
    lead_words: list[str]
    facilities: list[FacilityWords]
    facility_heads: list[str]
    own_level_labels: list[str]
    own_prefix: str
    review_headings: list[str]

    @field_validator(
        "program_suffixes",
        "governing_verbs",
        "function_words",
        "conjunctions",
        "generic_predicates",
        "generic_quantifiers",
        "generic_cores",
        "generic_core_endings",
        "work_heads",
        "completion_verbs",
        "lead_words",
        "own_level_labels",
    )
    @classmethod
    def _words(cls, words: list[str]) -> list[str]:
        check_words(words)
        return words

    @field_validator("key_drop", "review_headings", "facility_heads")
    @classmethod
    def _patterns(cls, patterns: list[str]) -> list[str]:
        check_words(patterns)
        for p in patterns:
            check_pattern(p)
        return patterns

    @field_validator("counts", "own_prefix")
    @classmethod
    def _pattern(cls, pattern: str) -> str:
        check_pattern(pattern)
        return pattern

    @model_validator(mode="after")
    def _consistent(self) -> ProjectLexicon:
        unknown = set(self.suffix_breakers) - set(self.program_suffixes)
        if unknown:
            raise ValueError(f"suffix_breakers for unknown suffixes: {sorted(unknown)}")
        for breakers in self.suffix_breakers.values():
            check_words(breakers)
        for words in [a.words for a in self.actions] + [f.words for f in self.facilities]:
            check_words(words)
            for w in words:
                check_pattern(w)
        if not all(a.action for a in self.actions) or not all(f.facility for f in self.facilities):
            raise ValueError("an action or facility entry without its name")
        return self


def check_words(words: list[str]) -> None:
    if not words:
        raise ValueError("empty word list")
    if any(not w.strip() for w in words):
        raise ValueError("blank word in list")
    repeated = sorted({w for w in words if words.count(w) > 1})
    if repeated:
        raise ValueError(f"repeated words: {repeated}")


def check_pattern(pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"bad pattern {pattern!r}: {exc}") from None


def alternation(words: list[str]) -> str:
    """A regex alternation, longest first."""
    return "|".join(sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Patterns:
    """The lexicon, compiled once."""

    lex: ProjectLexicon
    suffix: re.Pattern[str]
    breakers: dict[str, tuple[str, ...]]
    verbs: frozenset[str]
    function_words: frozenset[str]
    conjunctions: frozenset[str]
    counts: re.Pattern[str]
    book_program: re.Pattern[str]
    year_range: re.Pattern[str]
    alias: re.Pattern[str]
    action: re.Pattern[str]
    action_of: dict[str, ActionWords]
    strong_prefix: re.Pattern[str]
    completion: re.Pattern[str]
    lead: re.Pattern[str]
    facility: list[tuple[FacilityWords, re.Pattern[str]]]
    facility_head: re.Pattern[str]
    own_prefix: re.Pattern[str]
    tail: re.Pattern[str]
    review: re.Pattern[str]
    key_drop: re.Pattern[str]


def load_lexicon() -> ProjectLexicon:
    path = resources.files("plan_parser") / "lexicon" / "projects.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    lex = ProjectLexicon.model_validate(raw)
    known = {
        line.split()[0]
        for line in domain_dictionary_path().read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    missing = sorted(set(lex.governing_verbs + lex.function_words + lex.conjunctions) - known)
    if missing:
        raise ValueError(f"projects.yaml: words missing from jieba_domain.txt: {missing}")
    return lex


@cache
def patterns() -> Patterns:
    """Load, check and compile `lexicon/projects.yaml` (once per process)."""
    lex = load_lexicon()
    action_of = {w: a for a in lex.actions for w in a.words}
    strong = [w for a in lex.actions if not a.weak for w in a.words]
    suffixes = alternation(lex.program_suffixes)
    return Patterns(
        lex=lex,
        suffix=re.compile(suffixes),
        breakers={k: tuple(v) for k, v in lex.suffix_breakers.items()},
        verbs=frozenset(lex.governing_verbs),
        function_words=frozenset(lex.function_words),
        conjunctions=frozenset(lex.conjunctions),
        counts=re.compile(lex.counts),
        # a program named by a document's title: 《健康中原行动(2020—2030年)》
        book_program=re.compile(rf".{{2,40}}(?:{suffixes})(?:\([^()]{{4,16}}\))?"),
        year_range=re.compile(r"\([ ]*\d{4}[ ]*[—–-]+[ ]*\d{4}[ ]*年?[ ]*\)"),
        # a short name in brackets, or a version, right after the name: …培训计划(国培计划),
        # …能力提升工程2.0
        alias=re.compile(rf"\([^()]{{2,16}}(?:{suffixes})\)|[ ]?\d\.\d(?![\d.%])"),
        action=re.compile(alternation(list(action_of))),
        action_of=action_of,
        strong_prefix=re.compile(alternation(strong)),
        completion=re.compile(alternation(lex.completion_verbs)),
        lead=re.compile(alternation(lex.lead_words)),
        facility=[(f, re.compile("|".join(f.words))) for f in lex.facilities],
        facility_head=re.compile("|".join(lex.facility_heads)),
        own_prefix=re.compile(lex.own_prefix),
        # `…新校区等建设项目`, `…整体迁建等基建项目`: the items up to 等 share the action
        tail=re.compile(r"等(?P<act>[^、,;。]{0,4}?)(?:项目|工程)"),
        review=re.compile("|".join(f"(?:{p})" for p in lex.review_headings)),
        key_drop=re.compile("|".join(f"(?:{p})" for p in lex.key_drop)),
    )


# --- passages: the text the extractors read --------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """A paragraph or a heading title: normalized text and its map back to the document."""

    text: str
    segments: tuple[Span, ...]  # doc offsets of each line's piece
    container: str  # the outline node or box entry whose records these are
    box: int | None
    entry_id: str | None
    status: Status

    def doc_start(self, i: int) -> int:
        for s, e in self.segments:
            if i < e - s:
                return s + i
            i -= e - s
        return self.segments[-1][1]

    def doc_end(self, i: int) -> int:
        for s, e in self.segments:
            if i <= e - s:
                return s + i
            i -= e - s
        return self.segments[-1][1]

    def doc_span(self, i: int, j: int) -> Span:
        return self.doc_start(i), self.doc_end(j)

    def original(self, doc: Document, i: int, j: int) -> str:
        """The text of [i, j) as written, joined across line breaks."""
        out: list[str] = []
        pos = 0
        for s, e in self.segments:
            lo, hi = max(i, pos), min(j, pos + e - s)
            if lo < hi:
                out.append(doc.text[s + lo - pos : s + hi - pos])
            pos += e - s
        return "".join(out)


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
    jurisdiction: Division | None


def extract_projects(parsed: ParsedText) -> list[Project]:
    """Programs and construction projects of a parsed plan, in document order."""
    pat = patterns()
    meta = parsed.front.metadata
    juris = jurisdiction_of([meta.issuer, meta.title, meta.plan_title])
    ctx = Context(parsed.doc, pat, place_finder(juris), juris)
    passages = list(iter_passages(parsed, pat))
    found, listed = box_records(ctx, parsed)
    entry_programs = {f.container: f for f in found if f.box_entry}
    in_lists = SpanIndex(listed)
    for p in passages:
        if not in_lists.overlaps(p.doc_span(0, len(p.text))):
            found += list_constructions(ctx, p, entry_programs.get(p.entry_id or ""))
    built = SpanIndex(f.span for f in found if f.kind == "construction")
    for p in passages:
        if p.box is None:
            found += [f for f in running_programs(ctx, p) if not built.overlaps(f.span)]
    found.sort(key=lambda f: (f.span[0], f.kind))
    assign_ids(found)
    link_canonical(found, pat)
    out = [to_project(ctx.doc, f) for f in found]
    from .tables import table_projects

    for table in parsed.tables:
        out += table_projects(ctx.doc, table, ctx.places, juris)
    return out


def iter_passages(parsed: ParsedText, pat: Patterns) -> Iterator[Passage]:
    """Heading titles and paragraphs, in document order."""
    doc = parsed.doc
    placed: list[tuple[int, Passage]] = []
    for node in parsed.outline.node_index.values():
        s, e = node.span
        status = review_status(parsed, node.id, pat)
        placed.append((s, Passage(doc.norm[s:e], ((s, e),), node.id, None, None, status)))
    for block in parsed.outline.blocks:
        container = block.entry_id or block.node_id or "body"
        status = review_status(parsed, block.node_id, pat)
        passage = Passage(
            block.text(doc), tuple(block.segments), container, block.box, block.entry_id, status
        )
        placed.append((block.start, passage))
    placed.sort(key=lambda x: x[0])
    yield from (p for _, p in placed)


def review_status(parsed: ParsedText, node_id: str | None, pat: Patterns) -> Status:
    """Completed under a heading that reviews the last plan period (`“十三五”时期…主要成就`)."""
    if node_id is None:
        return "planned"
    parts = node_id.split("__")
    for i in range(1, len(parts) + 1):
        node = parsed.outline.node_index.get("__".join(parts[:i]))
        if node is not None and pat.review.search(node.title):
            return "completed"
    return "planned"


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def overlaps_any(span: Span, spans: list[Span]) -> bool:
    return any(overlaps(span, s) for s in spans)


class SpanIndex:
    """Spans to test others against in O(log n): `overlaps_any` for every passage of a plan is
    quadratic in its length (make bench: 37 s instead of 16 s for a plan of 5 million chars)."""

    def __init__(self, spans: Iterable[Span]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.max_end = list(accumulate((e for _, e in ordered), max))  # over spans[: i + 1]

    def overlaps(self, span: Span) -> bool:
        """Same as overlaps_any(span, spans)."""
        i = bisect_left(self.starts, span[1])  # the spans that start before `span` ends
        return i > 0 and self.max_end[i - 1] > span[0]


# --- box entries: programs, and the district lists under them -------------------------------


def box_records(ctx: Context, parsed: ParsedText) -> tuple[list[Found], list[Span]]:
    """The programs of the boxes and the construction projects of their district lists, with
    the spans of those lists (read here, not again as running text)."""
    found: list[Found] = []
    listed: list[Span] = []
    for box in parsed.outline.boxes:
        status = review_status(parsed, box.parent_id, ctx.pat)
        if box.entries and all(numbered_entry(ctx.doc, e) for e in box.entries):
            found.append(box_program(box, status))
            continue
        for entry in box.entries:
            program = entry_program(box, entry, status)
            found.append(program)
            for group in entry.groups:
                found += group_constructions(ctx, group, program)
                listed.append(group.span)
    return found, listed


def numbered_entry(doc: Document, entry: BoxEntry) -> bool:
    """`01 关键核心技术`: an entry numbered like a table row names a field of its box's program."""
    line = doc.line(entry.line)
    return re.fullmatch(r"\d{2}[ ]+", doc.norm[line.content_start : entry.name_span[0]]) is not None


def box_program(box: Box, status: Status) -> Found:
    """A box of numbered fields (`专栏 1 智能制造技术攻关行动` / `01 关键核心技术` / …) is one
    program, named by its title; its fields are not programs of their own."""
    return Found("program", box.title, box.span, box.id, box.number, status, box_entry=True)


def entry_program(box: Box, entry: BoxEntry, status: Status) -> Found:
    """Every entry of a paragraph-style box is a program, named as the entry is."""
    return Found(
        "program", entry.name, entry.name_span, entry.id, box.number, status, box_entry=True
    )


def group_constructions(ctx: Context, group: EntryGroup, program: Found) -> list[Found]:
    """`文峰区:新建二道街幼儿园(东区园)项目、新建明德小学二期工程、…`: each item is a project of
    the labelled district; an item without a verb takes the one that opens an item before it
    (`新建北关区第二实验幼儿园、北关区第三实验幼儿园项目`)."""
    doc, pat = ctx.doc, ctx.pat
    start, end = group.span
    m = LABELLED_LIST.match(doc.norm[start:end])
    if m is None:
        return []
    labelled = label_district(ctx, group.label)
    i0 = start + m.start("items")
    out: list[Found] = []
    carried: str | None = None
    for s, e in split_list(doc.norm[i0:end]):
        name = doc.norm[i0 + s : i0 + e]
        carried = opening_action(pat, name) or carried
        action = own_action(pat, name, in_list=True) or carried
        facility = facility_of(pat, name)
        if facility is None and action is None:
            continue
        division = labelled or place_in_name(ctx, name)
        out.append(
            Found(
                "construction",
                doc.text[i0 + s : i0 + e],
                (i0 + s, i0 + e),
                program.container,
                program.box,
                program.status,
                action=action,
                facility=facility,
                district=division.name if division else None,
                division=division,
                program=program,
            )
        )
    return out


def label_district(ctx: Context, label: str) -> Division | None:
    """The division a list label names: `滑 县` is 滑县, `市本级` the plan's own city; None for
    a label that is no division (the items then say where they are)."""
    name = clean_name(label)
    if name in ctx.pat.lex.own_level_labels:
        return ctx.jurisdiction
    match = ctx.places.at(name, 0)
    return match.division if match is not None and match.end == len(name) else None


# --- construction projects in lists and running text ----------------------------------------


def clauses(text: str) -> list[Span]:
    """Spans of the clauses of a text: split on , 。 ; : ! ? outside brackets and quotes."""
    out: list[Span] = []
    depth = 0
    start = 0
    for m in CLAUSE_MARKS.finditer(text):  # only brackets, quotes and separators matter
        i, ch = m.start(), m.group()
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif depth == 0 and ch in CLAUSE_END:
            if i > start:
                out.append((start, i))
            start = i + 1
    if start < len(text):
        out.append((start, len(text)))
    return out


def list_constructions(ctx: Context, p: Passage, program: Found | None) -> list[Found]:
    """Construction projects in the lists of a paragraph: `完成了A、B、C等基建项目`,
    `新建林州建筑职业技术学院`, a box entry's `建设完成A项目、新建B项目、…`.

    Outside a district list an item counts only with a proper name: after words such as
    确保/推动/支持 it starts with a division name or 市/县, names a school, campus or building,
    and has an action of its own, of an item before it, or of the list
    (`建成A、B`, `A、B等建设项目`).
    """
    out: list[Found] = []
    for cs, ce in clauses(p.text):
        clause = p.text[cs:ce]
        if not ctx.pat.facility_head.search(clause):
            continue
        items = split_list(clause)
        shared = shared_actions(ctx.pat, clause, items)
        carried: str | None = None
        for k, (s, e) in enumerate(items):
            item = list_item(ctx, p, cs + s, cs + e, carried or shared.get(k), program)
            if item is not None:
                found, opening = item
                out.append(found)
                carried = opening or carried
    return out


def shared_actions(pat: Patterns, clause: str, items: list[Span]) -> dict[int, str]:
    """Actions a list gives its items: `建成A、B` (all), `A、B等建设项目` (those up to 等)."""
    shared: dict[int, str] = {}
    if items:
        head = clause[items[0][0] :]
        if pat.completion.search(head[: lead_length(pat, head)]):
            shared = dict.fromkeys(range(len(items)), "建设")
    for k, (s, e) in enumerate(items):
        m = pat.tail.search(clause, s, e)
        if m:
            act = pat.action.search(m.group("act"))
            action = pat.action_of[act.group()].action if act else "建设"
            for j in range(k + 1):
                shared.setdefault(j, action)
            return shared
    if items:
        closing = closing_action(pat, clause[items[-1][0] : items[-1][1]])
        if closing:
            shared.update(dict.fromkeys(range(len(items)), closing))
    return shared


def closing_action(pat: Patterns, item: str) -> str | None:
    """The action that ends a list's last item and so applies to the whole list
    (`郑州大学新校区、河南大学郑州校区建设`)."""
    last = None
    for m in pat.action.finditer(item):
        last = m
    if last is None or item[last.end() :] not in ("", "项目", "工程"):
        return None
    action = pat.action_of[last.group()]
    if action.weak and not ends_with_head(pat, item[: last.start()]):
        return None
    return action.action


def lead_length(pat: Patterns, text: str) -> int:
    """Length of the words before a name in a list item (确保, 推动, 支持, 完成了 …)."""
    pos = 0
    while m := pat.lead.match(text, pos):
        pos = m.end()
    return pos


def list_item(
    ctx: Context, p: Passage, start: int, end: int, given: str | None, program: Found | None
) -> tuple[Found, str | None] | None:
    """One list item as a construction project (with the action that opens it, which the items
    after it inherit), or None if it names none."""
    pat, text = ctx.pat, p.text
    tail = pat.tail.search(text, start, end)
    if tail:
        end = tail.start()
    start += lead_length(pat, text[start:end])
    prefix = pat.strong_prefix.match(text, start)
    pos = prefix.end() if prefix else start
    if ctx.places.at(text, pos) is None and pat.own_prefix.match(text, pos) is None:
        return None
    head = pat.facility_head.search(text, pos, end)
    if head is None or has_governing_verb(pat, text[pos : head.end()]):
        return None
    end = name_end(text, start, end)
    name = text[start:end]
    action = own_action(pat, name, in_list=False) or given
    if action is None:
        return None
    division = place_in_name(ctx, name)
    found = Found(
        "construction",
        p.original(ctx.doc, start, end),
        p.doc_span(start, end),
        p.container,
        p.box,
        p.status,
        action=action,
        facility=facility_of(pat, name),
        district=division.name if division else None,
        division=division,
        program=program,
    )
    return found, pat.action_of[prefix.group()].action if prefix else None


def has_governing_verb(pat: Patterns, phrase: str) -> bool:
    """A verb that governs something (加强, 支持 …) inside what should be one name."""
    return any(w in pat.verbs for w, _, _ in tokenizer().tokenize(phrase, HMM=False))


def name_end(text: str, start: int, end: int) -> int:
    """A project's name ends with its last 项目/工程 (`支持…扩建学生宿舍项目建设`), else with
    its item."""
    last = max(text.rfind("项目", start, end), text.rfind("工程", start, end))
    if last < 0:
        return end
    stop = last + 2
    if text[start:stop].count("“") > text[start:stop].count("”") and text[stop : stop + 1] == "”":
        stop += 1
    return stop


def opening_action(pat: Patterns, name: str) -> str | None:
    """The action a name opens with (`新建…`), which the items after it in a list inherit."""
    m = pat.strong_prefix.match(name)
    return pat.action_of[m.group()].action if m else None


def own_action(pat: Patterns, name: str, *, in_list: bool) -> str | None:
    """The action a name states: a strong verb anywhere (新建, 改扩建, 整体迁建 …), or a weak
    one (建设, 提升) right before 项目/工程 or at the end. Outside a district list a weak verb
    must also follow a school, campus or building (`南校区建设项目`, not `学科建设项目`)."""
    weak: str | None = None
    for m in pat.action.finditer(name):
        entry = pat.action_of[m.group()]
        if not entry.weak:
            return entry.action
        after = name[m.end() :]
        closes = after.startswith(("项目", "工程")) or not after
        if weak is None and closes and (in_list or ends_with_head(pat, name[: m.start()])):
            weak = entry.action
    return weak


def ends_with_head(pat: Patterns, text: str) -> bool:
    return any(m.end() == len(text) for m in pat.facility_head.finditer(text))


def facility_of(pat: Patterns, name: str) -> str | None:
    """What a project builds: the first building named, else the most specific school type."""
    buildings = [
        (m.start(), f.facility)
        for f, rx in pat.facility
        if f.building and (m := rx.search(name)) is not None
    ]
    if buildings:
        return min(buildings)[1]
    for f, rx in pat.facility:
        if not f.building and rx.search(name):
            return f.facility
    return None


def place_in_name(ctx: Context, name: str) -> Division | None:
    """The division a project lies in, from its name: the most local one it names, a place
    other than the plan's own jurisdiction before it (`新建安阳工学院航空学院(汤阴校区)项目` ->
    汤阴县, `河南大学郑州校区` -> 郑州市), else the plan's own. A place above the jurisdiction
    does not locate anything (`河南省职业护理学院` is in 安阳市)."""
    juris = ctx.jurisdiction
    above = gazetteer().ancestors(juris) if juris is not None else []
    named = [
        (LEVEL_RANK[m.division.level], m.division != juris, m.start, m.division)
        for m in ctx.places.find(name)
        if m.division is not None and m.division not in above
    ]
    return max(named, key=lambda t: t[:3])[3] if named else juris


# --- programs named in running text ----------------------------------------------------------


def running_programs(ctx: Context, p: Passage) -> list[Found]:
    """Distinctly named programs in a paragraph or heading, once per name and paragraph."""
    out: list[Found] = []
    seen: set[str] = set()
    for start, end in program_spans(ctx.pat, p.text):
        name = p.original(ctx.doc, start, end)
        if name not in seen:
            seen.add(name)
            span = p.doc_span(start, end)
            out.append(Found("program", name, span, p.container, p.box, p.status))
    return out


def program_spans(pat: Patterns, text: str) -> list[Span]:
    """Spans of the program names in a normalized text."""
    spans: list[Span] = []
    titles = book_titles(text)
    masked = list(text)
    for s, e in titles:
        if pat.book_program.fullmatch(text, s, e):
            spans.append((s, e))  # 落实《健康中原行动(2020—2030年)》
        masked[s:e] = MASK * (e - s)  # nothing else inside 《…》 is read as running text
    plain = "".join(masked)
    for cs, ce in clauses(plain):
        for m in pat.suffix.finditer(plain, cs, ce):
            if not broken(pat, plain, m):
                span = program_name(pat, plain, cs, m)
                if span is not None:
                    spans.append(span)
    # a name inside another one is part of it: …国家级培训计划(国培计划)
    return outermost(spans)


def outermost(spans: list[Span]) -> list[Span]:
    """The spans not inside another, different span, sorted (repeats kept). One sweep by start
    (longest first), not every span against every other."""
    out: list[Span] = []
    reach = -1  # the furthest end of a different span starting at or before this one
    previous: Span | None = None
    for span in sorted(spans, key=lambda sp: (sp[0], -sp[1])):
        if span == previous:
            if out and out[-1] == span:
                out.append(span)
            continue
        if previous is not None:
            reach = max(reach, previous[1])
        if span[1] > reach:
            out.append(span)
        previous = span
    return sorted(out)


def book_titles(text: str) -> list[Span]:
    """Interiors of 《…》."""
    return [(m.start() + 1, m.end() - 1) for m in re.finditer(r"《[^《》]{1,80}》", text)]


def broken(pat: Patterns, text: str, m: re.Match[str]) -> bool:
    """The suffix starts a longer word: 工程师, 工作室, 项目目录."""
    after = text[m.end() : m.end() + 4]
    return any(after.startswith(b) for b in pat.breakers.get(m.group(), ()))


def program_name(pat: Patterns, text: str, cs: int, m: re.Match[str]) -> Span | None:
    """The name ending with the suffix `m`, or None when the words before it name nothing."""
    start = walk_left(pat, text, cs, m.start())
    if start is None:
        return None
    end = m.end()
    if text[start:end].count("“") > text[start:end].count("”") and text[end : end + 1] == "”":
        end += 1  # 中小学三科统编教材“铸魂工程”
    after = pat.year_range.match(text, end) or pat.alias.match(text, end)
    if after:
        end = after.end()  # …提升计划(2021—2025 年), …培训计划(国培计划), …工程2.0
    if not acceptable(pat, text, cs, start, end, m.group()):
        return None
    start = quoted_work(pat, text, start, end)
    if text[start] == "“" and closing_quote(text, start) == end - 1:
        start, end = start + 1, end - 1  # “习近平新时代…领航计划”: the name without its quotes
    return start, end


def closing_quote(text: str, at: int) -> int:
    """Offset of the ” that closes the “ at `at`, or -1."""
    depth = 0
    for i in range(at, len(text)):
        if text[i] == "“":
            depth += 1
        elif text[i] == "”":
            depth -= 1
            if depth == 0:
                return i
    return -1


def walk_left(pat: Patterns, text: str, cs: int, pos: int) -> int | None:
    """Where the name ending at `pos` begins: word by word to the left until a governing verb
    (once the name has a core), a function word, a list separator, a conjunction that joins two
    names or closes a list, an unmatched ( or 《, or the clause start. None when the suffix
    stands alone (`…等项目`, `课程与项目`) or shares its modifiers (`小学、初中校舍维修项目`)."""
    left = text[cs:pos]
    start = pos
    depth = 0
    core = 0
    for word, s, _ in reversed(list(tokenizer().tokenize(left, HMM=False))):
        if word in CLOSERS:
            depth += 1
        elif word in OPENERS:
            if depth > 0:
                depth -= 1
            elif word != "“":
                break  # the name sits inside (…): it starts after the bracket
        elif depth > 0:
            core += len(word)
        elif word in LIST_BREAKS:
            if word == "、" and shared_modifier(pat, left[:s]):
                return None
            break
        elif word in pat.conjunctions:
            if core == 0:
                return None
            before = left[:s]
            if ends_with_name(pat, before) or has_list(before):
                break
        elif word in pat.function_words:
            if core == 0:
                return None
            break
        elif word in pat.verbs and core >= 2:
            break
        else:
            core += len(word)
        start = cs + s
    return start if depth == 0 and core > 0 else None


def ends_with_name(pat: Patterns, text: str) -> bool:
    stripped = text.rstrip("”")
    return any(stripped.endswith(s) for s in pat.lex.program_suffixes)


def has_list(text: str) -> bool:
    """A 、 outside brackets: `新工科、新文科建设和卓越人才培养计划` closes a list with 和."""
    depth = 0
    for ch in text:
        if ch in OPENERS:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        elif ch == "、" and depth == 0:
            return True
    return False


def shared_modifier(pat: Patterns, before: str) -> bool:
    """The item before a 、 is a bare modifier (小学 in `小学、初中校舍维修项目`)."""
    item = re.split(r"[、和与及等]", before)[-1]
    return 0 < len(item) <= 3 and not ends_with_name(pat, item)


def acceptable(pat: Patterns, text: str, cs: int, start: int, end: int, suffix: str) -> bool:
    """Reject what names no program: counts, categories, documents, generic words."""
    lex = pat.lex
    name = text[start:end]
    unquoted = remove_quoted(name)
    if "的" in unquoted or MASK in name or len(name) > 45:
        return False
    before = text[cs:start]
    if pat.counts.search(unquoted) or re.search(f"(?:{pat.counts.pattern})$", before):
        return False  # 76个教育脱贫工程项目, 共实施19个项目
    if any(q in unquoted or before.endswith(q) for q in lex.generic_quantifiers):
        return False  # 各项教育工程, 各类人才计划
    if any(before.endswith(v) for v in lex.generic_predicates):
        return False  # 制定教职工招聘计划: a document
    core = name_core(name, suffix)
    if len(core) < 2 or core in lex.generic_cores or core in pat.verbs:
        return False  # 基建项目, 做好项目(储备工作)
    if any(core.endswith(w) for w in lex.generic_core_endings):
        return False
    if suffix == "工作":
        bare = name[: name.rfind("工作")]
        return bare.endswith("”") or any(bare.endswith(h) for h in lex.work_heads)
    return True


def quoted_work(pat: Patterns, text: str, start: int, end: int) -> int:
    """`全面排查“双减”工作`: a 工作 named by a quoted term starts at the quote."""
    name = text[start:end]
    if not name.endswith("工作"):
        return start
    bare = name[:-2]
    if bare.endswith("”") and not any(bare.endswith(h) for h in pat.lex.work_heads):
        opening = bare.rfind("“")
        if opening > 0:
            return start + opening
    return start


def remove_quoted(text: str) -> str:
    return re.sub(r"“[^“”]*”", "", text)


def name_core(name: str, suffix: str) -> str:
    """The name without its suffix, quotes and parenthetical parts."""
    core = name[: name.rfind(suffix)] if suffix in name else name
    core = re.sub(r"\([^()]*\)", "", core)
    return core.replace("“", "").replace("”", "")


# --- ids, canonical links, records -------------------------------------------------------------


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


def program_key(pat: Patterns, name: str) -> str:
    """What makes two mentions one program: the name without quotes, brackets, plan period,
    phase and scope words, with synonyms folded (中职 = 中等职业学校, 行动计划 = 行动)."""
    key = re.sub(r"\([^()]*\)", "", name)
    key = pat.key_drop.sub("", key)
    key = re.sub(r"[“”\"《》\s]", "", key)
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


# --- queries and tables over records (the CLI's `projects` command) -------------------------

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
    `林州` for 林州市) or a six-digit code."""
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
    return short is not None and wanted == short
