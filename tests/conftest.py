from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from plan_parser import Plan, parse_file

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
ANYANG = ROOT / "data" / "raw" / "anyang-2022-13.txt"
SHANDONG = CORPUS / "shandong-2021-edu-plan.txt"
NATIONAL = CORPUS / "national-2021-smart-manufacturing.txt"
HENAN_OPENING = CORPUS / "henan-2021-edu-plan-opening.txt"
HENAN_SHEET = CORPUS / "henan-2021-headline-targets.yaml"
ALL_PLANS = [ANYANG, SHANDONG, NATIONAL, HENAN_OPENING]


@cache
def parsed(path: Path) -> Plan:
    return parse_file(path)


@pytest.fixture(scope="session")
def anyang() -> Plan:
    return parsed(ANYANG)


@pytest.fixture(scope="session")
def anyang_text() -> str:
    return ANYANG.read_text(encoding="utf-8")
