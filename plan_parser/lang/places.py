"""Administrative divisions: names to GB/T 2260 codes, and the plan's own jurisdiction.

`lexicon/adcodes.tsv` (see `adcodes.SOURCE.md`) lists every province-, prefecture- and
county-level division with its six-digit code and parent. A plan is issued by one government
(安阳市, 山东省, or the State Council), and its jurisdiction decides which divisions its text can
mean: a city or provincial plan names places of its own province (`滑县`, `林州`, `郑州`), so
only those are looked for, and `新建区` (a district of 南昌市) is never read into
`新建区直幼儿园`. A national plan can name any division, by its full name.

Everything here is lookup over the table, loaded once.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal, NamedTuple

from .alternation import literal_alternation

DivisionLevel = Literal["province", "prefecture", "county"]
LEVEL_RANK: dict[str, int] = {"province": 0, "prefecture": 1, "county": 2}

# suffixes dropped to form the short name people write: 林州市 -> 林州, 汤阴县 -> 汤阴,
# 河南省 -> 河南, 浦东新区 -> 浦东 (longest first; a short name keeps at least two characters)
_SHORT_SUFFIXES = ("自治县", "自治旗", "特别行政区", "自治区", "新区", "省", "市", "县", "区", "旗")
_SPACES = re.compile(r"\s+")


class Division(NamedTuple):
    """A row of the table (a named tuple: 3,213 of them are made at start-up)."""

    code: str
    name: str
    level: DivisionLevel
    parent: str | None

    @property
    def short(self) -> str | None:
        """The name without its 省/市/县/区 suffix, if at least two characters remain."""
        for suffix in _SHORT_SUFFIXES:
            if self.name.endswith(suffix) and len(self.name) - len(suffix) >= 2:
                return self.name[: -len(suffix)]
        return None


@dataclass(frozen=True)
class Gazetteer:
    divisions: dict[str, Division]  # by code
    by_name: dict[str, tuple[Division, ...]]  # full name -> divisions (names repeat nationally)

    def ancestors(self, division: Division) -> list[Division]:
        out: list[Division] = []
        parent = division.parent
        while parent and parent in self.divisions:
            out.append(self.divisions[parent])
            parent = self.divisions[parent].parent
        return out

    def within(self, division: Division, area: Division) -> bool:
        """True if `division` is `area` or lies under it."""
        return division == area or area in self.ancestors(division)

    def province_of(self, division: Division) -> Division:
        ancestors = self.ancestors(division)
        return ancestors[-1] if ancestors else division

    def region(self, jurisdiction: Division | None) -> list[Division]:
        """The divisions a plan of `jurisdiction` can name: those of its province (a city plan
        names its province and the province's other cities), all of them for a national plan."""
        if jurisdiction is None:
            return list(self.divisions.values())
        province = self.province_of(jurisdiction)
        return [d for d in self.divisions.values() if self.within(d, province)]


_ROW = r"\d{6}\t[^\t\n]+\t(?:province|prefecture|county)\t(?:\d{6})?"
_HEADER = "adcode\tname\tlevel\tparent\n"


def _read_table() -> list[Division]:
    text = (resources.files("plan_parser") / "lexicon" / "adcodes.tsv").read_text("utf-8")
    body = text.removeprefix(_HEADER)
    if body == text:
        raise ValueError(f"adcodes.tsv: bad header {text[:60]!r}")
    bad = re.search(f"^(?!{_ROW}$).*$", body.rstrip("\n"), re.M)  # one pass, not one per row
    if bad:
        raise ValueError(f"adcodes.tsv: bad row {bad.group()!r}")
    rows: list[Division] = []
    for line in body.splitlines():
        code, name, level, parent = line.split("\t")
        rows.append(Division(code, name, level, parent or None))  # type: ignore[arg-type]
    return rows


@cache
def gazetteer() -> Gazetteer:
    """The national division table, loaded and checked once per process."""
    divisions = _read_table()
    by_code = {d.code: d for d in divisions}
    if len(by_code) != len(divisions):
        raise ValueError("adcodes.tsv: repeated codes")
    missing = sorted({d.parent for d in divisions if d.parent and d.parent not in by_code})
    if missing:
        raise ValueError(f"adcodes.tsv: parents without a row: {missing}")
    by_name: dict[str, list[Division]] = {}
    for d in divisions:
        by_name.setdefault(d.name, []).append(d)
    return Gazetteer(by_code, {k: tuple(v) for k, v in by_name.items()})


def clean_name(name: str) -> str:
    """`滑 县` -> `滑县`: list labels are padded with spaces to align them."""
    return _SPACES.sub("", name)


@cache
def _governments() -> tuple[str, ...]:
    """Names of divisions, longest first: the governments that issue plans."""
    return tuple(sorted(gazetteer().by_name, key=len, reverse=True))


def jurisdiction_of(texts: Iterable[str | None]) -> Division | None:
    """The government a plan belongs to: the division its issuer, title or plan title starts
    with (`安阳市人民政府办公室` -> 安阳市, `林州市“十四五”…` -> 林州市), the highest level when
    a name is shared, none when two of that level share it. None for a national plan or one whose
    metadata names no division."""
    gaz = gazetteer()
    longest = len(_governments()[0]) if _governments() else 0
    for text in texts:
        head = clean_name(text or "")
        # the names the text starts with, longest first: its prefixes that are names
        for k in range(min(len(head), longest), 0, -1):
            name = head[:k]
            if name in gaz.by_name:
                candidates = gaz.by_name[name]
                top = min(LEVEL_RANK[d.level] for d in candidates)
                highest = [d for d in candidates if LEVEL_RANK[d.level] == top]
                if len(highest) == 1:
                    return highest[0]
    return None


def resolve(name: str, jurisdiction: Division | None) -> Division | None:
    """The division a full name means in a plan of `jurisdiction`: the one inside the
    jurisdiction, else inside its province, else the only one in the country; None when that
    still leaves two."""
    gaz = gazetteer()
    candidates = gaz.by_name.get(clean_name(name), ())
    if jurisdiction is not None:
        for area in (jurisdiction, gaz.province_of(jurisdiction)):
            inside = [d for d in candidates if gaz.within(d, area)]
            if inside:
                return inside[0] if len(inside) == 1 else None
    return candidates[0] if len(candidates) == 1 else None


@dataclass(frozen=True)
class PlaceMatch:
    start: int
    end: int
    division: Division | None  # None: a name two divisions of the same level share


@cache
def place_finder(jurisdiction: Division | None) -> PlaceFinder:
    """The finder for a jurisdiction, built once per process: its names and their regex (some
    thousand alternatives) cost more than extracting a plan's projects."""
    return PlaceFinder(jurisdiction)


class PlaceFinder:
    """Finds the divisions a text names, longest name first.

    Full names of every division in the plan's region (`Gazetteer.region`). Short names (林州,
    汤阴, 郑州) only with a jurisdiction: those of the divisions inside it and of its province's
    cities. When a city and a county share one (安阳市 / 安阳县 -> 安阳) it means the city, as
    people write it; two divisions of one level sharing a name leave it without a division.
    """

    def __init__(self, jurisdiction: Division | None) -> None:
        gaz = gazetteer()
        region = sorted(gaz.region(jurisdiction), key=lambda d: (LEVEL_RANK[d.level], d.code))
        names: dict[str, Division | None] = {}
        for d in region:
            _claim(names, d.name, d)
        if jurisdiction is not None:
            full = set(names)
            for d in region:
                known = d.level != "county" or gaz.within(d, jurisdiction)
                if known and d.short and d.short not in full:
                    _claim(names, d.short, d)
        in_region = set(region)
        for alias, d, local in place_aliases():
            # a local alias only inside its own city (西海岸新区 in a 青岛 plan), as short names
            near = jurisdiction is not None and (
                gaz.within(d, jurisdiction) or gaz.within(jurisdiction, _city_of(d))
            )
            if d in in_region and alias not in names and (near or not local):
                names[alias] = d
        self.names = names
        alternatives = sorted(names, key=len, reverse=True)
        self.pattern = re.compile(literal_alternation(alternatives)) if names else None
        # `at` looks the name up by length instead of trying every alternative of the pattern
        # (some thousand for a national plan) at the position: the same longest name
        self.lengths = sorted({len(n) for n in names}, reverse=True)
        self.firsts = frozenset(n[0] for n in names)

    def find(self, text: str) -> list[PlaceMatch]:
        if self.pattern is None:
            return []
        return [
            PlaceMatch(m.start(), m.end(), self.names[m.group()])
            for m in self.pattern.finditer(text)
        ]

    def starts_within(self, text: str, start: int, end: int) -> bool:
        """Whether a name starts in text[start:end] (`at` finds one at some position there)."""
        if self.pattern is None:
            return False
        # a name starting before `end` ends before end - 1 + the longest name's length
        m = self.pattern.search(text, start, end - 1 + self.lengths[0])
        return m is not None and m.start() < end

    def at(self, text: str, pos: int) -> PlaceMatch | None:
        """The division named at `pos`, if a name starts there."""
        if text[pos : pos + 1] not in self.firsts:
            return None  # no name starts with this character (or `pos` is past the end)
        room = len(text) - pos
        for n in self.lengths:  # longest first, as the pattern's alternatives
            if n <= room and (name := text[pos : pos + n]) in self.names:
                return PlaceMatch(pos, pos + n, self.names[name])
        return None


@cache
def place_aliases() -> tuple[tuple[str, Division, bool], ...]:
    """`lexicon/place_aliases.yaml`: (alias, the division it covers, local only)."""
    from .lexicon import lexicon_text, safe_load

    gaz = gazetteer()
    out = []
    for row in safe_load(lexicon_text("place_aliases.yaml"))["aliases"]:
        if row["code"] not in gaz.divisions or row["name"] in gaz.by_name:
            raise ValueError(f"place_aliases.yaml: bad alias {row}")
        out.append((row["name"], gaz.divisions[row["code"]], bool(row.get("local", False))))
    return tuple(out)


def _city_of(division: Division) -> Division:
    """The prefecture a county lies in (a division of higher level is its own)."""
    if division.level != "county" or division.parent is None:
        return division
    return gazetteer().divisions.get(division.parent, division)


def _claim(names: dict[str, Division | None], name: str, division: Division) -> None:
    """Record that `name` may mean `division`: divisions come highest level first, so a name
    already held by a higher level keeps it, and one shared at the same level is ambiguous."""
    if name not in names:
        names[name] = division
        return
    held = names[name]
    if held is not None and held.level == division.level and held != division:
        names[name] = None


# --- the jurisdiction of a plan that names it only in its text ----------------------------------

# Issuers (and title starts) of national plans: the State Council, the Party centre, ministries.
NATIONAL_ISSUERS = ("国务院", "中共中央", "国家", "全国")
# How a plan calls its own area: 我市, 全省, 本县, 全区 (not 全市场, 本区域, 全省级)
_SELF_REFERENCE = re.compile(r"[我本全]([省市县区])(?![场域级])")
# Self-references a plan must make, and by how much its own kind must lead the others, before
# the place names of its text are read as its jurisdiction
SELF_REFERENCE_MIN = 3
SELF_REFERENCE_LEAD = 2
# times the jurisdiction's name must occur in the text
PLACE_MENTIONS_MIN = 2


def _is_area(division: Division, kind: str) -> bool:
    """Can a plan that says 全`kind` be the plan of `division`? 全市: a prefecture-level city or
    a municipality (北京市); 全省: a province; 全县: a county; 全区: a district or an autonomous
    region."""
    if kind == "市":
        return division.level == "prefecture" or (
            division.level == "province" and division.name.endswith("市")
        )
    if kind == "省":
        return division.level == "province" and division.name.endswith("省")
    if kind == "县":
        return division.level == "county" and division.name.endswith("县")
    return division.name.endswith("区") and (
        division.level == "county" or division.name.endswith("自治区")
    )


@cache
def _area_names(kind: str) -> tuple[dict[str, Division | None], re.Pattern[str] | None]:
    """Full and short names of the divisions a 全`kind` plan can be the plan of; a name two of
    them share means neither."""
    names: dict[str, Division | None] = {}
    areas = [d for d in gazetteer().divisions.values() if _is_area(d, kind)]
    for d in sorted(areas, key=lambda d: (LEVEL_RANK[d.level], d.code)):
        _claim(names, d.name, d)
    full = set(names)
    for d in areas:
        if d.short and d.short not in full:
            _claim(names, d.short, d)
    alternatives = sorted(names, key=len, reverse=True)
    return names, re.compile(literal_alternation(alternatives)) if names else None


def jurisdiction_in_text(text: str) -> Division | None:
    """The jurisdiction of a plan that names itself only in its text (我市, 全市 … 青岛): the
    kind of area it keeps calling itself (全市 and 我市: a city; 全省: a province), if it does so
    clearly, and the division of that kind its text names most often (the first named on a tie).
    None for a plan without such references (a national plan says 全国, which names no one)."""
    kinds = Counter(m.group(1) for m in _SELF_REFERENCE.finditer(text))
    if not kinds:
        return None
    ranked = kinds.most_common()
    kind, count = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    if count < SELF_REFERENCE_MIN or count < SELF_REFERENCE_LEAD * runner_up:
        return None
    names, pattern = _area_names(kind)
    if pattern is None:
        return None
    counts: Counter[Division] = Counter()
    first: dict[Division, int] = {}
    for m in pattern.finditer(text):
        division = names[m.group()]
        if division is not None:
            counts[division] += 1
            first.setdefault(division, m.start())
    if not counts:
        return None
    best = min(counts, key=lambda d: (-counts[d], first[d]))
    return best if counts[best] >= PLACE_MENTIONS_MIN else None


@dataclass(frozen=True)
class PlanJurisdiction:
    name: str
    level: str  # national, province, prefecture, county
    adcode: str | None
    source: Literal["metadata", "text"]


NATIONAL = "中华人民共和国"


def plan_jurisdiction(metadata_texts: Iterable[str | None], text: str) -> PlanJurisdiction | None:
    """A plan's government: the division its issuer, title or plan title starts with; the
    country for the State Council's, the Party centre's and ministries' plans; else the area its
    text calls itself (`jurisdiction_in_text`)."""
    texts = list(metadata_texts)
    division = jurisdiction_of(texts)
    if division is not None:
        return PlanJurisdiction(division.name, division.level, division.code, "metadata")
    if any((t or "").startswith(NATIONAL_ISSUERS) for t in texts):
        return PlanJurisdiction(NATIONAL, "national", None, "metadata")
    division = jurisdiction_in_text(text)
    if division is not None:
        return PlanJurisdiction(division.name, division.level, division.code, "text")
    return None
