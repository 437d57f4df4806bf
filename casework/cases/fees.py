"""The SIMC filing fee: a configurable table of bands of the amount in dispute, in SGD.

The table lives in a JSON file (config ``SIMC_FEE_TABLE``, default ``simc_fees.json`` beside
this module). Its figures are an *assumption*, not SIMC's published schedule, and so are the
indicative rates used to place a claim in another currency in an SGD band. Every amount is
read as a string into :class:`~decimal.Decimal`; no float is ever involved.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from casework.cases.models import Currency
from casework.data_files import table_decimal
from casework.errors import InvalidInput

FEE_CURRENCY = "SGD"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class FeeBand:
    """Amounts (in SGD) above ``above`` and up to ``up_to`` (``None``: no limit) pay ``fee``."""

    above: Decimal
    up_to: Decimal | None
    fee: Decimal

    def contains(self, amount: Decimal) -> bool:
        """Whether ``amount`` (SGD) falls in this band."""
        return amount > self.above and (self.up_to is None or amount <= self.up_to)

    def describe(self) -> str:
        """The band in words, e.g. ``SGD 100,000.01 – 1,000,000.00``."""
        if self.above == 0:
            return _("up to SGD %(limit)s", limit=money(self.up_to))
        if self.up_to is None:
            return _("above SGD %(limit)s", limit=money(self.above))
        return _(
            "SGD %(lower)s – %(upper)s", lower=money(self.above + CENT), upper=money(self.up_to)
        )


@dataclass(frozen=True)
class FeeTable:
    """The bands, the indicative conversion rates and the labels saying they are assumptions."""

    bands: tuple[FeeBand, ...]
    sgd_per_unit: dict[Currency, Decimal]
    rates_as_of: str
    assumption: str
    rates_label: str


@dataclass(frozen=True)
class FeeQuote:
    """The filing fee due and how it was worked out (for the form, review page and receipt)."""

    fee: Decimal
    currency: str
    working: str


def money(value: Decimal) -> str:
    """``value`` with thousands separators and two decimals (``1,234.50``)."""
    return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"


def load_fee_table(path: str | Path | None = None) -> FeeTable:
    """Read and check the fee table at ``path`` (default: the configured ``SIMC_FEE_TABLE``).

    Raises :class:`ValueError` naming the problem if the file is not a usable table.
    """
    path = Path(path or current_app.config["SIMC_FEE_TABLE"])
    raw = json.loads(path.read_text(encoding="utf-8"))
    if raw.get("currency") != FEE_CURRENCY:
        raise ValueError(f"{path}: the fee table must be in {FEE_CURRENCY}")
    bands = []
    above = Decimal("0")
    rows = raw.get("bands") or []
    for index, row in enumerate(rows):
        up_to = None if row.get("up_to") is None else table_decimal(row["up_to"], path, "up_to")
        fee = table_decimal(row.get("fee"), path, "fee")
        last = index == len(rows) - 1
        if (up_to is None) != last:
            raise ValueError(f"{path}: only the last band, and it alone, has no upper limit")
        if up_to is not None and up_to <= above:
            raise ValueError(f"{path}: band limits must increase (band {index + 1})")
        if fee < 0:
            raise ValueError(f"{path}: a fee cannot be negative (band {index + 1})")
        bands.append(FeeBand(above=above, up_to=up_to, fee=fee))
        above = up_to if up_to is not None else above
    if not bands:
        raise ValueError(f"{path}: the fee table has no bands")
    rates_section = raw.get("indicative_rates") or {}
    rates = {}
    for currency in Currency:
        value = (rates_section.get("sgd_per_unit") or {}).get(currency.value)
        rate = table_decimal(value, path, f"sgd_per_unit.{currency.value}")
        if rate <= 0:
            raise ValueError(f"{path}: the rate for {currency.value} must be positive")
        rates[currency] = rate
    return FeeTable(
        bands=tuple(bands),
        sgd_per_unit=rates,
        rates_as_of=str(rates_section.get("as_of", "")),
        assumption=str(raw.get("assumption", "")),
        rates_label=str(rates_section.get("label", "")),
    )




def filing_fee_for(amount: Decimal, currency: Currency | str, table: FeeTable | None = None
                   ) -> FeeQuote:
    """The SIMC filing fee (SGD) for a dispute of ``amount`` in ``currency``, with its working.

    A claim in another currency is converted to SGD at the table's indicative rate only to find
    its band. Raises :class:`InvalidInput` for a non-positive amount or an unknown currency.
    """
    try:
        currency = Currency(currency)
    except ValueError:
        raise InvalidInput(
            _("Unknown currency %(currency)s: use SGD, CNY, USD, HKD or EUR.", currency=currency)
        ) from None
    if not isinstance(amount, Decimal) or not amount.is_finite() or amount <= 0:
        raise InvalidInput(_("The amount in dispute must be a number greater than zero."))
    table = table or load_fee_table()
    rate = table.sgd_per_unit[currency]
    amount_sgd = (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP)
    band = next(b for b in table.bands if b.contains(amount_sgd))
    if currency.value == FEE_CURRENCY:
        working = _(
            "Amount in dispute SGD %(amount)s, in the band %(band)s: filing fee SGD %(fee)s.",
            amount=money(amount), band=band.describe(), fee=money(band.fee),
        )
    else:
        working = _(
            "Amount in dispute %(currency)s %(amount)s × %(rate)s (indicative rate of "
            "%(as_of)s, an assumption) = SGD %(amount_sgd)s, in the band %(band)s: "
            "filing fee SGD %(fee)s.",
            currency=currency.value, amount=money(amount), rate=rate, as_of=table.rates_as_of,
            amount_sgd=money(amount_sgd), band=band.describe(), fee=money(band.fee),
        )
    return FeeQuote(fee=band.fee, currency=FEE_CURRENCY, working=working)
