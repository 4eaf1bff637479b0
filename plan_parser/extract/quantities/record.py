"""One record from one number expression of a paragraph (`core.extract_block` finds them): its
clause and list item, indicator, period, kind, year and change, and its place in the document.
Reads the finders' `Found`, the indicator, period, kind and section rules, and the models."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ...models import Quantity
from .indicator import (
    _clause_bounds,
    _clause_index,
    _indicator,
    _list_item_bounds,
    _previous_subject,
    _standard_object,
    _strip_affixes,
)
from .kind import Context, _change, _kind, _year_before
from .lexicon import Lexicon, lexicon
from .numbers import Found, _clean_number
from .periods import _period_before, _total_in_review
from .sections import _previous_period

if TYPE_CHECKING:
    from ...read.normalize import Document
    from ...structure.outline import Block


PIECE_WINDOW = 500
STANDARD_AFTER = re.compile(r"的?(?:标准|要求|比例)")  # matched at a position


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
    s1 = s0 + len(sentence)
    clause = _clause_index(text, s0).bounds(s1, f.start)  # `_clause_bounds`
    clause_start, clause_end = clause
    if (
        clause_start > s0
        and text[clause_start - 1] == "("
        and not text[clause_start : f.start].strip()
        and not text[f.end : clause_end].strip()
    ):
        # 基准定额(3000—5000元/年): the parentheses hold only the value; read the outer clause
        clause_start, clause_end = _clause_bounds(text, s0, s1, clause_start - 1)
    piece_start, piece_end = _list_item_bounds(text, clause_start, clause_end, f)
    extras = f.extras
    before_start = extras.get("from_start", f.start) if extras else f.start
    # the words of a number are read within PIECE_WINDOW characters of it (real list items
    # reach some 350), so a long run of numbers with no separator costs linear time
    piece_start = max(piece_start, before_start - PIECE_WINDOW)
    piece_end = min(piece_end, f.end + PIECE_WINDOW)
    before = text[piece_start:before_start]
    after = text[f.end : piece_end]

    if "indicator" in extras:
        indicator, ind_span, scope = extras["indicator"]
        period = None
    else:
        indicator, ind_span, scope, period = _indicator(text, piece_start, before, f, after, lex)
    if STANDARD_AFTER.match(text, f.end, s1):
        obj = _standard_object(text, f.end, s1, lex)
        if obj is not None:
            indicator, ind_span = obj
    named = extras.get("money_class")
    if named and (not indicator or lex.only_verb.fullmatch(indicator)):
        indicator, ind_span = named  # 实施亿元以上项目200个: the class is 项目
    if indicator.startswith("占") and previous_indicator and "占" not in previous_indicator:
        # 老年人口达到120万人，占总人口的20%: the share is of the figure before (A占B, as
        # 口岸货物进出口总额占全球 is written whole)
        indicator = previous_indicator + indicator
    if not indicator and previous_indicator:
        indicator = previous_indicator
    if not indicator:
        indicator = _previous_subject(text, s0, piece_start, f, lex)
    if not indicator:
        indicator = _fallback_indicator(text, piece_start, piece_end, f, lex)
    if not indicator:
        return None
    if period is None:
        period = _period_before(text, s0, f.start, lex)
    previous = _previous_period(ctx.plan_start)
    if period is None and f.from_value is None and _total_in_review(text, s0, f, lex, previous):
        period = f"{previous}期间"

    kind = _kind(text, s0, sentence, f, before, after, ctx, lex, scope, clause)
    year = f.year
    if year is None:
        year = _year_before(years, f.start)
        # a norm takes a year only when its own clause names one
        own = _year_before(years, f.start, since=clause[0])
        if kind == "standard" and year is not None and own is None:
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
        elif kind == "baseline" and (ctx.review or (previous is not None and previous in sentence)):
            # the review of the last period (by section, or a sentence naming it) reports the
            # year before the plan; a present-state description elsewhere (规划范围, a zoning
            # scheme, 依托…) states no year, and none is made up for it
            year = ctx.plan_start - 1
    change = extras.get("change") or _change(before, f)
    if named or extras.get("age_group"):
        change = None  # the bound of a class (新增10亿元以上项目50个: the 50 is what is added)

    q_start = min(before_start, ind_span[0] if ind_span else f.start)
    q_end = max(f.end, ind_span[1] if ind_span else f.end)
    segments = block.segments
    if len(segments) == 1:  # one line (most): a block offset is its start plus the offset
        s, e = segments[0]
        n = e - s
        d0, d1 = s + min(q_start, n), s + min(q_end, n)
        v0, v1 = s + min(f.start, n), s + min(f.end, n)
    else:
        d0, d1 = block.to_doc_start(q_start), block.to_doc(q_end)
        v0, v1 = block.to_doc_start(f.start), block.to_doc(f.end)
    line = doc.line_of(d0)
    value_line = line if v0 == d0 else doc.line_of(v0)
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
        bounds=extras.get("bounds"),
        year_stated=year_stated if year is not None else None,
        node_id=None,
        value_line=value_line if value_line != line else None,
        line=line,
        span=(d0, d1),
        quote=doc.text[d0:d1],
    )


COORDINATED_VALUE = re.compile(r"^[ ]*(?:和|及|与|、)[ ]*\d")


def _fallback_indicator(text: str, piece_start: int, piece_end: int, f: Found, lex: Lexicon) -> str:
    """The words of the item when no rule names the indicator: those before the number without
    the verbs that govern it, else those after it, but not the next value of a list
    (`5.1倍和4.95倍`)."""
    raw = text[piece_start : f.start].strip()
    head = lex.predicate.sub("", _strip_affixes(raw, lex)[0]).strip()
    if head:
        return head
    tail = text[f.num_end : piece_end]
    after = "" if COORDINATED_VALUE.match(tail) else tail.strip(" ,;。、")
    return after or raw
