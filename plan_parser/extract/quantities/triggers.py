"""What a paragraph holds that the finders need, found once per paragraph (`Triggers`): a
paragraph with none of it is not read sentence by sentence, and a sentence of a paragraph
without one of them skips the finders that need it (each would search the sentence again).
Reads the quantities lexicon and the count patterns; `core.extract_quantities` makes it and
`finders._find_in_sentence` reads it."""

from __future__ import annotations

import re
from typing import NamedTuple

from .counts import _patterns
from .lexicon import Lexicon

# what every number, year, range, half-bound, fraction and ratio pattern holds
DIGIT = re.compile(r"\d")
# what a Chinese count (`lexicon.cn_count`: 一所) and a magnitude (`counts._patterns`'
# numeral_unit: 超万亿元) open with: a paragraph without one is searched for neither
NUMERAL = re.compile("[一二两三四五六七八九十百千万亿]")


class Triggers(NamedTuple):
    """Does the paragraph hold what each finder needs?"""

    digit: bool  # a digit: every pattern written with digits (`93%`, `3—5个`, `比2020年`)
    cn_count: bool  # a Chinese numeral and its count unit (`一所`: `lexicon.cn_number`)
    magnitude: bool  # a numeral, 万 or 亿 right before a measure unit (`超万亿元`: counts.py)
    classified: bool  # a verb of classification (`细分为…三种`: counts.py)
    chinese_rate: bool  # 翻 (`翻两番`: finders.MULTIPLE) or 分之 (`十万分之一`: rates.CN_FRACTION)

    def any(self) -> bool:
        return self.digit or self.cn_count or self.magnitude or self.classified or self.chinese_rate


EVERY = Triggers(True, True, True, True, True)  # when the paragraph was not read: search all


NONE = Triggers(False, False, False, False, False)  # most paragraphs: nothing to read


def triggers(text: str, lex: Lexicon) -> Triggers:
    """What `text` (a paragraph) holds that the finders need."""
    _, _, numeral_unit, verb = _patterns()
    digit = DIGIT.search(text) is not None
    numeral = NUMERAL.search(text) is not None  # about half the paragraphs hold none
    cn_count = numeral and lex.cn_count.search(text) is not None
    magnitude = numeral and numeral_unit.search(text) is not None
    classified = verb.search(text) is not None
    chinese_rate = "翻" in text or "分之" in text
    if digit or cn_count or magnitude or classified or chinese_rate:
        return Triggers(digit, cn_count, magnitude, classified, chinese_rate)
    return NONE
