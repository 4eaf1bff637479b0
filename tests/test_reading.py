"""The same plan in every form it arrives in parses to the same outline."""

from __future__ import annotations

import html
from typing import Any

import pytest

from plan_parser import Plan, parse_bytes
from plan_parser.read.decode import decode_bytes, plausible_text
from plan_parser.read.normalize import fold

from .conftest import ANYANG

TEXT = ANYANG.read_text(encoding="utf-8")
HALF_TO_FULL = str.maketrans(
    {",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "%": "％", ".": "．"}
)


def signature(plan: Plan, *, with_lines: bool = True) -> list[tuple[Any, ...]]:
    """What "the same outline" means: ids, kinds, numbers, titles (width-folded) and lines."""
    out: list[tuple[Any, ...]] = []
    for n in plan.iter_nodes():
        out.append((n.id, n.kind, n.number, fold(n.title), n.line if with_lines else None))
    for b in plan.boxes:
        out.append(
            (b.id, b.parent_id, fold(b.title), len(b.entries), b.line if with_lines else None)
        )
    return out


BASE = parse_bytes(TEXT.encode("utf-8"), path="anyang.txt")


def to_html(text: str) -> bytes:
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>安阳</title>"
        "<style>p { margin: 0 }</style><script>var x = '一、不是标题';</script></head>"
        "<body><nav>首页 网站地图</nav><div class='content'>\n"
        + body
        + "\n</div><footer>版权所有</footer></body></html>"
    )
    return page.encode("utf-8")


VARIANTS: dict[str, bytes] = {
    "utf-8 with BOM": b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
    "gb18030": TEXT.encode("gb18030"),
    "utf-16 le with BOM": TEXT.encode("utf-16"),
    "utf-16 be with BOM": b"\xfe\xff" + TEXT.encode("utf-16-be"),
    "crlf": TEXT.replace("\n", "\r\n").encode("utf-8"),
    "cr": TEXT.replace("\n", "\r").encode("utf-8"),
    "full-width punctuation": TEXT.translate(HALF_TO_FULL).encode("utf-8"),
    "ideographic indentation": TEXT.replace("\n  ", "\n\u3000\u3000").encode("utf-8"),
    "no indentation": TEXT.replace("\n  ", "\n").encode("utf-8"),
    "gb18030 + crlf + full-width": TEXT.translate(HALF_TO_FULL)
    .replace("\n", "\r\n")
    .encode("gb18030"),
}


@pytest.mark.parametrize("name", list(VARIANTS))
def test_variant_same_outline(name: str) -> None:
    plan = parse_bytes(VARIANTS[name], path="anyang.txt")
    assert signature(plan) == signature(BASE)
    assert plan.metadata.model_dump(exclude={"addressees"}) == BASE.metadata.model_dump(
        exclude={"addressees"}
    )


def test_variant_encodings_reported() -> None:
    assert parse_bytes(VARIANTS["gb18030"]).source.encoding == "gb18030"
    assert parse_bytes(VARIANTS["utf-16 le with BOM"]).source.encoding == "utf-16"
    assert parse_bytes(VARIANTS["utf-8 with BOM"]).source.encoding == "utf-8"


def test_html_page_same_outline() -> None:
    plan = parse_bytes(to_html(TEXT), path="anyang.html")
    assert plan.source.format == "html"
    # the page's text drops blank lines, so line numbers differ; the structure does not
    assert signature(plan, with_lines=False) == signature(BASE, with_lines=False)
    assert plan.metadata.doc_number == "安政〔2022〕13号"


def test_html_drops_script_style_nav() -> None:
    text = decode_bytes(to_html("一、规划环境\n正文。")).text
    assert text.splitlines() == ["一、规划环境", "正文。"]


def test_html_table_rows_are_lines() -> None:
    page = (
        b"<html><body><table><tr><td>\xe6\x8c\x87\xe6\xa0\x87</td><td>2020</td></tr>"
        b"<tr><td>A</td><td>93%</td></tr></table></body></html>"
    )
    assert decode_bytes(page).text.splitlines() == ["指标\t2020", "A\t93%"]


# (what, bytes that are not a plausible decoding)
GARBAGE = [
    (
        "latin-1 prose",
        "Ceci n'est pas un plan: élève, été, à côté, çà et là. ".encode("latin-1") * 40,
    ),
    ("random high bytes", bytes(range(0x80, 0x100)) * 50),
]


@pytest.mark.parametrize(("what", "data"), GARBAGE)
def test_garbage_is_refused(what: str, data: bytes) -> None:
    from plan_parser import InputError

    with pytest.raises(InputError):
        decode_bytes(data)


def test_plausible_text() -> None:
    assert plausible_text(TEXT)
    assert not plausible_text("\ue000\ue001" * 100)
