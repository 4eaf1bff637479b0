"""Number expressions written without digits that the other finders miss (block-relative offsets):

- **bare magnitudes** with a comparator: `超万亿元` (1 万亿元, gt), `百万吨以上` (100 万吨, ge),
  `千兆及以上` (1000 兆, ge), `超过十三亿人` (13 亿人, gt). Without a comparator a bare
  magnitude is a name or a slogan (`百万亩造林`, `千人计划`, `千兆光网`), never taken;
- **figures written out** in three numerals or more, 万 inside them too, are taken without a
  comparator: `达到一千二百万人` (1200 万人), `一万三千亿斤以上` (13000 亿斤, ge).
- **the count that closes a classification**: `细分为自然修复、辅助修复和生态重塑三种生态修复方式`
  (3 种), taken only when a verb of classification (`lexicon.classification_verbs`) opens the list
  and the count equals the number of items listed; other `N大`/`N种` after a list are names or
  framing (`五大功能为一体`, `四种方式分类改革`).
"""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from ...lang.numerals import cn_to_int
from ...models import Comparator
from .lexicon import Lexicon, _alt, lexicon
from .numbers import Found, _inside


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lex = lexicon()
    units = lex.words.units
    # measures and counts, not times (近百年来, 超千次 read as durations or slogans)
    measure = [u for g in ("money", "area", "technical", "people") for u in units[g]]
    measure += [u for u in units["count"] if u in lex.words.magnitude_count_units]
    # the first character of a numeral, a multiplier or a unit: re skips in one test the
    # positions where no magnitude can start (it finds no prefix behind the lookbehind)
    unit_opening = "".join(sorted({u[0] for u in measure}))
    opening = "".join(sorted(set("一二两三四五六七八九十百千零〇万亿" + unit_opening)))
    magnitude = re.compile(
        rf"""
        (?=[{re.escape(opening)}])
        (?<![一二两三四五六七八九十百千万亿\d.])     # not inside a numeral
        (?P<cn>[一二两三四五六七八九十百千零〇]{{0,8}}    # 百, 十三, 五千五百七十五
           (?:万[一二两三四五六七八九十百千零〇]{{1,8}})?)  # 一万三千 (亿斤)
        (?P<mult>万亿|亿|万)?                        # 万亿, 亿, 百万
        (?=[{re.escape(unit_opening)}])(?P<unit>{_alt(measure)})
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
    # what every magnitude taken holds: a numeral, 万 or 亿 right before its unit. The magnitude
    # pattern is tried at every position its opening class allows (a unit alone matches it too);
    # this one, opening with a class, skips ahead, and a sentence without it is not searched
    numeral_unit = re.compile(rf"[一二两三四五六七八九十百千万亿](?:{_alt(measure)})")
    verb = re.compile(_alt(lex.words.classification_verbs))  # what opens every classified count
    return magnitude, classified, numeral_unit, verb


# a numeral of at least this many characters is a figure written out (一千二百, 五千五百七十五),
# never a slogan or a name (百万亩造林, 千人计划, 十百千工程 take no unit after their numeral)
WRITTEN_OUT_MIN = 3


def written_out(cn: str) -> bool:
    """Is `cn` a figure written out in Chinese numerals, taken without a comparator?"""
    return len(cn) >= WRITTEN_OUT_MIN and cn_to_int(cn) is not None


def find_counts(
    sentence: str,
    base: int,
    masked: list[tuple[int, int]],
    lex: Lexicon,
    taken: list[Found],
    measure: bool = True,
    classify: bool = True,
) -> list[Found]:
    """Bare magnitudes and classification counts of `sentence` not already in `taken`;
    `measure`, `classify`: False when the paragraph holds no numeral before a measure unit, no
    verb of classification (`triggers.py`)."""
    magnitude, classified, numeral_unit, _ = _patterns()
    out: list[Found] = []

    def free(a: int, b: int) -> bool:
        return not any(f.start < base + b and base + a < f.end for f in taken + out)

    magnitudes = measure and numeral_unit.search(sentence) is not None
    if magnitudes:
        from .finders import _comparator_before, _tail  # here: most sentences never need them
    for m in magnitude.finditer(sentence) if magnitudes else ():
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
        if comparator is None and written_out(m.group("cn")):
            comparator = "eq"  # 达到一千二百万人: a figure written out in words, not a slogan
        if comparator is None or not free(m.start(), end):
            continue
        value = cn_to_int(m.group("cn")) if m.group("cn") else 1
        if value is None:
            continue
        unit = (m.group("mult") or "") + m.group("unit")
        start = base + m.start()
        out.append(Found(start, base + end, base + m.end(), float(value), None, unit, comparator))
    for m in classified.finditer(sentence) if classify else ():
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


# between the two sides of a per-one ratio: words with a verb of the relation
# (`lexicon.ratio_verbs`: 指导, 带动, 配备 …), no clause or list separator
RATIO_GAP = re.compile(r"[^\d,;:。、]{1,20}")


def per_one_ratios(sentence: str, base: int, founds: list[Found], lex: Lexicon) -> list[Found]:
    """Norms written as one unit against N (`founds` sorted): `实现1名乡村首席教师协同指导10名
    乡村骨干教师` (the 10 is per one 首席教师) and `每5所幼儿园配备1名责任督学` (one 督学 per 5
    幼儿园; what is staffed is the 督学). The 1 is the ratio's base, not a quantity: dropped; the
    other side is marked `per_one` (a standard), and so are later counts of the sentence in its
    unit (`…,辐射带动100名乡村教师`: still per 首席教师)."""
    countable = lex.countable_units
    drop: set[int] = set()
    unit: str | None = None
    for i in range(len(founds) - 1):
        a, b = founds[i], founds[i + 1]
        if a.unit not in countable or b.unit not in countable or a.comparator != "eq":
            continue
        gap = sentence[a.end - base : b.start - base]
        if not RATIO_GAP.fullmatch(gap) or not lex.ratio_verb.search(gap):
            continue
        if a.value == 1 and b.value > 1 and not sentence[: a.start - base].endswith("每"):
            drop.add(i)
            b.extras["per_one"] = True
            unit = b.unit
        elif b.value == 1 and sentence[: a.start - base].rstrip().endswith("每"):
            drop.add(i + 1)
            a.extras["per_one"] = True
            from .indicator import _count_noun  # here: rarely needed, and a cycle at the top

            noun = _count_noun(sentence[b.end - base :].rstrip("。!?"), lex)
            if noun:
                n0 = b.end + sentence[b.end - base :].find(noun)
                a.extras["indicator"] = (noun, (n0, n0 + len(noun)), None)
    if unit is not None:
        for f in founds:
            if f.unit == unit and f.start > min(founds[i].start for i in drop) and f.value > 1:
                f.extras["per_one"] = True
    return [f for i, f in enumerate(founds) if i not in drop]


# words that make an age the level of something measured, not a group's bound: 寿命达到80岁以上
AGE_REACHED = re.compile(r"(?:达到|达|到|至|提高|提升|延长|增加|增长|保持在|稳定在)[ ]*$")


def age_groups(sentence: str, base: int, founds: list[Found], lex: Lexicon) -> None:
    """Mark ages that bound a group (`对65岁以上老年人每年开展1次健康体检`, `0—3岁婴幼儿`,
    `60岁及以上老年人口达到98.6万人`): a bound or a band in an age unit (`lexicon.age_units`)
    right before the group it defines is a standard (the guide's thresholds that define a
    group), its indicator the group (`lexicon.age_groups`, else the noun after the age). An age
    that a verb reaches (`预期寿命达到80岁以上`) is a level, left alone."""
    for f in founds:
        bounded = f.comparator in ("ge", "gt", "le", "lt", "range")
        if f.unit not in lex.words.age_units or not bounded:
            continue
        rest = sentence[f.end - base :]
        lead = len(rest) - len(rest.lstrip(" 的"))
        rest = rest[lead:]
        if not re.match(r"[\u4e00-\u9fff]", rest) or re.match(r"(?:目标|要求|水平)", rest):
            continue
        head = sentence[: f.start - base]
        head = head[: len(head) - len(_comparator_tail(head, lex))]
        if AGE_REACHED.search(head):
            continue
        # longest first: of two groups the age is written before, the longer one is it
        group = next((g for g in lex.words.age_groups.longest_first if rest.startswith(g)), None)
        if group is None:
            from .indicator import _count_noun  # here: a cycle at the top, and rarely needed

            group = re.split(r"每[年月周天]", _count_noun(rest, lex), maxsplit=1)[0]
        if not group:
            continue
        g0 = f.end + lead
        f.extras["age_group"] = True
        f.extras["indicator"] = (group, (g0, g0 + len(group)), None)


@cache
def _money_units(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(words)


def _comparator_tail(head: str, lex: Lexicon) -> str:
    """The comparator word `head` ends with (`不低于`), or ''."""
    if not head.endswith(lex.comparator_words):
        return ""
    return next((w for w, _ in lex.comparator_before if head.endswith(w)), "")


def money_classes(sentence: str, base: int, founds: list[Found], lex: Lexicon) -> None:
    """Mark money bounds that name a class of the things a later count counts (`实施亿元以上项目
    200个`, `培育年营业收入超百亿元企业10家`, `10亿元以上企业达到30家`): the bound is a
    threshold that defines a group (a standard), its indicator what the money measures
    (`主营业务收入`), else the counted noun (`record._record`); the evidence is
    the count of that noun in the same clause, with no separator between (`founds` sorted)."""
    money = _money_units(tuple(lex.words.units["money"])) if len(founds) > 1 else frozenset()
    for f, nxt in pairwise(founds):
        unit = (f.unit or "").lstrip("万亿千")
        if unit not in money or f.comparator not in ("ge", "gt", "le", "lt"):
            continue
        if nxt.unit is None or nxt.unit.lstrip("万亿千") not in lex.countable_units:
            continue
        gap = sentence[f.end - base : nxt.start - base]
        noun = lex.predicate.sub("", gap.strip().removeprefix("的")).strip()
        if not re.fullmatch(r"[\u4e00-\u9fff]{1,12}", noun):
            continue
        n0 = f.end + gap.find(noun)
        f.extras["money_class"] = (noun, (n0, n0 + len(noun)))
