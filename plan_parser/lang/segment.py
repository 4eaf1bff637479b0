"""Word segmentation with jieba, loaded lazily and only by the extractors that need it.

Stock jieba loads a 350,000-word dictionary (about a second) before it segments anything. The
extractors only segment short windows around numbers and names, with a vocabulary that is
mostly domain words, so they use a `jieba.Tokenizer` over the small domain dictionary shipped in
`lexicon/jieba_domain.txt` (jieba's HMM still handles words not in it). Commands that need no
segmentation (`outline`, `validate`, `schema`) never import jieba.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Iterator
from functools import cache
from importlib import resources
from math import log
from pathlib import Path
from typing import Any

DOMAIN_DICT = "jieba_domain.txt"


def domain_dictionary_path() -> Path:
    return Path(str(resources.files("plan_parser") / "lexicon" / DOMAIN_DICT))


@cache
def tokenizer() -> Any:
    """A jieba tokenizer over the domain dictionary, initialised once per process."""
    jieba = import_jieba()
    jieba.setLogLevel(logging.CRITICAL)
    logging.getLogger("jieba").setLevel(logging.CRITICAL)
    tok = jieba.Tokenizer(dictionary=str(domain_dictionary_path()))
    tok.initialize()
    return tok


def import_jieba() -> Any:
    """Import jieba without pkg_resources. jieba 0.42 imports pkg_resources only to find its own
    data files and falls back to the path beside its module; that import alone costs ~0.1 s, a
    fifth of a cold `plan-parser parse` (see `make bench`)."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # makes its import fail
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


def cut(text: str) -> list[str]:
    """Segment a short text with the domain tokenizer."""
    return [w for w in tokenizer().lcut(text, HMM=True) if w.strip()]


@cache
def full_tokenizer() -> Any:
    """jieba's full dictionary plus the domain words, initialised once per process.

    Comparing wordings of the same indicator across plans (`diff`) needs whole words
    (在校生/人数, 教职工/总数, 新增/体育/特色学校), which the small domain dictionary alone cuts
    into fragments (在/校生/人数, 新/增体育). It costs about a second of start-up on first use
    (jieba caches its prefix dictionary in the temp directory afterwards).
    """
    jieba = import_jieba()

    jieba.setLogLevel(logging.CRITICAL)
    logging.getLogger("jieba").setLevel(logging.CRITICAL)
    tok = jieba.Tokenizer()
    tok.initialize()
    tok.load_userdict(str(domain_dictionary_path()))
    return tok


def cut_words(text: str) -> list[str]:
    """Segment a short text into whole words with the full dictionary (see `full_tokenizer`)."""
    return [w for w in full_tokenizer().lcut(text, HMM=True) if w.strip()]


def words_backward(text: str, wanted: re.Pattern[str] | None = None) -> Iterator[tuple[str, int]]:
    """(word, offset) of each word of `text` as `tokenizer().tokenize(text, HMM=False)` cuts it,
    last word first. jieba cuts each run of Chinese letters and digits (`re_han_default`) on its
    own and yields the characters between runs one by one (a CRLF as one), so the runs are cut
    one at a time from the end: a caller that stops at a word near the end never pays for the
    runs before it. With `wanted` (the words a caller looks for), a run in which it finds none
    is yielded whole, uncut: none of its words can be one of them."""
    pieces = _han().split(text)  # the runs at the odd places: the pattern's one group
    end = len(text)
    for k in range(len(pieces) - 1, -1, -1):
        piece = pieces[k]
        start = end - len(piece)
        if k & 1:
            if wanted is not None and wanted.search(piece) is None:
                yield piece, start
            else:
                at = end
                for word in reversed(cut_run(piece)):
                    at -= len(word)
                    yield word, at
        elif "\r" not in piece:  # each character alone
            for i in range(end - 1, start - 1, -1):
                yield text[i], i
        else:
            i = end
            while i > start:
                n = 2 if text.startswith("\r\n", i - 2) and i - 2 >= start else 1
                i -= n
                yield text[i : i + n], i
        end = start


@cache
def _han() -> re.Pattern[str]:
    """jieba's `re_han_default`: the runs it cuts (the characters between are words alone)."""
    pattern: re.Pattern[str] = import_jieba().re_han_default
    if pattern.groups != 1:  # words_backward takes the runs from split's odd places
        raise ValueError(f"jieba's re_han_default has {pattern.groups} groups, not one")
    return pattern


def cut_run(run: str) -> list[str]:
    """`list(tokenizer().cut(run, HMM=False))` for one run of `re_han_default`: jieba's own
    algorithm (the words its dictionary knows starting at each character, the best route by
    log frequency from the end, ties to the longer word, single letters and digits joined), in
    one loop instead of its DAG and route dicts and generators; the same floats, so the same
    words (tests/test_segment.py checks it against jieba)."""
    weights, lone = route_weights()
    get = weights.get
    n = len(run)
    score = [0.0] * (n + 1)  # the best route's log probability from each position to the end
    word_end = list(range(n))  # where the best route's first word from each position ends
    after = 0.0  # score[k + 1]
    for k in range(n - 1, -1, -1):
        weight = get(run[k], False)
        if weight is False:  # no word starts here (most characters): the character alone
            after = score[k] = lone + after
            continue
        best: float | None = None
        i = k
        while True:
            if weight is not None:
                candidate = weight + score[i + 1]
                if best is None or candidate >= best:  # a tie goes to the longer word
                    best = candidate
                    word_end[k] = i
            i += 1
            if i == n:
                break
            weight = get(run[k : i + 1], False)
            if weight is False:
                break
        after = score[k] = lone + after if best is None else best
    return route_words(run, word_end)


def route_words(run: str, word_end: list[int]) -> list[str]:
    """The words of the route through `run`, single ASCII letters and digits in a row joined."""
    n = len(run)
    words: list[str] = []
    x = 0
    if _ENG.search(run) is None:  # no letters or digits: every word as routed
        while x < n:
            y = word_end[x] + 1
            words.append(run[x:y])
            x = y
        return words
    letters = ""  # single ASCII letters and digits in a row make one word
    while x < n:
        y = word_end[x] + 1
        word = run[x:y]
        if len(word) == 1 and _ENG.match(word):
            letters += word
        else:
            if letters:
                words.append(letters)
                letters = ""
            words.append(word)
        x = y
    if letters:
        words.append(letters)
    return words


@cache
def route_weights() -> tuple[dict[str, float | None], float]:
    """The domain tokenizer's prefix dictionary as jieba's route weighs it, once per process:
    each word's log frequency less the log total (None for a prefix that is no word), and the
    weight of a character that starts no word (jieba's `log(FREQ.get(c) or 1) - logtotal`).
    The same floats jieba adds, so the same routes."""
    tok = tokenizer()
    logtotal = log(tok.total)
    weights = {w: log(f) - logtotal if f else None for w, f in tok.FREQ.items()}
    return weights, log(1) - logtotal


_ENG = re.compile("[a-zA-Z0-9]")  # jieba's re_eng
