"""`manifest.json`, written by `plan-parser build`: the source of `schemas/manifest.schema.json`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from pydantic import Field

from .plan import Model, Plan, trusted_records


class OutputFile(Model):
    path: str = Field(description="file name in the output directory")
    sha256: str = Field(description="sha256 of the file's bytes")


class Counts(Model):
    outline_nodes: int = 0
    boxes: int = 0
    quantities: int = 0
    projects: int = 0
    diagnostics: int = 0

    @classmethod
    def of(cls, plan: Plan) -> Counts:
        with trusted_records():  # ints: no validator to build for a cold `plan-parser parse`
            return cls(
                outline_nodes=len(plan.iter_nodes()),
                boxes=len(plan.boxes),
                quantities=len(plan.quantities),
                projects=len(plan.projects),
                diagnostics=len(plan.diagnostics),
            )

    @classmethod
    def total(cls, counts: Iterable[Counts]) -> Counts:
        items = list(counts)
        return cls(**{name: sum(getattr(c, name) for c in items) for name in cls.model_fields})


class PlanEntry(Model):
    input: str = Field(description="input file name, relative to the raw directory")
    input_sha256: str
    outputs: list[OutputFile]
    counts: Counts


class Failure(Model):
    input: str = Field(description="input file name, relative to the raw directory")
    input_sha256: str | None = Field(
        description="null when the file was not read (unreadable, or its output name was taken)"
    )
    reason: str = Field(description="one line: what is wrong and how to fix it")


class Manifest(Model):
    """`manifest.json`: what a build made from what. Deterministic: sorted, no timestamps."""

    tool: Literal["plan-parser"] = "plan-parser"
    tool_version: str
    schema_version: str
    totals: Counts = Field(description="sum of the plans' counts")
    plans: list[PlanEntry] = Field(description="plans written, sorted by input")
    failures: list[Failure] = Field(description="plans not written, sorted by input")
