"""The year a value holds for when its own sentence names none: the horizon a lead-in sets for
the text it governs, and the plan's own period; and the base year of a change
(`compared_years`: `比2020年下降13.5%` has `from_year` 2020).

Rules, in the order `record._record` applies them (each names the shape it serves):

1. **The value's own sentence** names a year before it (`到2025年，…达到93%`): that year, stated.
2. **A horizon lead-in in the same paragraph** (`力争到2027年，…。在…取得10项以上…；培育20家…`):
   the last year named in the paragraph's earlier sentences governs the sentences after it, when
   it is named as a horizon (`lexicon.lead_years`: `到2027年`, `2025年的主要目标是:`). A year named
   as a date (`2024年底前`) or a past year (`2020年`) governs nothing after its own sentence.
3. **A lead-in over a list** (`第一步，到2020年…。` then `--…` bullets; `2025 年的主要目标是：` then
   `——…` items): the last sentence of the paragraph before a run of bullets, read the same way;
   numbered items below a lead-in ending with a colon (`主要目标如下：` then `1.…`) are such a run.
   Rules 2 and 3 give `year_stated: true`: the lead-in is the list's header.
4. **The plan's period** (`plan_period`): a target with no year takes the period's end
   (`year_stated: false`); a baseline in the review of the last period takes the year before its
   start. The period comes from the title (`（2025—2027年）`, `“十四五”` → 2021–2025), else from
   a period written in the opening, else from the horizons the plan's goals name (`horizon`), else
   a 十四五 plan (2021–2025), the current generation of plans.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from .lexicon import lexicon
from .numbers import Found, _inside

DEFAULT_PLAN = (2021, 2025)  # a 十四五 plan, when nothing in the document says otherwise

# a year in Chinese numerals, as central documents write them: 二〇二〇年, 二〇三五年
CN_YEAR = "[一二][〇零○][〇零○一二三四五六七八九]{2}"
CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}


def year_value(text: str) -> int:
    """`2025` or `二〇二五` -> 2025."""
    return int(text) if text.isdigit() else int("".join(str(CN_DIGITS[c]) for c in text))


def lead_years(sentence: str) -> list[tuple[int, int]]:
    """(offset, year) of each year `sentence` names as a horizon (`到2027年`, `至 2025 年底`,
    `2025 年的主要目标是：`), in order."""
    patterns, mark = _lead_patterns()
    if mark not in sentence:
        return []
    out = {m.start("y"): year_value(m.group("y")) for p in patterns for m in p.finditer(sentence)}
    return sorted(out.items())


@cache
def _lead_patterns() -> tuple[tuple[re.Pattern[str], ...], str]:
    """The lead_years patterns, and a character each of them needs: 年 when every pattern
    writes it (`到2027年`, `2025 年的主要目标是：`), so a sentence without it is not searched;
    else '' (every sentence is)."""
    patterns = lexicon().words.lead_years
    return patterns, "年" if all("年" in p.pattern for p in patterns) else ""


def may_name_horizon(text: str) -> bool:
    """Can `text` hold a horizon (`lead_years`)? Not without the character every pattern needs."""
    return _lead_patterns()[1] in text


def first_lead_year(sentence: str) -> int | None:
    """The first horizon a sentence names (the lead-in before a list of bullets)."""
    found = lead_years(sentence)
    return found[0][1] if found else None


def carried_year(
    sentence: str, base: int, years: list[tuple[int, int]], carry: int | None
) -> int | None:
    """The horizon a paragraph carries past `sentence` (rule 2): its last named year if that one
    is a horizon, nothing if it is a date or a past year, the carried one if it names none."""
    if not years:
        return carry
    pos, year = years[-1]
    return year if any(base + p == pos for p, _ in lead_years(sentence)) else None


# a horizon named anywhere: `到2027年`, `至 2030 年`
HORIZON = re.compile(r"(?:到|至)[ ]*(?P<y>(?:19|20)\d\d)[ ]*年")


def horizon(text: str) -> tuple[int, int] | None:
    """The period of a plan that states none, from the horizons its goals name (`到2027年`):
    it ends at the horizon named most often (a staged plan naming each stage once: the last
    stage), and starts five years before that end or three before its first horizon, whichever
    is earlier, so that no stated stage falls before the start. None when no horizon is named."""
    counts = Counter(int(m.group("y")) for m in HORIZON.finditer(text))
    if not counts:
        return None
    top = max(counts.values())
    end = max(y for y, n in counts.items() if n == top)
    return min(end - 4, min(counts) - 3), end


# 比2020年下降13.5%, 较2020年降低18%, 与2020年相比提高1岁: the base year of a change, its
# `from_year`; never the year the value holds for (that is the horizon's or the plan's)
COMPARED_YEAR = re.compile(
    r"""(?:比|较|与)[ ]*(?P<y>(?:19|20)\d\d)[ ]*年(?:底|末)?   # 比2020年
        (?:[ ]*的)?(?:[ ]*水平)?(?:[ ]*(?:相比|相较))?          # 的水平, 相比""",
    re.VERBOSE,
)


CLAUSE_END = re.compile(r"[,;:。]")


def compared_years(
    sentence: str, base: int, masked: list[tuple[int, int]], founds: list[Found]
) -> None:
    """The first value after `比2020年` / `较2020年` / `与2020年相比` in its clause takes the year
    as its `from_year` (`founds` sorted); `与2020年相比，` the next value of the sentence."""
    for m in COMPARED_YEAR.finditer(sentence):
        if _inside(base + m.start(), masked):
            continue
        f = next((f for f in founds if f.start >= base + m.end()), None)
        if f is None or f.from_year is not None:
            continue
        # `与2020年相比，` opens the sentence: the next value, past the comma
        if m.group(0).endswith(("相比", "相较")) or not CLAUSE_END.search(
            sentence[m.end() : f.start - base]
        ):
            f.from_year = int(m.group("y"))
