"""Where a paragraph sits, read once per node: the review of the last period (by title or lead
sentence), the plan's area as it is (规划范围), each node's lead sentence, and the year a lead
sentence sets for the bullets after it. Reads the outline's nodes and blocks; `kind.py` and
`core.py` use it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .indicator import SENTENCE_SPLIT
from .lexicon import lexicon
from .years import first_lead_year, may_name_horizon

if TYPE_CHECKING:
    from ...read.normalize import Document
    from ...structure.outline import Block


def _lead_year(text: str) -> int | None:
    """The year a paragraph's last sentence (or a closing colon) sets for the bullets after it:
    `到2026年，我市人工智能产业总体水平处于全国前列，…。` then `——创新能力。打造…`;
    `2025 年的主要目标是：` then `——转型升级成效显著。…` (`years.lead_years`)."""
    body = text.rstrip()
    if not body or not may_name_horizon(body):
        return None
    # the last sentence: after the last 。!? before the body's last character (which may end it)
    start = 1 + max(body.rfind(end, 0, len(body) - 1) for end in "。!?")
    return first_lead_year(body[start:])


def _node_leads(
    doc: Document, blocks: list[Block], texts: list[str] | None = None
) -> dict[str | None, str]:
    """Each node's lead: the first sentence of its first paragraph. `texts`: the text of each
    block, when the caller has them."""
    leads: dict[str | None, str] = {}
    for i, block in enumerate(blocks):
        if block.entry_id is None and block.node_id not in leads:
            text = texts[i] if texts is not None else block.text(doc)
            leads[block.node_id] = SENTENCE_SPLIT.split(text, maxsplit=1)[0]
    return leads


CN_ORDINAL = {11: "十一", 12: "十二", 13: "十三", 14: "十四", 15: "十五", 16: "十六"}


@lru_cache(maxsize=16)
def _previous_period(plan_start: int) -> str | None:
    """The five-year plan before the plan's start (a plan from 2021 reviews 十三五, 2016-2020)."""
    n = (plan_start - 1 - 1951) // 5  # the 14th runs 2021-2025: 1951 + 5 * 14 = 2021
    return f"{CN_ORDINAL[n]}五" if n in CN_ORDINAL else None


def _cues(words: Iterable[str], previous: str | None) -> list[str]:
    """Cue words with `{previous}` read as the previous plan's name (none if unknown)."""
    if previous is None:
        return [w for w in words if "{previous}" not in w]
    return [w.replace("{previous}", previous) for w in words]


@lru_cache(maxsize=16)
def _cue_finder(words: tuple[str, ...], previous: str | None) -> Callable[[str], bool]:
    """Does a text hold one of the cue words (`_cues`)? One search, not one per word."""
    cues = _cues(words, previous)
    if not cues:
        return lambda text: False
    pattern = re.compile("|".join(map(re.escape, cues)))
    return lambda text: pattern.search(text) is not None


def _is_review(
    node_id: str | None,
    index: dict[str, Any],
    leads: dict[str | None, str],
    plan_start: int,
    memo: dict[str, bool] | None = None,
) -> bool:
    """Is the node (or a node above it) the review of the last period? Its title says so
    (十三五, 发展成就, 回顾, 现状…), or its lead sentence does (`“十三五”期间是…`, `过去五年`)
    without naming a year of the plan. `memo`: the answers so far, by node (`_up`)."""
    title_cue, lead_cue = _review_cues(plan_start)

    def own(node_id: str) -> bool:
        node = index.get(node_id)
        if node is not None and title_cue(node.title):
            return True
        lead = leads.get(node_id, "")
        return lead_cue(lead) and not any(
            int(y) >= plan_start for y in re.findall(r"(?:19|20)\d\d(?=[ ]*年)", lead)
        )

    return _up(node_id, own, {} if memo is None else memo)


@lru_cache(maxsize=16)
def _review_cues(plan_start: int) -> tuple[Callable[[str], bool], Callable[[str], bool]]:
    """The title and lead-sentence cues of a review, for a plan starting in `plan_start`."""
    data = lexicon().words
    previous = _previous_period(plan_start)
    return (
        _cue_finder(tuple(data.baseline_title_cues), previous),
        _cue_finder(tuple(data.review_lead_cues), previous),
    )


def _is_present(
    node_id: str | None, index: dict[str, Any], memo: dict[str, bool] | None = None
) -> bool:
    """Does the node (or one above it) describe the plan's area as it is, not as it will be
    (`规划范围`: `本规划范围为北京市行政辖区，总面积为 16410 平方公里`)?"""
    cues = lexicon().words.present_title_cues

    def own(node_id: str) -> bool:
        node = index.get(node_id)
        return node is not None and any(c in node.title for c in cues)

    return _up(node_id, own, {} if memo is None else memo)


def _up(node_id: str | None, own: Callable[[str], bool], memo: dict[str, bool]) -> bool:
    """Does `own` hold for the node or one above it (`a__b__c`, `a__b`, `a`)? The answer is
    kept in `memo` for each node asked, so a node's ancestors are read once per `memo`."""
    path: list[str] = []
    found = False
    while node_id:
        if node_id in memo:
            found = memo[node_id]
            break
        path.append(node_id)
        if own(node_id):
            found = True
            break
        node_id = node_id.rsplit("__", 1)[0] if "__" in node_id else None
    for seen in path:
        memo[seen] = found
    return found
