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

import re
from dataclasses import dataclass

from ..models import Metadata, PlanPeriod
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
PLAN_TITLE = re.compile(r"(?:规划|纲要|方案|计划|意见)(?:\s*[(（](?:草案|试行|征求意见稿)[)）])?$")
PERIOD = re.compile(r"“?(十[一二三四五六七八九]五)”?")
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
    candidates = [
        ln
        for ln in head
        if len(ln.stripped) <= 50
        and PLAN_TITLE.search(ln.stripped)
        and not re.search(r"[。,，;；:：|>]", ln.stripped)
        and not _LABEL_RE.match(ln.stripped)
    ]
    for ln in candidates:
        if re.sub(r"\s+", "", ln.stripped) in enclosed:
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
    elif (m := ISSUED_TITLE.search(" ".join(doc.original(ln) for ln in header))) is not None:
        md.plan_title = m.group(1)
    elif enclosed:
        md.plan_title = sorted(enclosed, key=lambda t: (not PLAN_TITLE.search(t), t))[0]
    md.plan_period = plan_period(md.plan_title or md.title or "")

    body_start = title_line.no if title_line else (first_heading or 1)
    return Front(md, body_start, title_line.no if title_line else None, notice_parts)


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


def plan_period(title: str) -> PlanPeriod | None:
    m = PERIOD.search(title)
    if not m:
        return None
    start = PERIODS_START.get(m.group(1))
    if start is None:
        return None
    return PlanPeriod(name=m.group(1), start_year=start, end_year=start + 4)
