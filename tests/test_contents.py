"""The document's own table of contents as evidence: entries read from real contents lines
(Beijing, Shanghai, the national smart-manufacturing plan, read from ../shared/corpus at test
time), body headings confirmed against them, damaged headings recovered, mismatches diagnosed.
Shapes the corpus lacks are small made-up texts modelled on them.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from plan_parser import Plan, parse_text
from plan_parser.read.normalize import normalize
from plan_parser.structure.contents import Contents, parse_contents
from plan_parser.structure.noise import find_chrome_toc_pages

from .conftest import SHARED_CORPUS, parsed

SHANGHAI = SHARED_CORPUS / "shanghai-14th-fyp-outline-partial.txt"
BEIJING = SHARED_CORPUS / "beijing-2021-eco-restoration-plan.txt"
MANUFACTURING = SHARED_CORPUS / "national-2021-smart-manufacturing.txt"


@cache
def _contents(path: Path) -> Contents:
    if not path.exists():
        pytest.skip(f"{SHARED_CORPUS} is absent")
    doc = normalize(path.read_text(encoding="utf-8"))
    noise = find_chrome_toc_pages(doc)
    return parse_contents(doc, sorted(n for n, x in noise.items() if x.code == "toc-skipped"))


# (plan, contents line, scheme, number path, folded title, page)
ENTRIES = [
    # a letter-spaced unnumbered 总则 before the 第X章 chapters, 节 below it
    (BEIJING, 44, "unnumbered", (0,), "总则", 1),
    (BEIJING, 45, "section_zh", (1,), "指导思想", 1),
    (BEIJING, 61, "chapter_zh", (4,), "统筹生态空间修复,提高碳汇能力", 13),
    # a contents line after a roman page number line (`I I`) that starts with a space
    (BEIJING, 80, "chapter_zh", (8,), "国土空间生态修复重大工程", 23),
    (BEIJING, 96, "unnumbered", (0,), "附图", 29),
    # the 目录 heading glued to the end of the cover line; the first entry on the next line
    (SHANGHAI, 5, "cn_list", (1,), "新阶段新起点,以党中央对上海的战略定位引领未来发展", 1),
    (SHANGHAI, 6, "decimal2", (1, 1), "“五个中心”建设既定目标如期实现", 1),
    # a page digit glued before the entry: the contents' own sequence reads 7.1 and 十三、
    (SHANGHAI, 36, "decimal2", (7, 1), "繁荣发展社会主义先进文化", 58),
    (SHANGHAI, 68, "cn_list", (13,), "巩固提升生态环境质量,加快建设生态宜居城市", 101),
    (
        SHANGHAI,
        41,
        "cn_list",
        (8,),
        "全面推动城市数字化转型,加快打造具有世界影响力的国际数字之都",
        64,
    ),
    (MANUFACTURING, 3, "cn_list", (1,), "现状与形势", 1),
    (MANUFACTURING, 11, "cn_paren", (3,), "加强自主供给,壮大产业体系新优势", 9),
]


@pytest.mark.parametrize(
    ("path", "line", "scheme", "number", "title", "page"),
    ENTRIES,
    ids=[f"{e[0].stem[:12]}-{e[1]}" for e in ENTRIES],
)
def test_contents_entries(
    path: Path, line: int, scheme: str, number: tuple[int, ...], title: str, page: int
) -> None:
    entry = next(e for e in _contents(path).entries if e.line == line)
    assert (entry.scheme, entry.path, entry.title, entry.page) == (scheme, number, title, page)


@pytest.mark.parametrize(
    ("path", "entries", "schemes"),
    [
        (BEIJING, 51, {"unnumbered", "chapter_zh", "section_zh"}),
        # 图1…, 图2… and 附件：… lines name no heading
        (SHANGHAI, 89, {"unnumbered", "cn_list", "decimal2"}),
        (MANUFACTURING, 16, {"cn_list", "cn_paren"}),
    ],
)
def test_contents_size(path: Path, entries: int, schemes: set[str]) -> None:
    c = _contents(path)
    assert (len(c.entries), c.schemes) == (entries, schemes)


def _codes(plan: Plan, code: str) -> list[int | None]:
    return [d.line for d in plan.diagnostics if d.code == code]


def test_every_body_heading_confirmed_beijing() -> None:
    # all 9 chapters, 总则, 附图 and their 40 节 are in the contents: no mismatch either way;
    # 前言 comes before the contents, so it is not checked
    plan = parsed(BEIJING)
    assert _codes(plan, "toc-mismatch") == []


def test_partial_plan_reports_the_missing_entries() -> None:
    # the Shanghai text is cut inside 14.6.3: 14.7 to 16.6 and 结语 have no body heading
    lines = _codes(parsed(SHANGHAI), "toc-mismatch")
    assert lines == list(range(80, 94))


# (plan, body line, code): damaged headings the contents names, recovered and reported
RECOVERIES = [
    (SHANGHAI, 111, "title-joined"),  # 一、…引领未来 / 发展
    (SHANGHAI, 1495, "title-joined"),  # 八、…具有世界影响力 / 的国际数字之都
    (SHANGHAI, 454, "heading-recovered"),  # 15三、强化全球资源配置功能…
    (SHANGHAI, 1048, "heading-recovered"),  # 425.1.3 促进人工智能…
    (MANUFACTURING, 155, "heading-recovered"),  # …。 （二）深化推广应用…
]


@pytest.mark.parametrize(("path", "line", "code"), RECOVERIES)
def test_recoveries_reported(path: Path, line: int, code: str) -> None:
    assert line in _codes(parsed(path), code)


# A made-up plan: a contents with dot leaders, a body whose PDF text glued a chapter into a
# sentence with no space, wrapped a short section title, left out one contents entry and added
# one section the contents does not list.
MADE_UP = """某市“十四五”数字经济发展规划
目  录
一、总体要求..............................1
（一）指导思想..........................1
（二）发展目标..........................2
二、重点任务..............................3
（一）推进智能制造与数字化转型协同发展....3
（二）强化数据要素支撑..................4
三、保障措施..............................5
（一）加强组织领导......................5
（二）强化资金保障......................6
一、总体要求
（一）指导思想
坚持以习近平新时代中国特色社会主义思想为指导。
（二）发展目标
到2025年，数字经济核心产业增加值占比达到10%。二、重点任务
（一）推进智能制造与数字化转型
协同发展
支持企业建设智能工厂。
（二）强化数据要素支撑
建设数据交易平台。 三、各区要结合实际制定方案。
三、保障措施
（一）加强组织领导
建立工作机制。
（三）加强宣传引导
做好政策解读。
"""


@cache
def _made_up() -> Plan:
    return parse_text(MADE_UP)


def test_made_up_outline_uses_the_contents() -> None:
    plan = _made_up()
    chapters = [(n.marker, n.title, n.line) for n in plan.outline]
    assert chapters == [
        ("一、", "总体要求", 12),
        ("二、", "重点任务", 16),
        ("三、", "保障措施", 22),
    ]
    wrapped = plan.outline[1].children[0]
    assert (wrapped.title, wrapped.line, wrapped.end_line) == (
        "推进智能制造与数字化转型协同发展",
        17,
        19,
    )


@pytest.mark.parametrize(
    ("code", "line", "says"),
    [
        # 二、 glued to the end of a sentence with no space: the contents names it next
        ("heading-recovered", 16, "named by the contents"),
        # a section title wrapped after 12 characters, joined as the contents spells it
        ("title-joined", 17, "contents (line 7)"),
        # a contents entry with no body heading, and a body heading missing from the contents
        ("toc-mismatch", 11, "(二)强化资金保障"),
        ("toc-mismatch", 25, "not in the table of contents"),
    ],
)
def test_made_up_diagnostics(code: str, line: int, says: str) -> None:
    found = [d for d in _made_up().diagnostics if d.code == code and d.line == line]
    assert found and says in found[0].message


def test_glued_heading_the_contents_does_not_name_stays_prose() -> None:
    # `。 三、各区要…` is where the sequence expects 三、, but the contents' 三、 is 保障措施
    plan = _made_up()
    assert [n.line for n in plan.outline if n.number == 3] == [22]
    assert not [d for d in plan.diagnostics if d.code == "heading-recovered" and d.line == 21]
