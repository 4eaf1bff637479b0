"""Units, direction and the relation of A's figure to B's (`relate`): stricter, looser, same,
different year, incomparable, each with its reason."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

from ..models import Comparator, Number, Quantity
from ..models.diff import (
    Direction,
    Relation,
)
from ..read.normalize import fold
from .lexicon import DiffLexicon, diff_lexicon, normalize_words, unit_key
from .wording import Wording

# --- units --------------------------------------------------------------------------------------


def fold_unit(unit: str | None) -> str:
    """The unit as compared: width- and case-folded (`EFlops`, `EFLOPS` and `ＥＦＬＯＰＳ` are
    one unit), 百分点 spelled 个百分点."""
    u = unit_key(unit or "").strip()
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
    ua, ub = fold_unit(a_unit), fold_unit(b_unit)
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
    unit = fold_unit(q.unit)
    if unit in lex.intensive_units or "/" in unit:
        return True
    scope = normalize_words(q.scope or "")
    return scope.startswith(lex.per_unit_scope_prefixes)


# --- relations ----------------------------------------------------------------------------------

FLOORS = frozenset({"ge", "gt"})
CEILINGS = frozenset({"le", "lt"})
# Two figures closer than this (relative, and absolute near zero) are the same figure: values are
# written rounded to 6 places, and unit conversion (万人 -> 人) must not make 5 and 5.0000000001.
EPS = 1e-9


class Sign(NamedTuple):
    prefix: str  # written before the figure: ≥85%, ≈60%; nothing for eq and range (3–5个)
    shape: str  # the comparator named on its own in a reason: same floor (≥ vs >)


SIGNS: dict[Comparator, Sign] = {
    "eq": Sign("", "="),
    "ge": Sign("≥", "≥"),
    "gt": Sign(">", ">"),
    "le": Sign("≤", "≤"),
    "lt": Sign("<", "<"),
    "approx": Sign("≈", "≈"),
    "range": Sign("", "range"),
}


def rounded(v: float) -> Number:
    """`v` to 6 places, an int when whole: how figures are written in reasons and deltas."""
    r = round(v, 6)
    return int(r) if r == int(r) else r


def figure_text(q: Quantity) -> str:
    """≥85%, 3–5个, ≈60%, 93.5%"""
    unit = q.unit or ""
    if q.comparator == "range" and q.value_max is not None:
        return f"{rounded(q.value)}–{rounded(q.value_max)}{unit}"
    return f"{SIGNS[q.comparator].prefix}{rounded(q.value)}{unit}"


@dataclass(frozen=True)
class DirectionEvidence:
    direction: Direction
    why: str


def infer_direction(a: Quantity, b: Quantity, a_words: Wording) -> DirectionEvidence | None:
    """Which way the indicator should move, and why; None if the two sides contradict."""
    lex = diff_lexicon()
    if fold_unit(a.unit) in lex.change_units:
        return DirectionEvidence(
            "higher_is_better", "a change in 个百分点: the larger promised change is stricter"
        )
    floors = [
        f"{s} ({SIGNS[q.comparator].prefix})"
        for s, q in (("A", a), ("B", b))
        if q.comparator in FLOORS
    ]
    ceilings = [
        f"{s} ({SIGNS[q.comparator].prefix})"
        for s, q in (("A", a), ("B", b))
        if q.comparator in CEILINGS
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
    conv = "" if factor == 1 else f" (A's {a.unit} × {rounded(factor)} = {b.unit})"
    delta = rounded(a.value * factor - b.value)
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
        if math.isclose(va, b.value, rel_tol=EPS, abs_tol=EPS):
            return Judgement("same", direction, f"same figure{conv}", 0)
        rel: Relation = "a_higher" if va > b.value else "a_lower"
        word = "higher" if va > b.value else "lower"
        return Judgement(rel, direction, f"A {word} by {by}{conv}; {ev.why}", delta)
    if direction == "unknown":
        if math.isclose(va, b.value, rel_tol=EPS) and _same_shape(a, b, factor):
            return Judgement("same", direction, f"same figure{conv}", 0)
        return Judgement("incomparable", direction, f"figures differ but {ev.why}{conv}", delta)
    if direction == "higher_is_better":
        va, vb, side = _floor(a, factor), _floor(b, 1), "floor"
    else:
        va, vb, side = _ceiling(a, factor), _ceiling(b, 1), "ceiling"
    if math.isclose(va, vb, rel_tol=EPS, abs_tol=EPS):
        if figure_text(a) == figure_text(b):
            same = "same figure"
        else:
            same = f"same {side} ({SIGNS[a.comparator].shape} vs {SIGNS[b.comparator].shape})"
        return Judgement("same", direction, f"{same}{conv}; {ev.why}", 0)
    higher = va > vb
    stricter = higher if direction == "higher_is_better" else not higher
    rel = "a_stricter" if stricter else "a_looser"
    by = _by(abs(va - vb), b.unit)
    word = "higher" if higher else "lower"
    return Judgement(rel, direction, f"A's {side} {word} by {by}{conv}; {ev.why}", delta)


def _by(difference: float, unit: str | None) -> str:
    if unit == "%":
        return f"{rounded(difference)} percentage point{'' if difference == 1 else 's'}"
    return f"{rounded(difference)}{unit or ''}"


def _same_shape(a: Quantity, b: Quantity, factor: float) -> bool:
    if a.comparator == "range" or b.comparator == "range":
        amax = (a.value_max or a.value) * factor
        bmax = b.value_max or b.value
        return math.isclose(amax, bmax, rel_tol=EPS)
    return True
