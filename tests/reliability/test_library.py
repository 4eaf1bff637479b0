"""Reliability, family 6: the library (attack report, library table; defects 9, 10, 14, 17, 22).
In-process, each call under a time limit."""

from __future__ import annotations

import json

import pytest
import yaml

from plan_parser import InputError, parse_bytes, parse_text

from .conftest import small_plan_text, time_limit


def serialize() -> tuple[object, object]:
    from importlib import import_module

    for name in ("plan_parser.serialize.json_yaml", "plan_parser.output"):
        try:
            mod = import_module(name)
        except ImportError:
            continue
        return mod.dumps_json, mod.dumps_yaml
    raise ImportError("no serializer")


def to_data(plan: object) -> object:
    return json.loads(plan.model_dump_json())  # type: ignore[attr-defined]


def test_parse_text_with_a_lone_surrogate() -> None:
    with time_limit(10):
        plan = parse_text("一、总体要求\n\n到2025年达到93%。\udc80")
    dumps_json, dumps_yaml = serialize()
    dumps_json(to_data(plan)).encode("utf-8")  # type: ignore[operator]
    dumps_yaml(to_data(plan)).encode("utf-8")  # type: ignore[operator]
    assert any(d.code == "lone-surrogate" for d in plan.diagnostics)


@pytest.mark.parametrize(
    ("bom", "encoding"),
    [
        (b"", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x84\x31\x95\x33", "gb18030"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xef\xbb\xbf", "utf-8"),
    ],
)
def test_every_bom_decodes_like_the_plain_text(bom: bytes, encoding: str) -> None:
    text = small_plan_text()
    plain = parse_bytes(text.encode("utf-8"), path="x.txt")
    with time_limit(10):
        plan = parse_bytes(bom + text.encode(encoding), path="x.txt")
    assert plan.source.char_count == plain.source.char_count
    assert to_data(plan)["outline"] == to_data(plain)["outline"]  # type: ignore[index]
    assert plan.source.encoding.replace("-le", "").replace("-be", "") in (
        "utf-8",
        "utf-16",
        "utf-32",
        "gb18030",
    )


@pytest.mark.parametrize("offset", [100, 70_000, 300_000])
def test_nul_anywhere_is_refused(offset: int) -> None:
    data = ("一、总体要求\n\n到2025年达到93%。\n" * 20_000).encode("utf-8")
    with pytest.raises(InputError, match="NUL"):
        parse_bytes(data[:offset] + b"\0" + data[offset:])


@pytest.mark.parametrize("ch", ["\x85", "\u2028", "\u2029", "\x1c", "\x0b", "\ufeff"])
def test_yaml_twin_equals_json(ch: str) -> None:
    plan = parse_text(
        f"某某人民政府{ch}关于印发规划的通知\n\n一、总体{ch}要求\n\n到2025年,学前三年{ch}毛入园率达到93%。\n"
    )
    dumps_json, dumps_yaml = serialize()
    data = to_data(plan)
    assert yaml.safe_load(dumps_yaml(data)) == json.loads(dumps_json(data))  # type: ignore[operator]
