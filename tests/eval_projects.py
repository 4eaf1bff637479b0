"""Projects against the hand-labelled registries (tests/labels/projects_*.yaml): the bundled plan
and real plans in ../shared/corpus (skipped when that folder is absent). A label file's `lines`
range, when given, is labelled exhaustively: only predictions inside it are scored.

Three sets are scored apart: construction projects, box programs (the entries of 专栏) and
programs in running text. For matched construction projects the fields action, facility,
district, adcode and status are scored too.

Matching rule: a predicted record matches a labelled record of the same set when both are on
the same line and their names, normalised (spaces, quotation marks “” and 《》 dropped,
full-width forms folded), are equal, or one contains the other and is at most
`MAX_EXTRA` characters longer (`省定营养改善计划` for `营养改善计划`). Each record matches at
most once: exact matches are paired first, then containments, in document order.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from plan_parser import Plan, Project, parse_file
from plan_parser.read.normalize import fold

from .eval_quantities import source_path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "labels" / "projects_anyang.yaml"
RAW = ROOT / "data" / "raw"
MAX_EXTRA = 4
SETS = ("construction", "box program", "running-text program")
FIELDS = ("action", "facility", "district", "adcode", "status")


def norm_name(name: str) -> str:
    return re.sub(r"[\s“”\"《》]", "", fold(name))


def set_of_label(label: dict[str, Any]) -> str:
    if label["kind"] == "construction":
        return "construction"
    return "box program" if label.get("box") is not None else "running-text program"


def set_of_project(p: Project) -> str:
    if p.kind == "construction":
        return "construction"
    return "box program" if p.box is not None else "running-text program"


def names_match(a: str, b: str, *, exact: bool) -> bool:
    x, y = norm_name(a), norm_name(b)
    if exact:
        return x == y
    short, long = sorted((x, y), key=len)
    return bool(short) and short in long and len(long) - len(short) <= MAX_EXTRA


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Report:
    scores: dict[str, Score] = field(default_factory=lambda: {s: Score() for s in SETS})
    fields: dict[str, list[bool]] = field(default_factory=lambda: {f: [] for f in FIELDS})
    missed: list[dict[str, Any]] = field(default_factory=list)
    extra: list[Project] = field(default_factory=list)
    wrong: list[tuple[str, Project, dict[str, Any]]] = field(default_factory=list)
    inside_entries: list[Project] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        values = self.fields[name]
        return sum(values) / len(values) if values else 1.0

    def figures(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for s, score in self.scores.items():
            out[f"{s} precision"] = score.precision
            out[f"{s} recall"] = score.recall
        for f in FIELDS:
            out[f"{f} accuracy"] = self.accuracy(f)
        return out


def pair(
    predicted: list[Project], labels: list[dict[str, Any]]
) -> list[tuple[Project, dict[str, Any]]]:
    """One-to-one pairs: exact name matches first, then containments."""
    pairs: list[tuple[Project, dict[str, Any]]] = []
    free_p = list(predicted)
    free_l = list(labels)
    for exact in (True, False):
        for label in list(free_l):
            for p in free_p:
                if (
                    p.line == label["line"]
                    and set_of_project(p) == set_of_label(label)
                    and names_match(p.name, label["name"], exact=exact)
                ):
                    pairs.append((p, label))
                    free_p.remove(p)
                    free_l.remove(label)
                    break
    return pairs


def field_value(p: Project, name: str) -> Any:
    value = getattr(p, name)
    return norm_name(value) if name == "district" and value else value


def inside_entry(p: Project) -> bool:
    """A program named inside a box entry's text (issue 15): the label files list box entries
    and running-text programs only, so these are counted, not scored."""
    return p.kind == "program" and p.program_id is not None


def evaluate(plan: Plan, labels: list[dict[str, Any]]) -> Report:
    report = Report()
    report.inside_entries = [p for p in plan.projects if inside_entry(p)]
    predicted = [p for p in plan.projects if not inside_entry(p)]
    pairs = pair(predicted, labels)
    matched_p = {id(p) for p, _ in pairs}
    matched_l = {id(label) for _, label in pairs}
    for p, label in pairs:
        report.scores[set_of_label(label)].tp += 1
        if p.kind != "construction":
            continue
        for f in FIELDS:
            expected = label.get(f)
            if f == "district" and expected:
                expected = norm_name(expected)
            ok = field_value(p, f) == expected
            report.fields[f].append(ok)
            if not ok:
                report.wrong.append((f, p, label))
    for p in predicted:
        if id(p) not in matched_p:
            report.scores[set_of_project(p)].fp += 1
            report.extra.append(p)
    for label in labels:
        if id(label) not in matched_l:
            report.scores[set_of_label(label)].fn += 1
            report.missed.append(label)
    return report


def load_labels(path: Path = LABELS) -> tuple[Path, list[dict[str, Any]], tuple[int, int] | None]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = source_path(data["document"])
    lines = tuple(data["lines"]) if data.get("lines") else None
    return found or RAW / data["document"], data["records"], lines  # type: ignore[return-value]


def run(path: Path = LABELS) -> Report:
    document, labels, lines = load_labels(path)
    plan = parse_file(document)
    if lines is not None:
        a, b = lines
        plan.projects = [p for p in plan.projects if a <= p.line <= b]
    return evaluate(plan, labels)


def label_files() -> list[Path]:
    """The bundled plan's registry first, then every other whose document is on this machine."""
    others = sorted(p for p in LABELS.parent.glob("projects_*.yaml") if p != LABELS)
    usable = [p for p in others if source_path(yaml.safe_load(p.read_text("utf-8"))["document"])]
    return [LABELS, *usable]


def main() -> dict[str, float]:
    figures: dict[str, float] = {}
    for i, path in enumerate(label_files()):
        if i:
            sys.stdout.write("\n")
        got = report_one(path)
        if path == LABELS:
            figures = got
    return figures


def report_one(path: Path) -> dict[str, float]:
    report = run(path)
    out = sys.stdout
    out.write(f"projects vs {path.relative_to(ROOT)}\n")
    out.write(f"  {'set':<22} {'labelled':>8} {'found':>6} {'precision':>9} {'recall':>7}\n")
    for s, score in report.scores.items():
        out.write(
            f"  {s:<22} {score.tp + score.fn:>8} {score.tp + score.fp:>6} "
            f"{score.precision:>9.3f} {score.recall:>7.3f}\n"
        )
    if report.inside_entries:
        out.write(
            f"  programs named inside box entries (not labelled, not scored): "
            f"{len(report.inside_entries)}\n"
        )
    n = len(report.fields["action"])
    out.write(f"  fields on {n} matched construction projects:")
    out.write("".join(f" {f} {report.accuracy(f):.3f}" for f in FIELDS) + "\n")
    for label in report.missed:
        out.write(f"  missed  L{label['line']} {set_of_label(label)}: {label['name']}\n")
    for p in report.extra:
        out.write(f"  extra   L{p.line} {set_of_project(p)}: {p.name}\n")
    for f, p, label in report.wrong:
        out.write(f"  {f:<8}L{p.line} {p.name}: {getattr(p, f)} (label {label.get(f)})\n")
    return report.figures()


if __name__ == "__main__":
    main()
