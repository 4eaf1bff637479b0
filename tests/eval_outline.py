"""Outlines against the hand-labelled sets (tests/labels/outline_*.yaml): counts and matches.

For each labelled document:
- headings per level, labelled against predicted (the issue's bar: the number of chapters,
  sections and items, and of boxes, match);
- heading precision and recall: a prediction matches a label when it starts on the same line at
  the same level (each label matches at most one prediction); `line±1` would hide glued headings,
  so it is not allowed;
- title accuracy on matched headings (after removing whitespace);
- boxes and box entries: labelled against predicted counts, and boxes matched by number.

Only predictions inside the labelled line range count.

    python -m tests.eval_outline [-v]
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from plan_parser import OutlineNode, Plan, parse_file

from .eval_quantities import source_path

LABELS = Path(__file__).resolve().parent / "labels"
SPACE = re.compile(r"\s+")


@dataclass
class Heading:
    line: int
    level: int
    title: str


@dataclass
class OutlineReport:
    document: str
    labelled_levels: Counter[int] = field(default_factory=Counter)
    predicted_levels: Counter[int] = field(default_factory=Counter)
    labels: int = 0
    predicted: int = 0
    matched: int = 0
    titles_right: int = 0
    labelled_boxes: int = 0
    predicted_boxes: int = 0
    boxes_matched: int = 0
    labelled_entries: int = 0
    predicted_entries: int = 0
    misses: list[Heading] = field(default_factory=list)
    extras: list[Heading] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.labels if self.labels else 1.0

    @property
    def counts_match(self) -> bool:
        """The issue's bar: heading counts per level and the box count agree."""
        return (
            self.labelled_levels == self.predicted_levels
            and self.labelled_boxes == self.predicted_boxes
        )


def _fold(title: str) -> str:
    return SPACE.sub("", title or "")


def predicted_headings(plan: Plan) -> list[Heading]:
    out: list[Heading] = []

    def walk(nodes: list[OutlineNode], depth: int) -> None:
        for node in nodes:
            out.append(Heading(node.line, depth, node.title))
            walk(node.children, depth + 1)

    walk(plan.outline, 1)
    return out


def evaluate_document(path: Path, data: dict[str, Any]) -> OutlineReport:
    plan = parse_file(path)
    first, last = (int(x) for x in data["lines"])
    rep = OutlineReport(data["document"])
    labels = [
        Heading(int(h["line"]), int(h["level"]), str(h.get("title") or ""))
        for h in data.get("headings") or []
    ]
    preds = [h for h in predicted_headings(plan) if first <= h.line <= last]
    rep.labels, rep.predicted = len(labels), len(preds)
    rep.labelled_levels.update(h.level for h in labels)
    rep.predicted_levels.update(h.level for h in preds)
    unused = {(h.line, h.level): h for h in preds}
    for lab in labels:
        hit = unused.pop((lab.line, lab.level), None)
        if hit is None:
            rep.misses.append(lab)
            continue
        rep.matched += 1
        rep.titles_right += _fold(hit.title) == _fold(lab.title)
    rep.extras = sorted(unused.values(), key=lambda h: h.line)
    boxes = data.get("boxes") or []
    in_range = [b for b in plan.boxes if first <= b.line <= last]
    rep.labelled_boxes, rep.predicted_boxes = len(boxes), len(in_range)
    rep.labelled_entries = sum(len(b.get("entries") or []) for b in boxes)
    rep.predicted_entries = sum(len(b.entries) for b in in_range)
    numbers = Counter(b.number for b in in_range)
    rep.boxes_matched = sum(1 for b in boxes if numbers[int(b["number"])] > 0)
    return rep


def evaluate() -> list[OutlineReport]:
    reports = []
    for label_file in sorted(LABELS.glob("outline_*.yaml")):
        data = yaml.safe_load(label_file.read_text(encoding="utf-8"))
        path = source_path(data["document"])
        if path is not None:
            reports.append(evaluate_document(path, data))
    return reports


def _levels(counts: Counter[int]) -> str:
    return "/".join(str(counts[level]) for level in range(1, max(counts, default=0) + 1)) or "0"


def format_report(rep: OutlineReport) -> str:
    titles = rep.titles_right / rep.matched if rep.matched else 0.0
    return (
        f"{rep.document:<48} levels labelled {_levels(rep.labelled_levels):<12} "
        f"predicted {_levels(rep.predicted_levels):<12} "
        f"{'counts match' if rep.counts_match else 'COUNTS DIFFER'}\n"
        f"{'':<48} headings P {rep.precision:.3f} R {rep.recall:.3f} titles {titles:.3f}  "
        f"boxes {rep.predicted_boxes}/{rep.labelled_boxes}  "
        f"entries {rep.predicted_entries}/{rep.labelled_entries}"
    )


def main() -> list[OutlineReport]:
    verbose = "-v" in sys.argv
    reports = evaluate()
    print("Outline (tests/labels/outline_*.yaml): levels are counts per depth, top first")
    for rep in reports:
        print(format_report(rep))
        if verbose:
            for h in rep.misses:
                print(f"    missed  L{h.line} level {h.level} {h.title[:30]}")
            for h in rep.extras:
                print(f"    extra   L{h.line} level {h.level} {h.title[:30]}")
    matched = sum(r.counts_match for r in reports)
    print(f"counts match on {matched} of {len(reports)} labelled plans")
    return reports


if __name__ == "__main__":
    main()
