"""The SIMC filing fee table: bands in SGD, indicative conversion, configurable, Decimal only."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from casework.cases.fees import filing_fee_for, load_fee_table
from casework.cases.models import Currency
from casework.errors import InvalidInput


@pytest.mark.parametrize(
    ("amount", "fee"),
    [
        ("0.01", "500.00"),
        ("100000.00", "500.00"),  # a band's upper limit belongs to it
        ("100000.01", "1000.00"),
        ("1000000.00", "1000.00"),
        ("1000000.01", "2000.00"),
        ("10000000.00", "2000.00"),
        ("10000000.01", "3000.00"),
        ("9999999999.99", "3000.00"),
    ],
)
def test_sgd_amounts_fall_in_their_band(amount, fee):
    quote = filing_fee_for(Decimal(amount), Currency.SGD)
    assert quote.fee == Decimal(fee)
    assert isinstance(quote.fee, Decimal)
    assert quote.currency == "SGD"
    assert f"{Decimal(fee):,.2f}" in quote.working


def test_other_currencies_are_converted_at_the_indicative_rate():
    # USD 100,000 x 1.30 = SGD 130,000: second band.
    quote = filing_fee_for(Decimal("100000"), Currency.USD)
    assert quote.fee == Decimal("1000.00")
    assert "USD 100,000.00" in quote.working
    assert "1.30" in quote.working
    assert "SGD 130,000.00" in quote.working
    assert "indicative" in quote.working
    assert "assumption" in quote.working
    # CNY 500,000 x 0.18 = SGD 90,000: first band, although the CNY figure is higher.
    assert filing_fee_for(Decimal("500000"), "CNY").fee == Decimal("500.00")
    # EUR 700,000 x 1.50 = SGD 1,050,000: third band.
    assert filing_fee_for(Decimal("700000"), Currency.EUR).fee == Decimal("2000.00")


def test_conversion_at_a_band_limit_uses_exact_decimals():
    # HKD 588,235.30 x 0.17 = 100,000.001 -> SGD 100,000.00 (rounded half up): first band.
    assert filing_fee_for(Decimal("588235.30"), Currency.HKD).fee == Decimal("500.00")
    # HKD 588,235.33 x 0.17 = 100,000.0061 -> SGD 100,000.01: second band.
    assert filing_fee_for(Decimal("588235.33"), Currency.HKD).fee == Decimal("1000.00")


@pytest.mark.parametrize("currency", ["JPY", "", "sgd"])
def test_unknown_currency_is_refused(currency):
    with pytest.raises(InvalidInput, match="currency"):
        filing_fee_for(Decimal("1000"), currency)


@pytest.mark.parametrize("amount", [Decimal("0"), Decimal("-1"), Decimal("NaN")])
def test_non_positive_amount_is_refused(amount):
    with pytest.raises(InvalidInput):
        filing_fee_for(amount, Currency.SGD)


def _write_table(tmp_path, bands, rates=None):
    path = tmp_path / "fees.json"
    path.write_text(json.dumps({
        "currency": "SGD",
        "assumption": "test table",
        "bands": bands,
        "indicative_rates": {
            "label": "test rates",
            "as_of": "2026-11-01",
            "sgd_per_unit": rates or {"SGD": "1", "CNY": "0.2", "USD": "1.25", "HKD": "0.16",
                                      "EUR": "1.4"},
        },
    }), encoding="utf-8")
    return path


def test_the_table_is_configurable(app, tmp_path, monkeypatch):
    path = _write_table(tmp_path, [{"up_to": "50000", "fee": "250"}, {"up_to": None, "fee": "750"}])
    monkeypatch.setitem(app.config, "SIMC_FEE_TABLE", str(path))
    assert filing_fee_for(Decimal("50000"), Currency.SGD).fee == Decimal("250")
    assert filing_fee_for(Decimal("50000.01"), Currency.SGD).fee == Decimal("750")
    # USD 40,001 x 1.25 = SGD 50,001.25
    quote = filing_fee_for(Decimal("40001"), Currency.USD)
    assert quote.fee == Decimal("750")
    assert "2026-11-01" in quote.working


@pytest.mark.parametrize(
    "bands",
    [
        [],
        [{"up_to": "1000", "fee": "100"}],  # the last band must be open-ended
        [{"up_to": None, "fee": "100"}, {"up_to": None, "fee": "200"}],
        [{"up_to": "1000", "fee": "100"}, {"up_to": "500", "fee": "200"}, {"up_to": None, "fee": "1"}],
        [{"up_to": 1000.5, "fee": "100"}, {"up_to": None, "fee": "200"}],  # floats are refused
        [{"up_to": None, "fee": "-1"}],
    ],
)
def test_a_malformed_table_is_refused_with_a_reason(tmp_path, bands):
    with pytest.raises(ValueError):
        load_fee_table(_write_table(tmp_path, bands))


def test_a_table_missing_a_rate_is_refused(tmp_path):
    path = _write_table(tmp_path, [{"up_to": None, "fee": "100"}], rates={"SGD": "1"})
    with pytest.raises(ValueError, match="CNY"):
        load_fee_table(path)


def test_the_shipped_table_is_labelled_as_an_assumption():
    table = load_fee_table()
    assert "ASSUMPTION" in table.assumption
    assert "INDICATIVE" in table.rates_label
    assert table.sgd_per_unit[Currency.SGD] == Decimal("1")
