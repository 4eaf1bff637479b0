"""pydantic-core writes a plan's JSON with exactly the bytes of `json.dumps`, or, for a model
holding a float that it writes otherwise (1e-05, 1e+16, inf, nan), `json.dumps` writes it."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan_parser.models import Plan, Quantity
from plan_parser.serialize import json_yaml
from plan_parser.serialize.json_yaml import (
    _float_fields,
    dumps_json,
    holds_exponent_float,
    model_json,
    model_json_bytes,
    to_data,
)

from .conftest import ALL_PLANS, parsed


def quantity(value: float, quote: str = "达到93%") -> Quantity:
    return Quantity(
        id="chp_1__q_1",
        kind="target",
        indicator="毛入园率",
        value=value,
        comparator="eq",
        value_text=str(value),
        node_id="chp_1",
        line=1,
        span=(0, len(quote)),
        quote=quote,
    )


def pydantic_wrote(model: Quantity | Plan) -> bool:
    return not holds_exponent_float(model)


@pytest.mark.parametrize("path", ALL_PLANS, ids=lambda p: p.name)
def test_real_plans_take_the_fast_path(path: Path) -> None:
    # a sha256 in the source (…5e5…) once sent every plan the slow way
    plan = parsed(path)
    assert pydantic_wrote(plan)
    assert model_json(plan) == dumps_json(to_data(plan))


def test_only_fields_that_can_hold_a_float_are_visited() -> None:
    assert _float_fields(Plan) == ("quantities", "projects")
    assert _float_fields(Quantity) == ("value", "value_max", "from_value")


@pytest.mark.parametrize(
    "value",
    [1e-05, 1.5e-05, 9.9e-05, 1e-07, 1e16, 1.5e22, 5e-324, -2e-05, math.inf, -math.inf, math.nan],
)
def test_floats_with_an_exponent_go_the_python_way(value: float) -> None:
    q = quantity(value)
    assert not pydantic_wrote(q)
    assert model_json(q) == dumps_json(to_data(q))


@pytest.mark.parametrize("value", [0.0, -0.0, 1e-04, -1e-04, 0.1, 93.5, 1e15, 123456789.0, 7])
def test_floats_without_an_exponent_take_the_fast_path(value: float) -> None:
    q = quantity(value)
    assert pydantic_wrote(q)
    assert model_json(q) == dumps_json(to_data(q))


@pytest.mark.parametrize(
    "quote", ['达到": 1e5,', "sha 5e5 0.00001", '": 0.00001', "\x0b\x1b\x7f\b\f\u2028\t\\\"'"]
)
def test_strings_that_look_like_numbers_stay_on_the_fast_path(quote: str) -> None:
    q = quantity(93, quote)
    assert pydantic_wrote(q)
    assert model_json(q) == dumps_json(to_data(q))


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
@given(value=st.floats() | st.integers(-(10**20), 10**20), quote=st.text())
def test_generated_records_match_json_dumps(value: float, quote: str) -> None:
    quote = "".join(c if not 0xD800 <= ord(c) <= 0xDFFF else "?" for c in quote)
    q = quantity(value, quote)
    assert model_json_bytes(q) == dumps_json(to_data(q)).encode("utf-8")


def test_the_fallback_is_json_dumps(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    monkeypatch.setattr(json_yaml, "dumps_json", lambda data: calls.append(data) or "x")
    assert model_json(quantity(1e-05)) == "x" and calls
