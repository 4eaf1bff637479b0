"""The pipeline makes its records unvalidated (`models.plan.trusted_records`) and `to_data` walks
them without pydantic's serializer: both must give exactly what validation and pydantic give."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from plan_parser.models import Diagnostic, OutlineNode, Quantity
from plan_parser.models.plan import trusted_records
from plan_parser.pipeline import parse_bytes
from plan_parser.serialize.json_yaml import model_json_bytes, to_data

from .conftest import ANYANG, SHARED_CORPUS


def plans() -> list[Path]:
    corpus = sorted(SHARED_CORPUS.glob("*.txt")) if SHARED_CORPUS.is_dir() else []
    return [ANYANG, *(p for p in corpus if p.name != ANYANG.name)]


def revalidated(value: Any) -> Any:
    """`value` built again through validation, from the fields set on each record."""
    if isinstance(value, BaseModel):
        fields = {name: revalidated(getattr(value, name)) for name in value.model_fields_set}
        return type(value).model_validate(fields)
    if isinstance(value, list | tuple):
        return type(value)(revalidated(v) for v in value)
    return value


def assert_same(a: Any, b: Any, where: str) -> None:
    """Equal, type for type, field order and fields set included."""
    assert type(a) is type(b), where
    if isinstance(a, BaseModel):
        assert a.model_fields_set == b.model_fields_set, where
        assert list(a.__dict__) == list(b.__dict__), where
        for name, value in a.__dict__.items():
            assert_same(value, b.__dict__[name], f"{where}.{name}")
    elif isinstance(a, list | tuple):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            assert_same(x, y, f"{where}[{i}]")
    else:
        assert a == b, where


@pytest.mark.parametrize("path", plans(), ids=lambda p: p.name)
def test_trusted_records_are_what_validation_makes(path: Path) -> None:
    plan = parse_bytes(path.read_bytes(), path=path.name)
    assert_same(plan, revalidated(plan), path.name)
    assert to_data(plan) == plan.model_dump(mode="json")
    pydantic_json = plan.__pydantic_serializer__.to_json(plan, indent=2) + b"\n"
    assert model_json_bytes(plan) == pydantic_json


def test_outside_the_pipeline_records_are_validated() -> None:
    bad: dict[str, Any] = {"level": "loud", "code": "x", "line": None, "message": "m"}
    with pytest.raises(ValidationError):
        Diagnostic(**bad)
    span: Any = [0, 3]
    node = OutlineNode(
        id="chp_1",
        kind="chapter",
        number=1,
        marker="第一章",
        title="t",
        line=1,
        end_line=2,
        span=span,
    )
    assert node.span == (0, 3)


def test_trusted_records_with_a_missing_or_unknown_field_are_validated() -> None:
    missing: dict[str, Any] = {"level": "info", "code": "x", "line": None}
    unknown: dict[str, Any] = {**missing, "message": "m", "other": 1}
    with trusted_records(), pytest.raises(ValidationError, match="message"):
        Diagnostic(**missing)
    with trusted_records(), pytest.raises(ValidationError, match="extra"):
        Diagnostic(**unknown)


def test_trusted_records_fill_defaults_and_share_fields_sets() -> None:
    fields: dict[str, Any] = {
        "id": "q",
        "kind": "target",
        "indicator": "i",
        "value": 1,
        "comparator": "eq",
        "value_text": "1",
        "node_id": None,
        "line": 1,
        "span": (0, 1),
        "quote": "1",
    }
    with trusted_records():
        a = Quantity(**fields)
    b = Quantity(**fields)
    assert_same(a, b, "quantity")
    assert a.model_fields_set is b.model_fields_set
    assert a.unit is None and a.page is None and "page" not in to_data(a)


def test_models_show_their_fields_as_their_signature() -> None:
    """`defer_build` leaves pydantic's signature unset until the schema is built: asking for it
    builds it, so `inspect.signature` gives the fields as before."""
    import inspect

    params = inspect.signature(Quantity).parameters
    assert list(params)[:3] == ["id", "kind", "indicator"] and "data" not in params
