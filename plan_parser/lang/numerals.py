"""Chinese numerals: 三 -> 3, 十二 -> 12, 两 -> 2, 廿二 -> 22, 一千零十 -> 1010, 二〇二五 -> 2025,
壹仟贰佰 -> 1200 (financial forms), 三点五 -> 3.5, 一千零一亿一千零一万一千零一 -> 100110011001.

Read the way cn2an's "normal" mode reads them (its test table is ours, tests/test_numerals.py):
a numeral with units (十百千万亿) is read place by place, 万 nests inside 亿; a run of bare digits
(二〇二五, 一七二零) is read digit by digit, as years are written.
"""

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
# financial (大写) and traditional forms, folded to the everyday ones before reading
FINANCIAL = str.maketrans(
    {
        "壹": "一",
        "贰": "二",
        "貳": "二",
        "叁": "三",
        "參": "三",
        "肆": "四",
        "伍": "五",
        "陆": "六",
        "陸": "六",
        "柒": "七",
        "捌": "八",
        "玖": "九",
        "拾": "十",
        "佰": "百",
        "仟": "千",
        "萬": "万",
        "億": "亿",
        "兩": "两",
    }
)
# contracted tens: 廿 = 二十, 卅 = 三十, 卌 = 四十
TENS = {"廿": "二十", "卅": "三十", "卌": "四十"}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
POINT = "点"
CN_NUMERAL_CHARS = (
    "".join(DIGITS)
    + "".join(SMALL_UNITS)
    + "".join(BIG_UNITS)
    + "".join(TENS)
    + "壹贰叁肆伍陆柒捌玖拾佰仟"
)


def _fold(text: str) -> str:
    text = text.translate(FINANCIAL)
    for short, long in TENS.items():
        text = text.replace(short, long)
    return text


def _digit_run(text: str) -> int | None:
    """二〇二五 -> 2025: every character a digit."""
    if not text or any(ch not in DIGITS for ch in text):
        return None
    return int("".join(str(DIGITS[ch]) for ch in text))


def _below_wan(text: str) -> int | None:
    """A section below 万: 一千零十一 -> 1011, 十 -> 10, 零一 -> 1. None when malformed."""
    total = 0
    digit: int | None = None
    last_unit = 10_000
    for ch in text:
        if ch in DIGITS:
            value = DIGITS[ch]
            if value == 0:
                digit = None  # 零 marks a skipped place, it is not a digit of the next unit
                continue
            if digit is not None:
                return None  # 一一 inside a numeral with units
            digit = value
        elif ch in SMALL_UNITS:
            unit = SMALL_UNITS[ch]
            if unit >= last_unit:
                return None  # 一百一千: places must fall
            total += (digit if digit is not None else 1) * unit
            last_unit = unit
            digit = None
        else:
            return None
    return total + (digit or 0)


def _below_yi(text: str) -> int | None:
    """A section below 亿, with at most one 万."""
    if text.count("万") > 1:
        return None
    if "万" in text:
        high, low = text.split("万")
        h = _below_wan(high) if high else 1
        lo = _below_wan(low) if low else 0
        return None if h is None or lo is None else h * 10_000 + lo
    return _below_wan(text)


def _integer(text: str) -> int | None:
    """An integer with units; 万 nests inside 亿 (一千零一亿一千零一万一千零一)."""
    if not text:
        return None
    if "亿" in text:
        i = text.rfind("亿")
        high, low = text[:i], text[i + 1 :]
        h = _integer(high) if high else 1
        lo = _below_yi(low) if low else 0
        return None if h is None or lo is None else h * 100_000_000 + lo
    if len(text) > 1 and all(ch in DIGITS for ch in text):
        return _digit_run(text)
    return _below_yi(text)


def cn_to_number(text: str) -> int | float | None:
    """Value of a Chinese (or Arabic) numeral, or None if `text` is not one. 三点五 -> 3.5."""
    if not text:
        return None
    if text.isascii() and text.replace(".", "", 1).isdigit():
        return float(text) if "." in text else int(text)
    text = _fold(text)
    if POINT in text:
        whole, _, frac = text.partition(POINT)
        if POINT in frac or (frac and _digit_run(frac) is None):
            return None  # 零点点, 零点零大
        w = _integer(whole) if whole else 0
        if w is None:
            return None
        if not frac:
            return w
        return float(f"{w}.{''.join(str(DIGITS[ch]) for ch in frac)}")
    return _integer(text)


def cn_to_int(text: str) -> int | None:
    """Value of a Chinese integer numeral, or None if `text` is not one. Arabic digits pass
    through."""
    if text.isdigit():
        return int(text)
    value = cn_to_number(text)
    return value if isinstance(value, int) else None
