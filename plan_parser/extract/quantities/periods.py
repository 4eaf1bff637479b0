"""The period a figure runs over when its list item names none: the period word closest before it
in its clause (`五年内`, `三年`…), or the last plan's period for a total in its review (`“十三五”
期间,…共实施803个项目`). Offsets are looked up once per paragraph. `record._record` calls these."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .indicator import _clause_bounds
from .lexicon import Lexicon

if TYPE_CHECKING:
    from .numbers import Found


def _period_before(text: str, s0: int, pos: int, lex: Lexicon) -> str | None:
    """The period word (`五年内`, `三年`…) closest before `pos` in its clause (after the last ,
    or ; of the sentence starting at `s0`); else 五年内 anywhere before `pos` in the sentence.
    Offsets are looked up, so a sentence with n numbers is not read n times."""
    best: tuple[int, str] | None = None
    found = _period_offsets(text, lex.periods)
    if found:  # most paragraphs name no period: their clauses are not looked up
        seps = _offsets(text, "[,;]")
        k = bisect.bisect_left(seps, pos) - 1
        c0 = seps[k] + 1 if k >= 0 and seps[k] >= s0 else s0
        for w, starts in found:
            if w in ("十三五期间", "十四五期间"):
                continue
            j = bisect.bisect_right(starts, pos - len(w)) - 1
            if j >= 0 and starts[j] >= c0 and (best is None or starts[j] > best[0]):
                best = (starts[j], w)
    if best is None:  # offsets looked up once per paragraph: no `in text` per number
        five = _offsets(text, "五年内")
        j = bisect.bisect_left(five, s0)
        if j < len(five) and five[j] + len("五年内") <= pos:
            return "五年内"
    return best[1] if best else None


@lru_cache(maxsize=64)
def _offsets(text: str, pattern: str) -> list[int]:
    """Start offsets of the (non-overlapping) matches of `pattern` in `text`, once per text."""
    return [m.start() for m in re.finditer(pattern, text)]


@lru_cache(maxsize=16)
def _period_offsets(text: str, words: tuple[str, ...]) -> list[tuple[str, list[int]]]:
    """Each period word of `text`, in lexicon order, with every offset it starts at."""
    return [
        (w, [m.start() for m in re.finditer(f"(?={re.escape(w)})", text)])
        for w in words
        if w in text
    ]


def _total_in_review(text: str, s0: int, f: Found, lex: Lexicon, previous: str | None) -> bool:
    """A total over the last period, named earlier in the paragraph (`“十三五”期间,…共实施803个
    项目`)."""
    if f.unit in lex.rate_units or previous is None:  # `_offsets`: once per paragraph
        return False
    first = _offsets(text, f"{previous}”?期间")
    n = len(previous)
    if not first or first[0] + n + 2 + (text[first[0] + n] == "”") > f.start:
        return False
    clause0, _ = _clause_bounds(text, s0, f.start, f.start)
    return bool(lex.total_cue.search(text[clause0 : f.end]))
