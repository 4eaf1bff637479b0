"""Extractor: every target, baseline and standard a plan states, with its meaning and provenance.

Numbers, ranges and units are recognised with regular expressions first (jieba splits
`144.26万人` badly); the words around them are read by rules over clauses, with the lexicon in
`lexicon/quantities.yaml`, and jieba (domain dictionary) to keep cuts on word boundaries.

For each paragraph ("block" of the outline):

1. mask what cannot hold a quantity: 《titles》, “quoted names”, dates, years, document numbers;
2. find `从2016年的A增加到2020年的B` pairs (one record: B, from A);
3. find every number expression: `93%`, `3—5个`, `600多所`, `144.26万人`, `一所` (in context);
4. for each, within its clause and list item: comparator, indicator, scope, period, year, kind.

Tables (the table stage's `Table`s) are read through their header by `tables.py`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

import yaml

from ...lang.numerals import cn_to_int
from ...models import Comparator, Quantity, QuantityKind
from ...models.plan import Bounds

if TYPE_CHECKING:
    from ...read.normalize import Document
    from ...structure.analysis import ParsedText
    from ...structure.outline import Block


# --- lexicon ----------------------------------------------------------------------------------


def _alt(words: Iterable[str]) -> str:
    """Regex alternation, longest first so 及以上 wins over 以上."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@dataclass(frozen=True)
class Lexicon:
    data: dict[str, Any]
    number: re.Pattern[str]
    cn_number: re.Pattern[str]
    not_quantity: re.Pattern[str]
    comparator_before: list[tuple[str, Comparator]]
    comparator_after: re.Pattern[str]
    after_kind: dict[str, Comparator]
    predicate: re.Pattern[str]
    prefixes: list[str]
    suffixes: list[str]
    scopes: list[str]
    periods: list[str]
    rate_units: frozenset[str]
    count_stops: list[str]
    threshold_units: frozenset[str]
    standard_cue: re.Pattern[str]
    unit: re.Pattern[str]
    standard_units: frozenset[str]
    per_area: re.Pattern[str]
    countable_units: frozenset[str]
    noun_tail_verbs: frozenset[str]
    threshold_money_people: frozenset[str]


@cache
def lexicon() -> Lexicon:
    text = (resources.files("plan_parser") / "lexicon" / "quantities.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    required = {"units", "multipliers", "comparators", "predicate_verbs", "scopes", "periods"}
    missing = required - set(data)
    if missing:
        raise ValueError(f"lexicon/quantities.yaml lacks {sorted(missing)}")
    units = [u for group in data["units"].values() for u in group]
    units.append("个月")
    unit_alt = _alt(units)
    mult = _alt(data["multipliers"])
    number = re.compile(
        rf"""
        (?<![\d.A-Za-z])                          # not inside another number or a code
        (?P<num>\d+(?:\.\d+)?)
        (?:[ ]*(?P<sep>——|—|–|-|～|~|至|到)[ ]*    # a range: 3—5, 2至3
           (?P<num2>\d+(?:\.\d+)?))?
        [ ]*(?P<inner>多|余)?                      # 600多所, 40余家
        [ ]*(?P<mult>{mult})?                     # 万 / 亿 kept with the unit
        (?P<unit>{unit_alt})?
        """,
        re.VERBOSE,
    )
    cn_units = _alt(data["chinese_count_units"])
    cn_context = _alt(data["chinese_count_context"])
    cn_number = re.compile(
        rf"(?:{cn_context})(?P<cn>[一二两三四五六七八九十百千万]{{1,4}})(?P<unit>{cn_units})"
    )
    before: list[tuple[str, Comparator]] = []
    for kind, words in data["comparators"]["before"].items():
        before.extend((w, kind) for w in words)
    before.sort(key=lambda p: -len(p[0]))
    after_kind: dict[str, Comparator] = {}
    for kind, words in data["comparators"]["after"].items():
        for w in words:
            after_kind[w] = kind
    return Lexicon(
        data=data,
        number=number,
        cn_number=cn_number,
        not_quantity=re.compile("|".join(data["not_quantities"])),
        comparator_before=before,
        comparator_after=re.compile(rf"[ ]*(?P<w>{_alt(after_kind)})"),
        after_kind=after_kind,
        predicate=re.compile(rf"(?P<verb>{_alt(data['predicate_verbs'])})$"),
        prefixes=sorted(data["indicator_prefixes"], key=len, reverse=True),
        suffixes=sorted(data["indicator_suffixes"], key=len, reverse=True),
        scopes=sorted(data["scopes"], key=len, reverse=True),
        periods=sorted(data["periods"], key=len, reverse=True),
        rate_units=frozenset(data["units"]["rate"]),
        count_stops=sorted(data["count_noun_stops"], key=len, reverse=True),
        threshold_units=frozenset(data["threshold_units"]),
        standard_cue=re.compile(_alt(data["standard_cues"])),
        unit=re.compile(rf"[ ]*(?P<unit>{unit_alt})"),
        standard_units=frozenset(data["standard_units"]),
        per_area=re.compile(_alt(data["per_area_cues"])),
        countable_units=frozenset(data["units"]["count"] + data["units"]["people"]),
        noun_tail_verbs=frozenset(data["noun_tail_verbs"]),
        threshold_money_people=frozenset(data["units"]["money"] + data["units"]["people"]),
    )


# --- patterns that are not lexicon ------------------------------------------------------------

YEAR = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d\d)[ ]*年(?P<tail>底前|年底前|年底|年末|底|末|前|起|以来|以后)?"
)
YEAR_RANGE = re.compile(r"(?<![\d.])(?:19|20)\d\d[ ]*(?:——|—|–|-|～|~|至|到)[ ]*(?:19|20)\d\d")
DATE_TAIL = re.compile(r"^[ ]*(?:月|日|号|时|:\d)")
CHANGE_VERBS = r"增加|增长|提高|提升|上升|扩大|下降|减少|降低|缩小|发展|整合|调整|缩减"
FROM_TO = re.compile(
    rf"""
    (?:从|由)[ ]*(?:(?P<y1>(?:19|20)\d\d)[ ]*年(?:底|末)?(?:的)?[ ]*)?   # 从2016年的 / 由
    (?P<v1>\d+(?:\.\d+)?)[^\d,;。从由]{{0,8}}?                         # A and its unit
    (?P<verb>{CHANGE_VERBS})(?:到|至|为)[ ]*                               # 增加到
    (?:(?P<y2>(?:19|20)\d\d)[ ]*年(?:底|末)?(?:的)?[ ]*)?                # 2020年的
    (?=\d)                                                                 # B follows
    """,
    re.VERBOSE,
)
NUM_ITEM = r"\d+(?:\.\d+)?[ ]*(?:%|个百分点|万人|万所|万个|亿元|万元|所|个|人|名)?"
# 学前教育毛入园率、义务教育巩固率分别由83.2%、94%提升至90.3%、96%
RESPECTIVELY = re.compile(
    rf"""
    (?P<inds>[^,;。分]{{2,120}}?)分别
    (?:(?:由|从)(?P<list1>{NUM_ITEM}(?:[ ]*[、和][ ]*{NUM_ITEM})+)
       (?:{CHANGE_VERBS})(?:到|至|为)
     | (?:达到|为|超过|提高到|提高至|保持在))
    [ ]*(?P<list2>{NUM_ITEM}(?:[ ]*[、和][ ]*{NUM_ITEM})+)
    """,
    re.VERBOSE,
)
COORDINATION = re.compile(r"[ ]*(?:和|及|与|或|、)[ ]*")
CLAUSE_SPLIT = re.compile(r"[,;:]")
SENTENCE_SPLIT = re.compile(r"[。!?]")
FRACTION = re.compile(r"(?<![\d./])(?P<a>\d{1,3})/(?P<b>\d{1,3})(?![\d./])")
RATIO = re.compile(r"(?<![\d.])1[ ]*:[ ]*(?P<n>\d+)(?![\d.])")
PAREN_NOTE = re.compile(r"\((?:含|不含|包括|包含)[^()]*\)$")
TIME_PREFIX = re.compile(
    r"^(?:到|至|截至|截止到|在)?[ ]*(?:19|20)\d\d[ ]*年(?:底前|年底前|年底|底|末|前)?"
)
DEFAULT_PLAN_END = 2025
# 翻一番 / 翻两番: doubling, quadrupling
MULTIPLE = re.compile(r"翻(?P<n>一|两|二|三)番")
MULTIPLE_POWER = {"一": 1, "两": 2, "二": 2, "三": 3}
BASE_YEAR_TAIL = re.compile(r"[ ]*(?:的)?[ ]*基础上")
BASE_YEAR = re.compile(r"(?P<y>(?:19|20)\d\d)[ ]*年(?:的)?[ ]*基础上")


@dataclass
class Context:
    """What a block's place in the document says about its figures."""

    plan_start: int
    plan_end: int
    review: bool  # in a 十三五 review section: figures are baselines
    in_box: bool
    lead_year: int | None = None  # `到2026年，…` before a list of `——` bullets: their stated year


@dataclass
class Found:
    """A number expression found in a block, with block-relative offsets."""

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


# --- masking ----------------------------------------------------------------------------------


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
    return out


def _inside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in ranges)


# --- the extractor ----------------------------------------------------------------------------


def extract_quantities(parsed: ParsedText) -> list[Quantity]:
    doc = parsed.doc
    start, end = _plan_period(parsed)
    index = parsed.outline.node_index
    leads = _node_leads(doc, parsed.outline.blocks)
    review_cache: dict[str | None, bool] = {}
    out: list[Quantity] = []
    counters: dict[str, int] = {}
    lead: tuple[str | None, int] | None = None  # (node, year) of a lead sentence before bullets
    for block in parsed.outline.blocks:
        node_key = block.node_id
        if node_key not in review_cache:
            review_cache[node_key] = _is_review(node_key, index, leads, start)
        text = block.text(doc)
        bullet = BULLET.match(text) is not None
        lead_year = lead[1] if bullet and lead is not None and lead[0] == node_key else None
        if not bullet:
            year = _lead_year(text)
            lead = (node_key, year) if year is not None else None
        ctx = Context(start, end, review_cache[node_key], block.box is not None, lead_year)
        owner = block.entry_id or block.node_id or "preamble"
        for q in extract_block(doc, block, ctx):
            n = counters.get(owner, 0) + 1
            counters[owner] = n
            q.id = f"{owner}__q_{n}"
            q.node_id = block.entry_id or block.node_id
            out.append(q)
    from .tables import table_quantities

    for table in parsed.tables:
        records = table_quantities(doc, table, start, end)
        for n, q in enumerate(records, start=1):
            q.id = f"{table.id}__q_{n}"
            q.node_id = table.node_id
            q.table_id = table.id
        # in document order: before the first paragraph record after the table
        at = next((i for i, q in enumerate(out) if q.line > table.end_line), len(out))
        out[at:at] = records
    return out


# A plan period written in the opening when the front matter found no title: `（2024—2026年）`
OPENING_PERIOD = re.compile(
    r"(?<!\d)(?P<a>(?:19|20)\d\d)[ ]*年?[ ]*(?:——|—|–|-|～|~|至)[ ]*(?P<b>(?:19|20)\d\d)[ ]*年"
)
# `——创新能力。…`: a dash bullet that spells out a clause of the lead sentence before it
BULLET = re.compile(r"^[ \u3000]*(?:——|—|─|·|•|●|▪)")
# the lead sentence's horizon: `到2026年，` / `至 2025 年,`
LEAD_YEAR = re.compile(r"(?:到|至)[ ]*(?P<y>(?:19|20)\d\d)[ ]*年(?:底|末)?")


def _plan_period(parsed: ParsedText) -> tuple[int, int]:
    """The plan's first and last year: from its title, else from a period written in the
    opening (`（2024—2026年）`, `2024-2026年`), else a 十四五 plan."""
    md = parsed.front.metadata
    if md.plan_period:
        return md.plan_period.start_year, md.plan_period.end_year
    m = OPENING_PERIOD.search(parsed.doc.norm[:600])
    if m and 0 <= int(m.group("b")) - int(m.group("a")) <= 15:
        return int(m.group("a")), int(m.group("b"))
    return DEFAULT_PLAN_END - 4, DEFAULT_PLAN_END


def _lead_year(text: str) -> int | None:
    """The year a paragraph's last sentence (or a closing colon) sets for the bullets after it:
    `到2026年，我市人工智能产业总体水平处于全国前列，…。` then `——创新能力。打造…`."""
    body = text.rstrip()
    sentences = [s for s in re.split(r"(?<=[。!?])", body) if s.strip()]
    if not sentences:
        return None
    m = LEAD_YEAR.search(sentences[-1])
    return int(m.group("y")) if m else None


def _node_leads(doc: Document, blocks: list[Block]) -> dict[str | None, str]:
    """Each node's lead: the first sentence of its first paragraph."""
    leads: dict[str | None, str] = {}
    for block in blocks:
        if block.entry_id is None and block.node_id not in leads:
            text = block.text(doc)
            leads[block.node_id] = SENTENCE_SPLIT.split(text, maxsplit=1)[0]
    return leads


CN_ORDINAL = {11: "十一", 12: "十二", 13: "十三", 14: "十四", 15: "十五", 16: "十六"}


def _previous_period(plan_start: int) -> str | None:
    """The five-year plan before the plan's start (a plan from 2021 reviews 十三五, 2016-2020)."""
    n = (plan_start - 1 - 1951) // 5  # the 14th runs 2021-2025: 1951 + 5 * 14 = 2021
    return f"{CN_ORDINAL[n]}五" if n in CN_ORDINAL else None


def _cues(words: list[str], previous: str | None) -> list[str]:
    """Cue words with `{previous}` read as the previous plan's name (none if unknown)."""
    if previous is None:
        return [w for w in words if "{previous}" not in w]
    return [w.replace("{previous}", previous) for w in words]


def _is_review(
    node_id: str | None, index: dict[str, Any], leads: dict[str | None, str], plan_start: int
) -> bool:
    """Is the node (or a node above it) the review of the last period? Its title says so
    (十三五, 发展成就, 回顾, 现状…), or its lead sentence does (`“十三五”期间是…`, `过去五年`)
    without naming a year of the plan."""
    data = lexicon().data
    previous = _previous_period(plan_start)
    cues = _cues(data["baseline_title_cues"], previous)
    lead_cues = _cues(data["review_lead_cues"], previous)
    while node_id:
        node = index.get(node_id)
        if node is not None and any(c in node.title for c in cues):
            return True
        lead = leads.get(node_id, "")
        if any(c in lead for c in lead_cues) and not any(
            int(y) >= plan_start for y in re.findall(r"(?:19|20)\d\d(?=[ ]*年)", lead)
        ):
            return True
        node_id = node_id.rsplit("__", 1)[0] if "__" in node_id else None
    return False


def extract_block(doc: Document, block: Block, ctx: Context) -> list[Quantity]:
    text = block.text(doc)
    lex = lexicon()
    masked = masked_ranges(text)
    records: list[Quantity] = []
    for s0, s1 in _spans(SENTENCE_SPLIT, text):
        sentence = text[s0:s1]
        founds = _find_in_sentence(sentence, s0, masked, lex)
        years = _year_mentions(sentence, s0, masked)
        previous: Quantity | None = None
        prev_end = -1
        for f in founds:
            coordinated = (
                previous is not None
                and "indicator" not in f.extras
                and bool(COORDINATION.fullmatch(text[prev_end : f.start]))
            )
            rec = _record(
                doc,
                block,
                text,
                sentence,
                s0,
                f,
                years,
                ctx,
                previous.indicator if previous else None,
            )
            if rec is not None and coordinated and previous is not None:
                # 市场满足率分别超过70%和50%: the second value shares indicator and comparator
                rec.indicator = previous.indicator
                if rec.comparator == "eq":
                    rec.comparator = previous.comparator
                rec.kind = previous.kind
            if (
                rec is not None
                and previous is not None
                and rec.change is None
                and BARE_LEAD_IN.fullmatch(re.split(r"[,;:、及和与]", text[prev_end : f.start])[-1])
            ):
                # 再培育100个以上示范企业,50个以上示范园区: a bare item shares the verb's change
                rec.change = previous.change
            if rec is not None:
                records.append(rec)
                previous = rec
                prev_end = f.end
    return records


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


def _year_mentions(
    sentence: str, base: int, masked: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """(block offset, year) of each year the sentence names as a time: 到2025年, 2024年底前."""
    out = []
    for m in YEAR.finditer(sentence):
        pos = base + m.start()
        if _inside(pos, masked):
            continue
        # 从2015年53…: the start of a from/to pair; 在2018年基础上: the base of a multiple
        if re.search(r"(?:从|由)[ ]*$", sentence[: m.start()]) or BASE_YEAR_TAIL.match(
            sentence, m.end()
        ):
            continue
        out.append((pos, int(m.group("y"))))
    return out


def _find_in_sentence(
    sentence: str, base: int, masked: list[tuple[int, int]], lex: Lexicon
) -> list[Found]:
    founds: list[Found] = []
    consumed: list[tuple[int, int]] = []
    for m in RESPECTIVELY.finditer(sentence):
        if _inside(base + m.start(), masked):
            continue
        got = _respectively(sentence, base, m, lex)
        if got:
            founds.extend(got)
            consumed.append((m.start(), m.end()))
    # from/to pairs: 从2016年的130.23万人增加到2020年的144.26万人, 由875所整合至414所
    for m in FROM_TO.finditer(sentence):
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
    for m in HALF_BOUNDS.finditer(sentence):
        # <150,≥50 / ≥50,<150: one interval with its closedness
        if any(a <= m.start() < b for a, b in consumed) or _inside(base + m.start(), masked):
            continue
        f = _interval(sentence, base, m, lex)
        if f is not None:
            founds.append(f)
            consumed.append((m.start(), m.end()))
    for m in lex.number.finditer(sentence):
        if any(a <= m.start() < b for a, b in consumed):
            continue
        if _inside(base + m.start(), masked) or not _is_quantity(sentence, m, lex):
            continue
        f = _finish(sentence, base, m, lex)
        if f is not None:
            founds.append(f)
    for m in lex.cn_number.finditer(sentence):
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
        before = _comparator_before(sentence[: m.start("cn")], lex)
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
    for m in MULTIPLE.finditer(sentence):
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
    for m in FRACTION.finditer(sentence):
        if _inside(base + m.start(), masked) or int(m.group("b")) == 0:
            continue
        fraction = round(int(m.group("a")) / int(m.group("b")), 4)
        before = _comparator_before(sentence[: m.start()], lex) or "eq"
        founds.append(
            Found(base + m.start(), base + m.end(), base + m.end(), fraction, None, None, before)
        )
    for m in RATIO.finditer(sentence):
        if _inside(base + m.start(), masked):
            continue
        before = _comparator_before(sentence[: m.start()], lex) or "eq"
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
    founds.sort(key=lambda f: f.start)
    return founds


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
        out = []
        for v in lex.number.finditer(sentence, m.start(group), m.end(group)):
            out.append(v)
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
        clean, off, scope, _period = _strip_affixes(name.strip(), lex)
        if not clean:
            return []
        i0 = base + npos + (len(name) - len(name.lstrip())) + off
        f.extras["indicator"] = (clean, (i0, i0 + len(clean)), scope)
        if starts:
            f.from_value = _num(starts[i].group("num"))
        founds.append(f)
    return founds


def _unit(m: re.Match[str]) -> str | None:
    unit = (m.group("mult") or "") + (m.group("unit") or "")
    return unit or None


def _is_quantity(sentence: str, m: re.Match[str], lex: Lexicon) -> bool:
    num = m.group("num")
    rest = sentence[m.end("num") :]
    if m.group("unit") is None and m.group("mult") is None:
        # a bare number: a code, a version, a heading number, a ratio part; but a band 50—150(含)
        return m.group("num2") is not None and INCLUSIVE_NOTE.match(sentence, m.end()) is not None
    # a year: 2025年, 2021—2025年; a date: 6月15日
    if m.group("unit") == "年" and re.fullmatch(r"(?:19|20)\d\d", num) and m.group("sep") is None:
        return False
    if (
        m.group("num2")
        and re.fullmatch(r"(?:19|20)\d\d", num)
        and re.fullmatch(r"(?:19|20)\d\d", m.group("num2"))
    ):
        return False
    if DATE_TAIL.match(rest):
        return False
    if m.group("sep") == "到" and m.group("unit") is None:
        return False
    left = sentence[max(0, m.start() - 3) : m.start()].rstrip()
    if left.endswith("第") or left.endswith("〔") or left.endswith("["):
        return False
    window = sentence[max(0, m.start() - 3) : min(len(sentence), m.end() + 3)]
    unit = m.group("unit") or ""
    if unit.isascii() and unit.isalpha() and unit in lex.data["units"]["technical"]:
        # 12EFLOPS, 10EB: a technical unit, not a code such as 5G; the name rules still apply
        window = sentence[max(0, m.start() - 3) : m.start()] + sentence[m.end() : m.end() + 3]
        return lex.not_quantity.search(window) is None and not re.match(
            r"[A-Za-z\d]", sentence[m.end() : m.end() + 1]
        )
    return lex.not_quantity.search(window) is None


def _comparator_before(before: str, lex: Lexicon) -> Comparator | None:
    """Comparator word just before a number (`不低于5名`, `超过省定90%`)."""
    window = before[-12:]
    best: tuple[int, Comparator] | None = None
    for word, kind in lex.comparator_before:
        i = window.rfind(word)
        if i < 0:
            continue
        gap = window[i + len(word) :].strip()
        if re.search(r"[\d,;。]", gap) or (len(gap) > 3 and not gap.endswith("的")):
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
    value = _num(m.group("num"))
    value_max = _num(m.group("num2")) if m.group("num2") else None
    if value_max is not None and value_max < value:
        return None
    end = m.end()
    comparator: Comparator = "eq"
    after = lex.comparator_after.match(sentence, end)
    if after:
        comparator = lex.after_kind[after.group("w")]
        end = after.end()
    elif m.group("inner"):
        comparator = "gt"
    else:
        before = _comparator_before(sentence[: m.start()], lex)
        if before:
            comparator = before
    unit = _unit(m)
    num_end = m.end()
    if after and m.group("unit") is None:
        # 城区常住人口100万以上的城市 / 10万以上人口: the comparator before the unit
        late = lex.unit.match(sentence, end)
        if late and late.group("unit") in lex.threshold_units:
            unit = (m.group("mult") or "") + late.group("unit")
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


# the wording of a norm (不低于N), not of a goal to reach (达到N以上)
NORM_WORD = re.compile(r"(?:不低于|不少于|不超过|不高于|不大于|不小于|不得低于|不得超过)$")
INCLUSIVE_NOTE = re.compile(r"[ ]*\((?P<no>不)?含\)")


# --- meaning ----------------------------------------------------------------------------------


def _record(
    doc: Document,
    block: Block,
    text: str,
    sentence: str,
    s0: int,
    f: Found,
    years: list[tuple[int, int]],
    ctx: Context,
    previous_indicator: str | None,
) -> Quantity | None:
    lex = lexicon()
    clause_start, clause_end = _clause_bounds(text, s0, s0 + len(sentence), f.start)
    if (
        clause_start > s0
        and text[clause_start - 1] == "("
        and not text[clause_start : f.start].strip()
        and not text[f.end : clause_end].strip()
    ):
        # 基准定额(3000—5000元/年): the parentheses hold only the value; read the outer clause
        clause_start, clause_end = _clause_bounds(text, s0, s0 + len(sentence), clause_start - 1)
    piece_start, piece_end = _list_item_bounds(text, clause_start, clause_end, f)
    before_start = f.extras.get("from_start", f.start)
    before = text[piece_start:before_start]
    after = text[f.end : piece_end]

    if "indicator" in f.extras:
        indicator, ind_span, scope = f.extras["indicator"]
        period = None
    else:
        indicator, ind_span, scope, period = _indicator(text, piece_start, before, f, after, lex)
    if re.match(r"^的?(?:标准|要求|比例)", text[f.end : s0 + len(sentence)]):
        obj = _standard_object(text, f.end, s0 + len(sentence), lex)
        if obj is not None:
            indicator, ind_span = obj
    if not indicator and previous_indicator:
        indicator = previous_indicator
    if not indicator:
        indicator = text[piece_start : f.start].strip() or text[f.num_end : piece_end].strip()
    if not indicator:
        return None
    if period is None:
        period = _period_in(text[s0 : f.start], lex)
    previous = _previous_period(ctx.plan_start)
    if period is None and f.from_value is None and _total_in_review(text, s0, f, lex, previous):
        period = f"{previous}期间"

    kind = _kind(text, s0, sentence, f, before, after, ctx, lex, scope)
    year = f.year
    if year is None:
        year = _year_before(years, f.start)
        if kind == "standard" and year is not None:
            # a norm takes a year only when its own clause names one
            c0, _ = _clause_bounds(text, s0, s0 + len(sentence), f.start)
            if _year_before([(p, y) for p, y in years if p >= c0], f.start) is None:
                year = None
    if kind == "baseline" and year is not None and year >= ctx.plan_start and f.from_year is None:
        kind = "target"
    if year is not None and year < ctx.plan_start and kind == "target":
        kind = "baseline"
    year_stated = year is not None
    if year is None and kind == "target" and ctx.lead_year is not None:
        year, year_stated = ctx.lead_year, True  # the lead sentence's `到2026年，` governs it
    if year is None:
        if kind == "target":
            year = ctx.plan_end
        elif kind == "baseline":
            year = ctx.plan_start - 1
    change = f.extras.get("change") or _change(before, f)

    q_start = min(f.extras.get("from_start", f.start), ind_span[0] if ind_span else f.start)
    q_end = max(f.end, ind_span[1] if ind_span else f.end)
    d0, d1 = _doc_start(block, q_start), block.to_doc(q_end)
    v0, v1 = _doc_start(block, f.start), block.to_doc(f.end)
    return Quantity(
        id="",
        kind=kind,
        indicator=indicator,
        scope=scope,
        value=_clean_number(f.value),
        value_max=_clean_number(f.value_max) if f.value_max is not None else None,
        unit=f.unit,
        comparator=f.comparator,
        year=year,
        period=period,
        from_value=_clean_number(f.from_value) if f.from_value is not None else None,
        from_year=f.from_year,
        value_text=doc.text[v0:v1],
        change=change,
        bounds=f.extras.get("bounds"),
        year_stated=year_stated if year is not None else None,
        node_id=None,
        value_line=doc.line_of(v0) if doc.line_of(v0) != doc.line_of(d0) else None,
        line=doc.line_of(d0),
        span=(d0, d1),
        quote=doc.text[d0:d1],
    )


def _doc_start(block: Block, i: int) -> int:
    """Document offset of a block offset that starts something: at a line wrap, the start of
    the next line (`Block.to_doc` gives the end of the line before, for ends)."""
    for s, e in block.segments:
        if i < e - s:
            return s + i
        i -= e - s
    return block.segments[-1][1]


BARE_LEAD_IN = re.compile(r"[ ]*")
CHANGE = re.compile(
    r"""(?:
        (?P<dec>降低|下降|减少|缩小|缩减|压减|减排)       # 降低35%, 每年降低1个百分点
      | (?P<inc>增长|提高|提升|增加|扩大|上升|增速       # 年均增长10%, 提高5个百分点
        |再[\u4e00-\u9fff]{2})                          # 再培育100个: more on top of today's
    )了?(?:[ ]*(?:不低于|不少于|至少|超过|约|近|以上))?[ ]*$""",
    re.VERBOSE,
)


def _change(before: str, f: Found) -> Literal["increase", "decrease"] | None:
    """A number right after a verb of change (not 提高到/降低至: those reach a level) is a
    change with a direction."""
    if f.from_value is not None:
        return None
    m = CHANGE.search(before.rstrip())
    if not m:
        return None
    return "decrease" if m.group("dec") else "increase"


def _clause_bounds(text: str, s0: int, s1: int, pos: int) -> tuple[int, int]:
    """The clause (between , ; :) holding `pos`. A number inside parentheses has its clause
    inside them: `(不含滑县,滑县17.72亿元)` gives `滑县17.72亿元`."""
    starts = [s0]  # clause start at each parenthesis depth
    for i in range(s0, pos):
        ch = text[i]
        if ch == "(":
            starts.append(i + 1)
        elif ch == ")" and len(starts) > 1:
            starts.pop()
        elif CLAUSE_SPLIT.match(ch):
            starts[-1] = i + 1
    start = starts[-1]
    inside = len(starts) > 1
    end = s1
    depth = 0
    for i in range(pos, s1):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0 and inside:
                end = i
                break
            depth = max(0, depth - 1)
        elif depth == 0 and (CLAUSE_SPLIT.match(ch) or SENTENCE_SPLIT.match(ch)):
            end = i
            break
    return start, end


def _list_item_bounds(text: str, c0: int, c1: int, f: Found) -> tuple[int, int]:
    """Within a clause, the list item (split on 、) holding the number. Items without a number
    belong to the next one (新建、改扩建幼儿园257所 is one item)."""
    cuts = [c0]
    item_has_number = False
    depth = 0
    for i in range(c0, c1):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch.isdigit():
            item_has_number = True
        if depth == 0 and ch == "、":
            rest = text[i + 1 : c1]
            nxt = rest.split("、", 1)[0]
            if item_has_number and (re.search(r"\d", nxt) or lexicon().cn_number.search(nxt)):
                cuts.append(i + 1)
            item_has_number = False if cuts[-1] == i + 1 else item_has_number
    cuts.append(c1 + 1)
    for a, b in itertools.pairwise(cuts):
        if a <= f.start < b:
            end = b - 1
            if end > a and text[end - 1] == "、":
                end -= 1
            return a, min(end, c1)
    return c0, c1


def _strip_affixes(s: str, lex: Lexicon) -> tuple[str, int, str | None, str | None]:
    """Remove time, scope, period and helper words around an indicator.
    Returns (indicator, offset of it in s, scope, period)."""
    off = 0
    scope: str | None = None
    period: str | None = None
    changed = True
    while changed and s:
        changed = False
        stripped = s.lstrip(" ,、")
        if stripped != s:
            off += len(s) - len(stripped)
            s = stripped
            changed = True
        m = TIME_PREFIX.match(s)
        if m and m.end() > 0:
            off += m.end()
            s = s[m.end() :]
            changed = True
            continue
        w = _leading(s, lex.scopes)
        if w:
            scope = scope or w
        else:
            w = _leading(s, lex.periods)
            period = period or w
        if w:
            off += len(w)
            s = s[len(w) :]
            changed = True
        for w in lex.prefixes:
            if s.startswith(w) and len(s) > len(w) + 1 and _word_boundary(s, len(w)):
                off += len(w)
                s = s[len(w) :]
                changed = True
                break
    changed = True
    while changed and s:
        changed = False
        for w in lex.periods:
            if s.endswith(w) and len(s) > len(w):
                period = period or w
                s = s[: -len(w)]
                changed = True
        for w in lex.scopes:
            if s.endswith(w) and len(s) > len(w) + 1:
                scope = scope or w
                s = s[: -len(w)]
                changed = True
        for w in lex.suffixes:
            if s.endswith(w) and len(s) > len(w) + 1:
                s = s[: -len(w)]
                changed = True
        if s.endswith("的"):
            s = s[:-1]
            changed = True
        pm = PAREN_NOTE.search(s)
        if pm and pm.start() > 1:
            s = s[: pm.start()]
            changed = True
    return s.rstrip(), off, scope, period


def _leading(s: str, words: list[str]) -> str | None:
    """The first of `words` (longest first) that `s` starts with."""
    return next((w for w in words if s.startswith(w)), None)


def _word_boundary(s: str, i: int) -> bool:
    """Is `i` a word boundary in `s`? Asks jieba (domain dictionary) for the first word."""
    from ...lang.segment import cut

    words = cut(s[: min(len(s), i + 6)])
    pos = 0
    for w in words:
        pos += len(w)
        if pos == i:
            return True
        if pos > i:
            return False
    return True


def _indicator(
    text: str, piece_start: int, before: str, f: Found, after: str, lex: Lexicon
) -> tuple[str, tuple[int, int] | None, str | None, str | None]:
    """Indicator, its span (block offsets), scope and period for a number in its list item."""
    # the number in parentheses: 基准定额(3000—5000元/年), 生均(200元/年)奖补
    bare = before.rstrip()
    if bare.endswith("(") and after.lstrip().startswith(")"):
        head, off, scope, period = _strip_affixes(bare[:-1], lex)
        tail = re.match(r"^\)([^\d(),;。]{0,6}?)(?:政策|制度|$)", after.lstrip())
        ind = head + (tail.group(1) if tail else "")
        i0 = piece_start + off
        return ind, (i0, i0 + len(head)), scope, period
    # predicate: 毛入园率达到93%, 比例不低于30%
    b = before.rstrip()
    for word, _kind in lex.comparator_before:
        if b.endswith(word):
            b = b[: -len(word)].rstrip()
            break
    # 达到教室总数的89.9%, 不低于绩效工资总量的70%: the base of a share, not the indicator
    b = re.sub(
        r"(?:省定|国家规定的|省定的|(?<=[于过到在达])[\u4e00-\u9fff]{0,8}?(?:总数|总量|总额)的)$",
        "",
        b,
    )
    m = lex.predicate.search(b)
    if m and m.start() > 0:
        subject = b[: m.start()]
        obj = ""
        ind, off, scope, period = _strip_affixes(subject, lex)
        if ind:
            i0 = piece_start + off
            return ind + obj, (i0, i0 + len(ind)), scope, period
    # a count followed by what is counted: 遴选50门…的样板课程, 60所中小学创建…
    rate = f.unit in lex.rate_units
    countable = f.unit is None or f.unit.lstrip("万亿千") in lex.countable_units
    noun = _count_noun(after, lex) if countable else ""
    head, off, scope, period = _strip_affixes(b if not m else b[: m.start()], lex)
    head = _drop_verbs(head)
    if PLACE.fullmatch(head):
        return "", None, head, period  # 滑县17.72亿元: a place; the indicator is the previous one
    threshold = f.unit in lex.threshold_units and f.comparator in ("ge", "gt", "le", "lt")
    if head and threshold:
        i0 = piece_start + off
        return head, (i0, i0 + len(head)), scope, period
    if rate and not head and after.startswith("的"):
        # 力争使55%左右的县(市、区)通过国家认定
        rest = after[1:].strip()
        if rest:
            n0 = f.end + 1 + after[1:].find(rest)
            return rest, (n0, n0 + len(rest)), scope, period
    chosen = CHOSEN_AS.match(after)
    if chosen and not rate:
        # 市三十二中等11所学校被选为省中小学数字教材应用样本校
        x = chosen.group("x").strip()
        n0 = f.end + chosen.start("x")
        return x, (n0, n0 + len(x)), scope, period
    if noun:
        n0 = f.end + after.find(noun)
        if noun in GENERIC_NOUNS and head:
            # 农村中小学校舍维修改造共实施803个项目 -> …改造项目
            i0 = piece_start + off
            return head + noun, (i0, n0 + len(noun)), scope, period
        return noun, (n0, n0 + len(noun)), scope, period
    if head:
        i0 = piece_start + b.find(head) if head in b else piece_start + off
        return head, (i0, i0 + len(head)), scope, period
    return "", None, scope, period


CHOSEN_AS = re.compile(
    r"^[^,;。]{0,12}?(?:被选为|被评为|被评定为|被确定为|被认定为|入选|获评|创建为)(?P<x>[^,;。]+)"
)
PLACE = re.compile(r"[\u4e00-\u9fff]{1,4}(?:县|区)|市本级")
GENERIC_NOUNS = frozenset({"项目", "学校", "个项目"})
TRAILING_VERBS = re.compile(r"(?:共实施|实施|共有|新增|被选为|建成)$")


LEADING_VERBS = re.compile(
    r"^(?:推荐认定|拟培育|创建|建设|推荐|完成|共有|现有|有|将)(?=[\u4e00-\u9fff“]{2})"
)


def _drop_verbs(head: str) -> str:
    """A head that is only a verb phrase (`选拔培养`, `至少建设`) names nothing; a leading verb
    is not part of what is measured (`创建…特色学校50个`)."""
    head = TRAILING_VERBS.sub("", head).rstrip()
    if _only_verb(head):
        return ""
    return LEADING_VERBS.sub("", head)


def _only_verb(s: str) -> bool:
    return bool(
        re.fullmatch(
            r"(?:遴选|选树|建设|培育|创建|争创|推荐|申报|建成|新建|支持|确立|培养|打造|建好|"
            r"办好|消除|力争使|使|重点建设|重点培育|立项建设|联合建设|推荐认定|培育认定|认定|设立|实施|"
            r"为|对|完成|新增|增加|引进|组建|评选|选拔|实现|覆盖|配备|招收|形成|有|共有|"
            r"实施了|建立|开设|拟培育|重点办好|申报获批|获批|争取|力争|至少建设|建立健全)?",
            s,
        )
    )


def _count_noun(after: str, lex: Lexicon) -> str:
    """What a count counts: the noun phrase after the unit, cut at the next verb, head noun
    after the last 的 (`充满思政元素、发挥思政功能的样板课程` -> `样板课程`)."""
    s = after.strip()
    s = re.sub(r"^(?:的|以上的|左右的)", "", s)
    s = re.split(r"并(?=[\u4e00-\u9fff]{2})", s, maxsplit=1)[0]
    # 基础教育学校与共建“一带一路”国家建立…: 与 starts a partner, not part of the noun
    s = re.split(r"与(?=[^,;。]*?(?:建立|开展|合作|对接|交流))", s, maxsplit=1)[0]
    for stop in lex.count_stops:
        i = s.find(stop)
        if i > 0 and len(s) - i - len(stop) >= 2:
            s = s[:i]
    if "的" in s:
        tail = s.rsplit("的", 1)[1]
        if len(tail) >= 2 and tail not in lex.noun_tail_verbs:
            s = tail
    pm = PAREN_NOTE.search(s)
    if pm and pm.start() > 1:
        s = s[: pm.start()]
    s = s.strip(" ,、")
    return s if len(s) >= 1 and not re.match(r"^[\d(]", s) else ""


STANDARD_OBJECT = re.compile(
    r"^的?(?:标准|要求|比例)[,]?(?:对[^,;]{1,20}?(?=发放|给予|落实))?"
    r"(?:累计计算核定,)?(?:补充到|发放|落实|给予|用于|发给)(?P<obj>[^,;。]+)"
)


def _standard_object(
    text: str, pos: int, sentence_end: int, lex: Lexicon
) -> tuple[str, tuple[int, int]] | None:
    """`按照每月不低于400元的标准,对中小学发放班主任津贴`: what the standard is for."""
    rest = text[pos:sentence_end]
    m = STANDARD_OBJECT.match(rest)
    if not m:
        return None
    obj, _off, _scope, _period = _strip_affixes(m.group("obj"), lex)
    obj = re.sub(r"^(?:各县\(市、区\)|中小学\([^()]*\))", "", obj) or obj
    if not obj:
        return None
    i0 = pos + m.start("obj") + m.group("obj").find(obj)
    return obj, (i0, i0 + len(obj))


def _period_in(s: str, lex: Lexicon) -> str | None:
    best: tuple[int, str] | None = None
    clause = re.split(r"[,;]", s)[-1]
    for w in lex.periods:
        if w in ("十三五期间", "十四五期间"):
            continue
        i = clause.rfind(w)
        if i >= 0 and (best is None or i > best[0]):
            best = (i, w)
    if best is None and "五年内" in s:
        return "五年内"
    return best[1] if best else None


TOTAL_CUES = re.compile(
    r"共|累计|总投资|投入|资助|下达|实施|建成|培养|培训|入住|受益|新建|增加|完成|免学费|助学金|建筑面积"
)


def _total_in_review(text: str, s0: int, f: Found, lex: Lexicon, previous: str | None) -> bool:
    """A total over the last period, named earlier in the paragraph (`“十三五”期间,…共实施803个
    项目`)."""
    if f.unit in lex.rate_units or previous is None:
        return False
    head = text[: f.start]
    i = max(head.rfind(f"{previous}”期间"), head.rfind(f"{previous}期间"))
    if i < 0:
        return False
    clause0, _ = _clause_bounds(text, s0, f.start, f.start)
    return bool(TOTAL_CUES.search(text[clause0 : f.end]))


def _year_before(years: list[tuple[int, int]], pos: int) -> int | None:
    best = None
    for p, y in years:
        if p < pos:
            best = y
    return best


def _kind(
    text: str,
    s0: int,
    sentence: str,
    f: Found,
    before: str,
    after: str,
    ctx: Context,
    lex: Lexicon,
    scope: str | None,
) -> QuantityKind:
    data = lex.data
    if f.from_value is not None:
        return "baseline" if (f.year or 0) < ctx.plan_start else "target"
    clause0, clause1 = _clause_bounds(text, s0, s0 + len(sentence), f.start)
    clause = text[clause0:clause1]
    local = text[clause0 : f.start]
    # thresholds that define a group: 56人以上大班额, 20万人口以上的县
    if f.unit in lex.threshold_units and f.comparator in ("ge", "gt", "le", "lt"):
        nxt = text[f.end : f.end + 2]
        if nxt and re.match(r"[\u4e00-\u9fff]", nxt) and not re.match(r"的?(?:目标|要求)", nxt):
            return "standard"
    if f.extras.get("ratio") or f.unit in lex.standard_units:
        return "standard"  # 1:20 ratios, 50年一遇 return periods
    group_size = f.unit is not None and (
        f.unit.lstrip("万亿千") in lex.threshold_units
        or (f.unit in ("万", "亿") and re.search(r"(?:人口|人数)$", local.rstrip()) is not None)
    )
    if (
        f.comparator in ("ge", "gt", "le", "lt")
        and group_size
        and re.match(r"的?[\u4e00-\u9fff]", text[f.end : f.end + 2])
        and not re.match(r"的?(?:目标|要求)", text[f.end : f.end + 3])
    ):
        return "standard"  # 城区常住人口100万以上的城市: a threshold that defines a group
    if (
        lex.per_area.search(local)
        and NORM_WORD.search(local.rstrip())
        and not re.search(r"到\d{4}年", sentence)
    ):
        return "standard"  # 每平方公里…不少于N: a per-area or per-capita norm
    if (
        f.comparator in ("ge", "gt", "le", "lt")
        and text[f.end : f.end + 1] == "的"
        and f.unit is not None
        and f.unit.lstrip("万亿千") in lex.threshold_money_people
    ):
        return "standard"  # 主营业务收入超10亿元的供应商: a threshold that defines a group
    if ctx.review and not ctx.in_box:
        return "baseline"
    sentence_cues = _cues(data["baseline_sentence_cues"], _previous_period(ctx.plan_start))
    if any(c in sentence for c in sentence_cues) or re.match(
        r"^(?:目前|现有|已有)", clause.strip()
    ):
        return "baseline"
    if any(c in local for c in data["standard_scopes"]) and not re.search(r"到\d{4}年", sentence):
        return "standard"
    if lex.standard_cue.search(clause) or re.search(r"每\d+年", clause):
        return "standard"
    if re.search(r"^的?(?:标准|要求)", after) or re.search(r"\($", before.rstrip()):
        return "standard"
    return "target"
