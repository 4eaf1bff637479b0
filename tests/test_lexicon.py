"""The lexicon loader: words and patterns are told apart by type, and checked when loaded."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel, ValidationError

from plan_parser.diff.lexicon import DiffLexiconFile, SynonymsFile
from plan_parser.lang.lexicon import Regexes, Words, load_lexicon


class Sample(BaseModel):
    words: Words = Words()
    patterns: Regexes = Regexes()


def test_words_keep_file_order_and_match_longest_first_literally() -> None:
    words = Sample.model_validate({"words": ["计划", "行动计划", "a.b"]}).words
    assert tuple(words) == ("计划", "行动计划", "a.b")
    assert words.longest_first == ("行动计划", "a.b", "计划")
    assert words.pattern.findall("实施行动计划 axb a.b") == ["行动计划", "a.b"]


@pytest.mark.parametrize("bad", [["工程", "工程"], ["工程", " "], ["工程", 3]])
def test_words_reject_repeats_blanks_and_non_strings(bad: list[object]) -> None:
    with pytest.raises(ValidationError):
        Sample.model_validate({"words": bad})


def test_regexes_compile_when_loaded() -> None:
    patterns = Sample.model_validate({"patterns": [r"十三五.{0,12}成就"]}).patterns
    assert isinstance(patterns[0], re.Pattern) and patterns[0].search("十三五以来取得的成就")
    with pytest.raises(ValidationError, match="not a valid pattern"):
        Sample.model_validate({"patterns": ["(unclosed"]})


@pytest.mark.parametrize(
    ("name", "model"), [("diff.yaml", DiffLexiconFile), ("synonyms.yaml", SynonymsFile)]
)
def test_shipped_lexicons_load_once(name: str, model: type[BaseModel]) -> None:
    assert load_lexicon(name, model) is load_lexicon(name, model)


def test_quantity_lexicon_is_validated_and_ordered() -> None:
    from plan_parser.extract.quantities.kind import KIND_RULES
    from plan_parser.extract.quantities.lexicon import lexicon

    lex = lexicon()
    # moved from code, same words in the same order: the first that matches wins
    assert lex.words.leading_verbs[:2] == ("推荐认定", "拟培育")
    assert lex.leading_verbs.sub("", "推荐认定省级示范校") == "省级示范校"
    assert lex.only_verb.fullmatch("") and lex.only_verb.fullmatch("至少建设")
    assert lex.inner_kind == {"多": "gt", "余": "gt"}  # comparators.inner, wired
    assert lex.words.table_comparators["≥"] == "ge"
    names = [rule.name for rule in KIND_RULES]
    assert len(names) == len(set(names))
