"""The character ranges `structure/layout.py` counts as width 2 without looking each character up
are wide or full-width in the running Python's Unicode tables."""

import unicodedata

from plan_parser.structure.layout import WIDE_RANGES, display_width


def test_wide_ranges_are_wide() -> None:
    for a, b in WIDE_RANGES:
        for cp in range(a, b + 1):
            assert unicodedata.east_asian_width(chr(cp)) in "WF", hex(cp)


def test_display_width_counts_each_character() -> None:
    s = "一、“推进”—— ，（１）ｶ·…abc\u3000。Ⅲ○"
    expected = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
    assert display_width(s) == expected
