"""The fast YAML path writes exactly what PyYAML writes, or declines and lets PyYAML write."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_parser.pipeline import parse_bytes
from plan_parser.serialize.json_yaml import (
    _YAML_OPTIONS,
    _Dumper,
    _is_short_numbers,
    dumps_yaml,
    dumps_yaml_reference,
    to_data,
)
from plan_parser.serialize.yaml_fast import _PLAIN_SAFE, BlockEmitter, Unsupported

from .conftest import ALL_PLANS, ROOT, SHARED_CORPUS, needs_corpus, parsed


def fast(data: Any) -> str:
    return BlockEmitter(_Dumper(io.StringIO(), **_YAML_OPTIONS), _is_short_numbers).dump(data)


@pytest.mark.parametrize("path", ALL_PLANS, ids=lambda p: p.name)
def test_real_plans_take_the_fast_path_and_match_pyyaml(path: Path) -> None:
    data = to_data(parsed(path))
    assert fast(data) == dumps_yaml_reference(data)


def test_committed_outputs_match() -> None:
    for path in sorted((ROOT / "data" / "structured").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert fast(data) == dumps_yaml_reference(data), path.name


@pytest.mark.parametrize(
    "value",
    [
        "",
        "1.",  # a plain 1. would read back as a float
        "2022-06-15",  # ... as a date
        "true",
        "null",
        "~",
        "'单引号'",
        '"双引号"',
        "- 列表",
        "a: b",
        "a #b",
        " 前导空格",
        "尾随空格 ",
        "制表\t符",
        "换行\n第二行",
        "换行\n第二行\n",
        "空行\n\n第三行",
        "行尾空格 \n下一行",
        "\n开头换行",
        "结尾两个换行\n\n",
        "𠙶 扩展B",
        "控制\x07字符",
        "\ufeffBOM",
        "全角：冒号，逗号",
        "93.5%",
        "1e3",
        "0x1F",
        "专栏4:基本公共教育",
    ],
)
def test_awkward_strings(value: str) -> None:
    data = {"a": value, "b": [value, {"c": value}], "d": {"e": [1, 2.5]}}
    try:
        got = fast(data)
    except Unsupported:
        return  # PyYAML writes these
    assert got == dumps_yaml_reference(data)


KEYS = st.from_regex(r"[a-z_]{1,6}", fullmatch=True)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.text(alphabet="专栏一二:：, -#'\"\n\t 1.年%?@`|>!&*[]{}~eE+\ufeff\x85", max_size=12),
)
DATA = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(KEYS, inner, max_size=4),
    ),
    max_leaves=20,
)


@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.dictionaries(KEYS, DATA, min_size=1, max_size=5))
def test_generated_data_matches_pyyaml_or_falls_back(data: dict[str, Any]) -> None:
    expected = dumps_yaml_reference(data)
    with contextlib.suppress(Unsupported):
        assert fast(data) == expected
    assert dumps_yaml(data) == expected


@settings(max_examples=1000, deadline=None)
@given(
    st.one_of(
        st.text(max_size=12),
        st.text(alphabet="专栏-:#?' .,[]{}&*!|>@`%\"\t\ufeff\x85\U00020000", max_size=8),
    )
)
def test_plain_shortcut_is_sound(text: str) -> None:
    """What the regex lets through as plain, PyYAML's analyze_scalar allows as plain too."""
    if _PLAIN_SAFE.match(text):
        analysis = _Dumper(io.StringIO(), **_YAML_OPTIONS).analyze_scalar(text)
        assert analysis.allow_block_plain and not analysis.multiline


def test_sequences_in_sequences_take_the_fast_path() -> None:
    """A table's header rows (lists of cells in a list) and deeper nesting: `- - …`."""

    def cell() -> dict[str, Any]:  # a new one each time: PyYAML writes a shared one as an alias
        return {"text": "指标", "span": [1, 3], "parts": [[1, 3]], "note": "多行\n文字\n"}

    data = {
        "header": [[cell(), None, cell()], [None], [[1, 2]], [[cell()], "tail"], [[[cell()]]]],
        "more": [[], {}],
        "rows": [{"cells": [cell(), None]}],
    }
    assert fast(data) == dumps_yaml_reference(data)


@needs_corpus
def test_every_corpus_plan_takes_the_fast_path() -> None:
    for path in sorted(SHARED_CORPUS.glob("*.txt")):
        data = to_data(parse_bytes(path.read_bytes(), path=path.name))
        assert fast(data) == dumps_yaml_reference(data), path.name
