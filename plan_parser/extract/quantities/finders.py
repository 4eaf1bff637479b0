"""Number expressions in a sentence: `93%`, `3—5个`, `600多所`, `144.26万人`, `一所` (in context),
`从A增加到B` pairs, `分别` lists, fractions, ratios, multiples (`翻两番`), intervals; each with
its comparator and unit (block-relative offsets)."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

from ...lang.numerals import cn_to_int
from ...models import Comparator
from .counts import _patterns, age_groups, find_counts, money_classes, per_one_ratios
from .indicator import _strip_affixes
from .intervals import HALF_BOUNDS, INCLUSIVE_NOTE, _interval
from .lexicon import Lexicon, lexicon
from .numbers import PER_BEFORE, Found, _inside, _num, _unit
from .rates import PER_DENOMINATOR, PER_N, drop_denominators, find_rates
from .triggers import DIGIT, EVERY, Triggers
from .years import CN_YEAR, compared_years, year_value

if TYPE_CHECKING:
    pass


YEAR = re.compile(
    rf"""(?=[12一二])  # what a year opens with: re skips the other positions in one test
    (?<![\d.〇零○一二三四五六七八九十])(?P<y>(?:19|20)\d\d|{CN_YEAR})  # 2025, 二〇二五
        [ ]*年(?P<tail>底前|年底前|年底|年末|底|末|前|起|以来|以后)?""",
    re.VERBOSE,
)


DATE_TAIL = re.compile(r"[ ]*(?:月|日|号|时|:\d)")  # matched at a position


NUM_ITEM = r"\d+(?:\.\d+)?[ ]*(?:%|‰|/\d*万|个百分点|万人|万所|万个|亿元|万元|所|个|人|名)?"


@cache
def from_to() -> re.Pattern[str]:
    """`从2016年的A增加到2020年的B`, `由875所整合至414所` (verbs: the lexicon's change_verbs)."""
    change_verbs = lexicon().change_verbs
    markers = lexicon().from_markers
    return re.compile(
        rf"""
        (?:从|由)[ ]*(?:{markers})?[ ]*                                     # 从 / 由 / 从现状
        (?:(?P<y1>(?:19|20)\d\d)[ ]*年(?:底|末)?(?:的)?[ ]*)?               # 2016年的
        (?P<v1>\d+(?:\.\d+)?)[^\d,;。从由]{{0,8}}?                         # A and its unit
        (?P<verb>{change_verbs})(?:到|至|为)[ ]*                               # 增加到
        (?:(?P<y2>(?:19|20)\d\d)[ ]*年(?:底|末)?(?:的)?[ ]*)?                # 2020年的
        (?=\d)                                                                 # B follows
        """,
        re.VERBOSE,
    )


@cache
def respectively() -> re.Pattern[str]:
    """学前教育毛入园率、义务教育巩固率分别由83.2%、94%提升至90.3%、96%"""
    change_verbs = lexicon().change_verbs
    return re.compile(
        rf"""
        (?P<inds>[^,;。分]{{2,120}}?)分别
        (?:(?:由|从)(?P<list1>{NUM_ITEM}(?:[ ]*[、和][ ]*{NUM_ITEM})+)
           (?:{change_verbs})(?:到|至|为)
         | (?:达到|为|超过|提高到|提高至|保持在|下降到|下降至|降低到|降低至|降至|控制在))
        [ ]*(?P<list2>{NUM_ITEM}(?:[ ]*[、和][ ]*{NUM_ITEM})+)
        """,
        re.VERBOSE,
    )


COORDINATION = re.compile(r"[ ]*(?:和|及|与|或|、)[ ]*")


FRACTION = re.compile(r"(?<![\d./])(?P<a>\d{1,3})/(?P<b>\d{1,3})(?![\d./])")


RATIO = re.compile(r"(?<![\d.])1[ ]*:[ ]*(?P<n>\d+)(?![\d.])")


# 翻一番 / 翻两番: doubling, quadrupling
MULTIPLE = re.compile(r"翻(?P<n>一|两|二|三)番")


MULTIPLE_POWER = {"一": 1, "两": 2, "二": 2, "三": 3}


BASE_YEAR_TAIL = re.compile(r"[ ]*(?:的)?[ ]*基础上")


BASE_YEAR = re.compile(r"(?P<y>(?:19|20)\d\d)[ ]*年(?:的)?[ ]*基础上")


FROM_BEFORE = re.compile(r"(?:从|由)[ ]*$")  # 从2015年53…: the start of a from/to pair
COMPARED_BEFORE = re.compile(r"(?:比|较|与)[ ]*$")  # 比2020年: the base of a change
YEAR_NUMBER = re.compile(r"(?:19|20)\d\d")  # 2025 (fullmatch): a year, not a figure
GAP_BREAK = re.compile(r"[\d,;。]")  # between a comparator word and its number: none of these


def _year_mentions(
    sentence: str, base: int, masked: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """(block offset, year) of each year the sentence names as a time: 到2025年, 2024年底前."""
    out: list[tuple[int, int]] = []
    if "年" not in sentence:
        return out
    for m in YEAR.finditer(sentence):
        pos = base + m.start()
        if _inside(pos, masked):
            continue
        # 从2015年53…: the start of a from/to pair; 在2018年基础上: the base of a multiple
        if FROM_BEFORE.search(sentence[max(0, m.start() - 4) : m.start()]) or BASE_YEAR_TAIL.match(
            sentence, m.end()
        ):
            continue
        if COMPARED_BEFORE.search(sentence[max(0, m.start() - 3) : m.start()]):
            continue  # 比2020年下降13.5%: the base of a change (`compared_years`)
        out.append((pos, year_value(m.group("y"))))
    return out


def _find_in_sentence(
    sentence: str,
    base: int,
    masked: list[tuple[int, int]],
    lex: Lexicon,
    hold: Triggers = EVERY,
) -> list[Found]:
    """The number expressions of a sentence; `hold`: what its paragraph holds (`triggers.py`)."""
    # every pattern read below but the Chinese ones (cn_number, 翻, 分之, find_counts) needs a
    # digit: a sentence without one (most of a paragraph that has one) skips them
    digit = hold.digit and DIGIT.search(sentence) is not None
    if not digit and not (hold.cn_count or hold.magnitude or hold.classified or hold.chinese_rate):
        return []  # nothing below can match
    # 10/10万, 十万分之一: a rate per N people, read before its parts are read as numbers
    founds: list[Found] = []
    consumed: list[tuple[int, int]] = []
    if "/" in sentence or "分之" in sentence:  # what each rate pattern holds (`rates.py`)
        founds, consumed = find_rates(sentence, base, masked, lex)
    # each pattern below needs a literal (分别, 从/由, 翻, /, :): skip those the sentence lacks
    for m in respectively().finditer(sentence) if "分别" in sentence else ():
        if _inside(base + m.start(), masked):
            continue
        got = _respectively(sentence, base, m, lex)
        if got:
            # the list reads its own per-N rates (分别下降到8.5/10万和3.2‰)
            founds = [f for f in founds if not base + m.start() <= f.start < base + m.end()]
            founds.extend(got)
            consumed.append((m.start(), m.end()))
    # from/to pairs: 从2016年的130.23万人增加到2020年的144.26万人, 由875所整合至414所
    # from_to: both values are written in digits
    has_from = digit and ("从" in sentence or "由" in sentence)
    for m in from_to().finditer(sentence) if has_from else ():
        if any(a <= m.start() < b for a, b in consumed):
            continue
        second = lex.number.match(sentence, m.end())
        if not second or _inside(base + m.start(), masked):
            continue
        unit = _unit(second)
        f = _finish(sentence, base, second, lex)
        if f is None:
            continue
        f.from_value = _num(m.group("v1"))
        f.from_year = int(m.group("y1")) if m.group("y1") else None
        f.year = int(m.group("y2")) if m.group("y2") else None
        f.extras["from_start"] = base + m.start()
        f.unit = unit
        founds.append(f)
        consumed.append((m.start(), second.end()))
    for m in HALF_BOUNDS.finditer(sentence) if digit else ():
        # <150,≥50 / ≥50,<150: one interval with its closedness
        if any(a <= m.start() < b for a, b in consumed) or _inside(base + m.start(), masked):
            continue
        f = _interval(sentence, base, m, lex)
        if f is not None:
            founds.append(f)
            consumed.append((m.start(), m.end()))
    for m in lex.number.finditer(sentence) if digit else ():
        if consumed and any(a <= m.start() < b for a, b in consumed):
            continue
        if _inside(base + m.start(), masked) or not _is_quantity(sentence, m, lex):
            continue
        f = _finish(sentence, base, m, lex)
        if f is not None:
            founds.append(f)
    cn_count = hold.cn_count and lex.cn_count.search(sentence) is not None
    for m in lex.cn_number.finditer(sentence) if cn_count else ():
        if _inside(base + m.start("cn"), masked):
            continue
        value = cn_to_int(m.group("cn"))
        if value is None:
            continue
        end = m.end()
        after = lex.comparator_after.match(sentence, end)
        comparator: Comparator = "eq"
        if after:
            comparator = lex.after_kind[after.group("w")]
            end = after.end()
        before = _comparator_before(_tail(sentence, m.start("cn")), lex)
        if comparator == "eq" and before:
            comparator = before
        founds.append(
            Found(
                base + m.start("cn"),
                base + end,
                base + m.end(),
                float(value),
                None,
                m.group("unit"),
                comparator,
            )
        )
    for m in MULTIPLE.finditer(sentence) if "翻" in sentence else ():
        # 生产总值在2018年基础上翻两番: a multiple of a base year's level (value 4, unit 倍)
        if _inside(base + m.start(), masked):
            continue
        by = list(BASE_YEAR.finditer(sentence, max(0, m.start() - 16), m.start()))
        founds.append(
            Found(
                base + m.start(),
                base + m.end(),
                base + m.end(),
                float(2 ** MULTIPLE_POWER[m.group("n")]),
                None,
                "倍",
                "eq",
                from_year=int(by[-1].group("y")) if by else None,
                extras={"change": "increase"},
            )
        )
    for m in FRACTION.finditer(sentence) if "/" in sentence else ():
        if any(a <= m.start() < b for a, b in consumed):
            continue
        if _inside(base + m.start(), masked) or int(m.group("b")) == 0:
            continue
        fraction = round(int(m.group("a")) / int(m.group("b")), 4)
        before = _comparator_before(_tail(sentence, m.start()), lex) or "eq"
        founds.append(
            Found(base + m.start(), base + m.end(), base + m.end(), fraction, None, None, before)
        )
    for m in RATIO.finditer(sentence) if ":" in sentence else ():
        if _inside(base + m.start(), masked):
            continue
        before = _comparator_before(_tail(sentence, m.start()), lex) or "eq"
        founds.append(
            Found(
                base + m.start(),
                base + m.end(),
                base + m.end(),
                float(m.group("n")),
                None,
                None,
                before,
                extras={"ratio": True},
            )
        )
    if hold.magnitude or hold.classified:  # 超万亿元, 细分为…三种
        _, _, numeral_unit, verb = _patterns()  # what each needs, as in `triggers`
        measure = hold.magnitude and numeral_unit.search(sentence) is not None
        classify = hold.classified and verb.search(sentence) is not None
        if measure or classify:
            founds.extend(find_counts(sentence, base, masked, lex, founds, measure, classify))
    if not founds:
        return founds  # the steps below only read, mark or drop what was found
    founds.sort(key=lambda f: f.start)
    founds = per_one_ratios(sentence, base, founds, lex)  # 1名A指导10名B, 每5所A配备1名B
    if digit:
        compared_years(sentence, base, masked, founds)  # 比2020年下降13.5%: from_year 2020
    age_groups(sentence, base, founds, lex)  # 65岁以上老年人: the bound of a group
    money_classes(sentence, base, founds, lex)  # 亿元以上项目200个: the bound of a class
    return drop_denominators(sentence, base, founds)  # 每10万人口拥有…3个: 10万人口 divides


def _respectively(sentence: str, base: int, m: re.Match[str], lex: Lexicon) -> list[Found]:
    """`A、B、C分别由a、b、c提升至d、e、f`: one record per indicator, paired by position."""
    inds_text = m.group("inds")
    # the indicator list is the tail of the text before 分别 that is made of names and 、
    names: list[tuple[int, str]] = []
    pos = m.start("inds")
    for piece in inds_text.split("、"):
        names.append((pos, piece))
        pos += len(piece) + 1
    first_pos, first = names[0]
    trimmed = re.split(r"[\u4e00-\u9fff]*?(?:,|:|。|;)", first)[-1]
    names[0] = (first_pos + len(first) - len(trimmed), trimmed)

    def values(group: str) -> list[re.Match[str]]:
        if m.group(group) is None:
            return []
        out: list[re.Match[str]] = []
        skip_to = -1
        for v in lex.number.finditer(sentence, m.start(group), m.end(group)):
            if v.start() < skip_to:
                continue  # the denominator of 8.5/10万
            out.append(v)
            per = PER_N.match(sentence, v.start())
            skip_to = per.end() if per else skip_to
        return out

    ends = values("list2")
    starts = values("list1")
    if len(ends) != len(names) or (starts and len(starts) != len(ends)):
        return []
    founds = []
    for i, (v, (npos, name)) in enumerate(zip(ends, names, strict=True)):
        f = _finish(sentence, base, v, lex)
        if f is None:
            return []
        per = PER_N.match(sentence, v.start())
        if per:  # 分别下降到8.5/10万和3.2‰
            f.unit = "/" + per.group("den").replace(" ", "")
            f.end = f.num_end = base + per.end()
        clean, off, scope, _period = _strip_affixes(name.strip(), lex)
        if not clean:
            return []
        i0 = base + npos + (len(name) - len(name.lstrip())) + off
        f.extras["indicator"] = (clean, (i0, i0 + len(clean)), scope)
        if starts:
            f.from_value = _num(starts[i].group("num"))
        founds.append(f)
    return founds


def _is_quantity(sentence: str, m: re.Match[str], lex: Lexicon) -> bool:
    num, num2, sep, mult, unit_written = m.group("num", "num2", "sep", "mult", "unit")
    if unit_written is None and mult is None:
        # a bare number: a code, a version, a heading number, a ratio part; but a band 50—150(含)
        return num2 is not None and INCLUSIVE_NOTE.match(sentence, m.end()) is not None
    # a year: 2025年, 2021—2025年; a date: 6月15日
    if unit_written == "年" and sep is None and YEAR_NUMBER.fullmatch(num):
        return False
    if num2 and YEAR_NUMBER.fullmatch(num) and YEAR_NUMBER.fullmatch(num2):
        return False
    if DATE_TAIL.match(sentence, m.end("num")):
        return False
    if sep == "到" and unit_written is None:
        return False
    start = m.start()
    left = sentence[max(0, start - 3) : start].rstrip()
    if left.endswith(("第", "〔", "[")):
        return False
    window = sentence[max(0, start - 3) : min(len(sentence), m.end() + 3)]
    unit = unit_written or ""
    if unit.isascii() and unit.isalpha() and unit in lex.words.units["technical"]:
        # 12EFLOPS, 10EB: a technical unit, not a code such as 5G; the name rules still apply
        window = sentence[max(0, m.start() - 3) : m.start()] + sentence[m.end() : m.end() + 3]
        return lex.not_quantity.search(window) is None and not re.match(
            r"[A-Za-z\d]", sentence[m.end() : m.end() + 1]
        )
    return lex.not_quantity.search(window) is None


def _tail(sentence: str, pos: int) -> str:
    """The text `_comparator_before` reads before `pos`: at most its last 12 characters."""
    return sentence[max(0, pos - 12) : pos]


def _comparator_before(before: str, lex: Lexicon) -> Comparator | None:
    """Comparator word just before a number (`不低于5名`, `超过省定90%`)."""
    window = before[-12:]
    if lex.any_comparator_before.search(window) is None:
        return None
    best: tuple[int, Comparator] | None = None
    for word, kind in lex.comparator_before:
        i = window.rfind(word)
        if i < 0:
            continue
        gap = window[i + len(word) :].strip()
        if GAP_BREAK.search(gap) or (len(gap) > 3 and not gap.endswith("的")):
            continue
        if word == "近" and gap:
            continue
        if word == "约" and gap:
            continue
        if word in ("低于", "少于") and window[max(0, i - 1) : i] == "不":
            continue
        pos = i + len(word)
        if best is None or pos > best[0]:
            best = (pos, kind)
    return best[1] if best else None


def _finish(sentence: str, base: int, m: re.Match[str], lex: Lexicon) -> Found | None:
    num, num2, inner, mult, unit_written = m.group("num", "num2", "inner", "mult", "unit")
    value = _num(num)
    value_max = _num(num2) if num2 else None
    if value_max is not None and value_max < value:
        return None
    end = m.end()
    unit = (mult or "") + (unit_written or "") or None  # `_unit`
    per = PER_DENOMINATOR.match(sentence, end) if unit and "/" not in unit else None
    if per and unit:  # 6张/千人, 8公里/平方公里, 100万吨/年: a rate's unit, kept whole
        unit, end = unit + per.group(0).replace(" ", ""), per.end()
    unit_end = end
    ahead = PER_BEFORE.search(sentence, max(0, m.start() - 8), m.start()) if not per else None
    if ahead and unit and "/" not in unit:  # 每平方公里5亿元: a rate per area or people
        unit = f"{unit}/{ahead.group('den')}"
    comparator: Comparator = "eq"
    after = lex.comparator_after.match(sentence, end)
    if after:
        comparator = lex.after_kind[after.group("w")]
        end = after.end()
    elif inner:
        comparator = lex.inner_kind[inner]  # 600多所, 40余家
    else:
        before = _comparator_before(_tail(sentence, m.start()), lex)
        if before:
            comparator = before
    num_end = unit_end
    if after and unit_written is None:
        # 城区常住人口100万以上的城市 / 10万以上人口: the comparator before the unit
        late = lex.unit.match(sentence, end)
        if late and late.group("unit") in lex.threshold_units:
            unit = (mult or "") + late.group("unit")
            end = num_end = late.end()
    extras: dict[str, Any] = {}
    if value_max is not None:
        comparator = "approx" if comparator == "approx" else "range"
        closed = INCLUSIVE_NOTE.match(sentence, end)
        if closed:
            # 50—150(含): the upper end counts, the lower one does not; (不含) the reverse
            extras["bounds"] = "[)" if closed.group("no") else "(]"
            end = num_end = closed.end()
            late = lex.unit.match(sentence, end) if unit is None else None
            if late:  # 50—150(含)吨/日
                unit = late.group("unit")
                end = num_end = late.end()
    return Found(
        base + m.start(), base + end, num_end, value, value_max, unit, comparator, extras=extras
    )
