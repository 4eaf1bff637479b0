"""`lexicon/diff.yaml` as a `DiffLexicon`, the synonym groups (`lexicon/synonyms.yaml` and the
user's `--synonyms` files) as `Synonyms`, and `normalize_words`, the text form every wording and
lexicon entry is compared in."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, StrictInt

from ..errors import InputError
from ..lang.lexicon import Words, load_lexicon, longest_first
from ..lang.places import gazetteer
from ..read.normalize import fold

# --- lexicon ------------------------------------------------------------------------------------


class DiffLexiconFile(BaseModel):
    """`lexicon/diff.yaml` as written (see `lexicon/README.md` for who reads each key)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    whole_scopes: Words
    per_unit_scope_prefixes: Words
    fillers: Words
    restrictive: Words
    higher_is_better: Words
    lower_is_better: Words
    raise_words: Words
    lower_words: Words
    change_units: Words
    intensive_units: Words
    unit_multipliers: dict[str, StrictInt]
    unit_equivalents: list[Words]
    candidate_min_score: float
    added_words_min_score: float
    near_miss_min_score: float
    outline_min_score: float
    outline_common_words: Words
    outline_common_word_divisor: StrictInt
    program_prefixes: Words
    program_suffixes: Words
    program_min_score: float
    program_ending_score: float


@dataclass(frozen=True)
class DiffLexicon:
    """`DiffLexiconFile` ready to match with: words width-folded, lists longest first, sets, and the
    province and prefecture names of the gazetteer (stripped from program names)."""

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
    candidate_min_score: float
    added_words_min_score: float
    near_miss_min_score: float
    outline_min_score: float
    outline_common_words: frozenset[str]
    outline_common_word_divisor: int
    program_prefixes: tuple[str, ...]
    program_suffixes: tuple[str, ...]
    program_min_score: float
    program_ending_score: float
    place_names: tuple[str, ...]


def _folded(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(fold(w).strip() for w in words)


def _ordered(words: Iterable[str]) -> tuple[str, ...]:
    return longest_first(_folded(words))


@cache
def diff_lexicon() -> DiffLexicon:
    """lexicon/diff.yaml (and the province and prefecture names of the gazetteer), loaded once."""
    data = load_lexicon("diff.yaml", DiffLexiconFile)
    equivalents: dict[str, str] = {}
    for group in data.unit_equivalents:
        for unit in group:
            equivalents[fold(unit)] = fold(group[0])
    places = [
        d.name for d in gazetteer().divisions.values() if d.level in ("province", "prefecture")
    ]
    return DiffLexicon(
        whole_scopes=_ordered(data.whole_scopes),
        per_unit_scope_prefixes=_ordered(data.per_unit_scope_prefixes),
        fillers=frozenset(_folded(data.fillers)),
        restrictive=_ordered(data.restrictive),
        higher_is_better=_ordered(data.higher_is_better),
        lower_is_better=_ordered(data.lower_is_better),
        raise_words=_ordered(data.raise_words),
        lower_words=_ordered(data.lower_words),
        change_units=frozenset(_folded(data.change_units)),
        intensive_units=frozenset(_folded(data.intensive_units)),
        unit_multipliers={fold(k): v for k, v in data.unit_multipliers.items()},
        unit_equivalents=equivalents,
        candidate_min_score=data.candidate_min_score,
        added_words_min_score=data.added_words_min_score,
        near_miss_min_score=data.near_miss_min_score,
        outline_min_score=data.outline_min_score,
        outline_common_words=frozenset(_folded(data.outline_common_words)),
        outline_common_word_divisor=data.outline_common_word_divisor,
        program_prefixes=_ordered(data.program_prefixes),
        program_suffixes=_ordered(data.program_suffixes),
        program_min_score=data.program_min_score,
        program_ending_score=data.program_ending_score,
        place_names=longest_first(places),
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
    return re.compile("|".join(re.escape(w) for w in longest_first(wordings)))


class SynonymsFile(BaseModel):
    """`lexicon/synonyms.yaml` as written: `groups`, lists of wordings, the first canonical."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    groups: list[list[str]]


def _read_groups(text: str, name: str) -> list[list[str]]:
    """A user's synonym file (the shipped format, or a bare list of groups), checked with messages
    for people: this is input, not a shipped lexicon."""
    from ..read.data import load_data

    data = load_data(text, "yaml", name)  # within the alias and depth budgets
    groups = data.get("groups") if isinstance(data, dict) else data
    if not isinstance(groups, list):
        raise InputError(f"{name}: expected `groups:`, a list of lists of wordings")
    for i, group in enumerate(groups, start=1):
        if not isinstance(group, list) or not all(isinstance(w, str | int) for w in group):
            raise InputError(f"{name}: group {i} must be a list of wordings")
    return _normalized_groups(groups, name)


def _normalized_groups(groups: Sequence[Sequence[str | int]], name: str) -> list[list[str]]:
    out: list[list[str]] = []
    for i, group in enumerate(groups, start=1):
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

    shipped = load_lexicon(SHIPPED_SYNONYMS, SynonymsFile)
    groups = _normalized_groups(shipped.groups, f"lexicon/{SHIPPED_SYNONYMS}")
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
