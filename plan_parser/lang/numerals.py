"""Chinese numerals: 三 -> 3, 十二 -> 12, 两 -> 2, 三千 -> 3000, 二〇二五 -> 2025."""

from __future__ import annotations

DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)


def cn_to_int(text: str) -> int | None:
    """Value of a Chinese numeral, or None if `text` is not one. Arabic digits pass through."""
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if all(ch in DIGITS for ch in text) and len(text) > 1:
        # digit by digit, as in years: 二〇二五
        return int("".join(str(DIGITS[ch]) for ch in text))
    total = 0
    section = 0
    number = 0
    seen = False
    for ch in text:
        if ch in DIGITS:
            number = DIGITS[ch]
            seen = True
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            section += (number if number or seen else 1) * unit
            number = 0
            seen = False
        elif ch in BIG_UNITS:
            section += number
            total += section * BIG_UNITS[ch]
            section = 0
            number = 0
            seen = False
        else:
            return None
    return total + section + number
