"""A number expression found in a block (`Found`), and the helpers every finder shares: masks
(《titles》, “names”), units, pieces between separators."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...models import Comparator

if TYPE_CHECKING:
    pass


# 比2020年 / 较2020年底 / 与2020年相比 ending an indicator (years.COMPARED_YEAR)
COMPARED_SUFFIX = re.compile(
    r"""(?:比|较|与)[ ]*(?:19|20)\d\d[ ]*年(?:底|末)?        # 比2020年
        (?:[ ]*的)?(?:[ ]*水平)?(?:[ ]*(?:相比|相较))?[ ]*$  # 的水平, 相比""",
    re.VERBOSE,
)


# a denominator written before the number: 经济密度提高到每平方公里5亿元 (unit 亿元/平方公里)
PER_BEFORE = re.compile(
    r"每[ ]*(?P<den>(?:十|百|千|万)?(?:平方公里|平方千米|平方米|公顷|亩|人口|人|户))[ ]*$"
)


@dataclass(slots=True)
class Found:
    """A number expression found in a block, with block-relative offsets (slots: some 1,000 are
    made and read per plan)."""

    start: int
    end: int  # end of the expression incl. unit and comparator words
    num_end: int  # end of the number and unit
    value: float
    value_max: float | None
    unit: str | None
    comparator: Comparator
    from_value: float | None = None
    from_year: int | None = None
    year: int | None = None
    indicator_span: tuple[int, int] | None = None
    extras: dict[str, Any] = field(default_factory=dict)


def _num(s: str) -> float:
    return float(s)


def _clean_number(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v


def masked_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges that hold no quantity: inside 《》 and “” (titles, names and slogans)."""
    out: list[tuple[int, int]] = []
    for open_ch, close_ch in (("《", "》"), ("“", "”"), ('"', '"')):
        i = 0
        while True:
            a = text.find(open_ch, i)
            if a < 0:
                break
            b = text.find(close_ch, a + 1)
            if b < 0:
                break
            out.append((a, b + 1))
            i = b + 1
    merged: list[tuple[int, int]] = []
    for a, b in sorted(out):  # sorted and disjoint, for `_inside`
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    """Is `pos` in one of the sorted, disjoint `ranges` (from `masked_ranges`)?"""
    i = bisect.bisect_right(ranges, (pos, float("inf"))) - 1
    return i >= 0 and pos < ranges[i][1]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Pieces of `text` between separators (separator kept at the end of its piece)."""
    out = []
    pos = 0
    for m in pattern.finditer(text):
        out.append((pos, m.end()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _unit(m: re.Match[str]) -> str | None:
    unit = (m.group("mult") or "") + (m.group("unit") or "")
    return unit or None
