"""Extractor: every target, baseline and standard a plan states, with its meaning and provenance.

Numbers, ranges and units are recognised with regular expressions first (jieba splits
`144.26万人` badly); the words around them are read by rules over clauses, with the lexicon in
`lexicon/quantities.yaml`, and jieba (domain dictionary) to keep cuts on word boundaries.

For each paragraph ("block" of the outline), and each numbered heading's title read the same
way (`title_blocks`: `（三）新建改扩建幼儿园50所`, a sub-item `②村卫生室标准化建设率达到100%。`):

1. mask what cannot hold a quantity: 《titles》, “quoted names”, dates, years, document numbers;
2. find `从2016年的A增加到2020年的B` pairs (one record: B, from A);
3. find every number expression: `93%`, `3—5个`, `600多所`, `144.26万人`, `一所` (in context);
4. for each, within its clause and list item: comparator, indicator, scope, period, year, kind.

The modules, in the order a value passes through them: `lexicon.py` (the YAML, compiled),
`sections.py` (where a paragraph sits: the review of the last period, lead years), `triggers.py`
(what a paragraph holds that the finders need, found once), `numbers.py` (the `Found` record,
masks), `finders.py` (number expressions; `intervals.py` for `<150,≥50`, `rates.py`, `counts.py`),
`indicator.py` (clause, list item, indicator, scope), `periods.py` (the period of a total),
`kind.py` (target, baseline or standard; changes), `years.py` (the year a value holds for),
`record.py` (one number's record, from all of these; `boundary.py` asks jieba where a word ends)
and this file (blocks to records, ids). Tables (the table stage's `Table`s) are read through their
header by `tables.py`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ...models import OutlineNode, Quantity
from .finders import COORDINATION, _find_in_sentence, _year_mentions
from .indicator import SENTENCE_SPLIT
from .kind import BULLET, Context
from .lexicon import Lexicon, lexicon
from .numbers import _spans, masked_ranges
from .record import _record
from .sections import _is_present, _is_review, _lead_year, _node_leads
from .triggers import Triggers, triggers
from .years import DEFAULT_PLAN, carried_year, horizon

if TYPE_CHECKING:
    from ...read.normalize import Document
    from ...structure.analysis import ParsedText
    from ...structure.outline import Block


# --- lexicon ----------------------------------------------------------------------------------


def extract_quantities(parsed: ParsedText) -> list[Quantity]:
    doc = parsed.doc
    start, end = _plan_period(parsed)
    index = parsed.outline.node_index
    review_cache: dict[str | None, bool] = {}
    present_cache: dict[str | None, bool] = {}
    reviews: dict[str, bool] = {}  # by node and its ancestors (`sections._up`)
    presents: dict[str, bool] = {}
    out: list[Quantity] = []
    counters: dict[str, int] = {}
    lead: tuple[str | None, int] | None = None  # (node, year) of a lead sentence before bullets
    header: str | None = None  # the node whose lead-in ends with a colon: a header of its items
    blocks = parsed.outline.blocks
    lex = lexicon()
    texts = [block.text(doc) for block in blocks]
    leads = _node_leads(doc, blocks, texts)
    bullets = [BULLET.match(text) is not None for text in texts]
    titles = title_blocks(doc, parsed.outline.nodes, lex)
    title_at = 0
    for i, block in enumerate([*blocks, None]):
        # heading titles before this paragraph: `（三）新建改扩建幼儿园50所`, `②村卫生室标准化
        # 建设率达到100%。` (a sub-item that is a whole sentence is a heading, not a paragraph)
        while title_at < len(titles) and (block is None or titles[title_at][0].start < block.start):
            title, title_text, hold = titles[title_at]
            title_at += 1
            key = title.node_id
            if key not in review_cache:
                review_cache[key] = _is_review(key, index, leads, start, reviews)
                present_cache[key] = _is_present(key, index, presents)
            governed = lead[1] if lead is not None and _below(key, header) else None
            ctx = Context(start, end, review_cache[key], False, governed, present_cache[key])
            records = extract_block(doc, title, ctx, title_text, hold)
            _number(records, key or "preamble", key, counters, out)
        if block is None:
            break
        node_key = block.node_id
        text = texts[i]
        # a paragraph between two bullets of one node, with no lead-in of its own, continues the
        # run: a bullet that a PDF's hard wrap split after its `。` (national-2021-smart-
        # manufacturing.txt lines 108-114); `第二步，到2025年…` between two runs is a lead-in
        own_lead = None if bullets[i] else _lead_year(text)
        bullet = bullets[i] or (
            own_lead is None
            and 0 < i < len(blocks) - 1
            and bullets[i - 1]
            and bullets[i + 1]
            and blocks[i - 1].node_id == node_key == blocks[i + 1].node_id
        )
        # numbered items under a lead-in that ends with a colon are a run of bullets too
        # (`到2025年，主要目标如下：` then `1.森林覆盖率达到45%。`): their titles and paragraphs
        # take its year; a lead-in that ends its sentence (`到 2025 年，…新篇章。` before run-in
        # items, shanghai-14th-fyp-outline-partial.txt line 356) governs no items
        below = lead is not None and _below(node_key, header)
        in_run = lead is not None and ((bullet and lead[0] == node_key) or below)
        lead_year = lead[1] if lead is not None and in_run else None
        if not bullet and not below:
            lead = (node_key, own_lead) if own_lead is not None else None
            header = node_key if own_lead is not None and text.rstrip().endswith(":") else None
        hold = triggers(text, lex)
        if not hold.any():
            continue  # no number to read (`triggers.py`)
        if node_key not in review_cache:
            review_cache[node_key] = _is_review(node_key, index, leads, start, reviews)
            present_cache[node_key] = _is_present(node_key, index, presents)
        ctx = Context(
            start,
            end,
            review_cache[node_key],
            block.box is not None,
            lead_year,
            present_cache[node_key],
        )
        owner = block.entry_id or block.node_id or "preamble"
        node = block.entry_id or block.node_id
        _number(extract_block(doc, block, ctx, text, hold), owner, node, counters, out)
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


def _below(node_id: str | None, ancestor: str | None) -> bool:
    """Is `node_id` a node under `ancestor` (`chp_1__sec_1__item_2` under `chp_1__sec_1`)?"""
    return node_id is not None and ancestor is not None and node_id.startswith(ancestor + "__")


def _number(
    records: list[Quantity],
    owner: str,
    node_id: str | None,
    counters: dict[str, int],
    out: list[Quantity],
) -> None:
    """Give `records` their ids (`owner__q_N`, counted per owner) and node, and add them."""
    for q in records:
        n = counters.get(owner, 0) + 1
        counters[owner] = n
        q.id = f"{owner}__q_{n}"
        q.node_id = node_id
        out.append(q)


LINE = re.compile(r"[^\r\n]+")  # a line of a title wrapped over two


def title_blocks(
    doc: Document, nodes: list[OutlineNode], lex: Lexicon
) -> list[tuple[Block, str, Triggers]]:
    """The title of every numbered heading that holds something to read (`triggers.py`) as a
    block of its node, with its text and triggers, in document order: a title is read like a
    paragraph (`（三）新建改扩建幼儿园50所`, `①每个乡镇卫生院至少有1名全科医生；`), its records
    inside the title's span. A title wrapped over two lines is two segments."""
    from ...structure.passages import Block

    norm = doc.norm
    out: list[tuple[Block, str, Triggers]] = []
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        stack.extend(reversed(node.children))
        s, e = node.span
        if not node.marker or e <= s:
            continue
        if norm.find("\n", s, e) < 0 and norm.find("\r", s, e) < 0:
            segments = [(s, e)]  # a title on one line (most): the one piece LINE would find
            text = norm[s:e]
        else:
            segments = [(piece.start(), piece.end()) for piece in LINE.finditer(norm, s, e)]
            text = "".join([norm[a:b] for a, b in segments])
        if not segments:
            continue
        hold = triggers(text, lex)
        if hold.any():  # else no number to read: no block made
            out.append((Block(segments, doc.line_of(segments[0][0]), node.id), text, hold))
    out.sort(key=lambda title: title[0].start)
    return out


# A plan period written in the opening when the front matter found no title: `（2024—2026年）`
OPENING_PERIOD = re.compile(
    r"(?<!\d)(?P<a>(?:19|20)\d\d)[ ]*年?[ ]*(?:——|—|–|-|～|~|至)[ ]*(?P<b>(?:19|20)\d\d)[ ]*年"
)


def _plan_period(parsed: ParsedText) -> tuple[int, int]:
    """The plan's first and last year: from its title, else from a period written in the
    opening (`（2024—2026年）`, `2024-2026年`), else from the horizons its goals name
    (`years.horizon`: `力争到2027年` → 2027), else a 十四五 plan."""
    md = parsed.front.metadata
    if md.plan_period:
        return md.plan_period.start_year, md.plan_period.end_year
    m = OPENING_PERIOD.search(parsed.doc.norm[:600])
    if m and 0 <= int(m.group("b")) - int(m.group("a")) <= 15:
        return int(m.group("a")), int(m.group("b"))
    return horizon(parsed.doc.norm) or DEFAULT_PLAN


def extract_block(
    doc: Document,
    block: Block,
    ctx: Context,
    text: str | None = None,
    hold: Triggers | None = None,
) -> list[Quantity]:
    """The quantities of one paragraph; `text`, `hold`: its text and `triggers(text)`, when the
    caller has them."""
    if text is None:
        text = block.text(doc)
    lex = lexicon()
    # every number expression `_find_in_sentence` finds has a digit, 翻 (翻两番) or 分之, a
    # Chinese count (`lexicon.cn_number`, whose numeral and unit `cn_count` finds) or what
    # `counts.find_counts` needs: a paragraph with none of them is not read sentence by sentence
    if hold is None:
        hold = triggers(text, lex)
    if not hold.any():
        return []
    masked = masked_ranges(text)
    records: list[Quantity] = []
    carry: int | None = None  # the horizon an earlier sentence of the paragraph set (years.py)
    carried = ctx  # ctx with that horizon as its lead year (made once per horizon)
    for s0, s1 in _spans(SENTENCE_SPLIT, text):
        sentence = text[s0:s1]
        founds = _find_in_sentence(sentence, s0, masked, lex, hold)
        years = _year_mentions(sentence, s0, masked)
        if carry is not None and carry != carried.lead_year:
            carried = replace(ctx, lead_year=carry)
        sentence_ctx = carried if carry is not None else ctx
        carry = carried_year(sentence, s0, years, carry)
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
                sentence_ctx,
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
                and BARE_LEAD_IN.fullmatch(ITEM_SPLIT.split(text[prev_end : f.start])[-1])
            ):
                # 再培育100个以上示范企业,50个以上示范园区: a bare item shares the verb's change
                rec.change = previous.change
            if rec is not None:
                records.append(rec)
                previous = rec
                prev_end = f.end
    return records


BARE_LEAD_IN = re.compile(r"[ ]*")
ITEM_SPLIT = re.compile(r"[,;:、及和与]")  # the items between two values of a sentence
