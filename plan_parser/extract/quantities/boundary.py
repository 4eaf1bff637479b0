"""Is a position a word boundary, as jieba (domain dictionary, HMM) cuts a short window?
`indicator._strip_affixes` asks it before it strips a prefix (`重点建设…`: 重点 is a word of its
own; not inside a word). Reads `lang.segment` only."""

from __future__ import annotations

import re

from ...lang.segment import cut, cut_run

# jieba's `re_han_default` without its Chinese letters: a Chinese run followed by one of these
# is cut by jieba together with them (a run of `re_han_default` holds both)
HAN = re.compile("[\u4e00-\u9fd5]+")
RUN_GOES_ON = re.compile(r"[a-zA-Z0-9+#&._%\-]")


def word_boundary(s: str, i: int) -> bool:
    """Is `i` a word boundary in `s`? Asks jieba (domain dictionary) for the first words."""
    window = s[: min(len(s), i + 6)]
    known = _by_route(window, i)
    if known is not None:
        return known
    pos = 0
    for w in cut(window):
        pos += len(w)
        if pos == i:
            return True
        if pos > i:
            return False
    return True


def _by_route(window: str, i: int) -> bool | None:
    """The answer without jieba's HMM, when its dictionary route gives it: the route is jieba's
    own (`segment.cut_run`), a word of it is kept whole, and single characters are put together
    by the HMM only in a row of them. None when both words at `i` are single characters (the
    HMM decides) or the window opens with no Chinese run of its own."""
    m = HAN.match(window)
    if m is None or (m.end() < len(window) and RUN_GOES_ON.match(window, m.end())):
        return None
    run = m.group()
    if len(run) <= i:
        return True if len(run) == i else None
    pos = 0
    left = 0  # the length of the word that ends at i
    for w in cut_run(run):
        end = pos + len(w)
        if pos < i < end:
            return False  # a word of the route goes over i
        if end == i:
            left = len(w)
        elif pos == i:
            return True if left > 1 or len(w) > 1 else None
        pos = end
    return None
