"""Word segmentation with jieba, loaded lazily and only by the extractors that need it.

Stock jieba loads a 350,000-word dictionary (about a second) before it segments anything. The
extractors only segment short windows around numbers and names, with a vocabulary that is
mostly domain words, so they use a `jieba.Tokenizer` over the small domain dictionary shipped in
`lexicon/jieba_domain.txt` (jieba's HMM still handles words not in it). Commands that need no
segmentation (`outline`, `validate`, `schema`) never import jieba.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from functools import cache
from importlib import resources
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


def words_backward(text: str) -> Iterator[tuple[str, int]]:
    """(word, offset) of each word of `text` as `tokenizer().tokenize(text, HMM=False)` cuts it,
    last word first. jieba cuts each run of Chinese letters and digits (`re_han_default`) on its
    own and yields the characters between runs one by one (a CRLF as one), so the runs are cut
    one at a time from the end: a caller that stops at a word near the end never pays for the
    runs before it."""
    jieba = import_jieba()
    tok = tokenizer()
    end = len(text)
    for piece in reversed(jieba.re_han_default.split(text)):
        start = end - len(piece)
        if jieba.re_han_default.match(piece):
            for word, s, _ in reversed(list(tok.tokenize(piece, HMM=False))):
                yield word, start + s
        else:
            i = end
            while i > start:
                n = 2 if text.startswith("\r\n", i - 2) and i - 2 >= start else 1
                i -= n
                yield text[i : i + n], i
        end = start
