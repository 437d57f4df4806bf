"""The three date styles of settlement documents and awards."""

from datetime import date

import pytest

from casework.settlement.dates import chinese_date, chinese_numeral_date, english_date


@pytest.mark.parametrize(
    ("day", "english", "chinese", "numerals"),
    [
        (date(2026, 11, 29), "29 November 2026", "2026年11月29日", "二〇二六年十一月二十九日"),
        (date(2030, 1, 10), "10 January 2030", "2030年1月10日", "二〇三〇年一月十日"),
        (date(2026, 12, 31), "31 December 2026", "2026年12月31日", "二〇二六年十二月三十一日"),
        (date(2026, 10, 20), "20 October 2026", "2026年10月20日", "二〇二六年十月二十日"),
        (date(2026, 5, 1), "1 May 2026", "2026年5月1日", "二〇二六年五月一日"),
        (date(2000, 2, 11), "11 February 2000", "2000年2月11日", "二〇〇〇年二月十一日"),
        (date(2027, 3, 30), "30 March 2027", "2027年3月30日", "二〇二七年三月三十日"),
        (date(2028, 9, 19), "19 September 2028", "2028年9月19日", "二〇二八年九月十九日"),
    ],
)
def test_date_styles(day, english, chinese, numerals):
    assert english_date(day) == english
    assert chinese_date(day) == chinese
    assert chinese_numeral_date(day) == numerals


def test_numeral_date_uses_ling_circle_not_zero_character():
    words = chinese_numeral_date(date(2006, 1, 1))
    assert words == "二〇〇六年一月一日"
    assert "零" not in words
    assert not set(words) & set("0123456789")
