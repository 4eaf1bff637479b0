"""`lang.segment`'s shortcuts cut exactly as jieba does: `cut_run` (jieba's route in one loop)
and `words_backward` (the runs cut one at a time from the end, the characters between them
yielded as jieba yields them)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from plan_parser.lang.segment import cut_run, import_jieba, tokenizer, words_backward

from .conftest import ALL_PLANS


def _jieba_backward(text: str) -> list[tuple[str, int]]:
    return [(w, s) for w, s, _ in reversed(list(tokenizer().tokenize(text, HMM=False)))]


def _windows(text: str, n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return [text[i : i + rnd.randint(0, 120)] for i in rnd.sample(range(len(text)), n)]


@pytest.mark.parametrize("path", ALL_PLANS, ids=lambda p: p.name)
def test_cut_run_is_jiebas_cut(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    runs = [m.group() for m in import_jieba().re_han_default.finditer(text)]
    for run in runs[:3000]:
        assert cut_run(run) == list(tokenizer().cut(run, HMM=False)), run


@pytest.mark.parametrize("path", ALL_PLANS, ids=lambda p: p.name)
def test_words_backward_is_tokenize_reversed(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for window in _windows(text, 300, seed=len(text)):
        assert list(words_backward(window)) == _jieba_backward(window), window


@pytest.mark.parametrize(
    "text",
    ["", " ", "a b", "2.5万亿元、学校", "\r\n", "a\r\nb", "中\r\n\r\n文 ", "\r", "\n\r", "AI5G芯x"],
)
def test_words_backward_edge_cases(text: str) -> None:
    assert list(words_backward(text)) == _jieba_backward(text)
