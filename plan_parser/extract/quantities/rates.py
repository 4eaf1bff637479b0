"""Rates per N people, the shapes health and safety plans state mortality and incidence in
(block-relative offsets; `finders._find_in_sentence` calls these):

- **per-N rates** written with a slash and a magnitude: `孕产妇死亡率控制在10/10万以下` is ONE
  figure, value 10, unit `/10万` (not 10/10 = 1 and a second figure `10万`); `1/万`, `300/10万人`;
- **Chinese fractions** `N分之M`: `十万分之一` (1, `/10万`), `万分之三` (3, `/万`), `百分之五十`
  (50, `%`), `千分之五` (5, `‰`): the unit is the denominator, so that `1/10万` and `十万分之一`
  read the same;
- **denominators** `每10万人口`, `每1000人` before the figure they divide
  (`每10万人口拥有体育场地3个`): part of the indicator, never a figure of their own
  (`lexicon.rate_denominators`). A per-one ratio (`每1000名学生配备1名校医`,
  `counts.per_one_ratios`) is read first and keeps its side.
"""

from __future__ import annotations

import re
from functools import cache

from ...lang.numerals import cn_to_int
from ...models import Comparator
from .lexicon import Lexicon, _alt, lexicon
from .numbers import Found, _inside, _num

# 10/10万, 1/万, 300/10万人: a magnitude after the slash (a plain 1/3 is finders.FRACTION)
PER_N = re.compile(
    r"""(?<![\d./])(?P<a>\d+(?:\.\d+)?)[ ]*/[ ]*
        (?P<den>(?:\d+[ ]*)?(?:十万|百万|万|千)(?:人口|人)?)   # 10万, 万, 10万人
        (?![\d])""",
    re.VERBOSE,
)

# after a unit, its denominator, kept whole: per N people (6张/千人, 12人/万人, 2.5人/千人口), per
# area (8公里/平方公里, 1.2万人/平方公里), per time (100万吨/年, 30万千瓦时/日)
PER_DENOMINATOR = re.compile(
    r"""[ ]*/[ ]*(?:\d+[ ]*)?(?:十万|万|千|百)?          # /10万, /千, /
        (?:人口|人次|人|户|平方公里|平方千米|平方米|公顷|亩|年|月|日|天|小时)""",
    re.VERBOSE,
)

# 十万分之一, 万分之三, 百分之五十, 千分之五
CN_FRACTION = re.compile(
    r"""(?<![一二两三四五六七八九十百千万亿零〇])
        (?P<den>[一十百千万]{1,3})分之(?P<num>[零〇一二两三四五六七八九十百点]{1,6})""",
    re.VERBOSE,
)

CN_FRACTION_UNITS = {100: "%", 1000: "‰"}


def denominator_unit(n: int) -> str:
    """The unit a per-N rate is written in: 100 -> %, 1000 -> ‰, 100000 -> /10万, 10000 -> /万."""
    if n in CN_FRACTION_UNITS:
        return CN_FRACTION_UNITS[n]
    if n % 10_000 == 0:
        return f"/{n // 10_000}万" if n != 10_000 else "/万"
    return f"/{n}"


def find_rates(
    sentence: str, base: int, masked: list[tuple[int, int]], lex: Lexicon
) -> tuple[list[Found], list[tuple[int, int]]]:
    """Per-N rates and Chinese fractions of `sentence`, and the spans they consume
    (sentence-relative), so that no other finder reads their parts."""
    founds: list[Found] = []
    consumed: list[tuple[int, int]] = []
    # each pattern holds a literal (`/`, `分之`): a sentence without it is not searched
    for pattern, cn, literal in ((PER_N, False, "/"), (CN_FRACTION, True, "分之")):
        if literal not in sentence:
            continue
        from .finders import _comparator_before, _tail  # here: most sentences never need them

        for m in pattern.finditer(sentence):
            if _inside(base + m.start(), masked):
                continue
            if cn:
                den, num = cn_to_int(m.group("den")), _cn_value(m.group("num"))
                if not den or den < 100 or num is None:
                    continue
                value, unit = float(num), denominator_unit(den)
            else:
                value, unit = _num(m.group("a")), "/" + m.group("den").replace(" ", "")
            end = m.end()
            comparator: Comparator
            after = lex.comparator_after.match(sentence, end)
            if after:
                comparator = lex.after_kind[after.group("w")]
                end = after.end()
            else:
                comparator = _comparator_before(_tail(sentence, m.start()), lex) or "eq"
            founds.append(
                Found(base + m.start(), base + end, base + m.end(), value, None, unit, comparator)
            )
            consumed.append((m.start(), end))
    return founds, consumed


def _cn_value(text: str) -> float | None:
    from ...lang.numerals import cn_to_number

    v = cn_to_number(text)
    return None if v is None else float(v)


@cache
def _denominator() -> re.Pattern[str]:
    return re.compile(rf"(?:{_alt(lexicon().words.rate_denominators)})$")


def drop_denominators(sentence: str, base: int, founds: list[Found]) -> list[Found]:
    """Leave out `每10万人口`, `每1000人` (a denominator before the figure it divides) when a
    figure follows it in the sentence; a per-one ratio's side (`per_one`) stays."""
    keep = []
    for i, f in enumerate(founds):
        denominator = (
            not f.extras.get("per_one")
            and f.unit is not None
            and sentence[: f.start - base].rstrip().endswith("每")
            and _denominator().search(f.unit) is not None
            and f.comparator == "eq"
            and i + 1 < len(founds)
        )
        if not denominator:
            keep.append(f)
    return keep
