"""SCIA's fees: the table as data, each band edge, the minimum, conversion to RMB."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from casework.arbitration.fees import (
    DEFAULT_TABLE,
    load_scia_fee_table,
    percent,
    scia_fee,
    scia_fee_for_claim,
    to_rmb,
)
from casework.errors import InvalidInput


@pytest.fixture()
def table(app):
    """The configured SCIA fee table."""
    return load_scia_fee_table(app.config["SCIA_FEE_TABLE"])


def test_the_configured_table_is_the_one_shipped_beside_the_module(app):
    assert Path(app.config["SCIA_FEE_TABLE"]) == DEFAULT_TABLE
    raw = json.loads(DEFAULT_TABLE.read_text(encoding="utf-8"))
    assert raw["source"] and raw["assumption"]


@pytest.mark.parametrize(("amount", "fee", "band"), [
    ("1000000", "35000.00", "up to 1,000,000"),
    ("1000001", "35000.03", "1,000,001 – 5,000,000"),  # 35,000.025 rounded half up
    ("5000000", "135000.00", "1,000,001 – 5,000,000"),
    ("5000001", "135000.02", "5,000,001 – 10,000,000"),  # 135,000.015
    ("10000000", "210000.00", "5,000,001 – 10,000,000"),
    ("10000001", "210000.01", "10,000,001 – 50,000,000"),
    ("50000000", "610000.00", "10,000,001 – 50,000,000"),
    ("50000001", "610000.01", "above 50,000,000"),  # 610,000.0065
    ("1000000.50", "35000.01", "1,000,001 – 5,000,000"),  # 35,000.0125
])
def test_fee_at_each_band_edge(table, amount, fee, band):
    calculation = scia_fee(Decimal(amount), table)
    assert calculation.arbitration_fee == Decimal(fee)
    assert calculation.filing_fee == Decimal("10000.00")
    assert calculation.total == Decimal(fee) + Decimal("10000")
    assert str(calculation.band.label) == band


def test_the_working_shows_each_step(table):
    calculation = scia_fee(Decimal("1600000"), table)
    assert [str(line) for line in calculation.working] == [
        "Amount in dispute: RMB 1,600,000.00.",
        "Band of the SCIA fee table (RMB): 1,000,001 – 5,000,000.",
        "Arbitration fee: 35,000 + 2.5% × (1,600,000 − 1,000,000) = 50,000.00.",
        "Filing fee (non-refundable): RMB 10,000.00.",
        "Total: RMB 10,000.00 + RMB 50,000.00 = RMB 60,000.00.",
    ]
    assert calculation.total == Decimal("60000.00")
    assert calculation.claim_currency == "CNY"
    assert calculation.rate is None


def test_a_small_claim_pays_the_minimum_fee(table):
    calculation = scia_fee(Decimal("100000"), table)
    assert calculation.arbitration_fee == Decimal("10000.00")
    assert calculation.total == Decimal("20000.00")
    working = [str(line) for line in calculation.working]
    assert "Arbitration fee: 3.5% × 100,000 = 3,500.00." in working
    assert ("That is less than the minimum arbitration fee, so the minimum applies: "
            "RMB 10,000.00.") in working


def test_above_the_minimum_the_rate_applies_in_the_first_band(table):
    calculation = scia_fee(Decimal("600000"), table)
    assert calculation.arbitration_fee == Decimal("21000.00")
    assert not any("minimum" in str(line) for line in calculation.working)


@pytest.mark.parametrize("amount", ["0", "-1", "-1000000"])
def test_zero_or_negative_amounts_are_refused(table, amount):
    with pytest.raises(InvalidInput, match="greater than zero"):
        scia_fee(Decimal(amount), table)


def test_an_infinite_amount_is_refused(table):
    with pytest.raises(InvalidInput, match="finite"):
        scia_fee(Decimal("Infinity"), table)


def test_floats_are_never_accepted(table):
    with pytest.raises(TypeError):
        scia_fee(1600000.0, table)
    with pytest.raises(TypeError):
        to_rmb(Decimal("100"), "USD", 7.1)


def test_a_usd_claim_is_converted_at_the_rate_entered(table):
    calculation = scia_fee_for_claim(Decimal("186400.00"), "USD", Decimal("7.1234"), table)
    assert calculation.amount_rmb == Decimal("1327801.76")
    assert calculation.claim_amount == Decimal("186400.00")
    assert calculation.claim_currency == "USD"
    assert calculation.rate == Decimal("7.1234")
    # 35,000 + 2.5% × 327,801.76 = 43,195.044
    assert calculation.arbitration_fee == Decimal("43195.04")
    assert calculation.total == Decimal("53195.04")
    assert str(calculation.working[0]) == (
        "Amount in dispute: USD 186,400.00 × 7.1234 (the exchange rate entered) = "
        "RMB 1,327,801.76."
    )
    assert str(calculation.working[2]) == (
        "Arbitration fee: 35,000 + 2.5% × (1,327,801.76 − 1,000,000) = 43,195.04."
    )


def test_a_claim_in_rmb_needs_no_rate(table):
    calculation = scia_fee_for_claim(Decimal("1600000"), "CNY", None, table)
    assert calculation.amount_rmb == Decimal("1600000")
    assert calculation.rate is None
    assert str(calculation.working[0]) == "Amount in dispute: RMB 1,600,000.00."


def test_to_rmb_rounds_half_up_to_the_fen():
    assert to_rmb(Decimal("10.00"), "USD", Decimal("1.2345")) == Decimal("12.35")
    assert to_rmb(Decimal("186400.00"), "usd", Decimal("7.1234")) == Decimal("1327801.76")


def test_to_rmb_leaves_cny_unchanged_whatever_the_rate():
    assert to_rmb(Decimal("1234.567"), "CNY", None) == Decimal("1234.567")
    assert to_rmb(Decimal("1234.56"), "CNY", Decimal("2")) == Decimal("1234.56")


@pytest.mark.parametrize("rate", [None, Decimal("0"), Decimal("-7.1"), Decimal("NaN")])
def test_another_currency_needs_a_rate_above_zero(rate):
    with pytest.raises(InvalidInput, match="exchange rate from USD to RMB"):
        to_rmb(Decimal("100"), "USD", rate)


def test_a_currency_must_be_a_three_letter_code():
    with pytest.raises(InvalidInput, match="not a currency code"):
        to_rmb(Decimal("100"), "US$", Decimal("7"))


@pytest.mark.parametrize(("rate", "text"), [
    (Decimal("0.035"), "3.5%"), (Decimal("0.025"), "2.5%"), (Decimal("0.01"), "1%"),
    (Decimal("0.0065"), "0.65%"), (Decimal("0.1"), "10%"),
])
def test_rates_read_as_percentages(rate, text):
    assert percent(rate) == text


def _write_table(tmp_path, **changes):
    """A copy of the shipped table with ``changes``, written to a file; returns its path."""
    raw = json.loads(DEFAULT_TABLE.read_text(encoding="utf-8"))
    raw.update(changes)
    path = tmp_path / "fees.json"
    path.write_text(json.dumps(raw), encoding="utf-8")
    return path


def test_the_table_is_read_from_the_path_given(tmp_path):
    path = _write_table(tmp_path, filing_fee="12000.00", minimum_fee="15000.00")
    calculation = scia_fee(Decimal("100000"), load_scia_fee_table(path))
    assert calculation.arbitration_fee == Decimal("15000.00")
    assert calculation.total == Decimal("27000.00")


@pytest.mark.parametrize(("changes", "message"), [
    ({"currency": "USD"}, "must be in CNY"),
    ({"bands": []}, "no bands"),
    ({"bands": [{"lower": "1", "base_fee": "0", "rate": "0.035"}]}, "start at 0"),
    ({"bands": [{"lower": "0", "base_fee": "0", "rate": "0.035"},
                {"lower": "0", "base_fee": "0", "rate": "0.02"}]}, "must increase"),
    ({"bands": [{"lower": "0", "base_fee": "0", "rate": 0.035}]}, "written as a string"),
    ({"bands": [{"lower": "0", "base_fee": "0", "rate": "1.5"}]}, "0 < rate < 1"),
    ({"filing_fee": "ten thousand"}, "not a number"),
    ({"minimum_fee": "-1"}, "cannot be negative"),
])
def test_a_broken_table_is_refused_naming_the_problem(tmp_path, changes, message):
    with pytest.raises(ValueError, match=message):
        load_scia_fee_table(_write_table(tmp_path, **changes))
