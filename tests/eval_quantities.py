"""Quantities against the hand-labelled sets: precision, recall and per-field accuracy.

A prediction matches a label when it sits on the same line with the same value (and the same
upper bound for ranges); each label matches at most one prediction, in text order. Labels cover
line ranges exhaustively, so predictions inside a range that match no label are false positives.
Indicators are compared two ways: exactly (after removing spaces and quotes) and leniently (one
contains the other, as a reader accepts `教师周转宿舍` for `建成教师周转宿舍`).

    python -m tests.eval_quantities [-v]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from plan_parser import Quantity, parse_file

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "labels"
# labelled documents are the bundled plan (data/raw) or real plans in ../shared/corpus
SOURCE_DIRS = [ROOT / "data" / "raw", ROOT.parent / "shared" / "corpus"]


def source_path(document: str) -> Path | None:
    """Where a labelled document is on this machine, or None when its folder is absent."""
    return next((d / document for d in SOURCE_DIRS if (d / document).exists()), None)


FIELDS = [
    "kind",
    "comparator",
    "year",
    "year_stated",
    "unit",
    "change",
    "binding",
    "indicator",
    "indicator_exact",
]
# fields added for plans beyond the bundled one: compared only where the label file states them
OPTIONAL = {"year_stated", "change", "binding"}


@dataclass
class Report:
    document: str
    labels: int = 0
    predicted: int = 0
    matched: int = 0
    field_hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    field_seen: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[Quantity] = field(default_factory=list)
    wrong: list[tuple[str, dict[str, Any], Quantity]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.labels if self.labels else 0.0

    def accuracy(self, name: str) -> float | None:
        seen = self.field_seen[name]
        return self.field_hits[name] / seen if seen else None

    def add(self, other: Report) -> None:
        self.labels += other.labels
        self.predicted += other.predicted
        self.matched += other.matched
        for k in FIELDS:
            self.field_hits[k] += other.field_hits[k]
            self.field_seen[k] += other.field_seen[k]


def _norm(s: str | None) -> str:
    return (
        "".join(ch for ch in (s or "") if ch not in " “”\"'《》")
        .replace("（", "(")
        .replace("）", ")")
    )


def indicator_ok(label: str | None, got: str | None, *, exact: bool = False) -> bool:
    a, b = _norm(label), _norm(got)
    if not a or not b:
        return a == b
    if exact:
        return a == b
    return a in b or b in a


def _same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-6


def value_line(q: Quantity) -> int:
    """Line the number stands on (a quote may start on the line before, with its indicator)."""
    return q.value_line if q.value_line is not None else q.line


def load_labels() -> dict[str, tuple[list[tuple[int, int]], list[dict[str, Any]]]]:
    """document -> (labelled line ranges, records)."""
    out: dict[str, tuple[list[tuple[int, int]], list[dict[str, Any]]]] = {}
    for path in sorted(LABELS.glob("quantities_*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        ranges, records = out.setdefault(data["document"], ([], []))
        spans = data["ranges"] if "ranges" in data else [data["lines"]]
        ranges.extend((int(a), int(b)) for a, b in spans)
        records.extend(data["records"])
    return out


def evaluate_document(
    document: str, ranges: list[tuple[int, int]], labels: list[dict[str, Any]]
) -> Report:
    path = source_path(document)
    assert path is not None, document
    plan = parse_file(path)
    preds = [q for q in plan.quantities if any(a <= value_line(q) <= b for a, b in ranges)]
    rep = Report(document, labels=len(labels), predicted=len(preds))
    unused = list(preds)
    for lab in sorted(labels, key=lambda r: r["line"]):
        hit = next(
            (
                q
                for q in unused
                if lab["line"] in (q.line, value_line(q))
                and _same_value(q.value, lab["value"])
                and (lab.get("value_max") is None or _same_value(q.value_max, lab["value_max"]))
            ),
            None,
        )
        if hit is None:
            rep.misses.append(lab)
            continue
        unused.remove(hit)
        rep.matched += 1
        checks = {
            "kind": hit.kind == lab["kind"],
            "comparator": hit.comparator == lab["comparator"],
            "year": hit.year == lab["year"],
            "unit": (hit.unit or None) == (lab["unit"] or None),
            "indicator": indicator_ok(lab["indicator"], hit.indicator),
            "indicator_exact": indicator_ok(lab["indicator"], hit.indicator, exact=True),
        }
        for name in OPTIONAL:
            if name in lab:
                checks[name] = getattr(hit, name) == lab[name]
        for name, ok in checks.items():
            rep.field_seen[name] += 1
            rep.field_hits[name] += ok
            if not ok and name != "indicator_exact":
                rep.wrong.append((name, lab, hit))
    rep.false_positives = unused
    return rep


def evaluate(documents: set[str] | None = None) -> list[Report]:
    """One report per labelled document (of `documents`, if given) whose source is here."""
    return [
        evaluate_document(doc, r, recs)
        for doc, (r, recs) in load_labels().items()
        if source_path(doc) is not None and (documents is None or doc in documents)
    ]


def format_report(rep: Report) -> str:
    fields = "  ".join(f"{k} {acc:.3f}" for k in FIELDS if (acc := rep.accuracy(k)) is not None)
    return (
        f"{rep.document:<32} labels {rep.labels:>4}  predicted {rep.predicted:>4}  "
        f"matched {rep.matched:>4}  precision {rep.precision:.3f}  recall {rep.recall:.3f}\n"
        f"{'':<32} field accuracy on matched: {fields}"
    )


def main(verbose: bool = False) -> list[Report]:
    reports = evaluate()
    total = Report("all documents")
    print("Quantities (tests/labels/quantities_*.yaml)")
    for rep in reports:
        print(format_report(rep))
        total.add(rep)
    print(format_report(total))
    if verbose:
        for rep in reports:
            for lab in rep.misses:
                print(
                    f"  MISS {rep.document}:{lab['line']} {lab['value']} {lab['unit']} "
                    f"{lab['indicator']} | {lab['quote']}"
                )
            for q in rep.false_positives:
                print(f"  FP   {rep.document}:{q.line} {q.value_text} {q.indicator} | {q.quote}")
            for name, lab, q in rep.wrong:
                print(
                    f"  {name:<10} {rep.document}:{lab['line']} label={lab[name]!r} "
                    f"got={getattr(q, name)!r} | {lab['quote'][:40]}"
                )
    return reports


if __name__ == "__main__":
    main(verbose="-v" in sys.argv)
