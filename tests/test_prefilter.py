"""`structure/prefilter.py`: the first characters read off a pattern never rule out a line the
pattern matches."""

import re
import unicodedata
from pathlib import Path

from plan_parser.structure.markers import LINE_OPENER, LINE_OPENER_FIRST, SCHEME_MARKERS
from plan_parser.structure.noise import ANY_NOISE_START, NOISE_FIRST
from plan_parser.structure.prefilter import first_chars

PLAN = Path(__file__).resolve().parent.parent / "data" / "raw" / "anyang-2022-13.txt"


def test_shapes() -> None:
    f = first_chars(re.compile(r"^(?:ab|\d+c|(?=x)[xy]z|-?\s*9)"))
    assert f is not None
    assert f.chars == frozenset("axy-9") and f.digits and f.spaces
    assert first_chars(re.compile(r"a?")) is None  # may match the empty string
    assert first_chars(re.compile(r".b")) is None
    assert first_chars(re.compile(r"[^a]b")) is None
    assert first_chars(re.compile(r"(?i)ab")) is None


def test_never_rules_out_a_match() -> None:
    assert LINE_OPENER_FIRST is not None and NOISE_FIRST is not None
    lines = [ln.strip() for ln in PLAN.read_text(encoding="utf-8").splitlines()]
    # every character of the plan and the other scripts' digits, spaces and symbols at the start
    firsts = {c for ln in lines for c in ln} | {
        chr(cp) for cp in range(0x20, 0x3100) if unicodedata.category(chr(cp))[0] in "NPSZ"
    }
    tails = ["、总体要求", ".1 发展", "章 总则", " 目 录", "", "12", " 页"]
    samples = [c + t for c in firsts for t in tails] + lines
    for pattern in (LINE_OPENER, ANY_NOISE_START, SCHEME_MARKERS):
        f = first_chars(pattern)
        assert f is not None
        for s in samples:
            if pattern.match(s):
                assert f.may_start(s), (pattern.pattern[:40], s)
