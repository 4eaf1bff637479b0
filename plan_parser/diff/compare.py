"""The whole diff: `diff_sides` runs the three comparisons over two `DiffSide`s, `diff_paths`
loads them first (what the CLI calls), `only_differences` filters the result."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ..models.diff import (
    RELATIONS,
    DiffSummary,
    IndicatorsDiff,
    OutlineDiff,
    PlanDiff,
    ProgramsDiff,
    RelationCounts,
)
from .headings import align_outline
from .indicators import match_indicators
from .inputs import DiffSide, load_side
from .lexicon import Synonyms, load_synonyms, normalize_words
from .programs import match_programs

# --- the whole diff -----------------------------------------------------------------------------


def same_area(a: DiffSide, b: DiffSide) -> bool:
    """Do the two documents plan for the same area? Only if their issuers say so."""
    return bool(a.issuer and b.issuer and normalize_words(a.issuer) == normalize_words(b.issuer))


def diff_sides(a: DiffSide, b: DiffSide, synonyms: Synonyms | None = None) -> PlanDiff:
    """Compare A against B: indicators, outline and programs."""
    syn = synonyms or load_synonyms()
    notes: list[str] = []
    indicators = match_indicators(a.quantities, b.quantities, syn, same_area=same_area(a, b))
    for side, name in ((a, "A"), (b, "B")):
        if not side.quantities:
            notes.append(f"{name} ({side.path}) has no quantities: no indicators to compare")
    outline = None
    if a.outline is not None and b.outline is not None:
        outline = align_outline(a.outline, b.outline)
    else:
        notes.append(f"{_sheets(a, b)}: no outline to align")
    programs = None
    if a.programs is not None and b.programs is not None:
        programs = match_programs(a.programs, b.programs)
        for side, name in ((a, "A"), (b, "B")):
            if not side.programs:
                notes.append(
                    f"{name} ({side.path}) names no programs (no boxes, no extracted programs)"
                )
    else:
        notes.append(f"{_sheets(a, b)}: no programs to compare")
    return PlanDiff(
        a=a.info(),
        b=b.info(),
        synonym_files=list(syn.files),
        summary=_summary(indicators, outline, programs),
        indicators=indicators,
        outline=outline,
        programs=programs,
        notes=notes,
    )


def _sheets(a: DiffSide, b: DiffSide) -> str:
    sheets = [name for side, name in ((a, "A"), (b, "B")) if side.input == "sheet"]
    return "A and B are quantity sheets" if len(sheets) == 2 else f"{sheets[0]} is a quantity sheet"


def diff_paths(
    a: Path, b: Path, *, synonym_files: Sequence[Path] = (), differences_only: bool = False
) -> PlanDiff:
    """Load both inputs and compare them (what the CLI calls)."""
    synonyms = load_synonyms(synonym_files)
    result = diff_sides(load_side(a), load_side(b), synonyms)
    return only_differences(result) if differences_only else result


def _summary(
    ind: IndicatorsDiff, outline: OutlineDiff | None, programs: ProgramsDiff | None
) -> DiffSummary:
    counts = Counter(p.relation for p in ind.pairs)
    return DiffSummary(
        pairs=len(ind.pairs),
        relations=RelationCounts(**{r: counts.get(r, 0) for r in RELATIONS}),
        b_targets_not_taken_up=sum(1 for u in ind.only_b if u.quantity.kind == "target"),
        a_own_targets=sum(1 for u in ind.only_a if u.quantity.kind == "target"),
        sections_aligned=None if outline is None else len(outline.pairs),
        sections_only_a=None if outline is None else len(outline.only_a),
        sections_only_b=None if outline is None else len(outline.only_b),
        programs_both=None if programs is None else len(programs.both),
        programs_only_a=None if programs is None else len(programs.only_a),
        programs_only_b=None if programs is None else len(programs.only_b),
    )


def only_differences(diff: PlanDiff) -> PlanDiff:
    """The diff without what is the same: pairs related `same`, sections with the same title,
    programs with the same name. Unmatched items and the summary stay."""
    out = diff.model_copy(deep=True)
    out.only_differences = True
    out.indicators.pairs = [p for p in out.indicators.pairs if p.relation != "same"]
    if out.outline is not None:
        out.outline.pairs = [
            p for p in out.outline.pairs if normalize_words(p.a.title) != normalize_words(p.b.title)
        ]
    if out.programs is not None:
        out.programs.both = [p for p in out.programs.both if p.score < 1.0]
    return out
