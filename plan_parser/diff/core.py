"""Compare two plans: which of B's targets A adopts, raises, lowers or leaves out; which chapters
and programs A carries over; what A adds of its own (`plan-parser diff A B`).

    side_a, side_b = load_side(path_a), load_side(path_b)     # raw plan, output or sheet
    result = diff_sides(side_a, side_b)                        # -> PlanDiff
    result = only_differences(result)                          # optional filter

Three parts, each a function you can call alone:

- `match_indicators`: quantities paired by indicator wording, not by position. Wordings are
  width-folded, stripped of quotes and of a whole-jurisdiction scope (全市, 全省), rewritten with
  the synonym list (`lexicon/synonyms.yaml`, extendable), and cut into words with jieba. Two
  wordings pair if they are the same after that, or if one only adds non-restrictive words to the
  other (九年 + 义务教育巩固率). Same kind only; units must be equal or convert exactly (万人 and
  人). Every pair gets a relation (`relate`) and every unmatched quantity its nearest near-miss.
- `align_outline`: chapters and sections aligned by title similarity, across levels (a province's
  chapter can be a city's section), one to one.
- `match_programs`: programs (extracted projects and box entries) by normalized name.

The result models live in `models/diff.py`, the source of `schemas/diff.schema.json`.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..errors import InputError
from ..models import (
    Number,
    OutlineNode,
    Plan,
    Quantity,
)
from ..models.diff import (
    RELATIONS,
    DiffSummary,
    Direction,
    DocumentInfo,
    IndicatorPair,
    IndicatorsDiff,
    InputKind,
    NearMiss,
    NodeRef,
    OutlineDiff,
    PlanDiff,
    ProgramPair,
    ProgramRef,
    ProgramsDiff,
    QuantityRef,
    Relation,
    RelationCounts,
    SectionPair,
    UnmatchedQuantity,
)
from ..read.normalize import fold

# --- the inputs ---------------------------------------------------------------------------------


@dataclass
class DiffSide:
    """One side of a diff: what any of the three input kinds can offer."""

    path: str
    input: InputKind
    title: str | None
    doc_number: str | None
    issuer: str | None
    level: str | None
    quantities: list[Quantity]
    outline: list[OutlineNode] | None
    programs: list[ProgramRef] | None

    def info(self) -> DocumentInfo:
        return DocumentInfo(
            path=self.path,
            input=self.input,
            title=self.title,
            doc_number=self.doc_number,
            issuer=self.issuer,
            level=self.level,
            quantities=len(self.quantities),
            outline_nodes=None if self.outline is None else len(_heading_nodes(self.outline)),
            programs=None if self.programs is None else len(self.programs),
        )


STRUCTURED_SUFFIXES = frozenset({".json", ".yaml", ".yml"})


def load_side(path: Path) -> DiffSide:
    """A raw plan (parsed on the fly), a structured output, or a quantity sheet, by content.

    .csv is a sheet; .json/.yaml/.yml is an output if it has an outline, else a sheet; anything
    else is a plan document. Raises InputError for input that is none of these.
    """
    from ..serialize.files import display_path

    shown = display_path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return side_from_sheet(path, shown)
    if suffix in STRUCTURED_SUFFIXES:
        from ..read.decode import read_path
        from .sheet import is_sheet_data

        data = _load_structured(read_path(path).text, suffix, shown)
        if is_sheet_data(data):
            return side_from_sheet(path, shown)
        if not isinstance(data, dict) or "outline" not in data:
            raise InputError(
                f"{shown}: neither a plan output (no `outline`) nor a quantity sheet "
                "(no `quantities` list)"
            )
        try:
            plan = Plan.model_validate(data)
        except ValidationError as exc:
            err = exc.errors()[0]
            where = "/".join(str(p) for p in err["loc"])
            raise InputError(
                f"{shown}: not a valid plan output ({exc.error_count()} problems, first at "
                f"{where}: {err['msg']}); check it with `plan-parser validate`"
            ) from None
        return side_from_plan(plan, shown, "output")
    from ..pipeline import parse_file

    return side_from_plan(parse_file(path), shown, "plan")


def _load_structured(text: str, suffix: str, shown: str) -> Any:
    """JSON with the json module (pyyaml takes a second on a plan's output), YAML with the C
    loader when pyyaml has one."""
    try:
        if suffix == ".json":
            return json.loads(text)
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(text, Loader=loader)  # a safe loader, C or Python
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        first = str(exc).splitlines()[0]
        kind = "JSON" if suffix == ".json" else "YAML"
        raise InputError(f"{shown}: not valid {kind}: {first}") from None


def side_from_plan(plan: Plan, path: str, input: InputKind = "plan") -> DiffSide:
    md = plan.metadata
    return DiffSide(
        path=path,
        input=input,
        title=md.plan_title or md.title,
        doc_number=md.doc_number,
        issuer=md.issuer,
        level=None,
        quantities=list(plan.quantities),
        outline=list(plan.outline),
        programs=plan_programs(plan),
    )


def side_from_sheet(path: Path, shown: str) -> DiffSide:
    from .sheet import load_sheet

    sheet = load_sheet(path, name=shown)
    h = sheet.header
    return DiffSide(
        path=shown,
        input="sheet",
        title=h.title,
        doc_number=h.doc_number,
        issuer=h.issuer,
        level=h.level,
        quantities=sheet.quantities,
        outline=None,
        programs=None,
    )


def plan_programs(plan: Plan) -> list[ProgramRef]:
    """Programs of a plan: extracted program records (one per canonical program) and the box
    entries they do not already cover, in document order, each name once."""
    lex = diff_lexicon()
    found: list[ProgramRef] = []
    seen_canonical: set[str] = set()
    for p in plan.projects:
        if p.kind != "program":
            continue
        group = p.canonical_id or p.id
        if group in seen_canonical:
            continue
        seen_canonical.add(group)
        found.append(ProgramRef(id=p.id, name=p.name, source="project", box=p.box, line=p.line))
    for box in plan.boxes:
        for e in box.entries:
            found.append(
                ProgramRef(id=e.id, name=e.name, source="box_entry", box=box.number, line=e.line)
            )
    out: list[ProgramRef] = []
    keys: set[str] = set()
    for ref in sorted(found, key=lambda r: (r.line, r.source != "project")):
        key = program_key(ref.name, lex)[0]
        if key and key not in keys:
            keys.add(key)
            out.append(ref)
    return out


# --- lexicon ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffLexicon:
    whole_scopes: tuple[str, ...]
    per_unit_scope_prefixes: tuple[str, ...]
    fillers: frozenset[str]
    restrictive: tuple[str, ...]
    higher_is_better: tuple[str, ...]
    lower_is_better: tuple[str, ...]
    raise_words: tuple[str, ...]
    lower_words: tuple[str, ...]
    change_units: frozenset[str]
    intensive_units: frozenset[str]
    unit_multipliers: dict[str, int]
    unit_equivalents: dict[str, str]
    outline_min_score: float
    outline_common_words: frozenset[str]
    program_prefixes: tuple[str, ...]
    program_suffixes: tuple[str, ...]
    program_min_score: float
    place_names: tuple[str, ...]


def _lexicon_text(name: str) -> str:
    return (resources.files("plan_parser") / "lexicon" / name).read_text("utf-8")


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted({w for w in words if w}, key=lambda w: (-len(w), w)))


def _words(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(w, str) for w in value):
        raise ValueError(f"lexicon/diff.yaml: `{key}` must be a list of words")
    return [fold(w).strip() for w in value]


@cache
def diff_lexicon() -> DiffLexicon:
    """lexicon/diff.yaml (and the province and prefecture names of adcodes.tsv), loaded once."""
    data = yaml.safe_load(_lexicon_text("diff.yaml"))
    mult = data.get("unit_multipliers")
    if not isinstance(mult, dict) or not all(isinstance(v, int) for v in mult.values()):
        raise ValueError("lexicon/diff.yaml: `unit_multipliers` must map a character to a number")
    equivalents: dict[str, str] = {}
    for group in data.get("unit_equivalents") or []:
        for unit in group:
            equivalents[fold(unit)] = fold(group[0])
    places = []
    for row in _lexicon_text("adcodes.tsv").splitlines()[1:]:
        cells = row.split("\t")
        if len(cells) >= 3 and cells[2] in ("province", "prefecture"):
            places.append(cells[1])
    return DiffLexicon(
        whole_scopes=_longest_first(_words(data, "whole_scopes")),
        per_unit_scope_prefixes=_longest_first(_words(data, "per_unit_scope_prefixes")),
        fillers=frozenset(_words(data, "fillers")),
        restrictive=_longest_first(_words(data, "restrictive")),
        higher_is_better=_longest_first(_words(data, "higher_is_better")),
        lower_is_better=_longest_first(_words(data, "lower_is_better")),
        raise_words=_longest_first(_words(data, "raise_words")),
        lower_words=_longest_first(_words(data, "lower_words")),
        change_units=frozenset(_words(data, "change_units")),
        intensive_units=frozenset(_words(data, "intensive_units")),
        unit_multipliers={fold(k): int(v) for k, v in mult.items()},
        unit_equivalents=equivalents,
        outline_min_score=float(data["outline_min_score"]),
        outline_common_words=frozenset(_words(data, "outline_common_words")),
        program_prefixes=_longest_first(_words(data, "program_prefixes")),
        program_suffixes=_longest_first(_words(data, "program_suffixes")),
        program_min_score=float(data["program_min_score"]),
        place_names=_longest_first(places),
    )


# --- synonyms -----------------------------------------------------------------------------------

SHIPPED_SYNONYMS = "synonyms.yaml"


@dataclass(frozen=True)
class Synonyms:
    """Groups of wordings of one indicator (or part of one); the first wording is canonical."""

    groups: tuple[tuple[str, ...], ...]
    files: tuple[str, ...] = ()

    @cached_property
    def canonical(self) -> dict[str, str]:
        return {w: g[0] for g in self.groups for w in g[1:] if w != g[0]}

    def apply(self, text: str) -> tuple[str, tuple[tuple[str, str], ...]]:
        """`text` with every wording replaced by its canonical one (longest first), and the
        replacements made as (wording, canonical) pairs."""
        canonical = self.canonical
        pattern = _synonym_pattern(tuple(canonical))
        if pattern is None:
            return text, ()
        made: list[tuple[str, str]] = []

        def repl(m: re.Match[str]) -> str:
            made.append((m[0], canonical[m[0]]))
            return canonical[m[0]]

        return pattern.sub(repl, text), tuple(made)


@cache
def _synonym_pattern(wordings: tuple[str, ...]) -> re.Pattern[str] | None:
    if not wordings:
        return None
    return re.compile("|".join(re.escape(w) for w in _longest_first(wordings)))


def _read_groups(text: str, name: str) -> list[list[str]]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0]
        raise InputError(f"{name}: not valid YAML: {first}") from None
    groups = data.get("groups") if isinstance(data, dict) else data
    if not isinstance(groups, list):
        raise InputError(f"{name}: expected `groups:`, a list of lists of wordings")
    out: list[list[str]] = []
    for i, group in enumerate(groups, start=1):
        if not isinstance(group, list) or not all(isinstance(w, str | int) for w in group):
            raise InputError(f"{name}: group {i} must be a list of wordings")
        words = list(dict.fromkeys(w for w in (normalize_words(str(x)) for x in group) if w))
        if len(words) < 2:
            raise InputError(f"{name}: group {i} needs at least two different wordings")
        out.append(words)
    return out


def merge_groups(groups: Sequence[Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    """Merge groups that share a wording; each merged group keeps its earliest first wording."""
    merged: list[list[str]] = []
    for group in groups:
        hits = [m for m in merged if any(w in m for w in group)]
        target = hits[0] if hits else []
        if not hits:
            merged.append(target)
        for other in hits[1:]:
            target.extend(w for w in other if w not in target)
            merged.remove(other)
        target.extend(w for w in group if w not in target)
    return tuple(tuple(g) for g in merged)


def load_synonyms(extra: Sequence[Path] = ()) -> Synonyms:
    """The shipped synonym list, extended by the user's files (same format)."""
    from ..read.decode import read_path
    from ..serialize.files import display_path

    groups = _read_groups(_lexicon_text(SHIPPED_SYNONYMS), f"lexicon/{SHIPPED_SYNONYMS}")
    names = []
    for path in extra:
        name = display_path(path)
        groups += _read_groups(read_path(path).text, name)
        names.append(name)
    return Synonyms(merge_groups(groups), tuple(names))


# --- wordings -----------------------------------------------------------------------------------

_QUOTES = re.compile(r"[\s“”\"'‘’「」『』《》〈〉]")
_ASIDE = re.compile(r"\((?:含|不含|包括|其中)[^()]*\)")
_BRACKETS = re.compile(r"[()\[\]【】]")
_PERIOD_TAG = re.compile(r"“?十[一二三四五六七八九]五”?(?:期间|时期)?")


def normalize_words(text: str) -> str:
    """Width-folded, without spaces, quotes, brackets and asides like (含技工学校)."""
    t = _QUOTES.sub("", fold(text))
    t = _ASIDE.sub("", t)
    return _BRACKETS.sub("", t)


def _strip_prefixes(text: str, prefixes: Iterable[str]) -> str:
    changed = True
    while changed:
        changed = False
        for p in prefixes:
            if text.startswith(p) and len(text) > len(p):
                text = text[len(p) :]
                changed = True
                break
    return text


@dataclass(frozen=True)
class Wording:
    """An indicator prepared for matching."""

    text: str  # normalized, scope added, before synonyms
    canonical: str  # after synonyms
    words: tuple[str, ...]  # jieba words of `canonical`, fillers dropped
    replaced: tuple[tuple[str, str], ...]


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def wording(indicator: str, scope: str | None, synonyms: Synonyms) -> Wording:
    from ..lang.segment import cut_words

    lex = diff_lexicon()
    text = _strip_prefixes(normalize_words(indicator), lex.whole_scopes)
    sc = normalize_words(scope or "")
    if sc and sc not in lex.whole_scopes and sc not in text:
        text = sc + text
    canonical, replaced = synonyms.apply(text)
    words = tuple(w for w in cut_words(canonical) if _is_word(w) and w not in lex.fillers)
    return Wording(text, canonical, words, replaced)


# A one-word wording is specific enough to take extra words only if it names a measure
# (近视率 ~ 儿童青少年总体近视率); 高校 or 幼儿园 alone pairs only with the same wording.
MEASURE_ENDINGS = ("率", "比", "比例", "占比", "比重")
# Near misses below this wording score are not worth showing.
NEAR_MISS_SCORE = 0.5


@dataclass(frozen=True)
class WordMatch:
    score: float
    accepted: bool
    reason: str


def _weight(words: Iterable[str]) -> int:
    return sum(len(w) for w in words)


def _specific(words: Sequence[str]) -> bool:
    return len(words) > 1 or words[0].endswith(MEASURE_ENDINGS)


def _restrictive(words: Iterable[str], lex: DiffLexicon) -> list[str]:
    hits = []
    for w in words:
        for r in lex.restrictive:
            if w == r or (len(r) > 1 and r in w):
                hits.append(w)
                break
    return hits


def compare_wordings(a: Wording, b: Wording) -> WordMatch:
    """Do two indicator wordings name the same indicator? With a score and a reason."""
    lex = diff_lexicon()
    if a.canonical == b.canonical:
        if a.text == b.text:
            return WordMatch(1.0, True, "same wording")
        used = dict.fromkeys(f"{w}→{c}" for w, c in (*a.replaced, *b.replaced))
        return WordMatch(1.0, True, f"synonyms ({', '.join(used)})")
    if not a.words or not b.words:
        return WordMatch(0.0, False, "no words to compare")
    shared = set(a.words) & set(b.words)
    score = round(2 * _weight(shared) / (_weight(a.words) + _weight(b.words)), 2)
    only_a = [w for w in a.words if w not in shared]
    only_b = [w for w in b.words if w not in shared]
    if a.words[-1] != b.words[-1]:
        return WordMatch(score, False, f"different measures: {a.words[-1]} vs {b.words[-1]}")
    if only_a and only_b:
        return WordMatch(score, False, f"different words: {'/'.join(only_a)} vs {'/'.join(only_b)}")
    if not only_a and not only_b:
        return WordMatch(1.0, True, "same words")
    side, extra = ("A", only_a) if only_a else ("B", only_b)
    restricting = _restrictive(extra, lex)
    if restricting:
        return WordMatch(
            score, False, f"{side} adds {'/'.join(restricting)}, a different population or level"
        )
    core = b.words if only_a else a.words
    if not _specific(core):
        return WordMatch(score, False, f"{'/'.join(core)} is too generic to pair on its own")
    if score < 0.5:
        return WordMatch(score, False, f"{side} adds too much: {'/'.join(extra)}")
    return WordMatch(score, True, f"{side} adds {'/'.join(extra)} to the same indicator")


# --- units --------------------------------------------------------------------------------------


def _unit(unit: str | None, lex: DiffLexicon) -> str:
    u = fold(unit or "").strip()
    if u == "百分点":
        u = "个百分点"
    return u


def _split_unit(unit: str, lex: DiffLexicon) -> tuple[int, str]:
    if len(unit) > 1 and unit[0] in lex.unit_multipliers:
        base = unit[1:]
        return lex.unit_multipliers[unit[0]], lex.unit_equivalents.get(base, base)
    return 1, lex.unit_equivalents.get(unit, unit)


def unit_factor(a_unit: str | None, b_unit: str | None) -> float | None:
    """Factor that turns a value in A's unit into B's unit, if the conversion is exact
    (万人 -> 人: 10000; 亿元 -> 万元: 10000; % -> %: 1); None if the units differ."""
    lex = diff_lexicon()
    ua, ub = _unit(a_unit, lex), _unit(b_unit, lex)
    if ua == ub:
        return 1.0
    if not ua or not ub:
        return None
    (ma, base_a), (mb, base_b) = _split_unit(ua, lex), _split_unit(ub, lex)
    if base_a != base_b:
        return None
    return ma / mb


def _is_intensive(q: Quantity, lex: DiffLexicon) -> bool:
    """A rate, a per-unit figure or a standard (a norm: 每月不低于400元) compares across areas;
    a count or a total (16万人, 150个) does not."""
    if q.kind == "standard":
        return True
    unit = _unit(q.unit, lex)
    if unit in lex.intensive_units or "/" in unit:
        return True
    scope = normalize_words(q.scope or "")
    return scope.startswith(lex.per_unit_scope_prefixes)


# --- relations ----------------------------------------------------------------------------------

FLOORS = frozenset({"ge", "gt"})
CEILINGS = frozenset({"le", "lt"})
SYMBOL = {"eq": "", "ge": "≥", "gt": ">", "le": "≤", "lt": "<", "approx": "≈", "range": ""}


def _num(v: float) -> Number:
    r = round(v, 6)
    return int(r) if r == int(r) else r


def figure_text(q: Quantity) -> str:
    """≥85%, 3–5个, ≈60%, 93.5%"""
    unit = q.unit or ""
    if q.comparator == "range" and q.value_max is not None:
        return f"{_num(q.value)}–{_num(q.value_max)}{unit}"
    return f"{SYMBOL[q.comparator]}{_num(q.value)}{unit}"


@dataclass(frozen=True)
class DirectionEvidence:
    direction: Direction
    why: str


def infer_direction(a: Quantity, b: Quantity, a_words: Wording) -> DirectionEvidence | None:
    """Which way the indicator should move, and why; None if the two sides contradict."""
    lex = diff_lexicon()
    if _unit(a.unit, lex) in lex.change_units:
        return DirectionEvidence(
            "higher_is_better", "a change in 个百分点: the larger promised change is stricter"
        )
    floors = [
        f"{s} ({SYMBOL[q.comparator]})" for s, q in (("A", a), ("B", b)) if q.comparator in FLOORS
    ]
    ceilings = [
        f"{s} ({SYMBOL[q.comparator]})" for s, q in (("A", a), ("B", b)) if q.comparator in CEILINGS
    ]
    if floors and ceilings:
        return None
    if floors:
        return DirectionEvidence("higher_is_better", f"{' and '.join(floors)} set a floor")
    if ceilings:
        return DirectionEvidence("lower_is_better", f"{' and '.join(ceilings)} set a ceiling")
    for word in lex.lower_is_better:
        if a_words.canonical.endswith(word):
            return DirectionEvidence("lower_is_better", f"{word}: lower is better (lexicon)")
    for word in lex.higher_is_better:
        if a_words.canonical.endswith(word):
            return DirectionEvidence("higher_is_better", f"{word}: higher is better (lexicon)")
    quotes = fold(a.quote + " " + b.quote)
    ups = [w for w in lex.raise_words if w in quotes]
    downs = [w for w in lex.lower_words if w in quotes]
    if ups and not downs:
        return DirectionEvidence("higher_is_better", f"the text says {ups[0]}")
    if downs and not ups:
        return DirectionEvidence("lower_is_better", f"the text says {downs[0]}")
    return DirectionEvidence(
        "unknown", "the direction is unknown (not in the lexicon, no ≥ or ≤, no verb)"
    )


def _floor(q: Quantity, factor: float) -> float:
    return q.value * factor


def _ceiling(q: Quantity, factor: float) -> float:
    if q.comparator == "range" and q.value_max is not None:
        return q.value_max * factor
    return q.value * factor


@dataclass(frozen=True)
class Judgement:
    relation: Relation
    direction: Direction
    reason: str
    delta: Number | None


def relate(
    a: Quantity, b: Quantity, factor: float, a_words: Wording, *, same_area: bool
) -> Judgement:
    """The relation of A's quantity to B's, both of one kind with convertible units. The reason
    says what was compared and the evidence for the direction; it does not repeat the figures."""
    lex = diff_lexicon()
    conv = "" if factor == 1 else f" (A's {a.unit} × {_num(factor)} = {b.unit})"
    delta = _num(a.value * factor - b.value)
    by = _by(abs(a.value * factor - b.value), b.unit)
    ev = infer_direction(a, b, a_words)
    direction: Direction = ev.direction if ev else "unknown"
    if normalize_words(a.period or "") != normalize_words(b.period or ""):
        periods = f"A {a.period or 'no period'}, B {b.period or 'no period'}"
        return Judgement("incomparable", direction, f"different periods: {periods}", None)
    if not same_area and not (_is_intensive(a, lex) and _is_intensive(b, lex)):
        return Judgement(
            "incomparable",
            direction,
            f"counts and totals of plans for different areas are not stricter or looser{conv}",
            delta,
        )
    if a.year is not None and b.year is not None and a.year != b.year:
        return Judgement(
            "different_year", direction, f"A for {a.year}, B for {b.year}{conv}", delta
        )
    if ev is None:
        return Judgement("incomparable", "unknown", "one sets a floor, the other a ceiling", delta)
    undated = [side for side, x in (("A", a), ("B", b)) if x.year is None]
    if len(undated) == 1:
        conv += f" ({undated[0]} states no year)"
    va = a.value * factor
    if a.kind == "baseline":
        if math.isclose(va, b.value, rel_tol=1e-9, abs_tol=1e-9):
            return Judgement("same", direction, f"same figure{conv}", 0)
        rel: Relation = "a_higher" if va > b.value else "a_lower"
        word = "higher" if va > b.value else "lower"
        return Judgement(rel, direction, f"A {word} by {by}{conv}; {ev.why}", delta)
    if direction == "unknown":
        if math.isclose(va, b.value, rel_tol=1e-9) and _same_shape(a, b, factor):
            return Judgement("same", direction, f"same figure{conv}", 0)
        return Judgement("incomparable", direction, f"figures differ but {ev.why}{conv}", delta)
    if direction == "higher_is_better":
        va, vb, side = _floor(a, factor), _floor(b, 1), "floor"
    else:
        va, vb, side = _ceiling(a, factor), _ceiling(b, 1), "ceiling"
    if math.isclose(va, vb, rel_tol=1e-9, abs_tol=1e-9):
        if figure_text(a) == figure_text(b):
            same = "same figure"
        else:
            same = f"same {side} ({_shape(a)} vs {_shape(b)})"
        return Judgement("same", direction, f"{same}{conv}; {ev.why}", 0)
    higher = va > vb
    stricter = higher if direction == "higher_is_better" else not higher
    rel = "a_stricter" if stricter else "a_looser"
    by = _by(abs(va - vb), b.unit)
    word = "higher" if higher else "lower"
    return Judgement(rel, direction, f"A's {side} {word} by {by}{conv}; {ev.why}", delta)


def _by(difference: float, unit: str | None) -> str:
    if unit == "%":
        return f"{_num(difference)} percentage point{'' if difference == 1 else 's'}"
    return f"{_num(difference)}{unit or ''}"


SHAPE = {"eq": "=", "ge": "≥", "gt": ">", "le": "≤", "lt": "<", "approx": "≈", "range": "range"}


def _shape(q: Quantity) -> str:
    return SHAPE[q.comparator]


def _same_shape(a: Quantity, b: Quantity, factor: float) -> bool:
    if a.comparator == "range" or b.comparator == "range":
        amax = (a.value_max or a.value) * factor
        bmax = b.value_max or b.value
        return math.isclose(amax, bmax, rel_tol=1e-9)
    return True


# --- indicators ---------------------------------------------------------------------------------


def quantity_ref(q: Quantity) -> QuantityRef:
    return QuantityRef(
        id=q.id,
        kind=q.kind,
        indicator=q.indicator,
        scope=q.scope,
        comparator=q.comparator,
        value=q.value,
        value_max=q.value_max,
        unit=q.unit,
        year=q.year,
        period=q.period,
        text=figure_text(q),
        line=q.line,
        quote=q.quote,
        node_id=q.node_id,
    )


@dataclass(frozen=True)
class _Candidate:
    a: int
    b: int
    words: WordMatch
    factor: float | None  # None: units do not convert

    @property
    def usable(self) -> bool:
        return self.words.accepted and self.factor is not None


def _near_reason(c: _Candidate, this: Quantity, other: Quantity, other_side: str) -> str:
    if c.words.accepted and this.kind != other.kind:
        return f"{other_side} states it only as a {other.kind} ({c.words.reason})"
    if c.words.accepted and c.factor is None:
        return (
            f"same indicator but units do not convert: {this.unit or 'no unit'} vs "
            f"{other.unit or 'no unit'}"
        )
    return c.words.reason


def _assign(
    usable: Sequence[_Candidate], a: Sequence[Quantity], b: Sequence[Quantity]
) -> dict[int, _Candidate]:
    """Each A quantity's partner: first one to one, best candidates first (wording score, same
    year, same value, same unit, nearby in the document), so repeated wordings (项目 119个,
    项目 19个) pair with their own figures; then A's leftovers with their best candidate even if
    that B quantity is taken (A repeats a figure B states once)."""
    span_a = max((q.line for q in a), default=1) or 1
    span_b = max((q.line for q in b), default=1) or 1

    def rank(c: _Candidate) -> tuple[float, bool, bool, bool, float]:
        qa, qb = a[c.a], b[c.b]
        same_value = c.factor is not None and math.isclose(
            qa.value * c.factor, qb.value, rel_tol=1e-9
        )
        distance = abs(qa.line / span_a - qb.line / span_b)
        return (c.words.score, qa.year == qb.year, same_value, c.factor == 1, -distance)

    ordered = sorted(usable, key=rank, reverse=True)
    chosen: dict[int, _Candidate] = {}
    used_b: set[int] = set()
    for c in ordered:
        if c.a not in chosen and c.b not in used_b:
            chosen[c.a] = c
            used_b.add(c.b)
    for c in ordered:
        chosen.setdefault(c.a, c)
    return chosen


def match_indicators(
    a: Sequence[Quantity],
    b: Sequence[Quantity],
    synonyms: Synonyms,
    *,
    same_area: bool = False,
) -> IndicatorsDiff:
    """Pair A's quantities with B's by indicator (same kind, convertible units)."""
    cache: dict[tuple[str, str | None], Wording] = {}

    def words_of(q: Quantity) -> Wording:
        key = (q.indicator, q.scope)
        if key not in cache:
            cache[key] = wording(q.indicator, q.scope, synonyms)
        return cache[key]

    cands: list[_Candidate] = []
    for i, qa in enumerate(a):
        for j, qb in enumerate(b):
            wm = compare_wordings(words_of(qa), words_of(qb))
            if wm.score < 0.34 and not wm.accepted:
                continue
            factor = unit_factor(qa.unit, qb.unit) if qa.kind == qb.kind else None
            cands.append(_Candidate(i, j, wm, factor))
    usable = [c for c in cands if c.usable and a[c.a].kind == b[c.b].kind]
    by_a: dict[int, list[_Candidate]] = {}
    for c in usable:
        by_a.setdefault(c.a, []).append(c)
    chosen = _assign(usable, a, b)

    pairs: list[IndicatorPair] = []
    for i in sorted(by_a):
        qa, best = a[i], chosen[i]
        qb = b[best.b]
        assert best.factor is not None
        verdict = relate(qa, qb, best.factor, words_of(qa), same_area=same_area)
        pairs.append(
            IndicatorPair(
                kind=qa.kind,
                a=quantity_ref(qa),
                b=quantity_ref(qb),
                score=best.words.score,
                match=best.words.reason,
                relation=verdict.relation,
                direction=verdict.direction,
                reason=verdict.reason,
                delta=verdict.delta,
                also_b=[b[c.b].id for c in by_a[i] if c is not best],
            )
        )
    taken_b = {c.b for c in usable}

    def nearest(side_index: int, own: Quantity, mine: bool) -> NearMiss | None:
        pool = [
            c
            for c in cands
            if (c.a if mine else c.b) == side_index
            and (c.words.accepted or c.words.score >= NEAR_MISS_SCORE)
            and not c.words.reason.startswith("different measures")
        ]
        if not pool:
            return None
        best = max(pool, key=lambda c: (c.words.accepted, c.words.score))
        other = b[best.b] if mine else a[best.a]
        return NearMiss(
            quantity=quantity_ref(other),
            score=best.words.score,
            reason=_near_reason(best, own, other, "B" if mine else "A"),
        )

    only_a = [
        UnmatchedQuantity(quantity=quantity_ref(q), nearest=nearest(i, q, True))
        for i, q in enumerate(a)
        if i not in by_a
    ]
    only_b = [
        UnmatchedQuantity(quantity=quantity_ref(q), nearest=nearest(j, q, False))
        for j, q in enumerate(b)
        if j not in taken_b
    ]
    return IndicatorsDiff(pairs=pairs, only_a=only_a, only_b=only_b)


# --- outline ------------------------------------------------------------------------------------

HEADING_KINDS = frozenset({"chapter", "section"})


def _heading_nodes(outline: Sequence[OutlineNode]) -> list[OutlineNode]:
    out: list[OutlineNode] = []
    stack = list(reversed(outline))
    while stack:
        node = stack.pop()
        if node.kind in HEADING_KINDS:
            out.append(node)
            stack.extend(reversed(node.children))
    return out


def node_ref(n: OutlineNode) -> NodeRef:
    return NodeRef(id=n.id, kind=n.kind, marker=n.marker, title=n.title, line=n.line)


def title_words(title: str) -> tuple[str, ...]:
    """A heading's words, long words broken into the dictionary words that tile them (长效机制 ->
    长效, 机制; 普通高中 -> 普通, 高中), so 完善教育投入长效机制 and 优化教育经费投入和管理机制
    share 教育, 投入 and 机制, and 普通高中 and 高中阶段 share 高中."""
    from ..lang.segment import full_tokenizer

    lex = diff_lexicon()
    t = _PERIOD_TAG.sub("", normalize_words(title))
    tok = full_tokenizer()
    words: list[str] = []
    for w in tok.lcut(t, HMM=True):
        if _is_word(w) and w not in lex.fillers:
            words.extend(p for p in _tiles(w, tok.FREQ) if p not in lex.fillers)
    return tuple(dict.fromkeys(words))


def _tiles(word: str, vocabulary: dict[str, int]) -> list[str]:
    """`word` as the fewest dictionary words of two or more characters that tile it, or itself."""
    if len(word) < 4:
        return [word]
    best: dict[int, list[str] | None] = {len(word): []}
    for start in range(len(word) - 2, -1, -1):
        options = []
        for end in range(start + 2, len(word) + 1):
            part, rest = word[start:end], best.get(end)
            if rest is not None and part != word and vocabulary.get(part):
                options.append([part, *rest])
        best[start] = min(options, key=len) if options else None
    return best[0] or [word]


def _title_similarity(
    a: tuple[str, ...], b: tuple[str, ...], weight: dict[str, float]
) -> tuple[float, list[str]]:
    """Weighted Dice over the two titles' words; the shared words in A's order."""
    shared = [w for w in a if w in b]
    total = sum(weight[w] for w in a) + sum(weight[w] for w in b)
    if not total:
        return 0.0, []
    return round(2 * sum(weight[w] for w in shared) / total, 2), shared


def align_outline(a: Sequence[OutlineNode], b: Sequence[OutlineNode]) -> OutlineDiff:
    """Align A's chapters and sections with B's by title words, one to one, across levels.

    Words are weighted by rarity over both outlines (a word in every other title says little),
    and the lexicon's stock verbs and nouns (加强, 推进, 教育 …) count a third.
    """
    lex = diff_lexicon()
    na, nb = _heading_nodes(a), _heading_nodes(b)
    wa = {n.id: title_words(n.title) for n in na}
    wb = {n.id: title_words(n.title) for n in nb}
    df: Counter[str] = Counter()
    for words in (*wa.values(), *wb.values()):
        df.update(words)
    n_titles = len(wa) + len(wb)
    weight: dict[str, float] = {}
    for w, count in df.items():
        idf = math.log((n_titles + 1) / (count + 1)) + 1
        weight[w] = idf * (1 / 3 if w in lex.outline_common_words else 1) * len(w)
    scored: list[tuple[float, bool, int, int, list[str]]] = []
    for i, x in enumerate(na):
        for j, y in enumerate(nb):
            score, shared = _title_similarity(wa[x.id], wb[y.id], weight)
            if normalize_words(x.title) == normalize_words(y.title):
                score = 1.0
            if score >= lex.outline_min_score:
                scored.append((score, x.kind == y.kind, -i, -j, shared))
    scored.sort(reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[tuple[int, SectionPair]] = []
    for score, _same_kind, mi, mj, shared in scored:
        i, j = -mi, -mj
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        x, y = na[i], nb[j]
        if score == 1.0 and normalize_words(x.title) == normalize_words(y.title):
            reason = "same title"
        else:
            reason = f"shared words: {'/'.join(shared)}"
        if x.kind != y.kind:
            reason += f" (A's {x.kind}, B's {y.kind})"
        pairs.append((i, SectionPair(a=node_ref(x), b=node_ref(y), score=score, reason=reason)))
    pairs.sort(key=lambda p: p[0])
    return OutlineDiff(
        pairs=[p for _, p in pairs],
        only_a=[node_ref(n) for i, n in enumerate(na) if i not in used_a],
        only_b=[node_ref(n) for j, n in enumerate(nb) if j not in used_b],
    )


# --- programs -----------------------------------------------------------------------------------


def program_key(name: str, lex: DiffLexicon) -> tuple[str, str]:
    """(core name, generic ending): 实施“十四五”县域普通高中发展提升行动计划 ->
    (县域普通高中发展提升, 行动计划)."""
    t = _PERIOD_TAG.sub("", normalize_words(name))
    t = _strip_prefixes(t, (*lex.program_prefixes, *lex.place_names, *lex.whole_scopes))
    for suffix in lex.program_suffixes:
        if t.endswith(suffix) and len(t) > len(suffix) + 1:
            return t[: -len(suffix)], suffix
    return t, ""


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def match_programs(a: Sequence[ProgramRef], b: Sequence[ProgramRef]) -> ProgramsDiff:
    """Programs in both plans (same or near-same name), one to one, and in one only."""
    lex = diff_lexicon()
    ka = [program_key(p.name, lex) for p in a]
    kb = [program_key(p.name, lex) for p in b]
    scored: list[tuple[float, int, int, str]] = []
    for i, (core_a, end_a) in enumerate(ka):
        for j, (core_b, end_b) in enumerate(kb):
            if core_a == core_b:
                if end_a == end_b:
                    score, reason = 1.0, "same name"
                else:
                    score = 0.95
                    reason = f"same name, different ending: {end_a or '—'} vs {end_b or '—'}"
            else:
                score = round(_dice(_bigrams(core_a), _bigrams(core_b)), 2)
                reason = f"similar names ({core_a} ~ {core_b})"
            if score >= lex.program_min_score:
                scored.append((score, -i, -j, reason))
    scored.sort(reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    both: list[tuple[int, ProgramPair]] = []
    for score, mi, mj, reason in scored:
        i, j = -mi, -mj
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        both.append((i, ProgramPair(a=a[i], b=b[j], score=score, reason=reason)))
    both.sort(key=lambda p: p[0])
    return ProgramsDiff(
        both=[p for _, p in both],
        only_a=[p for i, p in enumerate(a) if i not in used_a],
        only_b=[p for j, p in enumerate(b) if j not in used_b],
    )


# --- the whole diff -----------------------------------------------------------------------------


def same_area(a: DiffSide, b: DiffSide) -> bool:
    """Do the two documents plan for the same area? Only if their issuers say so."""
    return bool(a.issuer and b.issuer and normalize_words(a.issuer) == normalize_words(b.issuer))


def diff_sides(a: DiffSide, b: DiffSide, synonyms: Synonyms | None = None) -> PlanDiff:
    """Compare A against B: indicators, outline and programs."""
    syn = synonyms or load_synonyms()
    notes: list[str] = []
    indicators = match_indicators(a.quantities, b.quantities, syn, same_area=same_area(a, b))
    for side, name in ((a, "A"), (b, "B")):
        if not side.quantities:
            notes.append(f"{name} ({side.path}) has no quantities: no indicators to compare")
    outline = None
    if a.outline is not None and b.outline is not None:
        outline = align_outline(a.outline, b.outline)
    else:
        notes.append(f"{_sheets(a, b)}: no outline to align")
    programs = None
    if a.programs is not None and b.programs is not None:
        programs = match_programs(a.programs, b.programs)
        for side, name in ((a, "A"), (b, "B")):
            if not side.programs:
                notes.append(
                    f"{name} ({side.path}) names no programs (no boxes, no extracted programs)"
                )
    else:
        notes.append(f"{_sheets(a, b)}: no programs to compare")
    return PlanDiff(
        a=a.info(),
        b=b.info(),
        synonym_files=list(syn.files),
        summary=_summary(indicators, outline, programs),
        indicators=indicators,
        outline=outline,
        programs=programs,
        notes=notes,
    )


def _sheets(a: DiffSide, b: DiffSide) -> str:
    sheets = [name for side, name in ((a, "A"), (b, "B")) if side.input == "sheet"]
    return "A and B are quantity sheets" if len(sheets) == 2 else f"{sheets[0]} is a quantity sheet"


def diff_paths(
    a: Path, b: Path, *, synonym_files: Sequence[Path] = (), differences_only: bool = False
) -> PlanDiff:
    """Load both inputs and compare them (what the CLI calls)."""
    synonyms = load_synonyms(synonym_files)
    result = diff_sides(load_side(a), load_side(b), synonyms)
    return only_differences(result) if differences_only else result


def _summary(
    ind: IndicatorsDiff, outline: OutlineDiff | None, programs: ProgramsDiff | None
) -> DiffSummary:
    counts = Counter(p.relation for p in ind.pairs)
    return DiffSummary(
        pairs=len(ind.pairs),
        relations=RelationCounts(**{r: counts.get(r, 0) for r in RELATIONS}),
        b_targets_not_taken_up=sum(1 for u in ind.only_b if u.quantity.kind == "target"),
        a_own_targets=sum(1 for u in ind.only_a if u.quantity.kind == "target"),
        sections_aligned=None if outline is None else len(outline.pairs),
        sections_only_a=None if outline is None else len(outline.only_a),
        sections_only_b=None if outline is None else len(outline.only_b),
        programs_both=None if programs is None else len(programs.both),
        programs_only_a=None if programs is None else len(programs.only_a),
        programs_only_b=None if programs is None else len(programs.only_b),
    )


def only_differences(diff: PlanDiff) -> PlanDiff:
    """The diff without what is the same: pairs related `same`, sections with the same title,
    programs with the same name. Unmatched items and the summary stay."""
    out = diff.model_copy(deep=True)
    out.only_differences = True
    out.indicators.pairs = [p for p in out.indicators.pairs if p.relation != "same"]
    if out.outline is not None:
        out.outline.pairs = [
            p for p in out.outline.pairs if normalize_words(p.a.title) != normalize_words(p.b.title)
        ]
    if out.programs is not None:
        out.programs.both = [p for p in out.programs.both if p.score < 1.0]
    return out
