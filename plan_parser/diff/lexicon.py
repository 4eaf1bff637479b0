"""`lexicon/diff.yaml` as a `DiffLexicon`, the synonym groups (`lexicon/synonyms.yaml` and the
user's `--synonyms` files) as `Synonyms`, and `normalize_words`, the text form every wording and
lexicon entry is compared in."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from ..read.normalize import fold

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
