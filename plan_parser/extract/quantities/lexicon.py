"""The quantities lexicon: `lexicon/quantities.yaml`, validated by `QuantityLexicon` through the
one loader (`lang.lexicon.load_lexicon`), compiled into the patterns the finders use."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict

from ...lang.lexicon import Regexes, Words, load_lexicon
from ...models import Comparator


class Comparators(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    before: dict[Comparator, Words]  # 不低于5名
    after: dict[Comparator, Words]  # 93%以上
    inner: dict[Comparator, Words]  # between the number and the unit: 600多所, 40余家


class QuantityLexicon(BaseModel):
    """`lexicon/quantities.yaml` (see `lexicon/README.md` for who reads each key)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    units: dict[str, Words]
    multipliers: Words
    chinese_count_units: Words
    chinese_count_context: Words
    magnitude_count_units: Words
    comparators: Comparators
    predicate_verbs: Words
    count_noun_stops: Words
    noun_tail_verbs: Words
    attribute_nouns: Words
    subject_end_verbs: Words
    ratio_verbs: Words
    indicator_prefixes: Words
    indicator_lead_verbs: Words
    indicator_suffixes: Words
    scopes: Words
    periods: Words
    baseline_title_cues: Words
    review_lead_cues: Words
    baseline_sentence_cues: Words
    lead_years: Regexes
    present_title_cues: Words
    premise_verbs: Words
    premise_frames: Words
    classification_verbs: Words
    standard_cues: Words
    standard_scopes: Words
    standard_units: Words
    per_area_cues: Words
    threshold_units: Words
    age_units: Words
    age_groups: Words
    rate_denominators: Words
    not_quantities: Regexes
    from_markers: Words
    change_verbs: Words
    only_verbs: Words
    leading_verbs: Words
    trailing_verbs: Words
    total_cues: Words
    table_comparators: dict[str, Comparator]


def in_order(words: Iterable[str]) -> str:
    """Regex alternation in the order written (the first alternative that matches wins)."""
    return "|".join(re.escape(w) for w in words)


def _alt(words: Iterable[str]) -> str:
    """Regex alternation, longest first so 及以上 wins over 以上."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _longest_first(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Lexicon:
    words: QuantityLexicon
    number: re.Pattern[str]
    cn_number: re.Pattern[str]
    cn_count: re.Pattern[str]  # a numeral and its unit: in every cn_number match, cheaper to find
    not_quantity: re.Pattern[str]
    comparator_before: list[tuple[str, Comparator]]
    any_comparator_before: re.Pattern[str]  # one of them anywhere: most windows hold none
    comparator_words: tuple[str, ...]  # the words of comparator_before (str.endswith takes it)
    comparator_after: re.Pattern[str]
    after_kind: dict[str, Comparator]
    predicate: re.Pattern[str]
    prefixes: tuple[str, ...]  # longest first (a tuple: str.startswith and endswith take it)
    lead_verbs: tuple[str, ...]
    suffixes: tuple[str, ...]
    scopes: tuple[str, ...]
    periods: tuple[str, ...]
    rate_units: frozenset[str]
    count_stops: list[str]
    any_count_stop: re.Pattern[str]  # one of them anywhere: most nouns after a count hold none
    threshold_units: frozenset[str]
    standard_cue: re.Pattern[str]
    unit: re.Pattern[str]
    standard_units: frozenset[str]
    per_area: re.Pattern[str]
    size_units: frozenset[str]  # area and technical units: sizes that can name a class
    countable_units: frozenset[str]
    noun_tail_verbs: frozenset[str]
    threshold_money_people: frozenset[str]
    inner_kind: dict[str, Comparator]
    change_verbs: str  # an alternation, in the order written
    from_markers: str  # an alternation, longest first
    only_verb: re.Pattern[str]
    leading_verbs: re.Pattern[str]
    trailing_verbs: re.Pattern[str]
    total_cue: re.Pattern[str]
    ratio_verb: re.Pattern[str]  # the relation between the sides of a per-one ratio
    subject_end: re.Pattern[str]  # the first verb of a clause, where its subject ends
    premise: re.Pattern[str]  # a verb of reliance just before a number (`依托北京 `)
    premise_frame: re.Pattern[str]  # `以 N …为基础`: matched after the number
    classification: re.Pattern[str]  # a verb of classification just before a number


@cache
def lexicon() -> Lexicon:
    q = load_lexicon("quantities.yaml", QuantityLexicon)
    data: dict[str, Any] = dict(q)  # field -> value, the words as validated
    data["comparators"] = dict(q.comparators)
    units = [u for group in data["units"].values() for u in group]
    units.append("个月")
    unit_alt = _alt(units)
    mult = _alt(data["multipliers"])
    inner_kind = {word: kind for kind, words in q.comparators.inner.items() for word in words}
    inner = _alt(inner_kind)
    number = re.compile(
        rf"""
        (?P<num>\d(?<![\d.A-Za-z]\d)\d*(?:\.\d+)?)  # not after another number or a code
        (?:[ ]*(?P<sep>——|—|–|-|～|~|至|到)[ ]*    # a range: 3—5, 2至3
           (?P<num2>\d+(?:\.\d+)?))?
        [ ]*(?P<inner>{inner})?                   # 600多所, 40余家
        [ ]*(?P<mult>{mult})?                     # 万 / 亿 kept with the unit
        (?P<unit>{unit_alt})?
        """,
        re.VERBOSE,
    )
    cn_units = _alt(data["chinese_count_units"])
    cn_context = _alt(data["chinese_count_context"])
    cn_digit = "[一二两三四五六七八九十百千万]"
    cn_number = re.compile(rf"(?:{cn_context})(?P<cn>{cn_digit}{{1,4}})(?P<unit>{cn_units})")
    before: list[tuple[str, Comparator]] = []
    for kind, words in data["comparators"]["before"].items():
        before.extend((w, kind) for w in words)
    before.sort(key=lambda p: -len(p[0]))
    after_kind: dict[str, Comparator] = {}
    for kind, words in data["comparators"]["after"].items():
        for w in words:
            after_kind[w] = kind
    return Lexicon(
        words=q,
        number=number,
        cn_number=cn_number,
        cn_count=re.compile(rf"{cn_digit}(?:{cn_units})"),
        not_quantity=re.compile("|".join(p.pattern for p in q.not_quantities)),
        comparator_before=before,
        any_comparator_before=re.compile(_alt(w for w, _ in before)),
        comparator_words=tuple(w for w, _ in before),
        comparator_after=re.compile(rf"[ ]*(?P<w>{_alt(after_kind)})"),
        after_kind=after_kind,
        predicate=re.compile(rf"(?P<verb>{_alt(data['predicate_verbs'])})$"),
        prefixes=_longest_first(data["indicator_prefixes"]),
        lead_verbs=_longest_first(data["indicator_lead_verbs"]),
        suffixes=_longest_first(data["indicator_suffixes"]),
        scopes=_longest_first(data["scopes"]),
        periods=_longest_first(data["periods"]),
        rate_units=frozenset(data["units"]["rate"]),
        count_stops=sorted(data["count_noun_stops"], key=len, reverse=True),
        any_count_stop=re.compile(_alt(data["count_noun_stops"])),
        threshold_units=frozenset(data["threshold_units"]),
        standard_cue=re.compile(_alt(data["standard_cues"])),
        unit=re.compile(rf"[ ]*(?P<unit>{unit_alt})"),
        standard_units=frozenset(data["standard_units"]),
        per_area=re.compile(_alt(data["per_area_cues"])),
        size_units=frozenset([*data["units"]["area"], *data["units"]["technical"], "吨"]),
        countable_units=frozenset(data["units"]["count"] + data["units"]["people"]),
        noun_tail_verbs=frozenset(data["noun_tail_verbs"]),
        threshold_money_people=frozenset(data["units"]["money"] + data["units"]["people"]),
        inner_kind=inner_kind,
        change_verbs=in_order(q.change_verbs),
        from_markers=_alt(q.from_markers),
        only_verb=re.compile(rf"(?:{in_order(q.only_verbs)})?"),
        leading_verbs=re.compile(rf"^(?:{in_order(q.leading_verbs)})(?=[\u4e00-\u9fff“]{{2}})"),
        trailing_verbs=re.compile(rf"(?:{in_order(q.trailing_verbs)})$"),
        total_cue=re.compile(in_order(q.total_cues)),
        ratio_verb=re.compile(_alt(q.ratio_verbs)),
        subject_end=re.compile(_alt(list(q.subject_end_verbs) + list(q.predicate_verbs))),
        premise=re.compile(rf"(?:{_alt(q.premise_verbs)})[^\d,;:。的]{{0,4}}$"),
        premise_frame=re.compile(rf"[^,;。]*?为(?:{_alt(q.premise_frames)})"),
        classification=re.compile(rf"(?:{_alt(q.classification_verbs)})[ ]*$"),
    )
