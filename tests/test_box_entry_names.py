"""Box entries without numbers, one paragraph each: the name is what leads the paragraph, up to
its first 。, colon or semicolon, never the whole paragraph."""

from __future__ import annotations

import pytest

from plan_parser import parse_text

from .conftest import SHARED_CORPUS, parsed


def test_shandong_2016_box_16_entry_names() -> None:
    # lines 441-451: `　　济南高新区。重点开展科技创新服务体系建设…` (one paragraph per zone)
    plan = parsed(SHARED_CORPUS / "shandong-2016-scitech-13th-plan-partial.txt")
    (box,) = [b for b in plan.boxes if b.number == 16]
    assert [(e.name, e.line) for e in box.entries] == [
        ("济南高新区", 441),
        ("青岛高新区", 443),
        ("淄博高新区", 445),
        ("潍坊高新区", 447),
        ("烟台高新区", 449),
        ("威海高新区", 451),
    ]
    assert box.entries[0].text.startswith("重点开展科技创新服务体系建设")


# made-up boxes of the same shape: entry paragraph -> (name, description start)
SNIPPETS = [
    ("智能工厂：建设一批智能工厂，推广先进制造模式。", ("智能工厂", "建设一批")),
    ("智慧园区；推进园区数字化改造，建设公共服务平台。", ("智慧园区", "推进园区")),
    ("人才引育工程。引进高层次人才100名，培养青年骨干。", ("人才引育工程", "引进高层次")),
    ("青岛高新区。重点开展海洋新兴产业组织创新示范工作。", ("青岛高新区", "重点开展")),
    # no stop within the name's reach (40 characters): the whole paragraph, as before
    (
        "推进教育数字化转型，让智慧校园全面覆盖所有学校和教学点，并持续提升教育质量与公平水平，服务全体学生。",
        None,
    ),
]


@pytest.mark.parametrize("entry, expected", SNIPPETS)
def test_entry_name_stops_at_first_stop(entry: str, expected: tuple[str, str] | None) -> None:
    text = (
        "一、重点任务\n（一）推进创新\n正文。\n专栏1：重点工程\n"
        + entry
        + "\n示范项目建设。实施一批示范项目，带动全省发展。\n二、保障措施\n正文。\n"
    )
    plan = parse_text(text, extract=False)
    (box,) = plan.boxes
    first = box.entries[0]
    if expected is None:
        assert first.name == entry
    else:
        assert (first.name, first.text[: len(expected[1])]) == expected
