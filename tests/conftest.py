from __future__ import annotations

import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from plan_parser import Plan, parse_file

ROOT = Path(__file__).resolve().parent.parent
# the real plans of ../shared/corpus (CI has that folder beside the checkout); never copied here
SHARED_CORPUS = Path(os.environ.get("PLAN_PARSER_CORPUS", ROOT.parent / "shared" / "corpus"))
CORPUS = SHARED_CORPUS
CORPUS_ABSENT = f"{SHARED_CORPUS} is absent (the real plans live beside the checkout)"
needs_corpus = pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=CORPUS_ABSENT)
ANYANG = ROOT / "data" / "raw" / "anyang-2022-13.txt"
SHANDONG = CORPUS / "shandong-2021-edu-plan.txt"
NATIONAL = CORPUS / "national-2021-smart-manufacturing.txt"
HENAN_OPENING = CORPUS / "henan-2021-edu-plan-opening.txt"
# a quantity sheet we made from the published figures (not a copy of a document)
HENAN_SHEET = ROOT / "tests" / "data" / "henan-2021-headline-targets.yaml"
# the bundled plan and the corpus plans present (all four when ../shared/corpus is there)
ALL_PLANS = [p for p in (ANYANG, SHANDONG, NATIONAL, HENAN_OPENING) if p.exists()]


@pytest.fixture(autouse=True, scope="session")
def _user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Commands the tests run as `python -m plan_parser` keep their regex cache
    (plan_parser/regex_cache.py) in a temporary directory, not the user's."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
        yield


def corpus_text(path: Path) -> str:
    """The text of a plan, skipping the test when it is a corpus plan and the corpus is absent."""
    if not path.exists() and path.is_relative_to(SHARED_CORPUS):
        pytest.skip(CORPUS_ABSENT)
    return path.read_text(encoding="utf-8")


def parsed(path: Path) -> Plan:
    if not path.exists() and path.is_relative_to(SHARED_CORPUS):
        pytest.skip(CORPUS_ABSENT)
    return _parsed(path)


@cache
def _parsed(path: Path) -> Plan:
    return parse_file(path)


@pytest.fixture(scope="session")
def anyang() -> Plan:
    return parsed(ANYANG)


@pytest.fixture(scope="session")
def anyang_text() -> str:
    return ANYANG.read_text(encoding="utf-8")
