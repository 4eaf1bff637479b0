"""Heading markers and box patterns, as ordered data: numbering schemes, most specific first.

A plan's hierarchy is written with a handful of numbering schemes (第一章, 一、, （一）, 1.,
2.3, 14.1.1, （1）, ①, and unnumbered 总则/前言). A scheme is data: a name, a regex for its
marker and its rank in the canonical nesting (篇 above 章 above 节 …). Which schemes a document
uses, and so which level each one takes, is decided by `outline.py` from the document; this
module only reads markers. Text is already folded (`read.normalize.fold`): （一） is (一), １． is
1., U+3000 is a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from ..lang.numerals import cn_to_int
from ..models import NodeKind
from ..read.normalize import Line
from .prefilter import first_chars

_CN = "一二三四五六七八九十"
_CN_BIG = "一二三四五六七八九十百零〇两"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# single characters of word processors' numbering: ⑴…⒇ for (1)…(20), ㈠…㈩ for (一)…(十)
PAREN_DIGITS = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
PAREN_HANZI = "㈠㈡㈢㈣㈤㈥㈦㈧㈨㈩"
# one-character markers: the scheme's characters in order
SINGLE_CHAR = {"circled": CIRCLED, "paren_digit": PAREN_DIGITS, "paren_hanzi": PAREN_HANZI}
# full stops and commas that PDF text and careless typing put after an Arabic number
ARABIC_SEPARATORS = ".、﹒。,"


@dataclass(frozen=True)
class Scheme:
    name: str
    pattern: re.Pattern[str]
    rank: int  # canonical nesting: lower ranks sit higher (第X章 above 一、 above (一) …)
    chinese_ordinal: bool = False  # 第X章/节/篇/条: unambiguous, may be seeded before use


def _scheme(name: str, regex: str, rank: int, *, zh: bool = False) -> Scheme:
    return Scheme(name, re.compile(r"^" + regex + r"[ ]*"), rank, zh)


# Most specific first: the first scheme whose marker matches a line start wins.
SCHEMES: list[Scheme] = [
    _scheme("part_zh", rf"第(?P<num>[{_CN_BIG}\d]{{1,4}})[ ]*篇", 0, zh=True),
    # 第一部分 发展基础: the top level of many plans (a part only above 第X章, else chapters)
    _scheme("division_zh", rf"第(?P<num>[{_CN_BIG}\d]{{1,4}})[ ]*部分", 0, zh=True),
    _scheme("chapter_zh", rf"第(?P<num>[{_CN_BIG}\d]{{1,4}})[ ]*章", 1, zh=True),
    _scheme("section_zh", rf"第(?P<num>[{_CN_BIG}\d]{{1,4}})[ ]*节", 2, zh=True),
    _scheme("article_zh", rf"第(?P<num>[{_CN_BIG}\d]{{1,4}})[ ]*条", 3, zh=True),
    _scheme("cn_list", rf"(?P<num>[{_CN}]{{1,3}})[、.]", 4),
    _scheme("cn_paren", rf"\((?P<num>[{_CN}]{{1,3}})\)", 5),
    _scheme("paren_hanzi", rf"(?P<num>[{PAREN_HANZI}])", 5),
    # 14.1.1 and 2.3: a space or a CJK character follows, never a digit, % or a unit letter
    _scheme("decimal3", r"(?P<num>\d{1,2}\.\d{1,2}\.\d{1,2})(?![\d.%])", 7),
    _scheme("decimal2", r"(?P<num>\d{1,2}\.\d{1,2})(?![\d.%])", 6),
    _scheme("arabic_paren", r"\((?P<num>\d{1,2})\)", 9),
    _scheme("paren_digit", rf"(?P<num>[{PAREN_DIGITS}])", 9),
    # 1) 2): a closing parenthesis alone after the number
    _scheme("arabic_rparen", r"(?P<num>\d{1,2})\)(?![\d])", 9),
    _scheme("arabic", rf"(?P<num>\d{{1,2}})[{ARABIC_SEPARATORS}](?![\d.])", 8),
    _scheme("circled", rf"(?P<num>[{CIRCLED}])", 10),
]
SCHEME_BY_NAME = {s.name: s for s in SCHEMES}


def _cn_numeral(n: int) -> str:
    """1-99 in Chinese numerals: 一, 十, 十二, 三十, 三十五."""
    tens, units = divmod(n, 10)
    lead = (_CN[tens - 1] if tens > 1 else "") + ("十" if tens else "")
    return lead + (_CN[units - 1] if units else "")


# the numbers most markers carry, 1-99 in Arabic digits and in Chinese numerals, looked up
# instead of parsed (`cn_to_int` gives the same; tests/test_outline.py checks)
SMALL_NUMERALS = {str(n): n for n in range(1, 100)} | {_cn_numeral(n): n for n in range(1, 100)}
# all SCHEMES as one pattern, in their order, each a group named for it (its number group
# `num_` + name): the first alternative that matches is the first scheme that does
SCHEME_MARKERS = re.compile(
    "|".join(
        f"(?P<{s.name}>" + s.pattern.pattern[1:].replace("(?P<num>", f"(?P<num_{s.name}>") + ")"
        for s in SCHEMES
    )
)
# the markers of all SCHEMES as one pattern (their groups unnamed): a line it does not match is
# not tried scheme by scheme
ANY_MARKER = re.compile("|".join(re.sub(r"\(\?P<\w+>", "(?:", s.pattern.pattern) for s in SCHEMES))
# schemes whose number is a path (14.1.1): the leading parts name the ancestors
DECIMAL = {"decimal2": 2, "decimal3": 3}
# after a decimal number these make it a quantity (2.5万亿元, 1.5个), not a heading
QUANTITY_NEXT = "年月日号个万亿"

# Unnumbered headings that play a chapter's role; written letter-spaced in print (前    言)
UNNUMBERED_WORDS = (
    "前言",
    "总则",
    "结语",
    "结束语",
    "附则",
    "附图",
    "附件",
    "附表",
    "后记",
    "序言",
)
# an appendix may carry its number: 附件1, 附件 2, 附表一
APPENDIX_NUMBER = r"(?:(?<=附[件表图])[ ]*[\d一二三四五六七八九十]{1,3})?"
UNNUMBERED = re.compile(
    r"^(?P<word>(?:"
    + "|".join(r"[ ]*".join(w) for w in UNNUMBERED_WORDS)
    + ")"
    + APPENDIX_NUMBER
    + r")$"
)
# … the same word glued to the end of the line before it, set off by a space (a PDF cover line
# `2021 年 9 月 前    言`): only the letter-spaced form, which prose never uses (` [ ]*`, not
# `[ ]+`: a literal first lets re skip ahead to the spaces)
UNNUMBERED_GLUED = re.compile(
    r" [ ]*(?P<word>"
    + "|".join(r"[ ]{2,}".join(w) for w in UNNUMBERED_WORDS if len(w) == 2)
    + r")$"
)


class MarkerMatch(NamedTuple):  # a named tuple: built for every marker read, cheaply
    scheme: Scheme
    number: int
    path: tuple[int, ...]  # (14, 1, 1) for 14.1.1; (n,) otherwise
    start: int  # offset of the marker in the string searched
    end: int  # offset after the marker and the spaces after it


def read_marker(s: str, pos: int = 0, *, alone: bool = False) -> MarkerMatch | None:
    """The numbering marker at `s[pos:]`, if any, with its number (None for a zero or a bad
    numeral, and for a number followed by what makes it a quantity: 2.69 万亿元 stays prose only
    by the sequence, but `2025年`, `93.5%` and `3个` never read as markers). A marker with nothing
    after it is read only when `alone` asks for one."""
    s = s[pos:]
    m = SCHEME_MARKERS.match(s)
    if m is None or m.lastgroup is None:
        return None
    scheme = SCHEME_BY_NAME[m.lastgroup]
    raw = m.group("num_" + m.lastgroup)
    small = SMALL_NUMERALS.get(raw)
    if small is not None:
        path: tuple[int, ...] = (small,)
    elif scheme.name in SINGLE_CHAR:
        path = (SINGLE_CHAR[scheme.name].index(raw) + 1,)
    elif scheme.name in DECIMAL:
        path = tuple(int(p) for p in raw.split("."))
    else:
        n = cn_to_int(raw)
        if n is None:
            return None
        path = (n,)
    if 0 in path:
        return None
    rest = s[m.end() :].rstrip()
    if not rest:
        return MarkerMatch(scheme, path[-1], path, pos, pos + m.end()) if alone else None
    if rest[0] in "%." or (scheme.name in DECIMAL and rest[0] in QUANTITY_NEXT):
        return None
    return MarkerMatch(scheme, path[-1], path, pos, pos + m.end())


def unnumbered_heading(s: str) -> str | None:
    """`总    则` standing alone: the word without its letter-spacing."""
    m = UNNUMBERED.match(s.strip())
    return re.sub(r"[ ]+", "", m.group("word")) if m else None


# A page number glued before a heading marker by PDF extraction: `15三、…`, `425.1.3 …`
PAGE_PREFIX = re.compile(r"^\d{1,3}")


def page_prefixed_markers(s: str) -> list[tuple[int, MarkerMatch]]:
    """Markers that would start `s` once 1-3 leading digits (a page number) are dropped, shortest
    drop first: `425.1.3 x` gives (1, 25.1.3), (2, 5.1.3). The caller keeps the one its sequence
    expects."""
    m = PAGE_PREFIX.match(s)
    if not m:
        return []
    out = []
    for drop in range(1, m.end() + 1):
        mm = read_marker(s, drop)
        if mm is not None:
            out.append((drop, mm))
    return out


@dataclass(frozen=True)
class NotHeading:
    """A shape of numbered lines that are not outline headings. With a `lead`, the line it
    matches opens a list: the numbered lines after it are the list's, while their numbers
    continue it (1., 2., 3. …) and a wrapped line continues an item; the first other line ends
    it. Without one, a numbered line whose text after the number matches `title` is not a
    heading on its own."""

    name: str
    schemes: tuple[str, ...]  # the numbering its lines use
    lead: re.Pattern[str] | None = None
    title: re.Pattern[str] | None = None


NOT_HEADINGS: list[NotHeading] = [
    # 注：1.数据来源于… / 2.…: notes under a table
    NotHeading(
        "table-note",
        ("arabic", "arabic_paren", "arabic_rparen", "paren_digit", "circled"),
        re.compile(r"^注[ ]*:"),
    ),
    # 附表：1．…4．, 附件：1.…: the list of a plan's appendices (a bare 附件 line is a heading)
    NotHeading("appendix-list", ("arabic", "arabic_paren"), re.compile(r"^附[表件图][ ]*:")),
    # 1、《中华人民共和国…》: a legal-basis or reference list (规划依据)
    NotHeading("legal-basis", ("arabic", "arabic_paren"), title=re.compile(r"^《")),
]


def list_lead(s: str) -> NotHeading | None:
    """The not-heading list that line `s` opens (注：, 附表：…), if any."""
    for rule in NOT_HEADINGS:
        if rule.lead is not None and rule.lead.match(s):
            return rule
    return None


def titled_not_heading(scheme: str, title: str) -> NotHeading | None:
    """The shape a numbered line with this title is, when its title alone says it is no
    heading (1、《中华人民共和国…》)."""
    for rule in NOT_HEADINGS:
        if rule.title is not None and scheme in rule.schemes and rule.title.match(title):
            return rule
    return None


# What the outline reads at a line's start: a marker, a page number glued before one, an
# unnumbered heading (总则), a 注：/附表： list lead. A line none of them opens is read as text,
# unless the line holds a glue point or a box (`outline.py` checks those apart).
LINE_OPENER = re.compile(
    "|".join(
        [
            ANY_MARKER.pattern,
            PAGE_PREFIX.pattern,
            UNNUMBERED.pattern,
            *(rule.lead.pattern for rule in NOT_HEADINGS if rule.lead is not None),
        ]
    )
)

# the characters a `LINE_OPENER` match can start with (None: unknown, always run it); most lines
# of prose start with none of them, and are not matched against the whole alternation
LINE_OPENER_FIRST = first_chars(LINE_OPENER)

# a run-in title (`5.3.1 大力发展…服务` / `业。加快…`) wrapped at the line end ends with a 。 this
# near the next line's start
RUN_IN_TAIL = 20

# Where a heading may hide inside a line: after a sentence end and a space (`…机器人。 三、推进…`)
GLUE_POINT = re.compile(r"[。;!?][ ]+(?=\S)")


LEVEL_KINDS: list[NodeKind] = ["chapter", "section", "item", "subitem"]
# a plan divided into 第X篇 (纲要) has one level more: parts above its chapters
PART_LEVEL_KINDS: list[NodeKind] = ["part", *LEVEL_KINDS]
ID_PREFIX: dict[str, str] = {
    "part": "prt",
    "chapter": "chp",
    "section": "sec",
    "item": "item",
    "subitem": "sub",
}

# 专栏3 / 专栏 3: / 专栏三、; boxes numbered per chapter (专栏1-1, 专栏2－3) keep the chapter's
# number, their own after the dash is dropped from the title
BOX_HEADING = re.compile(
    r"^专栏[ ]*(?P<num>\d{1,2}|[一二三四五六七八九十]{1,3})"
    r"(?:[ ]*[-—–－][ ]*(?P<sub>\d{1,2})(?!\d))?"
    r"[ ]*[:.、]?[ ]*(?P<title>[^。]{0,60})$"
)
BOX_REFERENCE = re.compile(r"专栏[ ]*(?P<num>\d{1,2})")
# "01 关键核心技术": numbered entries of boxes in PDF-extracted plans
NUMBERED_ENTRY = re.compile(r"^(?P<num>\d{2})[ ]+(?P<name>[^ 。;,]{2,30})$")
# "文峰区:新建…、…;" a labelled list inside a box entry
LABELLED_LIST = re.compile(r"^(?P<label>[^:,。;、()\[\]“”\d]{1,8}?)[ ]*:(?P<items>.+)$")
ENTRY_NAME_SUFFIX = re.compile(r"^.{2,28}(?:工程|计划|行动|项目|改革|工作|建设)")
LIST_SPLIT = re.compile(r"[、,;]")
TERMINAL = ("。", "!", "?", ";", ":", "！", "？")
# numbering that, inside a 专栏, numbers the box's entries (1. / (1) / ①), not outline items
BOX_ENTRY_SCHEMES = ("arabic", "arabic_paren", "arabic_rparen", "paren_digit", "circled")


class HeadingMatch(NamedTuple):
    scheme: Scheme | None  # None for an unnumbered heading (总则, 前言)
    number: int
    path: tuple[int, ...]  # (14, 1, 1) for a decimal marker, (n,) otherwise
    marker_text: tuple[int, int]  # doc offsets of the marker as written
    title: tuple[int, int]  # doc offsets of the title
    body: tuple[int, int] | None  # run-in text after the title, if any
    page_prefix: tuple[int, int] | None = None  # a page number glued before the marker

    @property
    def kind(self) -> str:
        return self.scheme.name if self.scheme else "unnumbered"


def heading_from(off: int, s: str, mm: MarkerMatch) -> HeadingMatch | None:
    """The heading whose marker `mm` was read in `s`, which starts at doc offset `off`."""
    rest_r = s[mm.end :]
    start = off + mm.end
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
    marker_end = off + len(s[: mm.end].rstrip())
    return HeadingMatch(mm.scheme, mm.number, mm.path, (off + mm.start, marker_end), title, body)


def marker_alone(s: str) -> MarkerMatch | None:
    """A numbering marker standing alone on its line (`第一章`, `一、`, `（一）`): its title is on
    the next line, which the outline takes when the sequence calls for the heading."""
    s = s.strip()
    mm = read_marker(s, alone=True)
    return mm if mm is not None and not s[mm.end :].strip() else None


def match_heading(ln: Line) -> HeadingMatch | None:
    """The numbered heading a line starts with, if any."""
    s = ln.text.strip()
    mm = read_marker(s)
    return heading_from(ln.content_start, s, mm) if mm else None
