"""The diff as a review page: indicator pairs with their relation, each side linked to its line.

`render_diff(diff, a_text, b_text)` shows the pairs (and the quantities of one side only) in a
table whose A and B cells link to the quantity's line in that side's own text, shown in two panes
beside the table, with the quote highlighted. A side whose text is not known (a structured output
whose source file is not at hand) is shown without a pane; its links then say so.
"""

from __future__ import annotations

from html import escape

from ..diff.report import RELATION_LABEL, document_line, summary_lines
from ..models.diff import RELATIONS, PlanDiff, QuantityRef
from .marks import Mark, line_spans, render_lines
from .page import _fill, asset


def _marks(side: str, text: str, refs: list[QuantityRef]) -> list[Mark]:
    """Each quantity's quote found on its line (QuantityRef carries no span)."""
    spans = line_spans(text)
    marks: dict[str, Mark] = {}
    for q in refs:
        if not 1 <= q.line <= len(spans) or not q.quote:
            continue
        s, e = spans[q.line - 1]
        at = text.find(q.quote, s, e) if q.quote else -1
        if at < 0:
            at = text.find(q.quote, s)  # a quote that runs over the line end
            if at < 0 or at > e:
                continue
        rid = f"{side}:{q.id}"
        marks.setdefault(rid, Mark(rid, q.kind, at, at + len(q.quote)))
    return list(marks.values())


def _side_cell(side: str, q: QuantityRef, known: bool) -> str:
    scope = f"[{escape(q.scope)}] " if q.scope else ""
    year = f" ({q.year})" if q.year is not None else ""
    link = (
        f'<a class="go" href="#{side}-L{q.line}" data-side="{side}" data-line="{q.line}" '
        f'data-id="{side}:{escape(q.id)}">{side} L{q.line}</a>'
        if known
        else f'<span class="go" title="text not available">{side} L{q.line}</span>'
    )
    return (
        f'<div class="ind">{scope}{escape(q.indicator)}</div>'
        f'<div class="fig">{escape(q.text)}{escape(year)} {link}</div>'
    )


def render_diff(diff: PlanDiff, a_text: str | None, b_text: str | None) -> str:
    pairs = diff.indicators.pairs
    rows: list[str] = []
    for p in pairs:
        rows.append(
            f'<tr class="r-{p.relation}" data-relation="{p.relation}">'
            f"<td>{p.kind}</td><td>{_side_cell('A', p.a, a_text is not None)}</td>"
            f"<td>{_side_cell('B', p.b, b_text is not None)}</td>"
            f'<td><span class="rel r-{p.relation}">{escape(RELATION_LABEL[p.relation])}</span>'
            f'<div class="score">{p.score:.2f}</div></td>'
            f'<td class="why">{escape(p.match)}; {escape(p.reason)}</td></tr>'
        )
    unmatched: list[str] = []
    for title, items, side, known in (
        ("B's targets and baselines not taken up by A", diff.indicators.only_b, "B", b_text),
        ("A's own targets and baselines", diff.indicators.only_a, "A", a_text),
    ):
        lis = []
        for u in items:
            near = ""
            if u.nearest is not None:
                other = "A" if side == "B" else "B"
                nq = u.nearest.quantity
                near = (
                    f'<div class="why">nearest: {escape(nq.indicator)} {escape(nq.text)} '
                    f"({other} L{nq.line}): {escape(u.nearest.reason)}</div>"
                )
            lis.append(
                f'<li class="k-{u.quantity.kind}">{u.quantity.kind}: '
                f"{_side_cell(side, u.quantity, known is not None)}{near}</li>"
            )
        unmatched.append(
            f"<details><summary>{escape(title)} ({len(items)})</summary>"
            f'<ul class="um">{"".join(lis)}</ul></details>'
        )
    counts = {r: sum(1 for p in pairs if p.relation == r) for r in RELATIONS}
    filters = "".join(
        f'<label class="lg"><input type="checkbox" checked data-relation="{r}">'
        f'<span class="rel r-{r}">{escape(RELATION_LABEL[r])}</span> <b>{n}</b></label>'
        for r, n in counts.items()
        if n
    )
    panes = []
    for side, text, info in (("A", a_text, diff.a), ("B", b_text, diff.b)):
        refs = [p.a if side == "A" else p.b for p in pairs]
        refs += [
            u.quantity for u in (diff.indicators.only_a if side == "A" else diff.indicators.only_b)
        ]
        if text is None:
            body = '<p class="hint">The text of this side is not available.</p>'
        else:
            body = render_lines(text, _marks(side, text, refs)).replace(' id="L', f' id="{side}-L')
        panes.append(
            f'<section class="pane" id="pane-{side}"><h2>{side}: '
            f"{escape(info.title or info.path)} <small>{escape(info.path)}</small></h2>"
            f'<div class="scroll">{body}</div></section>'
        )
    return _fill(
        asset("diff.html"),
        title=escape(f"{diff.a.title or diff.a.path} vs {diff.b.title or diff.b.path}"),
        css=asset("view.css") + asset("diff.css"),
        js=asset("diff.js"),
        docs="".join(
            f"<li>{escape(document_line(label, info))}</li>"
            for label, info in (("A", diff.a), ("B", diff.b))
        ),
        summary="".join(f"<li>{escape(line)}</li>" for line in summary_lines(diff)),
        filters=filters,
        rows="".join(rows) or '<tr><td colspan="5">no pairs</td></tr>',
        unmatched="".join(unmatched),
        panes="".join(panes),
    )
