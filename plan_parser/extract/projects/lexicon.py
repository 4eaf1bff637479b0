"""The projects lexicon: `lexicon/projects.yaml` validated (`ProjectLexicon`) and compiled into
`Patterns`, once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

import yaml
from pydantic import BaseModel, ConfigDict, field_validator, model_validator

from ...lang.alternation import by_first_character
from ...lang.segment import domain_dictionary_path

if TYPE_CHECKING:
    pass


OPENERS = "“‘(《[【「"


CLOSERS = "”’)》]】」"


CLAUSE_END = frozenset(",。;:!?")
BRACKETS = re.compile("[" + re.escape(OPENERS + CLOSERS) + "]")
CLAUSE_TEXT = re.compile("[^" + re.escape("".join(sorted(CLAUSE_END))) + "]+")
SEPARATOR = re.compile("[" + re.escape("".join(sorted(CLAUSE_END))) + "]")
# an opener followed, before any bracket closes, by another opener or a clause separator: a
# text without one never nests brackets and holds no separator inside them (most paragraphs:
# `(2021—2025年)`, `“双减”`), so its clauses are its runs between separators as written
NESTED_OR_SPLIT = re.compile(
    "[" + re.escape(OPENERS) + "][^" + re.escape(OPENERS + CLOSERS) + "]*"
    "[" + re.escape(OPENERS + "".join(sorted(CLAUSE_END))) + "]"
)


LIST_BREAKS = frozenset({"、", " ", "□"})  # □ masks the inside of 《…》


MASK = "□"


class _Lexeme(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ActionWords(_Lexeme):
    action: str = ""
    words: list[str]
    weak: bool = False


class FacilityWords(_Lexeme):
    facility: str = ""
    words: list[str]
    building: bool = False


class ProjectLexicon(_Lexeme):
    """`lexicon/projects.yaml`, validated: no empty or repeated words, patterns that compile,
    and every word that ends a name known to the domain dictionary."""

    program_suffixes: list[str]
    suffix_breakers: dict[str, list[str]]
    governing_verbs: list[str]
    function_words: list[str]
    conjunctions: list[str]
    generic_predicates: list[str]
    generic_quantifiers: list[str]
    counts: str
    generic_cores: list[str]
    generic_core_endings: list[str]
    min_core_chars: int
    short_names: list[str]
    term_names: list[str]
    work_heads: list[str]
    quoted_work_words: list[str]
    platform_suffixes: list[str]
    platform_verbs: list[str]
    platform_generic_endings: list[str]
    platform_generic_starts: list[str]
    platform_min_qualifier: int
    platform_min_unscoped: int
    platform_scopes: list[str]
    platform_not_after: list[str]
    platform_kinds: list[str]
    key_synonyms: dict[str, str]
    key_drop: list[str]
    actions: list[ActionWords]
    completion_verbs: list[str]
    lead_words: list[str]
    facilities: list[FacilityWords]
    works: list[FacilityWords]
    works_leads: list[str]
    upgrade_leads: list[str]
    actor_leads: list[str]
    works_generic_qualifiers: list[str]
    feature_heads: list[str]
    works_categories: list[FacilityWords]
    category_verbs: list[str]
    linear_works: list[FacilityWords]
    linear_verbs: list[str]
    water_heads: list[str]
    phase: str
    facility_heads: list[str]
    own_level_labels: list[str]
    own_prefix: str
    review_headings: list[str]

    @field_validator(
        "program_suffixes",
        "governing_verbs",
        "function_words",
        "conjunctions",
        "generic_predicates",
        "generic_quantifiers",
        "generic_cores",
        "generic_core_endings",
        "term_names",
        "short_names",
        "works_leads",
        "platform_suffixes",
        "platform_verbs",
        "platform_generic_endings",
        "platform_generic_starts",
        "platform_not_after",
        "platform_kinds",
        "platform_scopes",
        "upgrade_leads",
        "actor_leads",
        "works_generic_qualifiers",
        "feature_heads",
        "category_verbs",
        "linear_verbs",
        "water_heads",
        "work_heads",
        "quoted_work_words",
        "completion_verbs",
        "lead_words",
        "own_level_labels",
    )
    @classmethod
    def _words(cls, words: list[str]) -> list[str]:
        check_words(words)
        return words

    @field_validator("key_drop", "review_headings", "facility_heads")
    @classmethod
    def _patterns(cls, patterns: list[str]) -> list[str]:
        check_words(patterns)
        for p in patterns:
            check_pattern(p)
        return patterns

    @field_validator("counts", "own_prefix", "phase")
    @classmethod
    def _pattern(cls, pattern: str) -> str:
        check_pattern(pattern)
        return pattern

    @model_validator(mode="after")
    def _consistent(self) -> ProjectLexicon:
        unknown = set(self.suffix_breakers) - set(self.program_suffixes)
        unknown |= set(self.platform_suffixes) - set(self.program_suffixes)
        if unknown:
            raise ValueError(f"suffix_breakers for unknown suffixes: {sorted(unknown)}")
        for breakers in self.suffix_breakers.values():
            check_words(breakers)
        entries = [f.words for f in self.facilities + self.works]
        entries += [f.words for f in self.works_categories + self.linear_works]
        for words in [a.words for a in self.actions] + entries:
            check_words(words)
            for w in words:
                check_pattern(w)
        if not all(a.action for a in self.actions) or not all(f.facility for f in self.facilities):
            raise ValueError("an action or facility entry without its name")
        return self


def check_words(words: list[str]) -> None:
    if not words:
        raise ValueError("empty word list")
    if any(not w.strip() for w in words):
        raise ValueError("blank word in list")
    repeated = sorted({w for w in words if words.count(w) > 1})
    if repeated:
        raise ValueError(f"repeated words: {repeated}")


def check_pattern(pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"bad pattern {pattern!r}: {exc}") from None


def alternation(words: list[str]) -> str:
    """A regex alternation, longest first (`by_first_character`)."""
    return by_first_character(sorted(words, key=len, reverse=True))


# `[一二三]+中`: a class repeated, then literal characters
_CLASS_LED = re.compile(r"\[(?P<chars>[^\]\\^-]+)\]\+(?P<rest>[^\\|()\[\]{}*+?.^$]*)")


def literal_led(alternative: str) -> list[str]:
    """`[一二三]+中` written as `一[一二三]*中`, `二[一二三]*中`, `三[一二三]*中`: the same
    matches in the same order, but each alternative starts with a literal, so that `re` skips
    the positions whose character starts none (it scans by first characters only when every
    alternative of an alternation starts with one). Other alternatives are returned as they
    are."""
    m = _CLASS_LED.fullmatch(alternative)
    if m is None:
        return [alternative]
    chars, rest = m.group("chars"), m.group("rest")
    return [f"{re.escape(c)}[{chars}]*{rest}" for c in chars]


@dataclass(frozen=True)
class WordSets:
    """Word lists of the lexicon in the shape their tests take: tuples for `startswith` /
    `endswith`, sets for membership, one pattern for "any of them inside" (words escaped)."""

    quantifiers: tuple[str, ...]
    quantifier_text: re.Pattern[str]
    predicates: tuple[str, ...]
    generic_cores: frozenset[str]
    short_names: frozenset[str]
    term_names: tuple[str, ...]
    core_endings: tuple[str, ...]
    work_heads: tuple[str, ...]
    quoted_work_ends: tuple[str, ...]  # ”专项: a quoted name and a quoted-work word
    program_suffixes: tuple[str, ...]
    platform_scopes: tuple[str, ...]
    platform_kind_text: re.Pattern[str]  # a kind of platform or a generic quantifier
    conjunctions: tuple[str, ...]  # longest first


def word_sets(lex: ProjectLexicon) -> WordSets:
    def inside(words: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))

    return WordSets(
        quantifiers=tuple(lex.generic_quantifiers),
        quantifier_text=inside(lex.generic_quantifiers),
        predicates=tuple(lex.generic_predicates),
        generic_cores=frozenset(lex.generic_cores),
        short_names=frozenset(lex.short_names),
        term_names=tuple(lex.term_names),
        core_endings=tuple(lex.generic_core_endings),
        work_heads=tuple(lex.work_heads),
        quoted_work_ends=tuple("”" + w for w in lex.quoted_work_words),
        program_suffixes=tuple(lex.program_suffixes),
        platform_scopes=tuple(lex.platform_scopes),
        platform_kind_text=inside(lex.platform_kinds + lex.generic_quantifiers),
        conjunctions=tuple(sorted(lex.conjunctions, key=len, reverse=True)),
    )


@dataclass(frozen=True)
class Patterns:
    """The lexicon, compiled once."""

    lex: ProjectLexicon
    suffix: re.Pattern[str]
    breakers: dict[str, tuple[str, ...]]
    verbs: frozenset[str]
    function_words: frozenset[str]
    conjunctions: frozenset[str]
    verb_text: re.Pattern[str]  # a governing verb anywhere, to skip cutting runs without one
    stop_text: re.Pattern[str]  # the same for a verb, function word or conjunction
    words: WordSets
    counts: re.Pattern[str]
    counts_at_end: re.Pattern[str]  # a count that ends the text before a name
    book_program: re.Pattern[str]
    year_range: re.Pattern[str]
    alias: re.Pattern[str]
    action: re.Pattern[str]
    action_of: dict[str, ActionWords]
    strong_prefix: re.Pattern[str]
    completion: re.Pattern[str]
    lead: re.Pattern[str]
    facility: list[tuple[FacilityWords, re.Pattern[str]]]
    facility_head: re.Pattern[str]
    works: list[tuple[FacilityWords, re.Pattern[str]]]
    works_word: re.Pattern[str]
    works_lead: re.Pattern[str]
    upgrade: re.Pattern[str]
    actor: re.Pattern[str]
    generic_qualifier: re.Pattern[str]
    category: re.Pattern[str]
    category_verb: re.Pattern[str]
    category_facility: dict[str, str]
    linear: re.Pattern[str]
    linear_facility: dict[str, str]
    phase: re.Pattern[str]
    own_prefix: re.Pattern[str]
    tail: re.Pattern[str]
    review: re.Pattern[str]
    key_drop: re.Pattern[str]
    platform: re.Pattern[str]
    platform_count: re.Pattern[str]
    platform_verb: re.Pattern[str]
    platform_ending: re.Pattern[str]
    platform_start: re.Pattern[str]


def load_lexicon() -> ProjectLexicon:
    path = resources.files("plan_parser") / "lexicon" / "projects.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10x faster
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    lex = ProjectLexicon.model_validate(raw)
    known = {
        line.split()[0]
        for line in domain_dictionary_path().read_text(encoding="utf-8").splitlines()
        if line.strip()
    }
    missing = sorted(set(lex.governing_verbs + lex.function_words + lex.conjunctions) - known)
    if missing:
        raise ValueError(f"projects.yaml: words missing from jieba_domain.txt: {missing}")
    return lex


@cache
def patterns() -> Patterns:
    """Load, check and compile `lexicon/projects.yaml` (once per process)."""
    lex = load_lexicon()
    action_of = {w: a for a in lex.actions for w in a.words}
    strong = [w for a in lex.actions if not a.weak for w in a.words]
    suffixes = alternation(lex.program_suffixes)
    works_words = [w for f in lex.works for w in f.words]
    return Patterns(
        lex=lex,
        suffix=re.compile(suffixes),
        breakers={k: tuple(v) for k, v in lex.suffix_breakers.items()},
        verbs=frozenset(lex.governing_verbs),
        function_words=frozenset(lex.function_words),
        conjunctions=frozenset(lex.conjunctions),
        verb_text=re.compile(alternation(lex.governing_verbs)),
        stop_text=re.compile(
            alternation(lex.governing_verbs + lex.function_words + lex.conjunctions)
        ),
        words=word_sets(lex),
        counts_at_end=re.compile(f"(?:{lex.counts})$"),
        counts=re.compile(lex.counts),
        # a program named by a document's title: 《健康中原行动(2020—2030年)》
        book_program=re.compile(rf".{{2,40}}(?:{suffixes})(?:\([^()]{{4,16}}\))?"),
        year_range=re.compile(r"\([ ]*\d{4}[ ]*[—–-]+[ ]*\d{4}[ ]*年?[ ]*\)"),
        # a short name in brackets, or a version, right after the name: …培训计划(国培计划),
        # …能力提升工程2.0
        alias=re.compile(rf"\([^()]{{2,16}}(?:{suffixes})\)|[ ]?\d\.\d(?![\d.%])"),
        action=re.compile(alternation(list(action_of))),
        action_of=action_of,
        strong_prefix=re.compile(alternation(strong)),
        completion=re.compile(alternation(lex.completion_verbs)),
        lead=re.compile(alternation(lex.lead_words)),
        facility=[(f, re.compile("|".join(f.words))) for f in lex.facilities],
        facility_head=re.compile(
            by_first_character(
                [a for h in lex.facility_heads + works_words for a in literal_led(h)]
            )
        ),
        works=[(f, re.compile(alternation(f.words))) for f in lex.works],
        works_word=re.compile(alternation(works_words)),
        works_lead=re.compile(alternation(lex.works_leads)),
        upgrade=re.compile(alternation(lex.upgrade_leads)),
        actor=re.compile(alternation(lex.actor_leads)),
        generic_qualifier=re.compile(alternation(lex.works_generic_qualifiers)),
        category=re.compile(
            r"等(?:一批|多个|若干|\d+[ ]*个|[一二三四五六七八九十]+个)?"
            rf"(?P<category>{alternation([w for f in lex.works_categories for w in f.words])})"
        ),
        category_verb=re.compile(rf"(?:相继|先后|陆续|全面)?(?:{alternation(lex.category_verbs)})"),
        category_facility={w: f.facility for f in lex.works_categories for w in f.words},
        linear=re.compile(
            rf"""(?P<name>
                [\u4e00-\u9fff]{{1,8}}?(?:{alternation(lex.water_heads)})  # a water body: 黄浦江
                [^,;。、\d]{{0,8}}?                     # a stretch of it: 中心城区
                [ ]*\d+(?:\.\d+)?[ ]*公里              # its length
                [^,;。、]{{0,6}}?                         # what lines it: 公共空间
                (?P<kind>{alternation([w for f in lex.linear_works for w in f.words])}))
            [ ]*(?:{alternation(lex.linear_verbs)})""",
            re.VERBOSE,
        ),
        linear_facility={w: f.facility for f in lex.linear_works for w in f.words},
        phase=re.compile(lex.phase),
        own_prefix=re.compile(lex.own_prefix),
        # `…新校区等建设项目`, `…整体迁建等基建项目`: the items up to 等 share the action
        tail=re.compile(r"等(?P<act>[^、,;。]{0,4}?)(?:项目|工程)"),
        review=re.compile("|".join(f"(?:{p})" for p in lex.review_headings)),
        key_drop=re.compile("|".join(f"(?:{p})" for p in lex.key_drop)),
        platform=re.compile(f"(?:{alternation(lex.platform_suffixes)})$"),
        # a count opening a platform's name: 2—3个, 5 个以上, 十个左右
        platform_count=re.compile(
            r"[ ]*(?:\d+(?:[—–-]+\d+)?|[一二两三四五六七八九十百]+)"
            r"[ ]*[个家所项批类](?:以上|左右)?[ ]*"
        ),
        platform_verb=re.compile(alternation(lex.platform_verbs)),
        platform_ending=re.compile(f"(?:{alternation(lex.platform_generic_endings)})$"),
        platform_start=re.compile(alternation(lex.platform_generic_starts)),
    )
