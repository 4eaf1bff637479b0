"""Intervals with their closedness: two half-bounds of one interval (`<150,≥50`), and a range
whose upper end counts (`50—150(含)`)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...models import Comparator
from ...models.plan import Bounds
from .lexicon import Lexicon, _alt
from .numbers import Found, _unit

if TYPE_CHECKING:
    pass


HALF_BOUND_WORDS: dict[str, Comparator] = {
    "≥": "ge", "不低于": "ge", "不少于": "ge", "不小于": "ge",
    ">": "gt", "超过": "gt", "高于": "gt", "大于": "gt",
    "≤": "le", "不超过": "le", "不高于": "le", "不大于": "le",
    "<": "lt", "低于": "lt", "小于": "lt",
}  # fmt: skip


_HB = _alt(HALF_BOUND_WORDS)


NUMBER_TEXT = r"\d+(?:\.\d+)?"


# two half-bounds of one interval, either order: <150,≥50 / ≥50且<150 / 大于50、不超过150
HALF_BOUNDS = re.compile(
    rf"""
    (?P<c1>{_HB})[ ]*(?P<n1>{NUMBER_TEXT})[ ]*(?P<u1>[^\d,、;。<>≤≥且]{{0,6}}?)
    [ ]*(?:,|、|且|并且|和)[ ]*
    (?P<c2>{_HB})[ ]*(?P<n2>{NUMBER_TEXT})
    """,
    re.VERBOSE,
)


def half_bounds(m: re.Match[str]) -> tuple[float, float, Bounds] | None:
    """(lower, upper, closedness) of a HALF_BOUNDS match, or None unless one half-bound is a
    lower one (≥ >) and the other an upper one (≤ <)."""
    c1, c2 = HALF_BOUND_WORDS[m.group("c1")], HALF_BOUND_WORDS[m.group("c2")]
    halves = {c1: float(m.group("n1")), c2: float(m.group("n2"))}
    low = next((c for c in ("ge", "gt") if c in halves), None)
    high = next((c for c in ("le", "lt") if c in halves), None)
    if low is None or high is None or halves[low] >= halves[high]:
        return None
    bounds: Bounds = "[)" if low == "ge" else "()"
    if high == "le":
        bounds = "[]" if low == "ge" else "(]"
    return halves[low], halves[high], bounds


def _interval(sentence: str, base: int, m: re.Match[str], lex: Lexicon) -> Found | None:
    """`<150,≥50`: value 50, value_max 150, comparator range, bounds `[)`. None unless one
    half-bound is a lower one and the other an upper one."""
    interval = half_bounds(m)
    if interval is None:
        return None
    low, high, bounds = interval
    second = lex.number.match(sentence, m.start("n2"))
    unit = _unit(second) if second else None
    end = second.end() if second else m.end()
    if unit is None and m.group("u1"):
        unit = m.group("u1").strip() or None
    return Found(
        base + m.start(),
        base + end,
        base + end,
        low,
        high,
        unit,
        "range",
        extras={"bounds": bounds},
    )


INCLUSIVE_NOTE = re.compile(r"[ ]*\((?P<no>不)?含\)")
