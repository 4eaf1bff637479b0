"""Target, baseline or standard, and a value's year context: the review of the last period (by
title or lead sentence), a lead sentence's year over the bullets after it, and changes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ...models import QuantityKind
from .indicator import SENTENCE_SPLIT, _clause_bounds
from .lexicon import Lexicon, lexicon
from .numbers import Found

if TYPE_CHECKING:
    from ...read.normalize import Document
    from ...structure.outline import Block


@dataclass
class Context:
    """What a block's place in the document says about its figures."""

    plan_start: int
    plan_end: int
    review: bool  # in a 十三五 review section: figures are baselines
    in_box: bool
    lead_year: int | None = None  # `到2026年，…` before a list of `——` bullets: their stated year


# `——创新能力。…`: a dash bullet that spells out a clause of the lead sentence before it
BULLET = re.compile(r"^[ \u3000]*(?:——|—|─|·|•|●|▪)")


# the lead sentence's horizon: `到2026年，` / `至 2025 年,`
LEAD_YEAR = re.compile(r"(?:到|至)[ ]*(?P<y>(?:19|20)\d\d)[ ]*年(?:底|末)?")


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


# the wording of a norm (不低于N), not of a goal to reach (达到N以上)
NORM_WORD = re.compile(r"(?:不低于|不少于|不超过|不高于|不大于|不小于|不得低于|不得超过)$")


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
