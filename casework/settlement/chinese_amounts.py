"""Amounts in figures and in Chinese capitals (大写金额) following the People's Bank of China rules.

Rules applied (``docs/domain.md``, document conventions):

* digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟 inside the groups 万 and 亿, then 元角分;
* the prefix 人民币 with no gap; an amount ending at 元 adds 整, one ending at 角 or 分 does not;
* 壹 is always written before 拾 (壹拾万元整);
* every run of interior zeros is written as one 零, also when the run crosses a 万/亿 group
  boundary or the 元 position (¥1,680.32 → 壹仟陆佰捌拾元零叁角贰分, the first form the PBOC
  rules give); when 角 is zero and 分 is not, 零 after 元 is written (¥325.04 → …元零肆分);
* amounts below one 元 start with their first non-zero unit (¥0.01 → 人民币壹分).
"""

from __future__ import annotations

import re
from decimal import Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
_UNITS_IN_GROUP = ("", "拾", "佰", "仟")
_GROUPS = ("", "万", "亿")
_CENT = Decimal("0.01")
LIMIT = Decimal(10) ** 12
"""Smallest amount refused: one 万亿 (a trillion) is beyond the units 万 and 亿."""

_CURRENCY_CODE = re.compile(r"[A-Z]{3}")


def _checked(amount: Decimal) -> Decimal:
    """Return ``amount`` as a ``Decimal`` after refusing anything that is not a definite sum."""
    if isinstance(amount, bool) or not isinstance(amount, (Decimal, int)):
        raise TypeError(f"Amount must be a Decimal, not {type(amount).__name__}.")
    value = Decimal(amount)
    if not value.is_finite():
        raise ValueError(f"Amount must be a finite number, not {value}.")
    if value < 0:
        raise ValueError(f"Amount must not be negative: {value}.")
    if value % _CENT != 0:
        raise ValueError(f"Amount must have at most two decimal places: {value}.")
    if value >= LIMIT:
        raise ValueError(f"Amount must be below 1,000,000,000,000 (一万亿): {value}.")
    return value


def _integer_in_capitals(number: int) -> str:
    """The 元 part, without 元: one 零 per interior run of zeros, groups 万 and 亿 when non-zero."""
    digits = str(number)
    words: list[str] = []
    zero_pending = False
    for index, char in enumerate(digits):
        position = len(digits) - 1 - index
        digit = int(char)
        if digit == 0:
            zero_pending = True
        else:
            if zero_pending:
                words.append("零")
                zero_pending = False
            words.append(DIGITS[digit] + _UNITS_IN_GROUP[position % 4])
        if position % 4 == 0 and position > 0:
            group_digits = digits[max(0, index - 3) : index + 1]
            if int(group_digits):
                words.append(_GROUPS[position // 4])
    return "".join(words)


def amount_in_chinese_capitals(amount: Decimal) -> str:
    """Write ``amount`` (renminbi, at most two decimals, 0 ≤ amount < 1 万亿) in Chinese capitals.

    >>> amount_in_chinese_capitals(Decimal("1409.50"))
    '人民币壹仟肆佰零玖元伍角'

    Raises ``ValueError`` for negative, non-finite, over-precise or too large amounts and
    ``TypeError`` for anything but ``Decimal``/``int`` (never a float).
    """
    value = _checked(amount)
    cents = int(value * 100)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    if cents == 0:
        return "人民币零元整"
    words = ["人民币"]
    if yuan:
        words.append(_integer_in_capitals(yuan) + "元")
        if jiao == 0 and fen == 0:
            words.append("整")
            return "".join(words)
        if jiao == 0 or yuan % 10 == 0:
            words.append("零")
    if jiao:
        words.append(DIGITS[jiao] + "角")
    if fen:
        words.append(DIGITS[fen] + "分")
    return "".join(words)


def format_figures(amount: Decimal, currency: str) -> str:
    """The amount in figures with thousands separators and two decimals: ``¥1,409.50`` for CNY,
    ``SGD 1,409.50`` (ISO 4217 code, a space, the figures) for any other currency."""
    value = _checked(amount)
    if not isinstance(currency, str) or not _CURRENCY_CODE.fullmatch(currency):
        raise ValueError(f"Currency must be a three-letter ISO 4217 code, not {currency!r}.")
    figures = f"{value.quantize(_CENT):,.2f}"
    if currency == "CNY":
        return f"¥{figures}"
    return f"{currency} {figures}"
