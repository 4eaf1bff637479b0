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

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, Literal

from ...lang.lexicon import lexicon_text, safe_load
from ...lang.numerals import cn_to_int
from ...models import Comparator, Quantity, QuantityKind

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
    countable_units: frozenset[str]
    noun_tail_verbs: frozenset[str]
    threshold_money_people: frozenset[str]


@cache
def lexicon() -> Lexicon:
    data = safe_load(lexicon_text("quantities.yaml"))
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
        rf"(?:{cn_context})(?P<cn>[一二两三四五六七八九十]{{1,3}})(?P<unit>{cn_units})"
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
        countable_units=frozenset(data["units"]["count"] + data["units"]["people"]),
        noun_tail_verbs=frozenset(data["noun_tail_verbs"]),
        threshold_money_people=frozenset(data["units"]["money"] + data["units"]["people"]),
    )


# --- patterns that are not lexicon ------------------------------------------------------------

YEAR = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d\d)[ ]*年(?P<tail>底前|年底前|年底|年末|底|末|前|起|以来|以后)?"
)
YEAR_RANGE = re.compile(r"(?<![\d.])(?:19|20)\d\d[ ]*(?:——|—|–|-|～|~|至|到)[ ]*(?:19|20)\d\d")
DATE_TAIL = re.compile(r"[ ]*(?:月|日|号|时|:\d)")  # matched at a position
CHANGE_VERBS = r"增加|增长|提高|提升|上升|扩大|下降|减少|降低|缩小|发展|整合|调整|缩减"
FROM_TO = re.compile(
    rf"""
    (?:从|由)[ ]*(?:(?P<y1>(?:19|20)\d\d)[ ]*年(?:底|末)?(?:的)?[ ]*)?   # 从2016年的 / 由
    (?P<v1>\d+(?:\.\d+)?)[^\d,;。从由]{{0,6}}?                         # A and its unit
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
STANDARD_AFTER = re.compile(r"的?(?:标准|要求|比例)")  # matched at a position
PAREN_NOTE = re.compile(r"\((?:含|不含|包括|包含)[^()]*\)$")
TIME_PREFIX = re.compile(
    r"^(?:到|至|截至|截止到|在)?[ ]*(?:19|20)\d\d[ ]*年(?:底前|年底前|年底|底|末|前)?"
)
DEFAULT_PLAN_END = 2025
PIECE_WINDOW = 500


@dataclass
class Context:
    """What a block's place in the document says about its figures."""

    plan_start: int
    plan_end: int
    review: bool  # in a 十三五 review section: figures are baselines
    in_box: bool


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


# --- the extractor ----------------------------------------------------------------------------


def extract_quantities(parsed: ParsedText) -> list[Quantity]:
    doc = parsed.doc
    md = parsed.front.metadata
    start = md.plan_period.start_year if md.plan_period else DEFAULT_PLAN_END - 4
    end = md.plan_period.end_year if md.plan_period else DEFAULT_PLAN_END
    index = parsed.outline.node_index
    review_cache: dict[str | None, bool] = {}
    out: list[Quantity] = []
    counters: dict[str, int] = {}
    for block in parsed.outline.blocks:
        node_key = block.node_id
        if node_key not in review_cache:
            review_cache[node_key] = _is_review(node_key, index)
        ctx = Context(start, end, review_cache[node_key], block.box is not None)
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


def _is_review(node_id: str | None, index: dict[str, Any]) -> bool:
    cues = lexicon().data["baseline_title_cues"]
    while node_id:
        node = index.get(node_id)
        if node is not None and any(c in node.title for c in cues):
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
        # a year followed by 的 + number belongs to a from/to pair, handled there
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
    for m in FRACTION.finditer(sentence):
        if _inside(base + m.start(), masked) or int(m.group("b")) == 0:
            continue
        fraction = round(int(m.group("a")) / int(m.group("b")), 4)
        before = _comparator_before(_tail(sentence, m.start()), lex) or "eq"
        founds.append(
            Found(base + m.start(), base + m.end(), base + m.end(), fraction, None, None, before)
        )
    for m in RATIO.finditer(sentence):
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
    founds.sort(key=lambda f: f.start)
    return founds


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
    if m.group("unit") is None and m.group("mult") is None:
        return False  # a bare number: a code, a version, a heading number, a ratio part
    # a year: 2025年, 2021—2025年; a date: 6月15日
    if m.group("unit") == "年" and re.fullmatch(r"(?:19|20)\d\d", num) and m.group("sep") is None:
        return False
    if (
        m.group("num2")
        and re.fullmatch(r"(?:19|20)\d\d", num)
        and re.fullmatch(r"(?:19|20)\d\d", m.group("num2"))
    ):
        return False
    if DATE_TAIL.match(sentence, m.end("num")):
        return False
    if m.group("sep") == "到" and m.group("unit") is None:
        return False
    left = sentence[max(0, m.start() - 2) : m.start()]
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


def _tail(sentence: str, pos: int) -> str:
    """The text `_comparator_before` reads before `pos`: at most its last 12 characters."""
    return sentence[max(0, pos - 12) : pos]


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
        before = _comparator_before(_tail(sentence, m.start()), lex)
        if before:
            comparator = before
    if value_max is not None:
        comparator = "approx" if comparator == "approx" else "range"
    return Found(
        base + m.start(), base + end, base + m.end(), value, value_max, _unit(m), comparator
    )


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
    # the words of a number are read within PIECE_WINDOW characters of it (real list items
    # reach some 350), so a long run of numbers with no separator costs linear time
    piece_start = max(piece_start, before_start - PIECE_WINDOW)
    piece_end = min(piece_end, f.end + PIECE_WINDOW)
    before = text[piece_start:before_start]
    after = text[f.end : piece_end]

    if "indicator" in f.extras:
        indicator, ind_span, scope = f.extras["indicator"]
        period = None
    else:
        indicator, ind_span, scope, period = _indicator(text, piece_start, before, f, after, lex)
    if STANDARD_AFTER.match(text, f.end, s0 + len(sentence)):
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
        period = _period_before(text, s0, f.start, lex)
    if period is None and f.from_value is None and _total_in_review(text, s0, f, lex):
        period = "十三五期间"

    kind = _kind(text, s0, sentence, f, before, after, ctx, lex, scope)
    year = f.year
    if year is None:
        year = _year_before(years, f.start)
        if kind == "standard" and year is not None:
            # a norm takes a year only when its own clause names one
            c0, _ = _clause_bounds(text, s0, s0 + len(sentence), f.start)
            if _year_before(years, f.start, since=c0) is None:
                year = None
    if kind == "baseline" and year is not None and year >= ctx.plan_start and f.from_year is None:
        kind = "target"
    if year is not None and year < ctx.plan_start and kind == "target":
        kind = "baseline"
    year_stated = year is not None
    if year is None:
        if kind == "target":
            year = ctx.plan_end
        elif kind == "baseline":
            year = ctx.plan_start - 1
    change = _change(before, f)

    q_start = min(f.extras.get("from_start", f.start), ind_span[0] if ind_span else f.start)
    q_end = max(f.end, ind_span[1] if ind_span else f.end)
    d0, d1 = block.to_doc(q_start), block.to_doc(q_end)
    v0, v1 = block.to_doc(f.start), block.to_doc(f.end)
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
        year_stated=year_stated if year is not None else None,
        node_id=None,
        value_line=doc.line_of(v0) if doc.line_of(v0) != doc.line_of(d0) else None,
        line=doc.line_of(d0),
        span=(d0, d1),
        quote=doc.text[d0:d1],
    )


CHANGE = re.compile(
    r"""(?:
        (?P<dec>降低|下降|减少|缩小|缩减|压减|减排)       # 降低35%, 每年降低1个百分点
      | (?P<inc>增长|提高|提升|增加|扩大|上升|增速)     # 年均增长10%, 提高5个百分点
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
    return _clause_index(text, s0).bounds(s1, pos)


# the characters that open, close or end a clause
CLAUSE_MARKS = re.compile(r"[(),;:。!?]")


class _ClauseIndex:
    """The clause structure of the sentence starting at `s0`, from one pass over its brackets
    and separators: the clause of any position is then two bisections, not a scan from the
    sentence start (a sentence with n numbers cost n scans)."""

    def __init__(self, text: str, s0: int) -> None:
        end = SENTENCE_SPLIT.search(text, s0)
        stop = end.end() if end else len(text)
        self.s0 = s0
        self.marks: list[int] = []  # offsets of the marks
        self.states: list[tuple[int, int]] = []  # (clause start, depth) after each mark
        self.stops: dict[int, list[int]] = {}  # depth -> offsets where a clause at it ends
        starts = [s0]  # clause start at each parenthesis depth
        for m in CLAUSE_MARKS.finditer(text, s0, stop):
            i = m.start()
            ch = text[i]
            depth = len(starts) - 1
            if ch == "(":
                starts.append(i + 1)
            elif ch == ")":
                if depth > 0:
                    self.stops.setdefault(depth, []).append(i)
                    starts.pop()
            else:
                self.stops.setdefault(depth, []).append(i)
                if ch in ",;:":
                    starts[-1] = i + 1
            self.marks.append(i)
            self.states.append((starts[-1], len(starts) - 1))

    def bounds(self, s1: int, pos: int) -> tuple[int, int]:
        k = bisect.bisect_left(self.marks, pos)
        start, depth = self.states[k - 1] if k else (self.s0, 0)
        stops = self.stops.get(depth, ())
        j = bisect.bisect_left(stops, pos)
        return start, min(stops[j], s1) if j < len(stops) else s1


@lru_cache(maxsize=64)
def _clause_index(text: str, s0: int) -> _ClauseIndex:
    return _ClauseIndex(text, s0)


def _list_item_bounds(text: str, c0: int, c1: int, f: Found) -> tuple[int, int]:
    """Within a clause, the list item (split on 、) holding the number. Items without a number
    belong to the next one (新建、改扩建幼儿园257所 is one item)."""
    cuts = _list_item_cuts(text, c0, c1)
    k = bisect.bisect_right(cuts, f.start) - 1
    if 0 <= k < len(cuts) - 1:
        a, b = cuts[k], cuts[k + 1]
        end = b - 1
        if end > a and text[end - 1] == "、":
            end -= 1
        return a, min(end, c1)
    return c0, c1


@lru_cache(maxsize=64)
def _list_item_cuts(text: str, c0: int, c1: int) -> list[int]:
    """Where the list items of the clause `text[c0:c1]` start, and `c1 + 1`: computed once per
    clause, not once per number in it."""
    cuts = [c0]
    item_has_number = False
    depth = 0
    cn_number = lexicon().cn_number
    for i in range(c0, c1):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch.isdigit():
            item_has_number = True
        if depth == 0 and ch == "、":
            j = text.find("、", i + 1, c1)
            nxt = text[i + 1 : j if j >= 0 else c1]
            if item_has_number and (re.search(r"\d", nxt) or cn_number.search(nxt)):
                cuts.append(i + 1)
            item_has_number = False if cuts[-1] == i + 1 else item_has_number
    cuts.append(c1 + 1)
    return cuts


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
    if b.endswith(("省定", "的")):  # what the pattern below can remove
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


def _period_before(text: str, s0: int, pos: int, lex: Lexicon) -> str | None:
    """The period word (`五年内`, `三年`…) closest before `pos` in its clause (after the last ,
    or ; of the sentence starting at `s0`); else 五年内 anywhere before `pos` in the sentence.
    Offsets are looked up, so a sentence with n numbers is not read n times."""
    seps = _offsets(text, "[,;]")
    k = bisect.bisect_left(seps, pos) - 1
    c0 = seps[k] + 1 if k >= 0 and seps[k] >= s0 else s0
    best: tuple[int, str] | None = None
    for w, starts in _period_offsets(text, tuple(lex.periods)):
        if w in ("十三五期间", "十四五期间"):
            continue
        j = bisect.bisect_right(starts, pos - len(w)) - 1
        if j >= 0 and starts[j] >= c0 and (best is None or starts[j] > best[0]):
            best = (starts[j], w)
    if best is None:
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


TOTAL_CUES = re.compile(
    r"共|累计|总投资|投入|资助|下达|实施|建成|培养|培训|入住|受益|新建|增加|完成|免学费|助学金|建筑面积"
)


def _total_in_review(text: str, s0: int, f: Found, lex: Lexicon) -> bool:
    """A total over 十三五, named earlier in the paragraph (`“十三五”期间,…共实施803个项目`)."""
    if f.unit in lex.rate_units:
        return False
    first = _offsets(text, "十三五”?期间")
    if not first or first[0] + len("十三五期间") + (text[first[0] + 3] == "”") > f.start:
        return False
    clause0, _ = _clause_bounds(text, s0, f.start, f.start)
    return bool(TOTAL_CUES.search(text[clause0 : f.end]))


def _year_before(years: list[tuple[int, int]], pos: int, since: int = 0) -> int | None:
    """The last year named in `years` (sorted by offset) at or after `since` and before `pos`."""
    k = bisect.bisect_left(years, (pos,)) - 1
    return years[k][1] if k >= 0 and years[k][0] >= since else None


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
    if f.from_value is not None:
        return "baseline" if (f.year or 0) < ctx.plan_start else "target"
    clause0, clause1 = _clause_bounds(text, s0, s0 + len(sentence), f.start)
    facts = _clause_facts(text, clause0, clause1)
    # thresholds that define a group: 56人以上大班额, 20万人口以上的县
    if f.unit in lex.threshold_units and f.comparator in ("ge", "gt", "le", "lt"):
        nxt = text[f.end : f.end + 2]
        if nxt and re.match(r"[\u4e00-\u9fff]", nxt) and not re.match(r"的?(?:目标|要求)", nxt):
            return "standard"
    if f.extras.get("ratio"):
        return "standard"
    if (
        f.comparator in ("ge", "gt", "le", "lt")
        and text[f.end : f.end + 1] == "的"
        and f.unit is not None
        and f.unit.lstrip("万亿千") in lex.threshold_money_people
    ):
        return "standard"  # 主营业务收入超10亿元的供应商: a threshold that defines a group
    if ctx.review and not ctx.in_box:
        return "baseline"
    if _sentence_facts(sentence).baseline or facts.baseline:
        return "baseline"
    if facts.scope_end <= f.start and not _sentence_facts(sentence).target_year:
        return "standard"
    if facts.standard:
        return "standard"
    if re.search(r"^的?(?:标准|要求)", after) or re.search(r"\($", before.rstrip()):
        return "standard"
    return "target"


@dataclass(frozen=True)
class _SentenceFacts:
    baseline: bool  # a baseline cue word (`已`, `目前`…) anywhere in the sentence
    target_year: bool  # 到2025年


@lru_cache(maxsize=256)
def _sentence_facts(sentence: str) -> _SentenceFacts:
    """What `_kind` asks of a sentence, once per sentence rather than once per number in it."""
    cues = lexicon().data["baseline_sentence_cues"]
    return _SentenceFacts(
        any(c in sentence for c in cues), re.search(r"到\d{4}年", sentence) is not None
    )


@dataclass(frozen=True)
class _ClauseFacts:
    baseline: bool  # starts with 目前/现有/已有
    standard: bool  # a standard cue or 每n年
    scope_end: float  # where the first standard scope word (`生均`, `每所`…) ends; inf: none


@lru_cache(maxsize=256)
def _clause_facts(text: str, c0: int, c1: int) -> _ClauseFacts:
    """What `_kind` asks of a clause, once per clause rather than once per number in it."""
    lex = lexicon()
    clause = text[c0:c1]
    ends = [i + len(c) for c in lex.data["standard_scopes"] if (i := clause.find(c)) >= 0]
    return _ClauseFacts(
        re.match(r"^(?:目前|现有|已有)", clause.strip()) is not None,
        lex.standard_cue.search(clause) is not None or re.search(r"每\d+年", clause) is not None,
        c0 + min(ends) if ends else float("inf"),
    )
