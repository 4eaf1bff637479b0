"""The quantities lexicon: `lexicon/quantities.yaml` compiled into the patterns the finders use."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from ...models import Comparator

if TYPE_CHECKING:
    pass


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
