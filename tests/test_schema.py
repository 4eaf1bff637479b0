"""The committed schema is the models' schema, and every committed output validates."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from plan_parser.models.schema import plan_schema, schema_text

from .conftest import ROOT

SCHEMA_PATH = ROOT / "schemas" / "plan.schema.json"
OUTPUTS = sorted((ROOT / "data" / "structured").glob("*.json")) + sorted(
    (ROOT / "data" / "structured").glob("*.yaml")
)


def test_committed_schema_matches_models() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "schemas/plan.schema.json is stale: run `make schema`"
    )


def test_schema_is_valid_2020_12() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize(
    "path", [p for p in OUTPUTS if p.name != "manifest.json"], ids=lambda p: p.name
)
def test_committed_output_validates(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    jsonschema.Draft202012Validator(plan_schema()).validate(data)


def test_yaml_is_json_content() -> None:
    for j in (ROOT / "data" / "structured").glob("*.json"):
        y = j.with_suffix(".yaml")
        if j.name == "manifest.json" or not y.exists():
            continue
        assert yaml.safe_load(y.read_text(encoding="utf-8")) == json.loads(
            j.read_text(encoding="utf-8")
        )
