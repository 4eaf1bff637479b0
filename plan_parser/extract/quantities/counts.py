"""Number expressions written without digits that the other finders miss (block-relative offsets):

- **bare magnitudes** with a comparator: `超万亿元` (1 万亿元, gt), `百万吨以上` (100 万吨, ge),
  `千兆及以上` (1000 兆, ge), `超过十三亿人` (13 亿人, gt). Without a comparator a bare magnitude is a name or a slogan
  (`百万亩造林`, `千人计划`, `千兆光网`), never taken.
- **the count that closes a classification**: `细分为自然修复、辅助修复和生态重塑三种生态修复方式`
  (3 种), taken only when a verb of classification (`lexicon.classification_verbs`) opens the list
  and the count equals the number of items listed; other `N大`/`N种` after a list are names or
  framing (`五大功能为一体`, `四种方式分类改革`).
"""

from __future__ import annotations

import re
from functools import cache

from ...lang.numerals import cn_to_int
from ...models import Comparator
from .lexicon import Lexicon, _alt, lexicon
from .numbers import Found, _inside

@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lex = lexicon()
    units = lex.words.units
    # measures and counts, not times (近百年来, 超千次 read as durations or slogans)
    measure = [u for g in ("money", "area", "technical", "people") for u in units[g]]
    measure += [u for u in units["count"] if u in lex.words.magnitude_count_units]
    magnitude = re.compile(
        rf"""
        (?<![一二两三四五六七八九十百千万亿\d.])     # not inside a numeral
        (?P<cn>[一二两三四五六七八九十百千]{{0,4}})     # 百, 十三
        (?P<mult>万亿|亿|万)?                        # 万亿, 亿, 百万
        (?P<unit>{_alt(measure)})
        (?!级)                                       # 万吨级 is a class name
        """,
        re.VERBOSE,
    )
    classified = re.compile(
        rf"""
        (?:{_alt(lex.words.classification_verbs)})
        (?P<list>[^,;:。]{{3,300}}?)                           # A、B和C
        (?P<n>[一二两三四五六七八九十]{{1,3}}|\d{{1,2}})[ ]*
        (?P<unit>种|类|个|项|大)                                 # 三种, 18个, 八大
        (?=[\u4e00-\u9fff])                                      # then what they are
        """,
        re.VERBOSE,
    )
    return magnitude, classified


def find_counts(
    sentence: str,
    base: int,
    masked: list[tuple[int, int]],
    lex: Lexicon,
    taken: list[Found],
) -> list[Found]:
    """Bare magnitudes and classification counts of `sentence` not already in `taken`."""
    from .finders import _comparator_before, _tail

    magnitude, classified = _patterns()
    out: list[Found] = []

    def free(a: int, b: int) -> bool:
        return not any(f.start < base + b and base + a < f.end for f in taken + out)

    for m in magnitude.finditer(sentence):
        if not (m.group("cn") or m.group("mult")) or _inside(base + m.start(), masked):
            continue
        end = m.end()
        comparator: Comparator | None = None
        after = lex.comparator_after.match(sentence, end)
        if after:
            comparator = lex.after_kind[after.group("w")]
            end = after.end()
        else:
            comparator = _comparator_before(_tail(sentence, m.start()), lex)
        if comparator is None or not free(m.start(), end):
            continue
        value = cn_to_int(m.group("cn")) if m.group("cn") else 1
        if value is None:
            continue
        unit = (m.group("mult") or "") + m.group("unit")
        out.append(
            Found(base + m.start(), base + end, base + m.end(), float(value), None, unit, comparator)
        )
    for m in classified.finditer(sentence):
        n = cn_to_int(m.group("n"))
        items = m.group("list").split("、")
        count = len(items) + (1 if re.search(r"[和及与]", items[-1]) else 0)
        if n is None or n != count or count < 2 or _inside(base + m.start("n"), masked):
            continue
        if not free(m.start("n"), m.end("unit")):
            continue
        unit = None if m.group("unit") == "大" else m.group("unit")
        out.append(
            Found(
                base + m.start("n"),
                base + m.end("unit"),
                base + m.end("unit"),
                float(n),
                None,
                unit,
                "eq",
                extras={"classified": True},
            )
        )
    return out
