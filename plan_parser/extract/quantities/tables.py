"""Quantities from tables, read through their header: each indicator row gives a baseline for a
现状/基期 column (or a year before the plan) and a target for a 目标 column, year from the header
(`2025年目标` -> 2025; `其中：2021年任务` -> 2021; `年均`/`[累计]` -> the plan's end, not stated),
unit from the unit column, the header (`总投资（亿元）`) or the indicator's `（%）`, `binding` from
约束性/预期性; `——`, `-` or a blank cell gives nothing. Record: the value cell (each piece of a
wrapped cell) on its own line."""

from __future__ import annotations

import re

from ...models import Comparator, Quantity, QuantityKind, Table, TableCell
from ...read.normalize import Document
from ...structure.tables import YEAR_COLUMN, table_lexicon
from .intervals import HALF_BOUNDS, half_bounds
from .lexicon import lexicon

VALUE = re.compile(
    r"""
    (?:(?P<scope>[\u4e00-\u9fff]{1,4})[:：])?          # 成片：
    (?P<pre>[\u4e00-\u9fff]{0,8}?)                      # 五年累计约, 累计达到
    (?P<cmp>[<>≥≤＜＞]|不低于|不少于|不超过|不高于|超过|低于|高于|大于|小于|约)?
    [ ]*(?P<num>\d+(?:\.\d+)?)
    (?:[ ]*(?P<sep>——|—|–|～|~|至|-)[ ]*(?P<num2>\d+(?:\.\d+)?))?
    [ ]*(?P<unit>%|‰|个百分点|[万亿千]?(?:元|人|个|所|家|件|平方米|平方公里|公里|吨|千瓦))?
    [ ]*(?P<after>左右|以上|以下|以内|及以上)?
    """,
    re.VERBOSE,
)
# a rate per N people written with its 1 (`1/10万`, `1/万`): the unit the text's `10/10万` has
PER_N_UNIT = re.compile(r"^1[ ]*/(?=[ ]*\d*[ ]*(?:十万|百万|万|千))")
UNIT_IN_NAME = re.compile(r"[(（](?P<u>[^()（）]{1,8})[)）]$")
FOOTNOTE_MARK = re.compile(r"(?<=[\u4e00-\u9fff）)])\d$")
PERIOD_WORDS = ("五年累计", "累计", "年均")


def _cell_text(c: TableCell | None) -> str:
    return c.text.strip() if c is not None else ""


def _pieces(doc: Document, c: TableCell) -> list[tuple[int, int]]:
    return list(c.parts) if c.parts else [c.span]


def table_quantities(doc: Document, table: Table, plan_start: int, plan_end: int) -> list[Quantity]:
    """The quantities of an indicator table (one with a name column and value columns)."""
    lex = table_lexicon()
    roles = table.roles
    if "name" not in roles or "value" not in roles:
        return []
    name_col = roles.index("name")
    unit_col = roles.index("unit") if "unit" in roles else None
    bind_col = roles.index("binding") if "binding" in roles else None
    out: list[Quantity] = []
    for row in table.rows:
        cells = row.cells
        name_cell = cells[name_col] if name_col < len(cells) else None
        name = _cell_text(name_cell)
        name = FOOTNOTE_MARK.sub("", re.sub(r"\s+", "", name))
        if not name:
            continue
        um = UNIT_IN_NAME.search(name)
        indicator = name[: um.start()] if um else name
        unit: str | None = um.group("u") if um else None
        if unit_col is not None and unit_col < len(cells):
            u = re.sub(r"\s+", "", _cell_text(cells[unit_col]))
            if u and u not in lex.none_cells:
                unit = u
        if unit:
            unit = PER_N_UNIT.sub("/", unit)  # 1/10万 is the rate's unit /10万, as in the text
        binding = None
        if bind_col is not None and bind_col < len(cells):
            binding = lex.binding_words.get(_cell_text(cells[bind_col]))
        change = _change(indicator)
        for col, role in enumerate(roles):
            if role != "value" or col >= len(cells) or cells[col] is None:
                continue
            cell = cells[col]
            assert cell is not None
            if cell.covered or _cell_text(cell) in lex.none_cells:
                continue
            header = re.sub(r"\s+", "", table.columns[col])
            ym = YEAR_COLUMN.search(header)
            year = int(ym.group(0)[:4]) if ym else plan_end
            year_stated = ym is not None
            baseline = any(w in header for w in lex.baseline_words) or year < plan_start
            kind: QuantityKind = "baseline" if baseline else "target"
            if not ym and baseline:
                year = plan_start - 1
            hu = UNIT_IN_NAME.search(header)
            col_unit = hu.group("u") if hu else None
            bracketed = cell.text.strip().startswith("[")
            for a, b in _pieces(doc, cell):
                piece = doc.norm[a:b]
                iv = HALF_BOUNDS.search(piece)
                interval = half_bounds(iv) if iv else None
                first = VALUE.search(piece)
                if interval is not None and first is not None and first.group("num"):
                    # <150,≥50 in one cell: one interval record with its closedness
                    q = _record(
                        doc, first, a, b, piece, indicator, unit or col_unit, kind, year,
                        year_stated, binding, change, header, bracketed,
                        name_cell.span[0] if name_cell else None,
                        table.shape == "cell_per_line",
                    )  # fmt: skip
                    q.value, q.value_max = _clean(interval[0]), _clean(interval[1])
                    q.comparator, q.bounds = "range", interval[2]
                    out.append(q)
                    continue
                for m in VALUE.finditer(piece):
                    if m.group("num") is None:
                        continue
                    if m.group("num2") and not m.group("sep"):
                        continue
                    if not re.search(r"[\d]", piece) or _not_a_value(piece, m):
                        continue
                    out.append(
                        _record(
                            doc,
                            m,
                            a,
                            b,
                            piece,
                            indicator,
                            m.group("unit") or unit or col_unit,
                            kind,
                            year,
                            year_stated,
                            binding,
                            change,
                            header,
                            bracketed,
                            name_cell.span[0] if name_cell else None,
                            table.shape == "cell_per_line",
                        )
                    )
    return out


def _not_a_value(piece: str, m: re.Match[str]) -> bool:
    """Digits that are not a value: PM2.5 in a name, a note number."""
    before = piece[max(0, m.start("num") - 2) : m.start("num")]
    return bool(re.search(r"[A-Za-z.]$", before))


def _change(indicator: str) -> str | None:
    for direction, words in table_lexicon().change_words.items():
        if any(indicator.endswith(w) for w in words):
            return direction
    return None


def _record(
    doc: Document,
    m: re.Match[str],
    a: int,
    b: int,
    piece: str,
    indicator: str,
    unit: str | None,
    kind: QuantityKind,
    year: int,
    year_stated: bool,
    binding: bool | None,
    change: str | None,
    header: str,
    bracketed: bool,
    name_at: int | None = None,
    one_per_line: bool = False,
) -> Quantity:
    value = float(m.group("num"))
    value_max = float(m.group("num2")) if m.group("num2") else None
    word = m.group("cmp") or m.group("after") or ""
    if not word and m.group("pre") and m.group("pre").endswith("约"):
        word = "约"
    comparator: Comparator = lexicon().words.table_comparators.get(word, "eq")
    if value_max is not None:
        comparator = "range"
    period = next((w for w in PERIOD_WORDS if w in piece), None)
    if period is None and "年均" in header and not bracketed:
        period = "年均"
    elif period is None and bracketed and "达到" not in piece:
        period = "累计"
    scope = m.group("scope")
    q0 = a + (len(piece) - len(piece.lstrip()))
    value_line = doc.line_of(q0)
    if name_at is not None and doc.line_of(name_at) != value_line and one_per_line:
        q0 = name_at  # one cell per line: the record stands on the indicator's line
    return Quantity(
        id="",
        kind=kind,
        indicator=indicator,
        scope=scope,
        value=_clean(value),
        value_max=_clean(value_max) if value_max is not None else None,
        unit=unit,
        comparator=comparator,
        year=year,
        year_stated=year_stated,
        period=period,
        change=change,
        binding=binding,
        value_text=doc.text[a + m.start("num") : a + m.end()].strip() or m.group(0),
        node_id=None,
        value_line=value_line if value_line != doc.line_of(q0) else None,
        line=doc.line_of(q0),
        span=(q0, b),
        quote=doc.text[q0:b],
    )


def _clean(v: float) -> int | float:
    return int(v) if float(v).is_integer() else v
