"""`match_programs`: programs (extracted program records and box entries) matched by their
normalized name."""

from __future__ import annotations

from collections.abc import Sequence

from ..models.diff import (
    ProgramPair,
    ProgramRef,
    ProgramsDiff,
)
from .lexicon import _PERIOD_TAG, DiffLexicon, diff_lexicon, normalize_words
from .wording import _strip_prefixes

# --- programs -----------------------------------------------------------------------------------


def comparison_key(name: str, lex: DiffLexicon) -> tuple[str, str]:
    """(core name, generic ending): 实施“十四五”县域普通高中发展提升行动计划 ->
    (县域普通高中发展提升, 行动计划)."""
    t = _PERIOD_TAG.sub("", normalize_words(name))
    t = _strip_prefixes(t, (*lex.program_prefixes, *lex.place_names, *lex.whole_scopes))
    for suffix in lex.program_suffixes:
        if t.endswith(suffix) and len(t) > len(suffix) + 1:
            return t[: -len(suffix)], suffix
    return t, ""


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


def match_programs(a: Sequence[ProgramRef], b: Sequence[ProgramRef]) -> ProgramsDiff:
    """Programs in both plans (same or near-same name), one to one, and in one only."""
    lex = diff_lexicon()
    ka = [comparison_key(p.name, lex) for p in a]
    kb = [comparison_key(p.name, lex) for p in b]
    scored: list[tuple[float, int, int, str]] = []
    for i, (core_a, end_a) in enumerate(ka):
        for j, (core_b, end_b) in enumerate(kb):
            if core_a == core_b:
                if end_a == end_b:
                    score, reason = 1.0, "same name"
                else:
                    score = lex.program_ending_score
                    reason = f"same name, different ending: {end_a or '—'} vs {end_b or '—'}"
            else:
                score = round(_dice(_bigrams(core_a), _bigrams(core_b)), 2)
                reason = f"similar names ({core_a} ~ {core_b})"
            if score >= lex.program_min_score:
                scored.append((score, -i, -j, reason))
    scored.sort(reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    both: list[tuple[int, ProgramPair]] = []
    for score, mi, mj, reason in scored:
        i, j = -mi, -mj
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        both.append((i, ProgramPair(a=a[i], b=b[j], score=score, reason=reason)))
    both.sort(key=lambda p: p[0])
    return ProgramsDiff(
        both=[p for _, p in both],
        only_a=[p for i, p in enumerate(a) if i not in used_a],
        only_b=[p for j, p in enumerate(b) if j not in used_b],
    )
