"""One loader for the shipped lexicons (`plan_parser/lexicon/*.yaml`), each validated by a model.

    class MyLexicon(BaseModel):
        verbs: Words          # literal words: no blanks, no repeats, matched longest first
        cues: Regexes         # patterns, compiled when the file is loaded

    lex = load_lexicon("my.yaml", MyLexicon)    # parsed and checked once per process

Whether an entry is a word or a pattern is in its type, so a `.` or `(` added to a word list stays
a literal character, and a broken pattern fails when the file is loaded, not when it is first used.
"""

from __future__ import annotations

import re
from functools import cache, cached_property
from importlib import resources
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, GetCoreSchemaHandler, ValidationError
from pydantic_core import core_schema

M = TypeVar("M", bound=BaseModel)


def lexicon_text(name: str) -> str:
    """The text of a shipped lexicon file, `plan_parser/lexicon/<name>`."""
    return (resources.files("plan_parser") / "lexicon" / name).read_text("utf-8")


def safe_load(text: str) -> Any:
    """YAML through the C loader when pyyaml has one (several times faster), else the Python one."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # a safe loader, C or Python


@cache
def _load(name: str, model: type[BaseModel]) -> BaseModel:
    try:
        return model.model_validate(safe_load(lexicon_text(name)))
    except ValidationError as exc:
        raise ValueError(f"lexicon/{name}: {exc}") from None


def load_lexicon(name: str, model: type[M]) -> M:
    """`lexicon/<name>` validated as `model`, parsed once per process (the same object after)."""
    lexicon = _load(name, model)
    assert isinstance(lexicon, model)
    return lexicon


def longest_first(words: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Longest first, then in code-point order: the order an alternation must try them in."""
    return tuple(sorted(set(words), key=lambda w: (-len(w), w)))


class Words(tuple[str, ...]):
    """A list of literal words: none blank, none repeated; in a pattern, escaped and longest first.

    The file's order is kept (`tuple(words)`); `longest_first` and `pattern` are the matching order.
    """

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(
            cls._check, core_schema.list_schema(core_schema.str_schema())
        )

    @classmethod
    def _check(cls, value: list[str]) -> Words:
        blank = [i for i, w in enumerate(value) if not w.strip()]
        if blank:
            raise ValueError(f"blank word at position {blank[0] + 1}")
        repeated = sorted({w for w in value if value.count(w) > 1})
        if repeated:
            raise ValueError(f"repeated words: {', '.join(repeated)}")
        return cls(value)

    @cached_property
    def longest_first(self) -> tuple[str, ...]:
        return longest_first(self)

    @cached_property
    def alternation(self) -> str:
        """`a|b|c` of the escaped words, longest first, for use inside a larger pattern."""
        return "|".join(re.escape(w) for w in self.longest_first)

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.alternation)


class Regexes(tuple[re.Pattern[str], ...]):
    """A list of regular expressions, compiled when the lexicon is loaded; order is kept."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(
            cls._compile, core_schema.list_schema(core_schema.str_schema())
        )

    @classmethod
    def _compile(cls, value: list[str]) -> Regexes:
        compiled = []
        for source in value:
            try:
                compiled.append(re.compile(source))
            except re.error as exc:
                raise ValueError(f"{source!r} is not a valid pattern: {exc}") from None
        return cls(compiled)
