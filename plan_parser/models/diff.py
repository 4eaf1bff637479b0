"""The result of `plan-parser diff`: the single source of truth for `schemas/diff.schema.json`.

Moved unchanged from the diff module; class names and field descriptions are the schema's `$defs`
and `description`s, so renaming or rewording one changes the committed schema.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .plan import Comparator, Model, NodeKind, Number, QuantityKind

DIFF_SCHEMA_VERSION = "1.0"

InputKind = Literal["plan", "output", "sheet"]
Relation = Literal[
    "same", "a_stricter", "a_looser", "different_year", "incomparable", "a_higher", "a_lower"
]
Direction = Literal["higher_is_better", "lower_is_better", "unknown"]
RELATIONS: tuple[Relation, ...] = (
    "same",
    "a_stricter",
    "a_looser",
    "different_year",
    "incomparable",
    "a_higher",
    "a_lower",
)


class DocumentInfo(Model):
    path: str = Field(description="input path as given (relative), or its file name")
    input: InputKind = Field(
        description="plan: raw text/HTML parsed on the fly; output: structured JSON/YAML; "
        "sheet: a quantity sheet (no outline, no programs)"
    )
    title: str | None
    doc_number: str | None
    issuer: str | None
    level: str | None = Field(
        description="a plan's jurisdiction level (national, province, prefecture, county), or "
        "as stated by a sheet's header: province, city …"
    )
    jurisdiction: str | None = Field(
        None, description="the government's area: 青岛市, 山东省, 中华人民共和国"
    )
    quantities: int
    outline_nodes: int | None = Field(description="parts, chapters and sections; null: no outline")
    programs: int | None = Field(description="null: the input cannot list programs")


class QuantityRef(Model):
    id: str
    kind: QuantityKind
    indicator: str = Field(description="as written in its document")
    scope: str | None
    comparator: Comparator
    value: Number
    value_max: Number | None
    unit: str | None
    year: int | None
    period: str | None
    text: str = Field(description="the figure as a reader writes it: ≥85%, 3–5个, ≈60%")
    line: int = Field(description="1-based line in its document (for a sheet: in the sheet)")
    quote: str
    node_id: str | None


class IndicatorPair(Model):
    kind: QuantityKind
    a: QuantityRef
    b: QuantityRef
    score: float = Field(description="wording similarity, 0..1; 1 for equal or synonym wordings")
    match: str = Field(description="why the two quantities were paired")
    relation: Relation = Field(
        description="targets and standards: same, a_stricter, a_looser, different_year or "
        "incomparable; baselines (facts, not commitments): same, a_higher, a_lower, "
        "different_year or incomparable"
    )
    direction: Direction = Field(description="which way the indicator should move")
    reason: str = Field(description="why this relation, with the direction's evidence")
    delta: Number | None = Field(description="A's value minus B's value, in B's unit")
    also_b: list[str] = Field(
        default_factory=list, description="ids of B's other quantities A matches as well"
    )


class NearMiss(Model):
    quantity: QuantityRef
    score: float
    reason: str = Field(description="why it is not a pair")


class UnmatchedQuantity(Model):
    quantity: QuantityRef
    nearest: NearMiss | None = Field(description="the closest quantity of the other document")


class IndicatorsDiff(Model):
    pairs: list[IndicatorPair] = Field(default_factory=list)
    only_a: list[UnmatchedQuantity] = Field(
        default_factory=list,
        description="A's quantities B has no counterpart for (targets: A's own targets)",
    )
    only_b: list[UnmatchedQuantity] = Field(
        default_factory=list,
        description="B's quantities A has no counterpart for (targets: not taken up by A)",
    )


class NodeRef(Model):
    id: str
    kind: NodeKind
    marker: str
    title: str
    line: int


class SectionPair(Model):
    a: NodeRef
    b: NodeRef
    score: float = Field(description="title similarity, 0..1")
    reason: str


class OutlineDiff(Model):
    pairs: list[SectionPair] = Field(default_factory=list)
    only_a: list[NodeRef] = Field(default_factory=list)
    only_b: list[NodeRef] = Field(default_factory=list)


class ProgramRef(Model):
    id: str
    name: str = Field(description="as written")
    source: Literal["project", "box_entry"]
    box: int | None
    line: int


class ProgramPair(Model):
    a: ProgramRef
    b: ProgramRef
    score: float = Field(description="name similarity, 0..1")
    reason: str


class ProgramsDiff(Model):
    both: list[ProgramPair] = Field(default_factory=list)
    only_a: list[ProgramRef] = Field(default_factory=list)
    only_b: list[ProgramRef] = Field(default_factory=list)


class RelationCounts(Model):
    same: int = 0
    a_stricter: int = 0
    a_looser: int = 0
    different_year: int = 0
    incomparable: int = 0
    a_higher: int = 0
    a_lower: int = 0


class DiffSummary(Model):
    """Counts over the whole diff, before any --only-differences filter."""

    pairs: int
    relations: RelationCounts
    b_targets_not_taken_up: int
    a_own_targets: int
    sections_aligned: int | None
    sections_only_a: int | None
    sections_only_b: int | None
    programs_both: int | None
    programs_only_a: int | None
    programs_only_b: int | None


class PlanDiff(Model):
    schema_version: str = DIFF_SCHEMA_VERSION
    a: DocumentInfo
    b: DocumentInfo
    only_differences: bool = Field(
        False, description="true: pairs that are the same were left out (the summary counts all)"
    )
    synonym_files: list[str] = Field(
        default_factory=list, description="synonym lists used besides the shipped one"
    )
    summary: DiffSummary
    indicators: IndicatorsDiff
    outline: OutlineDiff | None = Field(description="null when A or B has no outline")
    programs: ProgramsDiff | None = Field(description="null when A or B cannot list programs")
    notes: list[str] = Field(default_factory=list)
