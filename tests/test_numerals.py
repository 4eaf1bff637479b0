"""Chinese numerals as a table: cn2an's own test cases (Ailln/cn2an, cn2an/cn2an_test.py:
`strict_data_dict` and `normal_data_dict`, read in its "normal" mode), then the forms plans use."""

from __future__ import annotations

import pytest

from plan_parser.lang.numerals import cn_to_int, cn_to_number

# cn2an_test.py strict_data_dict: plain integers, financial numerals, zeros inside, decimals
CN2AN_STRICT = {
    "一": 1,
    "两": 2,
    "十": 10,
    "十一": 11,
    "一十一": 11,
    "一百一十一": 111,
    "一千一百一十一": 1111,
    "一万一千一百一十一": 11111,
    "一十一万一千一百一十一": 111111,
    "一百一十一万一千一百一十一": 1111111,
    "一千一百一十一万一千一百一十一": 11111111,
    "一亿一千一百一十一万一千一百一十一": 111111111,
    "一十一亿一千一百一十一万一千一百一十一": 1111111111,
    "一百一十一亿一千一百一十一万一千一百一十一": 11111111111,
    "一千一百一十一亿一千一百一十一万一千一百一十一": 111111111111,
    "壹": 1,
    "拾": 10,
    "拾壹": 11,
    "壹拾壹": 11,
    "壹佰壹拾壹": 111,
    "壹仟壹佰壹拾壹": 1111,
    "壹万壹仟壹佰壹拾壹": 11111,
    "壹拾壹万壹仟壹佰壹拾壹": 111111,
    "壹佰壹拾壹万壹仟壹佰壹拾壹": 1111111,
    "壹仟壹佰壹拾壹万壹仟壹佰壹拾壹": 11111111,
    "壹亿壹仟壹佰壹拾壹万壹仟壹佰壹拾壹": 111111111,
    "壹拾壹亿壹仟壹佰壹拾壹万壹仟壹佰壹拾壹": 1111111111,
    "壹佰壹拾壹亿壹仟壹佰壹拾壹万壹仟壹佰壹拾壹": 11111111111,
    "壹仟壹佰壹拾壹亿壹仟壹佰壹拾壹万壹仟壹佰壹拾壹": 111111111111,
    "一百零一": 101,
    "一千零一": 1001,
    "一千零一十一": 1011,
    "一千一百零一": 1101,
    "一万零一": 10001,
    "一万零一十一": 10011,
    "一万零一百一十一": 10111,
    "一十万零一": 100001,
    "一百万零一": 1000001,
    "一千万零一": 10000001,
    "一千零一万一千零一": 10011001,
    "一千零一万零一": 10010001,
    "一亿零一": 100000001,
    "一十亿零一": 1000000001,
    "一百亿零一": 10000000001,
    "一千零一亿一千零一万一千零一": 100110011001,
    "一千亿一千万一千零一": 100010001001,
    "一千亿零一": 100000000001,
    "零点零零零零零零零零零零零零零零一": 0.000000000000001,
    "零点零零零零零一": 0.000001,
    "零点零零一": 0.001,
    "零点一": 0.1,
}
# cn2an_test.py normal_data_dict (minus the strict cases above)
CN2AN_NORMAL = {
    "十万": 100000,
    "十万零一": 100001,
    "十亿零一万零一": 1000010001,
    "一一": 11,
    "一一一": 111,
    "一一一一": 1111,
    "拾万零壹": 100001,
    "拾亿零壹万零壹": 1000010001,
    "壹壹": 11,
    "壹壹壹": 111,
    "壹壹壹壹": 1111,
    "零点": 0,
    "零点零": 0,
    "零点零零": 0,
    "点零": 0,
    "点一": 0.1,
    "一七二零": 1720,
    "一七二零点一": 1720.1,
    "一七二零点一三四": 1720.134,
}
CN2AN_ERRORS = ["零点点", "零点零大"]

# forms met in plans and in issue 15 (each was read wrongly before)
PLANS = {
    "一千零十": 1010,  # 零 then a bare 十
    "一千零十一": 1011,
    "廿二": 22,  # contracted tens
    "卅": 30,
    "二〇二五": 2025,  # a year written digit by digit
    "三点五": 3.5,
    "两": 2,
    "十二": 12,
    "一万亿": 1_000_000_000_000,  # 万 inside 亿
    "贰仟零贰拾": 2020,
}


@pytest.mark.parametrize(("text", "value"), list(CN2AN_STRICT.items()))
def test_cn2an_strict_cases(text: str, value: float) -> None:
    assert cn_to_number(text) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize(("text", "value"), list(CN2AN_NORMAL.items()))
def test_cn2an_normal_cases(text: str, value: float) -> None:
    assert cn_to_number(text) == pytest.approx(value, rel=1e-12)


@pytest.mark.parametrize("text", CN2AN_ERRORS)
def test_cn2an_errors_are_not_numerals(text: str) -> None:
    assert cn_to_number(text) is None


@pytest.mark.parametrize(("text", "value"), list(PLANS.items()))
def test_plan_numerals(text: str, value: float) -> None:
    assert cn_to_number(text) == value


@pytest.mark.parametrize("text", ["", "大", "一百一千", "十三五期间"])
def test_not_numerals(text: str) -> None:
    assert cn_to_number(text) is None


def test_cn_to_int_is_integers_only() -> None:
    assert cn_to_int("三点五") is None
    assert cn_to_int("12") == 12
    assert cn_to_int("一千零十") == 1010
    assert isinstance(cn_to_int("零"), int)
