"""Records of one kind share their `model_fields_set` while it is equal (memory: models.plan.Model),
and each still reports exactly the fields set on it."""

from __future__ import annotations

from plan_parser.models import Diagnostic, Quantity


def quantity(**extra: object) -> Quantity:
    return Quantity(
        id="chp_1__q_1",
        kind="target",
        indicator="毛入园率",
        value=93,
        comparator="eq",
        value_text="93%",
        node_id="chp_1",
        line=1,
        span=(0, 5),
        quote="达到93%",
        **extra,  # type: ignore[arg-type]
    )


def test_equal_records_share_one_set() -> None:
    a, b = quantity(), quantity()
    assert a.model_fields_set is b.model_fields_set
    assert quantity(unit="%").model_fields_set == a.model_fields_set | {"unit"}


def test_setting_a_new_field_copies_the_set_first() -> None:
    a, b = quantity(), quantity()
    before = set(b.model_fields_set)
    a.page = 3
    assert "page" in a.model_fields_set
    assert b.model_fields_set == before and "page" not in quantity().model_fields_set
    a.line = 2  # a field already set: the set stays as it is
    assert a.model_fields_set == before | {"page"}


def test_copies_and_unset_fields_stay_apart() -> None:
    a = quantity()
    c = a.model_copy(update={"unit": "%"})
    assert "unit" in c.model_fields_set and "unit" not in a.model_fields_set
    assert a.model_dump(exclude_unset=True) == quantity().model_dump(exclude_unset=True)
    d = Diagnostic(level="info", code="x", line=None, message="m")
    assert d.model_fields_set == {"level", "code", "line", "message"}
