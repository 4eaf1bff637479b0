"""Hostile input costs time in proportion to its size: the worst inputs of issue 13, each parsed
at a size and at four times it, in this process. Only the ratio of the two times is checked (a
linear parse takes about 4 times as long, a quadratic one 16 times), with a generous bound, so a
slow or busy machine does not fail it; `make bench` measures the times themselves."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from plan_parser import parse_text

BODY_START = "安阳市“十四五”教育改革发展规划\n\n一、重点任务\n"


def numbers_and_units(chars: int) -> str:
    """Lines of 80 characters alternating numbers and units (was > 300 s at 130k chars)."""
    line = "".join(f"{i % 9 + 1}{'万亿个%'[i % 4]}" for i in range(40))
    return BODY_START + "\n".join([line] * (chars // 81)) + "\n"


def reach_percent(chars: int) -> str:
    """One line repeating 达到93%以上、 (was ×3.8 per doubling)."""
    return BODY_START + "达到93%以上、" * (chars // 9) + "。\n"


def respectively(chars: int) -> str:
    """n indicators, 分别达到, n percentages (was ×4.5 per doubling)."""
    n = chars // 14
    names = "、".join(f"第{i}类学校入学率" for i in range(n))
    values = "、".join(f"{50 + i % 50}%" for i in range(n))
    return f"{BODY_START}到2025年,{names}分别达到{values}。\n"


def seconds(text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        parse_text(text)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize(
    ("make", "chars"),
    [(numbers_and_units, 1_500), (reach_percent, 3_000), (respectively, 1_500)],
    ids=lambda v: getattr(v, "__name__", str(v)),
)
def test_four_times_the_input_takes_at_most_nine_times_as_long(
    make: Callable[[int], str], chars: int
) -> None:
    parse_text(make(200))  # warm-up: lexicons, place finder, jieba
    small = seconds(make(chars))
    large = seconds(make(4 * chars))
    # linear: 4×; quadratic: 16×. 9× is 3× per doubling, a margin for noise and fixed costs
    assert large <= 9 * small + 0.05, f"{large:.3f} s at 4× the input vs {small:.3f} s"


@pytest.mark.parametrize(
    ("make", "chars"),
    [(numbers_and_units, 10_000), (reach_percent, 10_000)],
    ids=lambda v: getattr(v, "__name__", str(v)),
)
def test_eight_times_a_larger_input_takes_at_most_twelve_times_as_long(
    make: Callable[[int], str], chars: int
) -> None:
    """At the sizes above a step that reads the whole paragraph once per number (an `in text`
    test, a walk over a wrapped paragraph's lines) hides under the per-number cost; at 10,000
    -> 80,000 characters it shows: 15-20× the time before it was fixed, 8-9× after."""
    parse_text(make(200))
    small = seconds(make(chars))
    large = seconds(make(8 * chars), repeat=2)
    assert large <= 12 * small + 0.05, f"{large:.3f} s at 8× the input vs {small:.3f} s"
