"""Dates in the three styles of bilingual settlement documents and awards."""

from __future__ import annotations

from datetime import date

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_NUMERALS = "〇一二三四五六七八九"


def english_date(d: date) -> str:
    """Body-text English date without a leading zero: ``29 November 2026``."""
    return f"{d.day} {_MONTHS_EN[d.month - 1]} {d.year}"


def chinese_date(d: date) -> str:
    """Body-text Chinese date in Arabic figures: ``2026年11月29日``."""
    return f"{d.year}年{d.month}月{d.day}日"


def _chinese_count(number: int) -> str:
    """A month or day (1–31) in Chinese numerals: 一 … 十, 十一, 二十, 二十九, 三十一."""
    tens, units = divmod(number, 10)
    words = ""
    if tens:
        words = ("" if tens == 1 else _NUMERALS[tens]) + "十"
    if units:
        words += _NUMERALS[units]
    return words


def chinese_numeral_date(d: date) -> str:
    """The date under an award's signatures: the year digit by digit with 〇 for zero, month and
    day counted in numerals: ``二〇二六年十一月二十九日``."""
    year = "".join(_NUMERALS[int(char)] for char in str(d.year))
    return f"{year}年{_chinese_count(d.month)}月{_chinese_count(d.day)}日"
