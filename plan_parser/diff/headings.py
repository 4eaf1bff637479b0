"""`align_outline`: A's parts, chapters and sections aligned with B's by title words, one to one,
across levels."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from ..models import OutlineNode
from ..models.diff import (
    NodeRef,
    OutlineDiff,
    SectionPair,
)
from .lexicon import _PERIOD_TAG, diff_lexicon, normalize_words
from .wording import _is_word

# --- outline ------------------------------------------------------------------------------------

# the outline's heading levels: 篇 (part), 章 or 一、 (chapter), 节 or （一） (section); items are
# compared as quantities and programs, not as headings
HEADING_KINDS = frozenset({"part", "chapter", "section"})


def _heading_nodes(outline: Sequence[OutlineNode]) -> list[OutlineNode]:
    out: list[OutlineNode] = []
    stack = list(reversed(outline))
    while stack:
        node = stack.pop()
        if node.kind in HEADING_KINDS:
            out.append(node)
            stack.extend(reversed(node.children))
    return out


def node_ref(n: OutlineNode) -> NodeRef:
    return NodeRef(id=n.id, kind=n.kind, marker=n.marker, title=n.title, line=n.line)


def title_words(title: str) -> tuple[str, ...]:
    """A heading's words, long words broken into the dictionary words that tile them (长效机制 ->
    长效, 机制; 普通高中 -> 普通, 高中), so 完善教育投入长效机制 and 优化教育经费投入和管理机制
    share 教育, 投入 and 机制, and 普通高中 and 高中阶段 share 高中."""
    from ..lang.segment import full_tokenizer

    lex = diff_lexicon()
    t = _PERIOD_TAG.sub("", normalize_words(title))
    tok = full_tokenizer()
    words: list[str] = []
    for w in tok.lcut(t, HMM=True):
        if _is_word(w) and w not in lex.fillers:
            words.extend(p for p in _tiles(w, tok.FREQ) if p not in lex.fillers)
    return tuple(dict.fromkeys(words))


def _tiles(word: str, vocabulary: dict[str, int]) -> list[str]:
    """`word` as the fewest dictionary words of two or more characters that tile it, or itself."""
    if len(word) < 4:
        return [word]
    best: dict[int, list[str] | None] = {len(word): []}
    for start in range(len(word) - 2, -1, -1):
        options = []
        for end in range(start + 2, len(word) + 1):
            part, rest = word[start:end], best.get(end)
            if rest is not None and part != word and vocabulary.get(part):
                options.append([part, *rest])
        best[start] = min(options, key=len) if options else None
    return best[0] or [word]


def _title_similarity(
    a: tuple[str, ...], b: tuple[str, ...], weight: dict[str, float]
) -> tuple[float, list[str]]:
    """Weighted Dice over the two titles' words; the shared words in A's order."""
    shared = [w for w in a if w in b]
    total = sum(weight[w] for w in a) + sum(weight[w] for w in b)
    if not total:
        return 0.0, []
    return round(2 * sum(weight[w] for w in shared) / total, 2), shared


def align_outline(a: Sequence[OutlineNode], b: Sequence[OutlineNode]) -> OutlineDiff:
    """Align A's parts, chapters and sections with B's by title words, one to one, across levels.

    Words are weighted by rarity over both outlines (a word in every other title says little),
    and the lexicon's stock verbs and nouns (加强, 推进, 教育 …) count a third.
    """
    lex = diff_lexicon()
    na, nb = _heading_nodes(a), _heading_nodes(b)
    wa = {n.id: title_words(n.title) for n in na}
    wb = {n.id: title_words(n.title) for n in nb}
    df: Counter[str] = Counter()
    for words in (*wa.values(), *wb.values()):
        df.update(words)
    n_titles = len(wa) + len(wb)
    weight: dict[str, float] = {}
    for w, count in df.items():
        idf = math.log((n_titles + 1) / (count + 1)) + 1
        weight[w] = (
            idf
            * (1 / lex.outline_common_word_divisor if w in lex.outline_common_words else 1)
            * len(w)
        )
    scored: list[tuple[float, bool, int, int, list[str]]] = []
    for i, x in enumerate(na):
        for j, y in enumerate(nb):
            score, shared = _title_similarity(wa[x.id], wb[y.id], weight)
            if normalize_words(x.title) == normalize_words(y.title):
                score = 1.0
            if score >= lex.outline_min_score:
                scored.append((score, x.kind == y.kind, -i, -j, shared))
    scored.sort(reverse=True)
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[tuple[int, SectionPair]] = []
    for score, _same_kind, mi, mj, shared in scored:
        i, j = -mi, -mj
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        x, y = na[i], nb[j]
        if score == 1.0 and normalize_words(x.title) == normalize_words(y.title):
            reason = "same title"
        else:
            reason = f"shared words: {'/'.join(shared)}"
        if x.kind != y.kind:
            reason += f" (A's {x.kind}, B's {y.kind})"
        pairs.append((i, SectionPair(a=node_ref(x), b=node_ref(y), score=score, reason=reason)))
    pairs.sort(key=lambda p: p[0])
    return OutlineDiff(
        pairs=[p for _, p in pairs],
        only_a=[node_ref(n) for i, n in enumerate(na) if i not in used_a],
        only_b=[node_ref(n) for j, n in enumerate(nb) if j not in used_b],
    )
