"""Word's automatic numbering, rendered as the marker a reader sees (一、 （一） 1.).

Word keeps list and heading numbers out of the text: a paragraph carries `w:numPr` (a list id and
a level), or its style does (Heading 1 linked to a multilevel list), and `numbering.xml` says per
level how to count (`w:numFmt`: decimal, chineseCounting, …), where to start (`w:start`, or a
`w:startOverride` of the list) and what to write (`w:lvlText` such as `%1、` or `（%2）`).
python-docx gives the text without it; real plans number their headings this way, and the outline
is built from the markers, so the reader puts them back.

Counting follows Word: one counter per list and level, a level restarts when a level above it
counts, and lists that share an abstract definition without a start override go on counting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CN_DIGITS = "零一二三四五六七八九"
CN_FORMATS = {
    "chineseCounting",
    "chineseCountingThousand",
    "chineseLegalSimplified",
    "ideographTraditional",
    "japaneseCounting",
    "taiwaneseCounting",
    "taiwaneseCountingThousand",
}
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
MAX_LEVELS = 9


@dataclass(frozen=True)
class Level:
    start: int
    fmt: str  # w:numFmt
    text: str  # w:lvlText, e.g. "%1、"


def chinese_number(n: int) -> str:
    """1 -> 一, 10 -> 十, 12 -> 十二, 20 -> 二十, 105 -> 一百零五 (up to 999)."""
    if n <= 0 or n >= 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = CN_DIGITS[hundreds] + "百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else CN_DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    if ones:
        out += CN_DIGITS[ones]
    return out


def _roman(n: int) -> str:
    out = ""
    for value, letters in zip(
        (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1),
        ("M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"),
        strict=True,
    ):
        while n >= value:
            out += letters
            n -= value
    return out


def format_number(n: int, fmt: str) -> str:
    if fmt in CN_FORMATS:
        return chinese_number(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else str(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)  # decimal and anything unknown


@dataclass
class Numbering:
    """The numbering definitions of a document and the counters while reading it."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # numId -> ilvl -> Level
    abstract_of: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    overridden: set[str] = field(default_factory=set)  # numIds with a start override
    style_num: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> (numId, ilvl)
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document: Any) -> Numbering:
        out = cls()
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        if numbering is not None:
            abstract: dict[str, dict[int, Level]] = {}
            for an in numbering.iterchildren(f"{W}abstractNum"):
                abstract[an.get(f"{W}abstractNumId")] = _levels(an)
            for num in numbering.iterchildren(f"{W}num"):
                num_id = num.get(f"{W}numId")
                ref = num.find(f"{W}abstractNumId")
                aid = ref.get(f"{W}val") if ref is not None else None
                levels = dict(abstract.get(aid or "", {}))
                for ov in num.iterchildren(f"{W}lvlOverride"):
                    ilvl = int(ov.get(f"{W}ilvl", "0"))
                    so = ov.find(f"{W}startOverride")
                    lvl = ov.find(f"{W}lvl")
                    if lvl is not None:
                        levels[ilvl] = _level(lvl)
                    if so is not None and ilvl in levels:
                        old = levels[ilvl]
                        levels[ilvl] = Level(_int(so.get(f"{W}val"), 1), old.fmt, old.text)
                        out.overridden.add(num_id)
                out.levels[num_id] = levels
                out.abstract_of[num_id] = aid or num_id
        try:
            styles = document.styles.element
        except AttributeError:
            styles = None
        if styles is not None:
            _style_numbering(styles, out.style_num)
        return out

    def marker(self, p: Any) -> str:
        """The number Word shows before paragraph `p` ("" if none), and count it."""
        ref = _num_ref(p.find(f"{W}pPr"))
        if ref is None:
            ppr = p.find(f"{W}pPr")
            style = ppr.find(f"{W}pStyle") if ppr is not None else None
            if style is not None:
                ref = self.style_num.get(style.get(f"{W}val"))
        if ref is None:
            return ""
        num_id, ilvl = ref
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or num_id == "0":
            return ""
        key = num_id if num_id in self.overridden else self.abstract_of.get(num_id, num_id)
        counts = self.counters.setdefault(key, [0] * MAX_LEVELS)
        level = levels[ilvl]
        counts[ilvl] = (counts[ilvl] or level.start - 1) + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            counts[deeper] = 0
        if level.fmt in ("bullet", "none"):
            return ""
        text = level.text
        for k in range(ilvl + 1):
            if f"%{k + 1}" in text:
                lv = levels.get(k, level)
                n = counts[k] or lv.start
                text = text.replace(f"%{k + 1}", format_number(n, lv.fmt))
        return text


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _val(el: Any, tag: str) -> str | None:
    child = el.find(f"{W}{tag}")
    return child.get(f"{W}val") if child is not None else None


def _level(lvl: Any) -> Level:
    return Level(
        _int(_val(lvl, "start"), 1), _val(lvl, "numFmt") or "decimal", _val(lvl, "lvlText") or ""
    )


def _levels(abstract: Any) -> dict[int, Level]:
    return {int(lvl.get(f"{W}ilvl", "0")): _level(lvl) for lvl in abstract.iterchildren(f"{W}lvl")}


def _num_ref(ppr: Any) -> tuple[str, int] | None:
    if ppr is None:
        return None
    numpr = ppr.find(f"{W}numPr")
    if numpr is None:
        return None
    num_id = _val(numpr, "numId")
    if num_id is None:
        return None
    return num_id, min(_int(_val(numpr, "ilvl"), 0), MAX_LEVELS - 1)


def _style_numbering(styles: Any, out: dict[str, tuple[str, int]]) -> None:
    """Styles that number their paragraphs (directly or through the style they are based on)."""
    own: dict[str, tuple[str, int] | None] = {}
    based: dict[str, str] = {}
    for st in styles.iterchildren(f"{W}style"):
        sid = st.get(f"{W}styleId")
        own[sid] = _num_ref(st.find(f"{W}pPr"))
        parent = _val(st, "basedOn")
        if parent:
            based[sid] = parent
    for sid in own:
        seen: set[str] = set()
        cur: str | None = sid
        while cur is not None and cur not in seen:
            seen.add(cur)
            if own.get(cur) is not None:
                out[sid] = own[cur]  # type: ignore[assignment]
                break
            cur = based.get(cur)
