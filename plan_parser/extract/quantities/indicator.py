"""What a number measures: its clause and list item, the indicator and scope around it (the period
a total runs over: `periods.py`)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Container
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from .boundary import word_boundary
from .lexicon import Lexicon, lexicon
from .numbers import COMPARED_SUFFIX, PER_BEFORE

if TYPE_CHECKING:
    from .numbers import Found


CLAUSE_SPLIT = re.compile(r"[,;:]")


SENTENCE_SPLIT = re.compile(r"[。!?]")


PAREN_NOTE = re.compile(r"\((?:含|不含|包括|包含)[^()]*\)$")


TIME_PREFIX = re.compile(
    r"""^(?:到|至|截至|截止到|在|预计)?[ ]*
        (?:(?:19|20)\d\d|[一二][〇零○][〇零○一二三四五六七八九]{2})  # 2025 or 二〇二五
        [ ]*年(?:底前|年底前|年底|底|末|前)?""",
    re.VERBOSE,
)


def _clause_bounds(text: str, s0: int, s1: int, pos: int) -> tuple[int, int]:
    """The clause (between , ; :) holding `pos`. A number inside parentheses has its clause
    inside them: `(不含滑县,滑县17.72亿元)` gives `滑县17.72亿元`."""
    return _clause_index(text, s0).bounds(s1, pos)


# the characters that open, close or end a clause
CLAUSE_MARKS = re.compile(r"[(),;:。!?]")


class _ClauseIndex:
    """The clause structure of the sentence starting at `s0`, from one pass over its brackets
    and separators: the clause of any position is then two bisections, not a scan from the
    sentence start (a sentence with n numbers cost n scans)."""

    def __init__(self, text: str, s0: int) -> None:
        end = SENTENCE_SPLIT.search(text, s0)
        stop = end.end() if end else len(text)
        self.s0 = s0
        self.marks: list[int] = []  # offsets of the marks
        self.states: list[tuple[int, int]] = []  # (clause start, depth) after each mark
        self.stops: dict[int, list[int]] = {}  # depth -> offsets where a clause at it ends
        if text.find("(", s0, stop) < 0 and text.find(")", s0, stop) < 0:
            self._flat(text, stop)
            return
        starts = [s0]  # clause start at each parenthesis depth
        for m in CLAUSE_MARKS.finditer(text, s0, stop):
            i = m.start()
            ch = text[i]
            depth = len(starts) - 1
            if ch == "(":
                starts.append(i + 1)
            elif ch == ")":
                if depth > 0:
                    self.stops.setdefault(depth, []).append(i)
                    starts.pop()
            else:
                self.stops.setdefault(depth, []).append(i)
                if ch in ",;:":
                    starts[-1] = i + 1
            self.marks.append(i)
            self.states.append((starts[-1], len(starts) - 1))

    def _flat(self, text: str, stop: int) -> None:
        """The same for a sentence without parentheses (most): every clause at depth 0, each
        starting after a , ; or : and ending at the next mark."""
        self.marks = [m.start() for m in CLAUSE_MARKS.finditer(text, self.s0, stop)]
        start = self.s0
        for i in self.marks:
            if text[i] in ",;:":
                start = i + 1
            self.states.append((start, 0))
        if self.marks:
            self.stops[0] = self.marks

    def bounds(self, s1: int, pos: int) -> tuple[int, int]:
        k = bisect.bisect_left(self.marks, pos)
        start, depth = self.states[k - 1] if k else (self.s0, 0)
        stops = self.stops.get(depth, ())
        j = bisect.bisect_left(stops, pos)
        return start, min(stops[j], s1) if j < len(stops) else s1


@lru_cache(maxsize=64)
def _clause_index(text: str, s0: int) -> _ClauseIndex:
    return _ClauseIndex(text, s0)


def _list_item_bounds(text: str, c0: int, c1: int, f: Found) -> tuple[int, int]:
    """Within a clause, the list item (split on 、) holding the number. Items without a number
    belong to the next one (新建、改扩建幼儿园257所 is one item)."""
    if text.find("、", c0, c1) < 0:
        return c0, c1  # one item: what `_list_item_cuts` gives it
    cuts = _list_item_cuts(text, c0, c1)
    k = bisect.bisect_right(cuts, f.start) - 1
    if 0 <= k < len(cuts) - 1:
        a, b = cuts[k], cuts[k + 1]
        end = b - 1
        if end > a and text[end - 1] == "、":
            end -= 1
        return a, min(end, c1)
    return c0, c1


@lru_cache(maxsize=64)
def _list_item_cuts(text: str, c0: int, c1: int) -> list[int]:
    """Where the list items of the clause `text[c0:c1]` start, and `c1 + 1`: computed once per
    clause, not once per number in it."""
    if text.find("、", c0, c1) < 0:
        return [c0, c1 + 1]  # one item: only a 、 cuts one
    cuts = [c0]
    item_has_number = False
    depth = 0
    cn_number = lexicon().cn_number
    for i in range(c0, c1):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if ch.isdigit():
            item_has_number = True
        if depth == 0 and ch == "、":
            j = text.find("、", i + 1, c1)
            nxt = text[i + 1 : j if j >= 0 else c1]
            if item_has_number and (re.search(r"\d", nxt) or cn_number.search(nxt)):
                cuts.append(i + 1)
            item_has_number = False if cuts[-1] == i + 1 else item_has_number
    cuts.append(c1 + 1)
    return cuts


def _strip_affixes(s: str, lex: Lexicon) -> tuple[str, int, str | None, str | None]:
    """Remove time, scope, period and helper words around an indicator.
    Returns (indicator, offset of it in s, scope, period)."""
    off = 0
    scope: str | None = None
    period: str | None = None
    changed = True
    while changed and s:
        changed = False
        stripped = s.lstrip(" ,、—-─·•●▪")  # and a bullet's dash: ——森林覆盖率
        if stripped != s:
            off += len(s) - len(stripped)
            s = stripped
            changed = True
        m = TIME_PREFIX.match(s)
        if m and m.end() > 0:
            off += m.end()
            s = s[m.end() :]
            changed = True
            continue
        # one scope: a second scope word qualifies the indicator (全市农村生活垃圾… keeps 农村)
        w = _leading(s, lex.scopes) if scope is None else None
        if w:
            scope = w
        else:
            w = _leading(s, lex.periods)
            period = period or w
        if w:
            off += len(w)
            s = s[len(w) :]
            changed = True
        # each loop below is entered only when one of its words is there: a word list
        # is tested in one call, and a loop changes nothing unless one of them matches
        for w in lex.lead_verbs if s.startswith(lex.lead_verbs) else ():
            if s.startswith(w):
                off += len(w)
                s = s[len(w) :]
                changed = True
                break
        for w in lex.prefixes if s.startswith(lex.prefixes) else ():
            if s.startswith(w) and len(s) > len(w) + 1 and word_boundary(s, len(w)):
                off += len(w)
                s = s[len(w) :]
                changed = True
                break
    changed = True
    while changed and s:
        changed = False
        for w in lex.periods if s.endswith(lex.periods) else ():
            if s.endswith(w) and len(s) > len(w):
                period = period or w
                s = s[: -len(w)]
                changed = True
        for w in lex.scopes if s.endswith(lex.scopes) else ():
            if s.endswith(w) and len(s) > len(w) + 1:
                scope = scope or w
                s = s[: -len(w)]
                changed = True
        for w in lex.suffixes if s.endswith(lex.suffixes) else ():
            if s.endswith(w) and len(s) > len(w) + 1:
                s = s[: -len(w)]
                changed = True
        if s.endswith("的"):
            s = s[:-1]
            changed = True
        # each pattern is searched only when its literal is there (比/较/与, a closing parenthesis)
        cm = COMPARED_SUFFIX.search(s) if "比" in s or "较" in s or "与" in s else None
        if cm:  # 单位地区生产总值能耗比2020年: the base of the change, not the indicator
            s = s[: cm.start()]
            changed = True
        pm = PAREN_NOTE.search(s) if ")" in s else None
        if pm and pm.start() > 1:
            s = s[: pm.start()]
            changed = True
    return s.rstrip(), off, scope, period


def _leading(s: str, words: tuple[str, ...]) -> str | None:
    """The first of `words` (longest first) that `s` starts with."""
    if not s.startswith(words):
        return None
    return next((w for w in words if s.startswith(w)), None)


def _indicator(
    text: str, piece_start: int, before: str, f: Found, after: str, lex: Lexicon
) -> tuple[str, tuple[int, int] | None, str | None, str | None]:
    """Indicator, its span (block offsets), scope and period for a number in its list item."""
    # the number in parentheses: 基准定额(3000—5000元/年), 生均(200元/年)奖补
    bare = before.rstrip()
    if bare.endswith("(") and after.lstrip().startswith(")"):
        head, off, scope, period = _strip_affixes(bare[:-1], lex)
        tail = re.match(r"^\)([^\d(),;。]{0,6}?)(?:政策|制度|$)", after.lstrip())
        ind = head + (tail.group(1) if tail else "")
        i0 = piece_start + off
        return ind, (i0, i0 + len(head)), scope, period
    # predicate: 毛入园率达到93%, 比例不低于30%; a denominator before the number is in the
    # unit (提高到每平方公里5亿元)
    b = before.rstrip()
    per = PER_BEFORE.search(b) if f.unit and "/" in f.unit else None
    b = b[: per.start()].rstrip() if per else b
    for word, _kind in lex.comparator_before if b.endswith(lex.comparator_words) else ():
        if b.endswith(word):
            b = b[: -len(word)].rstrip()
            break
    # 达到教室总数的89.9%, 不低于绩效工资总量的70%: the base of a share, not the indicator
    if b.endswith(("省定", "的")):  # what the pattern below can remove
        b = re.sub(
            r"(?:省定|国家规定的|省定的|(?<=[于过到在达])[\u4e00-\u9fff]{0,8}?(?:总数|总量|总额)的)$",
            "",
            b,
        )
    m = lex.predicate.search(b)
    if m and m.start() > 0:
        subject = b[: m.start()]
        obj = ""
        ind, off, scope, period = _strip_affixes(subject, lex)
        if ind:
            i0 = piece_start + off
            return ind + obj, (i0, i0 + len(ind)), scope, period
    # a count followed by what is counted: 遴选50门…的样板课程, 60所中小学创建…
    rate = f.unit in lex.rate_units
    countable = f.unit is None or f.unit.lstrip("万亿千") in lex.countable_units
    noun = _count_noun(after, lex) if countable else ""
    head, off, scope, period = _strip_affixes(b if not m else b[: m.start()], lex)
    head = _drop_verbs(head)
    if PLACE.fullmatch(head):
        return "", None, head, period  # 滑县17.72亿元: a place; the indicator is the previous one
    if head and _is_place(head):
        # 依托北京 200 万亩耕地保护空间: the place is the scope, the measured thing follows
        named = _count_noun(after, lex)
        if named:
            n0 = f.end + after.find(named)
            return named, (n0, n0 + len(named)), scope or head, period
    threshold = f.unit in lex.threshold_units and f.comparator in ("ge", "gt", "le", "lt")
    if head and threshold:
        i0 = piece_start + off
        return head, (i0, i0 + len(head)), scope, period
    if rate and not head and after.startswith("的"):
        # 力争使55%左右的县(市、区)通过国家认定
        rest = after[1:].strip()
        if rest:
            n0 = f.end + 1 + after[1:].find(rest)
            return rest, (n0, n0 + len(rest)), scope, period
    chosen = CHOSEN_AS.match(after)
    if chosen and not rate:
        # 市三十二中等11所学校被选为省中小学数字教材应用样本校
        x = chosen.group("x").strip()
        n0 = f.end + chosen.start("x")
        return x, (n0, n0 + len(x)), scope, period
    if noun:
        n0 = f.end + after.find(noun)
        if noun in GENERIC_NOUNS and head:
            # 农村中小学校舍维修改造共实施803个项目 -> …改造项目
            i0 = piece_start + off
            return head + noun, (i0, n0 + len(noun)), scope, period
        return noun, (n0, n0 + len(noun)), scope, period
    if head:
        i0 = piece_start + b.find(head) if head in b else piece_start + off
        return head, (i0, i0 + len(head)), scope, period
    return "", None, scope, period


CHOSEN_AS = re.compile(
    r"^[^,;。]{0,12}?(?:被选为|被评为|被评定为|被确定为|被认定为|入选|获评|创建为)(?P<x>[^,;。]+)"
)


PLACE = re.compile(r"[\u4e00-\u9fff]{1,4}(?:县|区)|市本级")


def _is_place(head: str) -> bool:
    """A division's name, full or short (`北京`, `北京市`, `山东省`), from GB/T 2260."""
    if len(head) < 2:
        return False
    names = _place_names()
    return head in names or head + "市" in names or head + "省" in names


@cache
def _place_names() -> Container[str]:
    """The gazetteer's names (imported on first use, not once per number)."""
    from ...lang.places import gazetteer

    return gazetteer().by_name


GENERIC_NOUNS = frozenset({"项目", "学校", "个项目"})


def _drop_verbs(head: str) -> str:
    """A head that is only a verb phrase (`选拔培养`, `至少建设`) names nothing; a leading verb
    is not part of what is measured (`创建…特色学校50个`)."""
    lex = lexicon()
    head = lex.trailing_verbs.sub("", head).rstrip()
    if _only_verb(head):
        return ""
    return lex.leading_verbs.sub("", head)


def _only_verb(s: str) -> bool:
    return lexicon().only_verb.fullmatch(s) is not None


# what `_count_noun` cuts off the words after a count (compiled once: read for most counts)
COUNT_LEAD = re.compile(r"^(?:的|以上的|左右的)")  # 50所以上的学校
AND_VERB = re.compile(r"并(?=[\u4e00-\u9fff]{2})")  # 60所学校并创建…
WITH_PARTNER = re.compile(r"与(?=[^,;。]*?(?:建立|开展|合作|对接|交流))")  # 与…国家建立
AND_LIST = re.compile(r"[和及与、]")  # 特点和问题
DIGIT_OR_PAREN = re.compile(r"^[\d(]")  # not a noun: another number, a note


def _count_noun(after: str, lex: Lexicon) -> str:
    """What a count counts: the noun phrase after the unit, cut at the next verb, head noun
    after the last 的 (`充满思政元素、发挥思政功能的样板课程` -> `样板课程`)."""
    s = after.strip()
    # each pattern is read only when its literal is there (的, 并, 与, a closing parenthesis)
    s = COUNT_LEAD.sub("", s) if "的" in s else s
    s = AND_VERB.split(s, maxsplit=1)[0] if "并" in s else s
    # 基础教育学校与共建“一带一路”国家建立…: 与 starts a partner, not part of the noun
    s = WITH_PARTNER.split(s, maxsplit=1)[0] if "与" in s else s
    for stop in lex.count_stops if lex.any_count_stop.search(s) else ():
        i = s.find(stop)
        if i > 0 and len(s) - i - len(stop) >= 2:
            s = s[:i]
    if "的" in s:
        front, tail = s.rsplit("的", 1)
        traits = AND_LIST.split(tail.strip(" ,;。"))
        if len(front) >= 2 and all(t in lex.words.attribute_nouns for t in traits):
            s = front  # 18 个二级生态修复分区的特点和问题: counted are the zones, not their traits
        elif len(tail) >= 2 and tail not in lex.noun_tail_verbs:
            s = tail
    pm = PAREN_NOTE.search(s) if ")" in s else None
    if pm and pm.start() > 1:
        s = s[: pm.start()]
    s = s.strip(" ,、")
    return s if len(s) >= 1 and not DIGIT_OR_PAREN.match(s) else ""


STANDARD_OBJECT = re.compile(
    r"^的?(?:标准|要求|比例)[,]?(?:对[^,;]{1,20}?(?=发放|给予|落实))?"
    r"(?:累计计算核定,)?(?:补充到|发放|落实|给予|用于|发给|(?<=标准)(?:配置|配建|配备))(?P<obj>[^,;。]+)"
)


def _standard_object(
    text: str, pos: int, sentence_end: int, lex: Lexicon
) -> tuple[str, tuple[int, int]] | None:
    """`按照每月不低于400元的标准,对中小学发放班主任津贴`: what the standard is for."""
    rest = text[pos:sentence_end]
    m = STANDARD_OBJECT.match(rest)
    if not m:
        return None
    obj, _off, _scope, _period = _strip_affixes(m.group("obj"), lex)
    obj = re.sub(r"^(?:各县\(市、区\)|中小学\([^()]*\))", "", obj) or obj
    if not obj:
        return None
    i0 = pos + m.start("obj") + m.group("obj").find(obj)
    return obj, (i0, i0 + len(obj))


def _previous_subject(text: str, s0: int, piece_start: int, f: Found, lex: Lexicon) -> str:
    """`居民人均可支配收入保持全国领先，超过 7.2 万元`: a clause that holds only a comparator and
    the value continues the clause before it in the sentence; its subject (the words before its
    first verb) is what the value measures. Empty when the clause holds more, or none is before."""
    own = text[piece_start : f.start].strip()
    if own and not any(own == w for w, _ in lex.comparator_before):
        return ""
    c0 = max(text.rfind(ch, s0, piece_start - 1) for ch in ",;:") + 1
    c0 = max(c0, s0)
    previous = text[c0 : piece_start - 1] if piece_start - 1 > c0 else ""
    m = lex.subject_end.search(previous)
    if not m or m.start() < 2:
        return ""
    subject, _off, _scope, _period = _strip_affixes(previous[: m.start()], lex)
    return subject
