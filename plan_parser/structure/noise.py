"""Stage 3: find the lines that are not the document: page chrome, tables of contents, bare page
numbers and running page headers. They are removed from the outline and reported as diagnostics.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..models import Diagnostic
from ..read.normalize import Document, Line
from .layout import Widths, wrap_width
from .markers import read_marker
from .prefilter import first_chars

# Page chrome of government web pages (breadcrumbs, print/font/close buttons, footers).
CHROME = [
    re.compile(r"^(?:首页|当前位置|您的位置|您现在的位置)\s*[>:»›]"),
    re.compile(r"^【\s*(?:打印|关闭|字体|收藏|返回顶部|打印本页|关闭窗口)"),
    re.compile(r"^(?:主办|承办|协办|技术支持)\s*[:：]\s*\S{1,30}$"),
    re.compile(r"^(?:网站标识码|ICP备|京ICP|豫ICP|政府网站标识码|扫一扫|分享到)"),
    re.compile(r"^(?:\[\s*打印\s*\]|\[\s*关闭\s*\])"),
]
# 目录, also after a page number the PDF text glued before it (`II 目    录`)
TOC_HEADING = re.compile(r"^(?:[IVX\d]{1,4}\s+)?目\s*(?:录|次)$")
# A contents line: a title, a dot leader (or a long gap) and a page number.
TOC_ENTRY = re.compile(r"(?:\.{4,}|…{2,}|·{4,}|-{4,}|_{4,})\s*\d{1,4}\s*$")
PAGE_NUMBER = re.compile(
    r"""^(?:
        -?\s*\d{1,3}\s*-?             # 12   - 12 -
      | [—–]\s*\d{1,3}\s*[—–]          # — 31 —
      | \d(?:[ ]\d){1,2}             # 2 8: a PDF page number with its digits spaced
      | [IVX](?:[ ]?[IVX]){0,4}       # I I, II I: roman page numbers of the front matter
      | 第\s*\d{1,3}\s*页(?:\s*[,/]?\s*共\s*\d{1,3}\s*页)?
      | \d{1,3}\s*/\s*\d{1,3}         # 3/15
    )$""",
    re.VERBOSE,
)
# the chrome patterns as one (a line is chrome if any of them matches at its start)
ANY_CHROME = re.compile("|".join(f"(?:{p.pattern})" for p in CHROME))
# chrome, a 目录 heading or a bare page number: a line none of them matches, that does not end
# with a digit (a contents entry's page), is noise only inside contents
ANY_NOISE_START = re.compile(
    f"{ANY_CHROME.pattern}|(?:{TOC_HEADING.pattern})|(?x:{PAGE_NUMBER.pattern})"
)
# the characters an `ANY_NOISE_START` match can start with (None: unknown, always run it)
NOISE_FIRST = first_chars(ANY_NOISE_START)
RUNNING_HEADER_MAX = 60
# Chrome is a short line: a long line that starts like a breadcrumb is a page flattened into one
# line, and its text is the document.
CHROME_MAX = 200
WRAPPED_ENTRY_MAX = 60  # the first line of a contents entry wrapped over two lines
# a contents entry's page number without a dot leader: `第一章 发展基础\t1`, `… 总体要求   3`
TRAILING_PAGE = re.compile(r"(?:\t|[ ]{2,}|(?<=[\u4e00-\u9fff])[ ])[ \t]*\d{1,4}[ \t]*$")
MIN_ENTRIES = 2
# A diagnostic quotes at most this much of the line it removed.
QUOTE_MAX = 200
REPEAT_MIN = 3
# A summary diagnostic quotes this many of the lines it counts, each up to SUMMARY_QUOTE.
SUMMARY_SHOWN = 3
SUMMARY_QUOTE = 40


@dataclass(frozen=True)
class Noise:
    line: int
    code: str  # page-chrome | toc-skipped | page-number | running-header
    text: str


def find_chrome_toc_pages(doc: Document) -> dict[int, Noise]:
    """Noise found line by line: chrome, contents, page numbers."""
    found: dict[int, Noise] = {}
    in_toc = False
    prev_content = ""
    last_page = 0  # the last Arabic page number removed
    leaderless: set[int] = set()  # entries of a contents page without dot leaders
    may_start = NOISE_FIRST.may_start if NOISE_FIRST else bool
    for ln in doc.lines:
        s = ln.stripped
        if not s:
            continue
        if not in_toc and not s[-1].isdigit() and not (may_start(s) and ANY_NOISE_START.match(s)):
            if ln.no in leaderless:
                found[ln.no] = Noise(ln.no, "toc-skipped", s)
            prev_content = s  # the end of the loop below, for a line no pattern matches
            continue
        if len(s) <= CHROME_MAX and ANY_CHROME.match(s):
            found[ln.no] = Noise(ln.no, "page-chrome", s)
            continue
        if ln.no in leaderless:
            found[ln.no] = Noise(ln.no, "toc-skipped", s)
            prev_content = s
            continue
        if TOC_HEADING.match(s):
            in_toc = True
            found[ln.no] = Noise(ln.no, "toc-skipped", s)
            leaderless.update(_leaderless_contents(doc, ln.no))
            prev_content = s
            continue
        # an entry ends with its page number (checked before TOC_ENTRY's search)
        if (s[-1].isdigit() and TOC_ENTRY.search(s)) or (in_toc and _wrapped_entry(doc, ln.no)):
            found[ln.no] = Noise(ln.no, "toc-skipped", s)
            in_toc = True
            prev_content = s
            continue
        if PAGE_NUMBER.match(s) and (
            in_toc or _after_prose(prev_content, doc, ln.no) or _next_page(s, last_page)
        ):
            # after prose or contents, or the next page of the numbering seen so far; a short
            # cell around it means a flattened table instead
            found[ln.no] = Noise(ln.no, "page-number", s)
            last_page = _page_value(s) or last_page
            in_toc = False
            continue
        in_toc = False
        prev_content = s
    return found


def _leaderless_contents(doc: Document, heading: int) -> list[int]:
    """The entries under a 目录 heading that a contents page without dot leaders lists: short
    lines that open with a heading marker, a page number after a tab or spaces or none at all
    (a Word contents field pasted as text, a web page's own list). They run to the first line
    that is not one, or to the body's first heading, which repeats the first entry; without
    page numbers, only that repeat proves they were contents.

        目录 / 第一章 发展基础\t1 / 第二章 总体要求\t3 / … / 第一章 发展基础 / “十三五”期间…
    """
    entries: list[int] = []
    first: str | None = None
    paged = 0
    for ln in doc.lines[heading:]:
        s = ln.stripped
        if not s:
            continue
        m = TRAILING_PAGE.search(s)
        title = s[: m.start()] if m else s
        if len(title) > WRAPPED_ENTRY_MAX or read_marker(title) is None or TOC_ENTRY.search(s):
            break
        key = re.sub(r"\s+", "", title)
        if first is None:
            first = key
        elif key == first:
            return entries if len(entries) >= MIN_ENTRIES else []
        entries.append(ln.no)
        paged += m is not None
    return entries if len(entries) >= MIN_ENTRIES and paged == len(entries) else []


def _wrapped_entry(doc: Document, no: int) -> bool:
    """Inside the contents, is line `no` the first part of an entry wrapped over two lines (its
    leader and page on the next line, which starts with no marker of its own)?

        第三章  强化战略科技力量，建设具有全国影响力的区域科技创新
        中心 ……………………………………………… 7
    """
    s = doc.line(no).stripped
    if len(s) > WRAPPED_ENTRY_MAX or read_marker(s) is None:
        return False
    for ln in doc.lines[no:]:
        if ln.stripped:
            return TOC_ENTRY.search(ln.stripped) is not None and read_marker(ln.stripped) is None
    return False


def _page_value(s: str) -> int | None:
    """The page a page-number line names: `— 31 —` 31, `2 8` 28, `第3页,共15页` 3."""
    m = re.search(r"\d(?:[ ]?\d){0,2}", s)
    return int(m.group(0).replace(" ", "")) if m else None


def _next_page(s: str, last_page: int) -> bool:
    """Does `s` continue the page numbering (the next page or the one after a blank page)?"""
    value = _page_value(s)
    return last_page > 0 and value is not None and last_page < value <= last_page + 2


def _after_prose(prev: str, doc: Document, no: int) -> bool:
    """A bare number between a long wrapped line and more text is a page number; between short
    cells (a table flattened one cell per line) it is a value."""
    if len(prev) < 15:
        return False
    for ln in doc.lines[no:]:
        if ln.stripped:
            return not PAGE_NUMBER.match(ln.stripped)
    return True


def find_running_headers(
    doc: Document,
    titles: list[str],
    *,
    after: int,
    skip: set[int],
    is_heading: Callable[[Line], bool],
) -> dict[int, Noise]:
    """Lines after `after` that repeat a document title, or a short unpunctuated line that recurs
    at least three times: the page headers of the printed or saved page."""
    wanted = {_squash(t) for t in titles if t}
    found: dict[int, Noise] = {}
    lines: list[tuple[Line, str]] = []
    seen: Counter[str] = Counter()
    for ln in doc.lines[after:]:
        s = ln.stripped
        if not s or ln.no in skip or len(s) > RUNNING_HEADER_MAX or s[-1] in _CLAUSE_END:
            continue
        key = _squash(s)
        lines.append((ln, key))
        seen[key] += 1
    # a heading is neither a header nor counted as a repeat: asked only of the lines that could
    # be one (a title, or a line seen REPEAT_MIN times, headings included)
    counts: Counter[str] = Counter()
    candidates: list[tuple[Line, str]] = []
    for ln, key in lines:
        if key in wanted or (seen[key] >= REPEAT_MIN and not is_heading(ln)):
            candidates.append((ln, key))
            counts[key] += 1
    for ln, key in candidates:
        if key in wanted or counts[key] >= REPEAT_MIN:
            found[ln.no] = Noise(ln.no, "running-header", ln.stripped)
    return found


_CLAUSE_END = frozenset("。;；,，:：!?！？")
_SPACE_RUN = re.compile(r"\s\s*")  # not \s+: a plain class first lets re skip ahead


def _squash(s: str) -> str:
    if " " not in s and s.isprintable():  # no space: any other is a separator or a control
        return s
    return _SPACE_RUN.sub("", s)


def noise_diagnostics(noise: dict[int, Noise]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    toc_lines = sorted(n.line for n in noise.values() if n.code == "toc-skipped")
    if toc_lines:
        out.append(
            Diagnostic(
                level="info",
                code="toc-skipped",
                line=toc_lines[0],
                message=f"table of contents removed ({len(toc_lines)} lines, "
                f"{toc_lines[0]}-{toc_lines[-1]})",
            )
        )
    # page furniture (page numbers, running headers, chrome) recurs on every page: one summary
    # diagnostic per kind, with the count and the first lines it removed
    by_code: dict[str, list[Noise]] = {}
    for n in sorted(noise.values(), key=lambda n: n.line):
        if n.code != "toc-skipped":
            by_code.setdefault(n.code, []).append(n)
    for code, found in by_code.items():
        what = {
            "page-chrome": "page chrome removed",
            "page-number": "bare page number removed",
            "running-header": "running page header removed",
        }[code]
        out.append(
            Diagnostic(level="info", code=code, line=found[0].line, message=_summary(what, found))
        )
    return out


def _quote(text: str, limit: int = QUOTE_MAX) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _summary(what: str, found: list[Noise]) -> str:
    """`bare page number removed: 2` for one line; for several, the count and the first
    SUMMARY_SHOWN lines: `bare page number removed: 32 lines (L45 1, L98 2, L140 3, …)`."""
    if len(found) == 1:
        return f"{what}: {_quote(found[0].text)}"
    shown = ", ".join(f"L{n.line} {_quote(n.text, SUMMARY_QUOTE)}" for n in found[:SUMMARY_SHOWN])
    more = ", …" if len(found) > SUMMARY_SHOWN else ""
    return f"{what}: {len(found)} lines ({shown}{more})"


# A page number glued before the first line of a page by PDF extraction (`1业，“十三五”…`,
# `15三、强化…`, `425.1.3 …`): 1-3 digits, then Chinese text, or the digits of a heading number.
# Taken only in hard-wrapped (PDF) text and when the page numbering calls for it: the page after
# the last one seen (or the one after a blank page), at least MIN_PAGE_LINES lines after it.
GLUED_PAGE = re.compile(r"^\d{1,3}")
NOT_AFTER_PAGE = "、,.:;%。"  # after these the digits are a number of the text (1、 2.5 3%)
MIN_PAGE_LINES = 8


def find_glued_page_numbers(
    doc: Document, skip: set[int], noise: dict[int, Noise], widths: Widths | None = None
) -> dict[int, Noise]:
    """Page numbers glued before a line's text, keyed by line; `Noise.text` is the number, whose
    length is what the outline drops from the line start. The numbering continues the bare page
    numbers in `noise`. `widths`: a memo of line widths, which the outline reads again."""
    found: dict[int, Noise] = {}
    last_page, last_line = 0, 0
    for ln in doc.lines:
        n = noise.get(ln.no)
        if n is not None and n.code == "page-number":
            value = _page_value(n.text)
            if value is not None and value >= last_page:
                last_page, last_line = value, ln.no
            continue
        if ln.no in skip or not ln.stripped[:1].isdecimal():  # \d: a decimal digit
            continue
        m = GLUED_PAGE.match(ln.stripped)
        if m is None or ln.no - last_line < MIN_PAGE_LINES:
            continue
        for cut in range(m.end(), 0, -1):
            value = int(ln.stripped[:cut])
            if not last_page < value <= last_page + 2 or not _text_after_page(ln.stripped[cut:]):
                continue
            found[ln.no] = Noise(ln.no, "page-number", ln.stripped[:cut])
            last_page, last_line = value, ln.no
            break
    # only in hard-wrapped text; measured last, when there is something to take
    if found and wrap_width((ln.stripped for ln in doc.lines if ln.no not in skip), widths) is None:
        return {}
    return found


def _text_after_page(rest: str) -> bool:
    """Can `rest` follow a glued page number: Chinese text, or a heading number (5.1.3 …)?"""
    if not rest or rest[0] in NOT_AFTER_PAGE:
        return False
    if rest[0].isdigit():
        return read_marker(rest) is not None
    return ord(rest[0]) > 0x2E7F  # CJK characters and punctuation, full-width forms


def glued_page_diagnostics(glued: dict[int, Noise]) -> list[Diagnostic]:
    """One summary for the page numbers glued before lines (`15三、强化…`)."""
    found = sorted(glued.values(), key=lambda n: n.line)
    if not found:
        return []
    what = "page number glued before the line's text removed"
    message = _summary(what, found)
    return [Diagnostic(level="info", code="page-number", line=found[0].line, message=message)]
