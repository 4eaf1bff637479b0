"""The review page: a plan and its source text as one self-contained HTML file.

`render_plan(plan, text)` returns the page as a string: the text line by line with every fact
highlighted where it stands (quantities by kind, programs, construction projects, headings, boxes,
tables when the plan has them, and the noise lines the parser removed), a legend whose boxes filter
by kind, the outline as navigation, a search box and a panel with every field of the fact that is
clicked and the diagnostics on its lines. CSS, JavaScript and the facts (as JSON) are inlined: the
page loads nothing from the network, and the same plan and text give the same bytes.
"""

from __future__ import annotations

import json
import re
from functools import cache
from html import escape
from importlib.resources import files
from typing import Any

from ..models import OutlineNode, Plan
from .marks import Mark, line_spans, render_lines

NOISE_CODES = ("page-chrome", "page-number", "running-header", "toc-skipped")
TOC_RANGE = re.compile(r"\((\d+) lines, (\d+)-(\d+)\)")

# kind -> (legend label, group); the order is the legend's
KINDS: dict[str, tuple[str, str]] = {
    "target": ("target 目标", "quantity"),
    "baseline": ("baseline 基数", "quantity"),
    "standard": ("standard 标准", "quantity"),
    "program": ("program 工程/计划", "project"),
    "construction": ("construction 建设项目", "project"),
    "table": ("table 表格", "table"),
    "heading": ("heading 标题", "outline"),
    "box": ("box 专栏", "outline"),
    "noise": ("removed noise 已去除", "noise"),
}


@cache
def asset(name: str) -> str:
    return (files(__package__) / "assets" / name).read_text(encoding="utf-8")


def json_for_script(data: Any) -> str:
    """JSON safe inside <script>: no `</script>` or `<!--` can appear."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _span_ok(text: str, span: tuple[int, int], quote: str) -> bool:
    return text[span[0] : span[1]] == quote


def noise_lines(plan: Plan, text: str) -> dict[int, dict[str, Any]]:
    """Lines the parser removed as noise, from its diagnostics: line -> diagnostic fields."""
    blank = {no for no, (s, e) in enumerate(line_spans(text), 1) if not text[s:e].strip()}
    found: dict[int, dict[str, Any]] = {}
    for d in plan.diagnostics:
        if d.code not in NOISE_CODES or d.line is None:
            continue
        lines = [d.line]
        m = TOC_RANGE.search(d.message) if d.code == "toc-skipped" else None
        if m:
            lines = [n for n in range(int(m.group(2)), int(m.group(3)) + 1) if n not in blank]
        for n in lines:
            found[n] = {"level": d.level, "code": d.code, "line": n, "message": d.message}
    return found


def plan_facts(plan: Plan, text: str) -> tuple[list[Mark], dict[str, dict[str, Any]]]:
    """The marks to draw and, by id, every fact's fields for the panel."""
    marks: list[Mark] = []
    facts: dict[str, dict[str, Any]] = {}

    def add(kind: str, group: str, record: Any, span: tuple[int, int], **extra: Any) -> None:
        fields = record.model_dump(mode="json", exclude={"children", "entries"})
        fields.update(extra)
        rid = fields.get("id") or extra["id"]
        facts[rid] = {"group": group, "kind": kind, "fields": fields}
        marks.append(Mark(rid, kind, span[0], span[1]))

    for node in plan.iter_nodes():
        add("heading", "outline", node, node.span, span_ok=_span_ok(text, node.span, node.title))
    for box in plan.boxes:
        add("box", "outline", box, box.span, span_ok=_span_ok(text, box.span, box.title))
        for entry in box.entries:
            add(
                "box",
                "outline",
                entry,
                entry.name_span,
                span_ok=_span_ok(text, entry.name_span, entry.name),
            )
    for q in plan.quantities:
        add(q.kind, "quantity", q, q.span, span_ok=_span_ok(text, q.span, q.quote))
    for p in plan.projects:
        add(p.kind, "project", p, p.span, span_ok=_span_ok(text, p.span, p.quote))
    for table in getattr(plan, "tables", None) or []:
        span = getattr(table, "span", None)
        if span is not None:
            add("table", "table", table, tuple(span))
    spans = line_spans(text)
    for no, diag in sorted(noise_lines(plan, text).items()):
        if no <= len(spans) and spans[no - 1][0] < spans[no - 1][1]:
            rid = f"noise_L{no}"
            facts[rid] = {"group": "noise", "kind": "noise", "fields": {"id": rid, **diag}}
            marks.append(Mark(rid, "noise", *spans[no - 1]))
    return marks, facts


def _nav(plan: Plan) -> str:
    boxes: dict[str | None, list[Any]] = {}
    for box in plan.boxes:
        boxes.setdefault(box.parent_id, []).append(box)
    out: list[str] = []

    def item(node: OutlineNode) -> None:
        out.append(
            f'<li><a href="#L{node.line}" data-id="{escape(node.id)}">'
            f"{escape(node.marker)}{escape(node.title)}</a>"
        )
        subs = node.children
        bx = boxes.get(node.id, [])
        if subs or bx:
            out.append("<ul>")
            for child in subs:
                item(child)
            for b in bx:
                out.append(
                    f'<li class="nb"><a href="#L{b.line}" data-id="{escape(b.id)}">'
                    f"▣ 专栏{b.number} {escape(b.title)}</a></li>"
                )
            out.append("</ul>")
        out.append("</li>")

    out.append("<ul>")
    for node in plan.outline:
        item(node)
    for b in boxes.get(None, []):
        out.append(
            f'<li class="nb"><a href="#L{b.line}" data-id="{escape(b.id)}">'
            f"▣ 专栏{b.number} {escape(b.title)}</a></li>"
        )
    out.append("</ul>")
    return "".join(out)


def _legend(counts: dict[str, int]) -> str:
    out = []
    for kind, (label, _) in KINDS.items():
        n = counts.get(kind, 0)
        if not n and KINDS[kind][1] != "quantity":
            continue  # no tables, no noise: no filter for them
        out.append(
            f'<label class="lg k-{kind}"><input type="checkbox" checked data-kind="{kind}">'
            f'<span class="sw"></span>{escape(label)} <b>{n}</b></label>'
        )
    return "".join(out)


def _metadata(plan: Plan) -> str:
    m = plan.metadata
    period = m.plan_period
    rows = [
        ("发文机关 issuer", m.issuer),
        ("发文字号 doc_number", m.doc_number),
        ("成文日期 written", m.written_date),
        ("发布时间 published", m.publication_date),
        ("period", f"{period.name} {period.start_year}–{period.end_year}" if period else None),
        ("source", f"{plan.source.path} ({plan.source.encoding}, {plan.source.line_count} lines)"),
    ]
    return "".join(
        f"<span><i>{escape(k)}</i> {escape(str(v))}</span>" for k, v in rows if v is not None
    )


def _diagnostics(plan: Plan) -> str:
    items = []
    for d in plan.diagnostics:
        where = f'<a href="#L{d.line}">L{d.line}</a> ' if d.line is not None else ""
        items.append(
            f'<li class="d-{d.level}">{where}<b>{escape(d.code)}</b> {escape(d.message)}</li>'
        )
    return "".join(items) or "<li>none</li>"


def render_plan(plan: Plan, text: str, *, title: str | None = None) -> str:
    """The review page of `plan`, whose lines and spans refer to `text`."""
    marks, facts = plan_facts(plan, text)
    counts: dict[str, int] = {}
    for fact in facts.values():
        counts[fact["kind"]] = counts.get(fact["kind"], 0) + 1
    nodes = {
        n.id: {"title": f"{n.marker}{n.title}", "line": n.line, "end_line": n.end_line}
        for n in plan.iter_nodes()
    }
    for box in plan.boxes:
        nodes[box.id] = {
            "title": f"专栏{box.number} {box.title}",
            "line": box.line,
            "end_line": box.end_line,
        }
        for entry in box.entries:
            nodes[entry.id] = {"title": entry.name, "line": entry.line, "end_line": entry.end_line}
    parents = {c.id: n.id for n in plan.iter_nodes() for c in n.children}
    for box in plan.boxes:
        if box.parent_id:
            parents[box.id] = box.parent_id
        for entry in box.entries:
            parents[entry.id] = box.id
    for nid, parent in parents.items():
        nodes[nid]["parent"] = parent
    data = {
        "facts": facts,
        "nodes": nodes,
        "diagnostics": [d.model_dump(mode="json") for d in plan.diagnostics],
        "kinds": {k: {"label": v[0], "group": v[1]} for k, v in KINDS.items()},
    }
    heading = title or plan.metadata.plan_title or plan.metadata.title or plan.source.path
    body = render_lines(text, marks)
    return _fill(
        asset("page.html"),
        title=escape(heading),
        css=asset("view.css"),
        js=asset("view.js"),
        data=json_for_script(data),
        meta=_metadata(plan),
        legend=_legend(counts),
        nav=_nav(plan),
        diagnostics=_diagnostics(plan),
        text=body,
        facts_total=str(len(plan.quantities) + len(plan.projects)),
    )


def _fill(template: str, **parts: str) -> str:
    """Replace `{{name}}` placeholders in one pass (inserted text is never rescanned)."""

    def sub(m: re.Match[str]) -> str:
        return parts[m.group(1)]

    return re.sub(r"\{\{(\w+)\}\}", sub, template)
