"""Target, baseline or standard, and a value's year context (`Context`: the review of the last
period, a lead sentence's year over the bullets after it, from `sections.py`), and changes."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from ...models import QuantityKind
from .indicator import _clause_bounds
from .lexicon import Lexicon, lexicon
from .numbers import Found
from .sections import _cues, _previous_period


@dataclass
class Context:
    """What a block's place in the document says about its figures."""

    plan_start: int
    plan_end: int
    review: bool  # in a 十三五 review section: figures are baselines
    in_box: bool
    lead_year: int | None = None  # `到2026年，…` before a list of `——` bullets: their stated year
    present: bool = False  # in a node that describes the plan's area as it is (规划范围)


# `——创新能力。…`: a dash bullet that spells out a clause of the lead sentence before it;
# `--人工智能产业…`: the same with two ASCII hyphens (national-2017-new-generation-ai-plan.txt)
BULLET = re.compile(r"^[ \u3000]*(?:——|—|─|--|·|•|●|▪)")


# the wording of a norm (不低于N), not of a goal to reach (达到N以上)
NORM_WORD = re.compile(r"(?:不低于|不少于|不超过|不高于|不大于|不小于|不得低于|不得超过)$")


# 不低于绩效工资总量的 (before N%): a norm word, then the total the share is of
SHARE_NORM = re.compile(
    r"""(?:不低于|不少于|不超过|不高于|不得低于|不得超过)   # the norm word
        [^\d,;。]{0,10}(?:总量|总额|总数|总和|总收入|总支出)的[ ]*$  # 绩效工资总量的""",
    re.VERBOSE,
)


CHANGE = re.compile(
    r"""(?:
        (?P<dec>降低|下降|减少|缩小|缩减|缩短|压缩|压减|削减|减排)  # 降低35%, 缩短30%
      | (?P<inc>增长|提高|提升|增加|扩大|上升|增速       # 年均增长10%, 提高5个百分点
        |再[\u4e00-\u9fff]{2}                           # 再培育100个: more on top of today's
        |新(?:增|引育|引进|培育|招引))                   # 新引育90名: newcomers, not the stock
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


def _year_before(years: list[tuple[int, int]], pos: int, since: int = 0) -> int | None:
    """The last year named in `years` (sorted by offset) at or after `since` and before `pos`."""
    k = bisect.bisect_left(years, (pos,)) - 1
    return years[k][1] if k >= 0 and years[k][0] >= since else None


@dataclass(frozen=True)
class SentenceFacts:
    baseline: bool  # a baseline cue (`“十三五”期间`, `截至`) anywhere in the sentence
    target_year: bool  # 到2025年


@lru_cache(maxsize=256)
def _sentence_facts(sentence: str, previous: str | None) -> SentenceFacts:
    """What the kind rules ask of a sentence, once per sentence rather than once per number."""
    cues = _cues(lexicon().words.baseline_sentence_cues, previous)
    return SentenceFacts(any(c in sentence for c in cues), TARGET_YEAR.search(sentence) is not None)


TARGET_YEAR = re.compile(r"到\d{4}年")
CLAUSE_NOW = re.compile(r"^(?:目前|现有|已有)")  # a clause that reports what is
EVERY_N_YEARS = re.compile(r"每\d+年")  # 每3年: a norm's cycle


@dataclass(frozen=True)
class ClauseFacts:
    baseline: bool  # starts with 目前/现有/已有
    standard: bool  # a standard cue or 每n年
    scope_end: float  # where the first per-person scope word (`每位学生`…) ends; inf: none
    per_area_end: float  # where the first per-area or per-capita cue (`每万人口`…) ends


@lru_cache(maxsize=256)
def _clause_facts(text: str, c0: int, c1: int) -> ClauseFacts:
    """What the kind rules ask of a clause, once per clause rather than once per number in it."""
    lex = lexicon()
    clause = text[c0:c1]
    ends = [i + len(c) for c in lex.words.standard_scopes if (i := clause.find(c)) >= 0]
    area = lex.per_area.search(clause)
    return ClauseFacts(
        CLAUSE_NOW.match(clause.strip()) is not None,
        lex.standard_cue.search(clause) is not None or EVERY_N_YEARS.search(clause) is not None,
        c0 + min(ends) if ends else float("inf"),
        c0 + area.end() if area else float("inf"),
    )


class KindFacts:
    """What the kind rules read about one number: its sentence, clause and surroundings (the
    facts of a sentence or a clause are computed once for all its numbers, and once for all
    the rules that read them: a plain class with slots, the rules run for every number)."""

    __slots__ = (
        "_clause",
        "_whole",
        "after",
        "before",
        "bound",
        "c0",
        "c1",
        "ctx",
        "f",
        "lex",
        "near",
        "next_chars",
        "sentence",
        "text",
    )

    def __init__(
        self,
        text: str,  # the block
        sentence: str,
        c0: int,  # the clause holding the number
        c1: int,
        before: str,  # the list item up to the number
        after: str,  # the list item after the number
        f: Found,
        ctx: Context,
        lex: Lexicon,
    ) -> None:
        self.text, self.sentence, self.c0, self.c1 = text, sentence, c0, c1
        self.before, self.after, self.f, self.ctx, self.lex = before, after, f, ctx, lex
        self.next_chars = text[f.end : f.end + 3]
        self.near = text[max(c0, f.start - 12) : f.start].rstrip()  # the clause's last 12 before
        self.bound = f.comparator in ("ge", "gt", "le", "lt")
        self._clause: ClauseFacts | None = None
        self._whole: SentenceFacts | None = None

    @property
    def governed(self) -> bool:
        """Does a horizon govern the number: `到2025年` in its sentence, or one an earlier
        sentence or a lead-in carries (`years.py`)?"""
        return self.whole.target_year or self.ctx.lead_year is not None

    @property
    def clause(self) -> ClauseFacts:
        if self._clause is None:
            self._clause = _clause_facts(self.text, self.c0, self.c1)
        return self._clause

    @property
    def whole(self) -> SentenceFacts:
        if self._whole is None:
            self._whole = _sentence_facts(self.sentence, _previous_period(self.ctx.plan_start))
        return self._whole


@dataclass(frozen=True)
class KindRule:
    """One row of KIND_RULES: a name (the shape it serves), the kind it gives, its test, and
    what the test cannot hold without (`NEEDS`): a rule whose need a number lacks is not run."""

    name: str
    kind: QuantityKind
    test: Callable[[KindFacts], bool]
    needs: str = ""


# what a rule's test cannot hold without: extras marked by a finder (age_group, money_class,
# ratio, per_one), a bound comparator (ge, gt, le, lt), the plan's area or the last period's
# review (outside a box)
NEEDS = ("extras", "bound", "present", "review")


# the patterns the rules read around a number (compiled once: the rules run for every number)
HAN = re.compile(r"[\u4e00-\u9fff]")  # a Chinese character: a noun follows (56人以上大班额)
HAN_AFTER_DE = re.compile(r"的?[\u4e00-\u9fff]")  # 100万以上的城市
GOAL = re.compile(r"的?(?:目标|要求)")  # 50%以上的目标: a goal, not a class
PEOPLE_END = re.compile(r"(?:人口|人数)$")  # 城区常住人口100万以上
ELAPSED = re.compile(r"(?:经过|历经)[ ]*$")  # 经过60多年的演进
STANDARD_NEXT = re.compile(r"^的?(?:标准|要求)")  # 400元的标准
OPEN_PAREN = re.compile(r"\($")  # 基准定额(3000—5000元/年)
FRAME_OPEN = re.compile(r"以[ ]*$")  # 以 5 类…为基础


def _group_size(x: KindFacts) -> bool:
    unit = x.f.unit
    return unit is not None and (
        unit.lstrip("万亿千") in x.lex.threshold_units
        or (unit in ("万", "亿") and PEOPLE_END.search(x.near) is not None)
    )


# Ordered: the first rule whose test holds gives the kind; none holding gives a target.
KIND_RULES: list[KindRule] = [
    # 对65岁以上老年人每年开展1次健康体检, 0—3岁婴幼儿: an age bounding a group (counts.age_groups)
    KindRule(
        "age bound of a group",
        "standard",
        lambda x: bool(x.f.extras.get("age_group")),
        needs="extras",
    ),
    # 实施亿元以上项目200个: a money bound naming a class of counted things (counts.money_classes)
    KindRule(
        "money bound of a counted class",
        "standard",
        lambda x: bool(x.f.extras.get("money_class")),
        needs="extras",
    ),
    # thresholds that define a group: 56人以上大班额, 20万人口以上的县
    KindRule(
        "people threshold before a noun",
        "standard",
        lambda x: (
            x.f.unit in x.lex.threshold_units
            and x.bound
            and HAN.match(x.next_chars[:2]) is not None
            and not GOAL.match(x.next_chars[:2])
        ),
        needs="bound",
    ),
    KindRule("ratio (1:20)", "standard", lambda x: bool(x.f.extras.get("ratio")), needs="extras"),
    # 1名乡村首席教师协同指导10名乡村骨干教师, 每5所幼儿园配备1名责任督学 (counts.per_one_ratios)
    KindRule(
        "per-one ratio", "standard", lambda x: bool(x.f.extras.get("per_one")), needs="extras"
    ),
    # 奖励性绩效占比不低于绩效工资总量的70%: a bound on a share of a named total is a norm
    KindRule(
        "bounded share of a named total",
        "standard",
        lambda x: (
            x.f.unit in x.lex.rate_units
            and SHARE_NORM.search(x.near) is not None
            and not x.whole.target_year
        ),
    ),
    # 百万吨以上智能化乙烯成套装备, 30万千瓦以上机组: a size bound that opens its item and names
    # a class of things, not an amount to reach
    KindRule(
        "size class before a noun",
        "standard",
        lambda x: (
            x.bound
            and x.f.unit is not None
            and x.f.unit.lstrip("万亿千") in x.lex.size_units
            and not x.before.strip()
            and x.f.end > x.f.num_end  # the comparator follows the number: 以上, 以下
            and HAN.match(x.next_chars[:1]) is not None
            and not GOAL.match(x.next_chars)
        ),
        needs="bound",
    ),
    KindRule("unit of a norm (50年一遇)", "standard", lambda x: x.f.unit in x.lex.standard_units),
    # 城区常住人口100万以上的城市
    KindRule(
        "group-size threshold",
        "standard",
        lambda x: (
            x.bound
            and _group_size(x)
            and HAN_AFTER_DE.match(x.next_chars[:2]) is not None
            and not GOAL.match(x.next_chars)
        ),
        needs="bound",
    ),
    # 每万人口拥有体育场地面积不低于2.6平方米
    KindRule(
        "per-area or per-capita norm",
        "standard",
        lambda x: (
            x.clause.per_area_end <= x.f.start
            and NORM_WORD.search(x.near) is not None
            and not x.governed
        ),
    ),
    # 主营业务收入超10亿元的供应商
    KindRule(
        "money or people threshold before 的",
        "standard",
        lambda x: (
            x.bound
            and x.next_chars[:1] == "的"
            and x.f.unit is not None
            and x.f.unit.lstrip("万亿千") in x.lex.threshold_money_people
        ),
        needs="bound",
    ),
    # 本规划范围为北京市行政辖区，总面积为 16410 平方公里 (under 规划范围)
    KindRule(
        "the plan's area as it is",
        "baseline",
        lambda x: x.ctx.present and not x.ctx.in_box,
        needs="present",
    ),
    # 依托北京 200 万亩耕地保护空间, 针对 18 个二级生态修复分区的特点, 以 5 类…为基础: what the
    # plan starts from, not what it aims at
    KindRule("premise of the plan", "baseline", lambda x: _premise(x)),
    # 细化为 18 个二级生态修复分区, 划定 5 个一级生态修复分区: the plan's own typology or zoning
    KindRule(
        "classification of the plan",
        "baseline",
        lambda x: (
            bool(x.f.extras.get("classified"))
            or (x.lex.classification.search(x.near) is not None and not x.whole.target_year)
        ),
    ),
    # 经过60多年的演进: time already elapsed
    KindRule(
        "time elapsed",
        "baseline",
        lambda x: x.f.unit == "年" and ELAPSED.search(x.near) is not None,
    ),
    KindRule(
        "review of the last period",
        "baseline",
        lambda x: x.ctx.review and not x.ctx.in_box,
        needs="review",
    ),
    KindRule(
        "sentence reports the past or present",
        "baseline",
        lambda x: x.whole.baseline or x.clause.baseline,
    ),
    # 每位学生在校期间掌握1—2项
    KindRule(
        "per-person scope",
        "standard",
        lambda x: x.clause.scope_end <= x.f.start and not x.whole.target_year,
    ),
    KindRule(
        "standard cue in the clause (的标准, 生均, 每3年)", "standard", lambda x: x.clause.standard
    ),
    KindRule(
        "的标准 after, or the number in parentheses",
        "standard",
        lambda x: (
            STANDARD_NEXT.search(x.after) is not None
            or OPEN_PAREN.search(x.before.rstrip()) is not None
        ),
    ),
]


def _premise(x: KindFacts) -> bool:
    """A figure governed by a verb of reliance (`依托`, `结合`, `针对` … and up to four words of
    place before the number), or framed `以 N … 为基础`."""
    if x.lex.premise.search(x.near):
        return True
    return FRAME_OPEN.search(x.near) is not None and bool(
        x.lex.premise_frame.match(x.text, x.f.end, x.c1)
    )


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
    clause: tuple[int, int] | None = None,
) -> QuantityKind:
    """`clause`: the bounds of the clause holding `f` when the caller has them."""
    if f.from_value is not None:  # 从A增加到B: its end year says past or plan
        return "baseline" if (f.year or 0) < ctx.plan_start else "target"
    clause0, clause1 = clause or _clause_bounds(text, s0, s0 + len(sentence), f.start)
    facts = KindFacts(text, sentence, clause0, clause1, before, after, f, ctx, lex)
    box = ctx.in_box
    for rule in _rules_for(
        bool(f.extras), facts.bound, ctx.present and not box, ctx.review and not box
    ):
        if rule.test(facts):
            return rule.kind
    return "target"


@cache
def _rules_for(extras: bool, bound: bool, present: bool, review: bool) -> tuple[KindRule, ...]:
    """KIND_RULES, in order, without those whose need (`NEEDS`) a number lacks."""
    held = {"": True, "extras": extras, "bound": bound, "present": present, "review": review}
    return tuple(rule for rule in KIND_RULES if held[rule.needs])
