"""Arbitrary and mutated text never makes the parser raise; pathological input stays linear."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_parser import parse_text

from .conftest import ANYANG
from .test_provenance import check_provenance

PLAN = ANYANG.read_text(encoding="utf-8")
PLAN_LINES = PLAN.splitlines(keepends=True)
# pieces that look like structure, to reach the heading and box code paths
PIECES = [
    "一、",
    "(一)",
    "（二）",
    "1.",
    "2、",
    "(3)",
    "第一章",
    "第二节",
    "专栏3:",
    "专栏 2 标题",
    "详见专栏9",
    "。",
    "\n",
    "\r\n",
    "\u3000",
    "  ",
    "93.5%",
    "2025年",
    "到2025年",
    "达到",
    "以上",
    "3—5个",
    "万人",
    "文峰区:",
    "、",
    ";",
    "目录",
    "......12",
    "7",
    "首页 > ",
    "\ufeff",
    "\x00",
    "\ud7ff",
    "专栏",
    "工程 ",
    "增加到",
    "从2016年的",
]

settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("ci")


@given(st.text())
def test_arbitrary_text_never_raises(text: str) -> None:
    plan = parse_text(text)
    check_provenance(plan, text)


@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=60))
def test_structured_noise_never_raises(pieces: list[str]) -> None:
    text = "".join(pieces)
    check_provenance(parse_text(text), text)


@given(
    st.lists(
        st.tuples(
            st.integers(0, len(PLAN_LINES) - 1),
            st.sampled_from(["drop", "dup", "swap", "cut", "insert"]),
            st.sampled_from(PIECES),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_mutated_real_plan_never_raises(edits: list[tuple[int, str, str]]) -> None:
    lines = list(PLAN_LINES)
    for i, op, piece in edits:
        i %= len(lines)
        if op == "drop" and len(lines) > 1:
            del lines[i]
        elif op == "dup":
            lines.insert(i, lines[i])
        elif op == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif op == "cut":
            lines[i] = lines[i][: len(lines[i]) // 2]
        else:
            lines.insert(i, piece + "\n")
    text = "".join(lines)
    check_provenance(parse_text(text), text)


# Pathological inputs: these finish quickly only if every stage is linear. `make bench`
# measures the growth; here they must simply complete and keep the invariants.
def test_long_digit_line() -> None:
    text = "一、标题\n" + "1" * 200_000 + "\n"
    check_provenance(parse_text(text), text)


def test_many_markers_on_one_line() -> None:
    text = "一、" * 50_000 + "\n" + "(一)" * 20_000 + "\n" + "1." * 50_000
    check_provenance(parse_text(text), text)


def test_many_headings_and_boxes() -> None:
    text = "".join(f"{i % 99 + 1}.标题{i}\n专栏{i % 20}:框\n正文{i}。\n" for i in range(20_000))
    plan = parse_text(text)
    check_provenance(plan, text)


def test_large_plan() -> None:
    text = PLAN * 20  # about 1 MB; `make bench` runs the 100x (10 MB) case
    plan = parse_text(text)
    assert len(plan.outline) == 80
