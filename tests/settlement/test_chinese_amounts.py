"""Amounts in Chinese capitals (People's Bank of China rules) and in figures."""

from decimal import Decimal

import pytest

from casework.settlement.chinese_amounts import amount_in_chinese_capitals, format_figures


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        # The examples of docs/domain.md.
        ("100000.00", "人民币壹拾万元整"),
        ("1409.50", "人民币壹仟肆佰零玖元伍角"),
        ("6007.14", "人民币陆仟零柒元壹角肆分"),
        ("325.04", "人民币叁佰贰拾伍元零肆分"),
    ],
)
def test_domain_examples(amount, words):
    assert amount_in_chinese_capitals(Decimal(amount)) == words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        # One 零 per run of interior zeros.
        ("1001", "人民币壹仟零壹元整"),
        ("1010", "人民币壹仟零壹拾元整"),
        ("100.10", "人民币壹佰元零壹角"),
        ("30005", "人民币叁万零伍元整"),
        # Runs crossing the 万 and 亿 group boundaries.
        ("100000001", "人民币壹亿零壹元整"),
        ("10010000", "人民币壹仟零壹万元整"),
        ("107000.53", "人民币壹拾万零柒仟元零伍角叁分"),
        ("100010000", "人民币壹亿零壹万元整"),
        ("200000000000", "人民币贰仟亿元整"),
        # Zero at the 元 position before a non-zero 角.
        ("1680.32", "人民币壹仟陆佰捌拾元零叁角贰分"),
        # Zero 角 with a non-zero 分: 零 after 元 is mandatory.
        ("1.05", "人民币壹元零伍分"),
        ("10000.01", "人民币壹万元零壹分"),
    ],
)
def test_pboc_zero_rules(amount, words):
    assert amount_in_chinese_capitals(Decimal(amount)) == words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("1", "人民币壹元整"),
        ("10000", "人民币壹万元整"),
        ("100000000", "人民币壹亿元整"),
        ("9999", "人民币玖仟玖佰玖拾玖元整"),
        ("99999999", "人民币玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元整"),
        (
            "999999999999.99",
            "人民币玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分",
        ),
    ],
)
def test_group_boundaries(amount, words):
    assert amount_in_chinese_capitals(Decimal(amount)) == words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("0.01", "人民币壹分"),
        ("0.50", "人民币伍角"),
        ("0.05", "人民币伍分"),
        ("0.99", "人民币玖角玖分"),
        ("0", "人民币零元整"),
    ],
)
def test_below_one_yuan(amount, words):
    assert amount_in_chinese_capitals(Decimal(amount)) == words


@pytest.mark.parametrize("amount", ["100", "2000000.00", "5", "30000000000"])
def test_whole_amounts_end_in_zheng_and_fen_never_does(amount):
    assert amount_in_chinese_capitals(Decimal(amount)).endswith("元整")
    assert amount_in_chinese_capitals(Decimal(amount) + Decimal("0.01")).endswith("分")
    assert not amount_in_chinese_capitals(Decimal(amount) + Decimal("0.01")).endswith("整")


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("10", "人民币壹拾元整"),
        ("15", "人民币壹拾伍元整"),
        ("110000", "人民币壹拾壹万元整"),
        ("1000000000", "人民币壹拾亿元整"),
    ],
)
def test_yi_kept_before_shi(amount, words):
    assert amount_in_chinese_capitals(Decimal(amount)) == words


def test_prefix_has_no_gap_and_only_capital_digits():
    words = amount_in_chinese_capitals(Decimal("12345678.90"))
    assert words == "人民币壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角"
    assert " " not in words
    assert not set(words) & set("〇一二三四五六七八九十百千0123456789")


def test_int_is_accepted():
    assert amount_in_chinese_capitals(20) == "人民币贰拾元整"


@pytest.mark.parametrize(
    ("amount", "fragment"),
    [
        (Decimal("-1"), "negative"),
        (Decimal("-0.01"), "negative"),
        (Decimal("NaN"), "finite"),
        (Decimal("Infinity"), "finite"),
        (Decimal("1.001"), "two decimal places"),
        (Decimal("0.005"), "two decimal places"),
        (Decimal("1000000000000"), "一万亿"),
        (Decimal("1E+15"), "一万亿"),
    ],
)
def test_refusals(amount, fragment):
    with pytest.raises(ValueError, match=fragment):
        amount_in_chinese_capitals(amount)
    with pytest.raises(ValueError, match=fragment):
        format_figures(amount, "CNY")


def test_trailing_zero_decimals_are_not_over_precise():
    assert amount_in_chinese_capitals(Decimal("1.500")) == "人民币壹元伍角"


def test_float_is_refused():
    with pytest.raises(TypeError, match="Decimal"):
        amount_in_chinese_capitals(1409.5)
    with pytest.raises(TypeError, match="Decimal"):
        format_figures(1409.5, "CNY")


@pytest.mark.parametrize(
    ("amount", "currency", "figures"),
    [
        ("1409.50", "CNY", "¥1,409.50"),
        ("1409.5", "SGD", "SGD 1,409.50"),
        ("100000", "CNY", "¥100,000.00"),
        ("0.01", "USD", "USD 0.01"),
        ("999999999999.99", "CNY", "¥999,999,999,999.99"),
        ("12", "HKD", "HKD 12.00"),
    ],
)
def test_format_figures(amount, currency, figures):
    assert format_figures(Decimal(amount), currency) == figures


@pytest.mark.parametrize("currency", ["", "cny", "RMB ", "¥", "CN", None])
def test_format_figures_refuses_bad_currency(currency):
    with pytest.raises(ValueError, match="ISO 4217"):
        format_figures(Decimal("1"), currency)
