"""Stage 4: the metadata header of a government web page, the notice around the plan, the plan's
title and its period.

    标  题 安阳市人民政府关于印发…的通知
    索 引 号 E0001-01-2022-00028 失效时间
    发文机关 安阳市人民政府办公室 成文日期 2022年06月15日
    发文字号 安政〔2022〕13号 发布时间 2022年07月13日

Labels may be spread with spaces (`标  题`, `有 效 性`), followed by a colon or not, and several
may share a line; a value runs to the next label.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..models import Jurisdiction, Metadata, PlanPeriod
from ..read.normalize import Document, Line

# field name -> label as written (spaces between characters are allowed)
LABELS: list[tuple[str | None, str]] = [
    ("title", "标题"),
    ("index_number", "索引号"),
    ("issuer", "发文机关"),
    ("issuer", "发布机构"),
    ("written_date", "成文日期"),
    ("doc_number", "发文字号"),
    ("doc_number", "文号"),
    ("publication_date", "发布时间"),
    ("publication_date", "发布日期"),
    ("validity", "有效性"),
    ("expiry_date", "失效时间"),
    ("source", "文章来源"),
    ("source", "来源"),
    ("publication_date", "时间"),
    (None, "主题分类"),
    (None, "作者"),
    (None, "浏览次数"),
    (None, "字号"),
]
DATE_FIELDS = {"written_date", "publication_date", "expiry_date"}


def _label_regex(label: str) -> str:
    return r"\s*".join(re.escape(ch) for ch in label)


_LABEL_RE = re.compile(
    r"(?:^|(?<=\s)|(?<=\d))(?P<label>"
    + "|".join(f"(?:{_label_regex(lab)})" for _, lab in LABELS)
    + r")\s*[:：]?"
)
_LABEL_FIELD = {lab: name for name, lab in LABELS}

DATE = re.compile(
    r"(?P<y>(?:19|20)\d\d)\s*(?:年|-|/|\.)\s*(?P<m>\d{1,2})\s*(?:月|-|/|\.)\s*(?P<d>\d{1,2})\s*日?"
)
DOC_NUMBER = re.compile(
    r"\S{1,12}〔\s*\d{4}\s*〕\s*\d{1,4}\s*号|\S{1,12}\[\s*\d{4}\s*\]\s*\d{1,4}\s*号"
)
# years of a plan period as written: 2021-2025, 2021 年-2035 年, 2021年至2035年, 2025—2027年
_YEARS = r"(?P<start>(?:19|20)\d\d)\s*年?\s*(?:[-—–~～至到]+)\s*(?P<end>(?:19|20)\d\d)\s*年?"
# a period in parentheses: （2021-2025 年）, （2021年-2035年）
PAREN_YEARS = re.compile(r"[(（]\s*" + _YEARS + r"\s*[)）]")
# the period stated in the text: 规划期限为 2021 年至 2035 年, 规划期：2021—2025年
STATED_YEARS = re.compile(r"规划(?:期限|年限|时限|期)\s*(?:为|是|:|：)?\s*" + _YEARS)
PLAN_TITLE = re.compile(
    r"(?:规划|纲要|方案|计划|意见|建议)"
    r"(?:\s*[(（]\s*(?:19|20)\d\d\s*年?\s*[-—–~～至到]+\s*(?:19|20)\d\d\s*年?\s*[)）])?"
    r"(?:\s*[(（](?:草案|试行|征求意见稿)[)）])?$"
)
# a title's second line may start with a conjunction:
#   上海市国民经济和社会发展第十四个五年规划 / 和二〇三五年远景目标纲要
TITLE_CONTINUATION = re.compile(r"^(?:和|及|与|暨|以及)")
TITLE_MAX = 50
# lines that close a notice and never begin a title: its signature and its date
#   某某县人民政府办公室 / 2022年3月1日 / 某某县“十四五”卫生健康事业发展规划
SIGNATURE = re.compile(r"(?:人民政府|办公室|办公厅|委员会|人民代表大会常务委员会|政府)$")
PERIOD = re.compile(r"“?(十[一二三四五六七八九]五)”?|第(十[一二三四五六七八九])个五年")
PERIODS_START = {"十一五": 2006, "十二五": 2011, "十三五": 2016, "十四五": 2021, "十五五": 2026}
ADDRESSEES = re.compile(r"^[^。]{4,120}[:：]$")
ISSUED_TITLE = re.compile(r"印发\s*《?([^《》\s]{4,60}?(?:规划|纲要|方案|计划|意见))》?\s*的通知")
ENCLOSED_TITLE = re.compile(r"《([^《》]{4,60})》")


def iso_date(text: str) -> str | None:
    m = DATE.search(text)
    if not m:
        return None
    y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


@dataclass
class Front:
    """What the front matter tells the rest of the pipeline."""

    metadata: Metadata
    body_start: int  # 1-based line where the plan itself begins (its title or first heading)
    plan_title_line: int | None
    notice_title_parts: list[str]


def parse_labels(lines: list[str]) -> dict[str, str]:
    """Label/value pairs from header lines; the first value found for a field wins."""
    out: dict[str, str] = {}
    for s in lines:
        matches = list(_LABEL_RE.finditer(s))
        for i, m in enumerate(matches):
            end = matches[i + 1].start() if i + 1 < len(matches) else len(s)
            value = s[m.end() : end].strip()
            label = re.sub(r"\s+", "", m["label"])
            name = _LABEL_FIELD.get(label)
            if name is None or name in out or not value:
                continue
            out[name] = value
    return out


def parse_front(doc: Document, first_heading: int | None, skip: set[int]) -> Front:
    """Read metadata, notice and plan title from the lines before the first heading."""
    limit = (first_heading or len(doc.lines) + 1) - 1
    head = [ln for ln in doc.lines[:limit] if ln.no not in skip and ln.stripped]

    # the plan title: a short unpunctuated line naming a 规划/纲要/方案; prefer the one the
    # notice encloses in 《》
    enclosed = {m.group(1) for ln in head for m in ENCLOSED_TITLE.finditer(ln.stripped)}
    title_line = None
    # each candidate with the line that continues it, if the title is wrapped over two lines
    wrapped = {ln.no: nxt for ln, nxt in itertools.pairwise(head) if _wraps(ln, nxt)}
    continuations = {nxt.no for nxt in wrapped.values()}
    candidates = [
        ln
        for ln in head
        if ln.no not in continuations
        and (
            (_title_like(ln.stripped, TITLE_MAX) and PLAN_TITLE.search(ln.stripped))
            or ln.no in wrapped
        )
    ]

    def joined(ln: Line) -> str:
        nxt = wrapped.get(ln.no)
        return ln.stripped + (nxt.stripped if nxt else "")

    for ln in candidates:
        if re.sub(r"\s+", "", joined(ln)) in enclosed:
            title_line = ln
            break
    if title_line is None and candidates:
        title_line = candidates[0]

    meta_end = title_line.no if title_line else limit + 1
    header = [ln for ln in head if ln.no < meta_end]
    fields = parse_labels([doc.original(ln) for ln in header])

    md = Metadata()
    for name, value in fields.items():
        if name in DATE_FIELDS:
            setattr(md, name, iso_date(value))
        elif name == "doc_number":
            m = DOC_NUMBER.search(value)
            md.doc_number = re.sub(r"\s+", "", m.group(0) if m else value)
        else:
            setattr(md, name, value)
    if md.doc_number is None:
        for ln in header:
            m = DOC_NUMBER.search(ln.stripped)
            if m:
                md.doc_number = m.group(0).replace(" ", "")
                break

    # the notice: addressees (a line ending with a colon) and the date that closes it
    for ln in header:
        s = ln.stripped
        if md.addressees is None and ADDRESSEES.match(s) and not _LABEL_RE.match(s):
            md.addressees = doc.original(ln)[:-1]
        elif md.addressees is not None and md.notice_date is None and DATE.fullmatch(s):
            md.notice_date = iso_date(s)
    notice_parts = _notice_title(header)

    if title_line is not None:
        md.plan_title = doc.original(title_line)
        if (nxt := wrapped.get(title_line.no)) is not None:
            md.plan_title += doc.original(nxt).strip()
    elif (m := ISSUED_TITLE.search(" ".join(doc.original(ln) for ln in header))) is not None:
        md.plan_title = m.group(1)
    elif enclosed:
        md.plan_title = sorted(enclosed, key=lambda t: (not PLAN_TITLE.search(t), t))[0]
    after = _after_title(head, title_line, wrapped)
    md.plan_period = plan_period(
        md.plan_title or md.title or "", [ln.stripped for ln in after], doc.text
    )
    if md.written_date is None and md.notice_date is None:
        md.written_date = _adoption_date(after)
    md.jurisdiction = _jurisdiction(md, doc.text)

    body_start = title_line.no if title_line else (first_heading or 1)
    return Front(md, body_start, title_line.no if title_line else None, notice_parts)


def _jurisdiction(md: Metadata, text: str) -> Jurisdiction | None:
    from ..lang.places import plan_jurisdiction

    found = plan_jurisdiction([md.issuer, md.title, md.plan_title], text)
    if found is None:
        return None
    return Jurisdiction(
        name=found.name, level=found.level, adcode=found.adcode, source=found.source
    )


def _notice_title(header: list[Line]) -> list[str]:
    """The notice title, often broken over lines: 安阳市人民政府 / 关于印发… / …的通知."""
    parts: list[str] = []
    for ln in header:
        s = ln.stripped
        if _LABEL_RE.match(s):
            parts = []
            continue
        if re.search(r"[。,，;；:：]", s) or len(s) > 40:
            parts = []
            continue
        parts.append(s)
        if s.endswith(("通知", "通告", "决定", "意见", "批复", "函")):
            return ["".join(parts)]
    return []


def plan_period(title: str, after: Sequence[str] = (), text: str = "") -> PlanPeriod | None:
    """The plan's period: 十四五 (or 第十四个五年规划) in its title; else the years of its title
    or of a line right after it (`（2021 年-2035 年）`); else the period its text states
    (`规划期限为 2021 年至 2035 年`)."""
    m = PERIOD.search(title)
    if m:
        name = m.group(1) or f"{m.group(2)}五"
        start = PERIODS_START.get(name)
        if start is not None:
            return PlanPeriod(name=name, start_year=start, end_year=start + 4)
    for candidate in (title, *after):
        y = PAREN_YEARS.search(candidate)
        if y and (candidate is title or y.start() == 0):
            return _years(y)
    y = STATED_YEARS.search(text)
    return _years(y) if y else None


def _years(m: re.Match[str]) -> PlanPeriod | None:
    start, end = int(m["start"]), int(m["end"])
    if not start < end <= start + 30:
        return None
    return PlanPeriod(name=f"{start}-{end}", start_year=start, end_year=end)


def _title_like(s: str, limit: int) -> bool:
    """Short, unpunctuated, not a metadata label: could be (part of) a title."""
    return len(s) <= limit and not re.search(r"[。,，;；:：|>]", s) and not _LABEL_RE.match(s)


def _wraps(first: Line, second: Line) -> bool:
    """Is `second` the rest of a title begun on `first`? Together they are a title; `first` is
    not one alone, or `second` starts with a conjunction (和二〇三五年远景目标纲要)."""
    a, b = first.stripped, second.stripped
    if second.no != first.no + 1 or not _title_like(a, TITLE_MAX) or not _title_like(b, TITLE_MAX):
        return False
    if PAREN_YEARS.match(b) or not PLAN_TITLE.search(b) or len(a) + len(b) > 2 * TITLE_MAX:
        return False
    if DATE.fullmatch(a) or (SIGNATURE.search(a) and "关于" not in a):
        return False
    return not PLAN_TITLE.search(a) or TITLE_CONTINUATION.match(b) is not None


def _after_title(head: list[Line], title: Line | None, wrapped: dict[int, Line]) -> list[Line]:
    """The few lines right after the title (its period, 草案, the date it was adopted)."""
    if title is None:
        return []
    last = wrapped[title.no].no if title.no in wrapped else title.no
    return [ln for ln in head if ln.no > last][:3]


_ADOPTED = re.compile(r"^[(（]?\s*" + DATE.pattern)


def _adoption_date(after: list[Line]) -> str | None:
    """The date a line right after the title starts with: `（2020年10月29日…通过）`,
    `2021 年 1 月 27 日上海市…批准`."""
    for ln in after:
        if _ADOPTED.match(ln.stripped):
            return iso_date(ln.stripped)
    return None
