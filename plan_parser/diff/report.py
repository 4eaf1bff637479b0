"""Reports of a `PlanDiff`: rich tables for the terminal, Markdown for a paper, CSV for the
indicator table. The JSON form is the model itself (`schemas/diff.schema.json`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..models.diff import (
    RELATIONS,
    IndicatorPair,
    NearMiss,
    NodeRef,
    PlanDiff,
    ProgramRef,
    QuantityRef,
    Relation,
    UnmatchedQuantity,
)
from ..serialize.csv import dumps_csv_records

if TYPE_CHECKING:
    from rich.console import Console

KINDS = ("target", "standard", "baseline")
RELATION_LABEL: dict[Relation, str] = {
    "same": "same",
    "a_stricter": "A stricter",
    "a_looser": "A looser",
    "different_year": "different year",
    "incomparable": "incomparable",
    "a_higher": "A higher",
    "a_lower": "A lower",
}
RELATION_STYLE: dict[Relation, str] = {
    "same": "dim",
    "a_stricter": "bold green",
    "a_looser": "bold red",
    "different_year": "yellow",
    "incomparable": "magenta",
    "a_higher": "cyan",
    "a_lower": "cyan",
}


# --- shared wording -----------------------------------------------------------------------------


def document_line(label: str, info: Any) -> str:
    place = info.jurisdiction
    if place and info.issuer and info.issuer.startswith(place):
        place = None  # 安阳市人民政府办公室 names it already
    parts = [p for p in (info.doc_number, info.issuer, place, info.level) if p]
    extra = f" ({', '.join(parts)})" if parts else ""
    return f"{label}: {info.title or info.path}{extra} — {info.input} {info.path}"


def summary_lines(diff: PlanDiff) -> list[str]:
    s = diff.summary
    counts = [(r, getattr(s.relations, r)) for r in RELATIONS]
    counted = ", ".join(f"{n} {RELATION_LABEL[r]}" for r, n in counts if n)
    lines = [
        f"Indicators: {s.pairs} pairs" + (f" ({counted})" if counted else ""),
        f"B's targets not taken up by A: {s.b_targets_not_taken_up}; "
        f"A's own targets: {s.a_own_targets}",
    ]
    if s.sections_aligned is not None:
        lines.append(
            f"Outline: {s.sections_aligned} headings aligned; without counterpart: "
            f"{s.sections_only_a} in A, {s.sections_only_b} in B"
        )
    if s.programs_both is not None:
        lines.append(
            f"Programs: {s.programs_both} in both; {s.programs_only_a} only in A, "
            f"{s.programs_only_b} only in B"
        )
    if diff.only_differences:
        lines.append("Showing only differences: pairs that are the same are left out.")
    return lines


def quantity_cell(q: QuantityRef) -> str:
    year = f" ({q.year})" if q.year is not None else ""
    period = f" {q.period}" if q.period else ""
    return f"{q.text}{period}{year}"


def indicator_cell(q: QuantityRef) -> str:
    scope = f"[{q.scope}] " if q.scope else ""
    return f"{scope}{q.indicator}"


def near_cell(n: NearMiss | None, side: str) -> str:
    if n is None:
        return ""
    q = n.quantity
    return f"{side} L{q.line} {q.indicator} {quantity_cell(q)}: {n.reason}"


def node_cell(n: NodeRef) -> str:
    return f"{n.marker}{n.title}"


def program_cell(p: ProgramRef) -> str:
    where = f"专栏{p.box}" if p.box is not None else "text"
    return f"{p.name} ({where}, L{p.line})"


def _split(
    items: list[UnmatchedQuantity],
) -> tuple[list[UnmatchedQuantity], dict[str, int]]:
    targets = [u for u in items if u.quantity.kind == "target"]
    others: dict[str, int] = {}
    for u in items:
        if u.quantity.kind != "target":
            others[u.quantity.kind] = others.get(u.quantity.kind, 0) + 1
    return targets, others


def _others_line(others: dict[str, int], side: str) -> str:
    if not others:
        return ""
    counts = " and ".join(f"{n} {kind}s" for kind, n in sorted(others.items()))
    return f"Also {counts} of {side} without counterpart (all are in --format json and csv)."


# --- rich ---------------------------------------------------------------------------------------


def print_report(diff: PlanDiff, console: Console) -> None:
    """The diff as tables: header, indicators, unmatched targets, outline, programs, notes."""
    from rich.table import Table

    console.print(f"[bold]{document_line('A', diff.a)}[/bold]")
    console.print(f"[bold]{document_line('B', diff.b)}[/bold]")
    for line in summary_lines(diff):
        console.print(line)

    for kind in KINDS:
        rows = [p for p in diff.indicators.pairs if p.kind == kind]
        if not rows:
            continue
        table = Table(title=f"{kind.capitalize()}s in both: {len(rows)}")
        table.add_column("A", overflow="fold", ratio=3)
        table.add_column("B", overflow="fold", ratio=3)
        table.add_column("relation", overflow="fold", ratio=2)
        table.add_column("why", overflow="fold", ratio=5)
        for p in rows:
            style = RELATION_STYLE[p.relation]
            table.add_row(
                f"{indicator_cell(p.a)}\n{quantity_cell(p.a)} L{p.a.line}",
                f"{indicator_cell(p.b)}\n{quantity_cell(p.b)} L{p.b.line}",
                f"[{style}]{RELATION_LABEL[p.relation]}[/{style}]",
                f"{p.match} ({p.score:.2f}); {p.reason}",
            )
        console.print(table)

    for title, items, side, other in (
        ("B's targets not taken up by A", diff.indicators.only_b, "B", "A"),
        ("A's own targets (not in B)", diff.indicators.only_a, "A", "B"),
    ):
        targets, others = _split(items)
        table = Table(title=f"{title}: {len(targets)}")
        table.add_column(side, overflow="fold", ratio=4)
        table.add_column(f"nearest in {other}", overflow="fold", ratio=5)
        for u in targets:
            table.add_row(
                f"{indicator_cell(u.quantity)}\n{quantity_cell(u.quantity)} L{u.quantity.line}",
                near_cell(u.nearest, other),
            )
        console.print(table)
        if others:
            console.print(f"[dim]{_others_line(others, side)}[/dim]")

    if diff.outline is not None:
        table = Table(title="Outline: headings aligned by title")
        for col in ("A heading", "B heading", "score", "why"):
            table.add_column(col, overflow="fold")
        for s in diff.outline.pairs:
            table.add_row(
                f"{node_cell(s.a)} L{s.a.line}",
                f"{node_cell(s.b)} L{s.b.line}",
                f"{s.score:.2f}",
                s.reason,
            )
        console.print(table)
        for side, nodes in (("A", diff.outline.only_a), ("B", diff.outline.only_b)):
            if nodes:
                console.print(
                    f"[bold]Headings of {side} without counterpart ({len(nodes)}):[/bold]"
                )
                for n in nodes:
                    console.print(f"  {node_cell(n)}  [dim]L{n.line} {n.kind}[/dim]")

    if diff.programs is not None:
        table = Table(title="Programs in both")
        for col in ("A", "B", "score", "why"):
            table.add_column(col, overflow="fold")
        for pp in diff.programs.both:
            table.add_row(program_cell(pp.a), program_cell(pp.b), f"{pp.score:.2f}", pp.reason)
        console.print(table)
        for side, progs in (("A", diff.programs.only_a), ("B", diff.programs.only_b)):
            if progs:
                console.print(f"[bold]Programs only in {side} ({len(progs)}):[/bold]")
                for pr in progs:
                    console.print(f"  {program_cell(pr)}")

    for note in diff.notes:
        console.print(f"[yellow]note[/yellow] {note}")


# --- Markdown -----------------------------------------------------------------------------------


def _md(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    if not rows:
        return ["None.", ""]
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(_md(c) for c in row) + " |" for row in rows]
    return [*out, ""]


def _pair_row(p: IndicatorPair) -> list[str]:
    rel = RELATION_LABEL[p.relation]
    return [
        p.kind,
        f"{indicator_cell(p.a)} (L{p.a.line})",
        quantity_cell(p.a),
        f"{indicator_cell(p.b)} (L{p.b.line})",
        quantity_cell(p.b),
        f"**{rel}**" if p.relation in ("a_stricter", "a_looser") else rel,
        f"{p.match} ({p.score:.2f}); {p.reason}",
    ]


def render_markdown(diff: PlanDiff) -> str:
    """A report to paste into a paper: summary, then one table per part."""
    out = [
        f"# {diff.a.title or diff.a.path} vs {diff.b.title or diff.b.path}",
        "",
        f"- {document_line('A', diff.a)}",
        f"- {document_line('B', diff.b)}",
        *[f"- {line}" for line in summary_lines(diff)],
        "",
        "## Indicators in both",
        "",
    ]
    out += _md_table(
        ["kind", "A indicator", "A", "B indicator", "B", "relation", "why"],
        [_pair_row(p) for p in diff.indicators.pairs],
    )
    for title, items, side, other in (
        ("B's targets not taken up by A", diff.indicators.only_b, "B", "A"),
        ("A's own targets", diff.indicators.only_a, "A", "B"),
    ):
        targets, others = _split(items)
        out += [f"## {title} ({len(targets)})", ""]
        out += _md_table(
            ["indicator", side, "line", f"nearest in {other}"],
            [
                [
                    indicator_cell(u.quantity),
                    quantity_cell(u.quantity),
                    f"L{u.quantity.line}",
                    near_cell(u.nearest, other),
                ]
                for u in targets
            ],
        )
        if others:
            out += [_others_line(others, side), ""]
    if diff.outline is not None:
        out += ["## Outline", ""]
        out += _md_table(
            ["A heading", "B heading", "score", "why"],
            [
                [
                    f"{node_cell(s.a)} (L{s.a.line})",
                    f"{node_cell(s.b)} (L{s.b.line})",
                    f"{s.score:.2f}",
                    s.reason,
                ]
                for s in diff.outline.pairs
            ],
        )
        for side, nodes in (("A", diff.outline.only_a), ("B", diff.outline.only_b)):
            if nodes:
                out += [
                    f"Headings of {side} without counterpart: "
                    + "; ".join(f"{node_cell(n)} (L{n.line})" for n in nodes),
                    "",
                ]
    if diff.programs is not None:
        out += ["## Programs", ""]
        out += _md_table(
            ["A", "B", "score", "why"],
            [
                [program_cell(p.a), program_cell(p.b), f"{p.score:.2f}", p.reason]
                for p in diff.programs.both
            ],
        )
        for side, progs in (("A", diff.programs.only_a), ("B", diff.programs.only_b)):
            if progs:
                out += [
                    f"Programs only in {side}: " + "; ".join(program_cell(p) for p in progs),
                    "",
                ]
    if diff.notes:
        out += ["## Notes", "", *[f"- {n}" for n in diff.notes], ""]
    return "\n".join(out).rstrip("\n") + "\n"


# --- CSV ----------------------------------------------------------------------------------------

QUANTITY_FIELDS = [
    "indicator",
    "scope",
    "text",
    "comparator",
    "value",
    "value_max",
    "unit",
    "year",
    "period",
    "line",
    "quote",
]
CSV_COLUMNS = [
    "status",
    "kind",
    "relation",
    "direction",
    "score",
    "match",
    "reason",
    "delta",
    *[f"a_{f}" for f in QUANTITY_FIELDS],
    *[f"b_{f}" for f in QUANTITY_FIELDS],
    "nearest",
]


def _quantity_cells(prefix: str, q: QuantityRef | None) -> dict[str, Any]:
    if q is None:
        return {}
    data = q.model_dump(mode="json")
    return {f"{prefix}_{f}": data[f] for f in QUANTITY_FIELDS}


def indicator_rows(diff: PlanDiff) -> list[dict[str, Any]]:
    """One row per pair, then one per quantity found in A only and in B only."""
    rows: list[dict[str, Any]] = []
    for p in diff.indicators.pairs:
        rows.append(
            {
                "status": "paired",
                "kind": p.kind,
                "relation": p.relation,
                "direction": p.direction,
                "score": p.score,
                "match": p.match,
                "reason": p.reason,
                "delta": p.delta,
                **_quantity_cells("a", p.a),
                **_quantity_cells("b", p.b),
            }
        )
    for status, items, prefix, other in (
        ("only_a", diff.indicators.only_a, "a", "B"),
        ("only_b", diff.indicators.only_b, "b", "A"),
    ):
        for u in items:
            rows.append(
                {
                    "status": status,
                    "kind": u.quantity.kind,
                    **_quantity_cells(prefix, u.quantity),
                    "nearest": near_cell(u.nearest, other),
                }
            )
    return rows


def render_csv(diff: PlanDiff) -> str:
    """The indicator table as CSV, UTF-8 with a BOM so that Excel reads the Chinese."""
    return dumps_csv_records(CSV_COLUMNS, indicator_rows(diff))
