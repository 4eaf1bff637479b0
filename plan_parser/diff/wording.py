"""Indicator wordings: prepared for matching (`wording`) and compared (`compare_wordings`), with
a score and a reason."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .lexicon import DiffLexicon, Synonyms, diff_lexicon, normalize_words


def _strip_prefixes(text: str, prefixes: Iterable[str]) -> str:
    changed = True
    while changed:
        changed = False
        for p in prefixes:
            if text.startswith(p) and len(text) > len(p):
                text = text[len(p) :]
                changed = True
                break
    return text


@dataclass(frozen=True)
class Wording:
    """An indicator prepared for matching."""

    text: str  # normalized, scope added, before synonyms
    canonical: str  # after synonyms
    words: tuple[str, ...]  # jieba words of `canonical`, fillers dropped
    replaced: tuple[tuple[str, str], ...]


def _is_word(token: str) -> bool:
    return any(ch.isalnum() for ch in token)


def wording(indicator: str, scope: str | None, synonyms: Synonyms) -> Wording:
    from ..lang.segment import cut_words

    lex = diff_lexicon()
    text = _strip_prefixes(normalize_words(indicator), lex.whole_scopes)
    sc = normalize_words(scope or "")
    if sc and sc not in lex.whole_scopes and sc not in text:
        text = sc + text
    canonical, replaced = synonyms.apply(text)
    words = tuple(w for w in cut_words(canonical) if _is_word(w) and w not in lex.fillers)
    return Wording(text, canonical, words, replaced)


# A one-word wording is specific enough to take extra words only if it names a measure
# (近视率 ~ 儿童青少年总体近视率); 高校 or 幼儿园 alone pairs only with the same wording.
MEASURE_ENDINGS = ("率", "比", "比例", "占比", "比重")


@dataclass(frozen=True)
class WordMatch:
    score: float
    accepted: bool
    reason: str


def _weight(words: Iterable[str]) -> int:
    return sum(len(w) for w in words)


def _specific(words: Sequence[str]) -> bool:
    return len(words) > 1 or words[0].endswith(MEASURE_ENDINGS)


def _restrictive(words: Iterable[str], lex: DiffLexicon) -> list[str]:
    hits = []
    for w in words:
        for r in lex.restrictive:
            if w == r or (len(r) > 1 and r in w):
                hits.append(w)
                break
    return hits


def compare_wordings(a: Wording, b: Wording) -> WordMatch:
    """Do two indicator wordings name the same indicator? With a score and a reason."""
    lex = diff_lexicon()
    if a.canonical == b.canonical:
        if a.text == b.text:
            return WordMatch(1.0, True, "same wording")
        used = dict.fromkeys(f"{w}→{c}" for w, c in (*a.replaced, *b.replaced))
        return WordMatch(1.0, True, f"synonyms ({', '.join(used)})")
    if not a.words or not b.words:
        return WordMatch(0.0, False, "no words to compare")
    shared = set(a.words) & set(b.words)
    score = round(2 * _weight(shared) / (_weight(a.words) + _weight(b.words)), 2)
    only_a = [w for w in a.words if w not in shared]
    only_b = [w for w in b.words if w not in shared]
    if a.words[-1] != b.words[-1]:
        return WordMatch(score, False, f"different measures: {a.words[-1]} vs {b.words[-1]}")
    if only_a and only_b:
        return WordMatch(score, False, f"different words: {'/'.join(only_a)} vs {'/'.join(only_b)}")
    if not only_a and not only_b:
        return WordMatch(1.0, True, "same words")
    side, extra = ("A", only_a) if only_a else ("B", only_b)
    restricting = _restrictive(extra, lex)
    if restricting:
        return WordMatch(
            score, False, f"{side} adds {'/'.join(restricting)}, a different population or level"
        )
    core = b.words if only_a else a.words
    if not _specific(core):
        return WordMatch(score, False, f"{'/'.join(core)} is too generic to pair on its own")
    if score < lex.added_words_min_score:
        return WordMatch(score, False, f"{side} adds too much: {'/'.join(extra)}")
    return WordMatch(score, True, f"{side} adds {'/'.join(extra)} to the same indicator")
