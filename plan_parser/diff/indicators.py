"""`match_indicators`: A's quantities paired with B's by wording (same kind, convertible units),
each pair related, each unmatched quantity with its nearest near-miss."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Quantity
from ..models.diff import (
    IndicatorPair,
    IndicatorsDiff,
    NearMiss,
    QuantityRef,
    UnmatchedQuantity,
)
from .lexicon import Synonyms, diff_lexicon
from .relations import EPS, figure_text, relate, unit_factor
from .wording import Wording, WordMatch, compare_wordings, wording

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
            qa.value * c.factor, qb.value, rel_tol=EPS
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


class _Wordings:
    """Each (indicator, scope) prepared once per diff: plans repeat wordings."""

    def __init__(self, synonyms: Synonyms) -> None:
        self.synonyms = synonyms
        self.cache: dict[tuple[str, str | None], Wording] = {}

    def __call__(self, q: Quantity) -> Wording:
        key = (q.indicator, q.scope)
        if key not in self.cache:
            self.cache[key] = wording(q.indicator, q.scope, self.synonyms)
        return self.cache[key]


def _candidates(
    a: Sequence[Quantity], b: Sequence[Quantity], words_of: _Wordings
) -> list[_Candidate]:
    """Every (A, B) pair whose wordings match or come close enough to be a near miss, with the
    unit factor when both are of one kind, in (A, B) order.

    Only wordings that share a word, or their canonical form, can score above zero or be
    accepted (compare_wordings), so B is indexed by word and each distinct A wording is compared
    with the B wordings it shares one with: not every quantity with every other (quadratic)."""
    min_score = diff_lexicon().candidate_min_score
    b_words = [words_of(q) for q in b]
    index: dict[str, list[int]] = {}
    for j, w in enumerate(b_words):
        for key in {"\0" + w.canonical, *w.words}:
            index.setdefault(key, []).append(j)
    found: dict[Wording, list[tuple[int, WordMatch]]] = {}

    def partners(x: Wording) -> list[tuple[int, WordMatch]]:
        if x not in found:
            keys = {"\0" + x.canonical, *x.words}
            matches: dict[Wording, WordMatch] = {}
            out = []
            for j in sorted({j for key in keys for j in index.get(key, [])}):
                y = b_words[j]
                if y not in matches:
                    matches[y] = compare_wordings(x, y)
                wm = matches[y]
                if wm.score >= min_score or wm.accepted:
                    out.append((j, wm))
            found[x] = out
        return found[x]

    cands: list[_Candidate] = []
    for i, qa in enumerate(a):
        for j, wm in partners(words_of(qa)):
            qb = b[j]
            factor = unit_factor(qa.unit, qb.unit) if qa.kind == qb.kind else None
            cands.append(_Candidate(i, j, wm, factor))
    return cands


def _nearest(
    cands: Sequence[_Candidate], index: int, own: Quantity, others: Sequence[Quantity], mine: bool
) -> NearMiss | None:
    """The closest wording on the other side for an unmatched quantity (`mine`: it is A's);
    `cands` are that quantity's candidates."""
    min_score = diff_lexicon().near_miss_min_score
    pool = [
        c
        for c in cands
        if (c.words.accepted or c.words.score >= min_score)
        and not c.words.reason.startswith("different measures")
    ]
    if not pool:
        return None
    best = max(pool, key=lambda c: (c.words.accepted, c.words.score))
    other = others[best.b if mine else best.a]
    return NearMiss(
        quantity=quantity_ref(other),
        score=best.words.score,
        reason=_near_reason(best, own, other, "B" if mine else "A"),
    )


def _unmatched(
    cands: Sequence[_Candidate],
    own: Sequence[Quantity],
    others: Sequence[Quantity],
    matched: set[int] | dict[int, list[_Candidate]],
    mine: bool,
) -> list[UnmatchedQuantity]:
    mine_of: dict[int, list[_Candidate]] = {}  # each quantity's candidates, in cands order
    for c in cands:
        mine_of.setdefault(c.a if mine else c.b, []).append(c)
    return [
        UnmatchedQuantity(
            quantity=quantity_ref(q), nearest=_nearest(mine_of.get(i, []), i, q, others, mine)
        )
        for i, q in enumerate(own)
        if i not in matched
    ]


def match_indicators(
    a: Sequence[Quantity],
    b: Sequence[Quantity],
    synonyms: Synonyms,
    *,
    same_area: bool = False,
) -> IndicatorsDiff:
    """Pair A's quantities with B's by indicator (same kind, convertible units)."""
    words_of = _Wordings(synonyms)
    cands = _candidates(a, b, words_of)
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
    return IndicatorsDiff(
        pairs=pairs,
        only_a=_unmatched(cands, a, b, by_a, mine=True),
        only_b=_unmatched(cands, b, a, taken_b, mine=False),
    )
