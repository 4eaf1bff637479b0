"""The shortcuts the projects finders search with find what the plain way finds: a clause by
scanning out from a position (`ClauseAt`) is the clause `clauses` splits the text into, and an
alternation grouped by first character (`lang.alternation`) matches as the words joined."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from plan_parser.extract.projects.passages import ClauseAt, clauses, unbracketed
from plan_parser.lang.alternation import by_first_character, literal_alternation
from plan_parser.lang.places import PlaceFinder, gazetteer

from .conftest import ALL_PLANS

MARKS = ["(", ")", "“", "”", "《", "》", ",", "。", ";", "、", "【", "】"]


def _paragraphs(path: Path) -> list[str]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
    rnd = random.Random(len(lines))
    mutated = []
    for line in rnd.sample(lines, min(300, len(lines))):
        chars = list(line)
        for _ in range(rnd.randint(0, 6)):  # brackets and separators in odd places
            chars.insert(rnd.randint(0, len(chars)), rnd.choice(MARKS))
        mutated.append("".join(chars))
    return lines[:300] + mutated


@pytest.mark.parametrize("path", ALL_PLANS, ids=lambda p: p.name)
def test_clause_at_is_the_clause_around(path: Path) -> None:
    for text in _paragraphs(path):
        clause_at = ClauseAt(unbracketed(text))
        for cs, ce in clauses(text):
            for pos in range(cs, ce):
                assert clause_at(pos) == (cs, ce), (text, pos)


def test_grouped_alternation_matches_as_joined() -> None:
    words = sorted({d.name for d in gazetteer().divisions.values()}, key=len, reverse=True)
    text = "".join(random.Random(1).choice(words) + "和" for _ in range(3000))
    grouped = re.compile(literal_alternation(words))
    joined = re.compile("|".join(map(re.escape, words)))
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in joined.finditer(text)]
    assert grouped.pattern != joined.pattern  # grouped (安(?:阳市|阳县)…)


@pytest.mark.parametrize(
    ("alternatives", "expected"),
    [
        (["学校", "学院", "中学", "学"], "学(?:校|院|)|中学"),
        (["一[一二]*中", "二[一二]*中"], "一[一二]*中|二[一二]*中"),
        (["a*b", "ac"], "a*b|ac"),  # a quantified first character: joined as it is
        (["(?:x)y", "xz"], "(?:x)y|xz"),
        (["ab|c", "ad"], "ab|c|ad"),
    ],
)
def test_by_first_character(alternatives: list[str], expected: str) -> None:
    assert by_first_character(alternatives) == expected


def test_place_finder_finds_as_the_joined_names() -> None:
    finder = PlaceFinder(None)
    text = "浦东新区和黄浦区、安阳市林州市与滑县,新建区直幼儿园,吉林省吉林市"
    joined = re.compile("|".join(map(re.escape, sorted(finder.names, key=len, reverse=True))))
    assert [(m.start, m.end) for m in finder.find(text)] == [
        m.span() for m in joined.finditer(text)
    ]
