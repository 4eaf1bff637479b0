"""The heading and box patterns, as ordered data: most specific first.

A heading's level comes from the order marker kinds first appear in a plan's body (`outline.py`),
never from the marker itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang.numerals import cn_to_int
from ..models import NodeKind
from ..read.normalize import Line


@dataclass(frozen=True)
class Marker:
    kind: str
    pattern: re.Pattern[str]


def _marker(kind: str, regex: str) -> Marker:
    return Marker(kind, re.compile(r"^" + regex + r"[ ]*"))


_CN = "一二三四五六七八九十"
# Heading markers, most specific first. Text is already folded: （一） is (一), １． is 1.
MARKERS: list[Marker] = [
    _marker("chapter_zh", r"第(?P<num>[一二三四五六七八九十百零〇两\d]{1,4})[ ]*章"),
    _marker("section_zh", r"第(?P<num>[一二三四五六七八九十百零〇两\d]{1,4})[ ]*节"),
    _marker("cn_list", rf"(?P<num>[{_CN}]{{1,3}})[、.]"),
    _marker("cn_paren", rf"\((?P<num>[{_CN}]{{1,3}})\)"),
    _marker("arabic_paren", r"\((?P<num>\d{1,2})\)"),
    _marker("arabic", r"(?P<num>\d{1,2})(?:\.|、)(?![\d.])"),
    _marker("circled", r"(?P<num>[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])"),
]
LEVEL_KINDS: list[NodeKind] = ["chapter", "section", "item", "subitem"]
ID_PREFIX: dict[str, str] = {"chapter": "chp", "section": "sec", "item": "item", "subitem": "sub"}

BOX_HEADING = re.compile(
    r"^专栏[ ]*(?P<num>\d{1,2}|[一二三四五六七八九十]{1,3})[ ]*[:.、]?[ ]*(?P<title>[^。]{0,60})$"
)
BOX_REFERENCE = re.compile(r"专栏[ ]*(?P<num>\d{1,2})")
# "01 关键核心技术": numbered entries of boxes in PDF-extracted plans
NUMBERED_ENTRY = re.compile(r"^(?P<num>\d{2})[ ]+(?P<name>[^ 。;,]{2,30})$")
# "文峰区:新建…、…;" a labelled list inside a box entry
LABELLED_LIST = re.compile(r"^(?P<label>[^:,。;、()\[\]“”\d]{1,8}?)[ ]*:(?P<items>.+)$")
ENTRY_NAME_SUFFIX = re.compile(r"^.{2,28}(?:工程|计划|行动|项目|改革|工作|建设)")
LIST_SPLIT = re.compile(r"[、,;]")
TERMINAL = ("。", "!", "?", ";", ":", "！", "？")
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True)
class HeadingMatch:
    marker: Marker
    number: int
    marker_text: tuple[int, int]  # doc offsets of the marker as written
    title: tuple[int, int]  # doc offsets of the title
    body: tuple[int, int] | None  # run-in text after the title, if any


def match_heading(ln: Line) -> HeadingMatch | None:
    """The heading a line starts with, if any."""
    s = ln.text.lstrip()
    off = ln.content_start
    for marker in MARKERS:
        m = marker.pattern.match(s)
        if not m:
            continue
        raw = m.group("num")
        number = CIRCLED.index(raw) + 1 if marker.kind == "circled" else cn_to_int(raw)
        if number is None or number == 0:
            return None
        rest = s[m.end() :]
        rest_r = rest.rstrip()
        if not rest_r or rest_r[0] in "%%.年月日号个万亿":
            return None
        start = off + m.end()
        stop = rest_r.find("。")
        if stop == -1:
            title = (start, start + len(rest_r))
            body = None
        else:
            title = (start, start + stop)
            tail = rest_r[stop + 1 :]
            lead = len(tail) - len(tail.lstrip())
            body = (start + stop + 1 + lead, start + len(rest_r)) if tail.strip() else None
        if title[1] <= title[0]:
            return None
        marker_end = off + len(s[: m.end()].rstrip())
        return HeadingMatch(marker, number, (off, marker_end), title, body)
    return None
