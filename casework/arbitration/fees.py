"""SCIA's fees for an international case: the non-refundable filing fee plus the arbitration
fee by bands of the amount in dispute in RMB, with the working written out for the page.

The table is data: a JSON file (config ``SCIA_FEE_TABLE``, default ``scia_fees.json`` beside
this module). Each band has a lower bound, a base fee and a rate; an amount above the lower
bound (and up to the next band's) pays ``base fee + rate × (amount − lower bound)``, and never
less than the minimum fee. A claim in another currency is converted to RMB at the rate the
registrar enters. Amounts are :class:`~decimal.Decimal` throughout, rounded to the fen
(0.01) half up; no float is ever involved.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from casework.data_files import table_decimal
from casework.deadlines.computation import step
from casework.errors import InvalidInput

RMB = "CNY"
CENT = Decimal("0.01")
DEFAULT_TABLE = Path(__file__).with_name("scia_fees.json")

FIRST_BAND = _l("up to %(upper)s")
MIDDLE_BAND = _l("%(lower)s – %(upper)s")
LAST_BAND = _l("above %(lower)s")
AMOUNT_STEP = _l("Amount in dispute: RMB %(amount)s.")
CONVERSION_STEP = _l(
    "Amount in dispute: %(currency)s %(amount)s × %(rate)s (the exchange rate entered) = "
    "RMB %(amount_rmb)s."
)
BAND_STEP = _l("Band of the SCIA fee table (RMB): %(band)s.")
RATE_STEP = _l("Arbitration fee: %(rate)s × %(amount)s = %(fee)s.")
BASE_AND_RATE_STEP = _l(
    "Arbitration fee: %(base)s + %(rate)s × (%(amount)s − %(lower)s) = %(fee)s."
)
MINIMUM_STEP = _l(
    "That is less than the minimum arbitration fee, so the minimum applies: RMB %(minimum)s."
)
FILING_FEE_STEP = _l("Filing fee (non-refundable): RMB %(fee)s.")
TOTAL_STEP = _l(
    "Total: RMB %(filing_fee)s + RMB %(arbitration_fee)s = RMB %(total)s."
)


@dataclass(frozen=True)
class FeeBand:
    """Amounts above ``lower`` and up to ``upper`` (``None``: no limit) pay ``base_fee`` plus
    ``rate`` times the excess over ``lower``."""

    lower: Decimal
    upper: Decimal | None
    base_fee: Decimal
    rate: Decimal

    def contains(self, amount: Decimal) -> bool:
        """Whether ``amount`` (RMB, above zero) falls in this band."""
        return amount > self.lower and (self.upper is None or amount <= self.upper)

    @property
    def label(self) -> LazyString:
        """The band as the published table writes it, e.g. ``1,000,001 – 5,000,000``."""
        if self.upper is None:
            return step(LAST_BAND, lower=figure(self.lower))
        if self.lower == 0:
            return step(FIRST_BAND, upper=figure(self.upper))
        return step(MIDDLE_BAND, lower=figure(self.lower + 1), upper=figure(self.upper))


@dataclass(frozen=True)
class SciaFeeTable:
    """The bands, the minimum arbitration fee, the filing fee and where the figures come from."""

    bands: tuple[FeeBand, ...]
    minimum_fee: Decimal
    filing_fee: Decimal
    source: str
    assumption: str


@dataclass(frozen=True)
class FeeCalculation:
    """SCIA's fees for one amount in dispute: the claim as entered (``rate`` is ``None`` for a
    claim in RMB), the amount in RMB, its band, the fees and the working, one step per line."""

    claim_amount: Decimal
    claim_currency: str
    rate: Decimal | None
    amount_rmb: Decimal
    band: FeeBand
    arbitration_fee: Decimal
    filing_fee: Decimal
    total: Decimal
    working: tuple[LazyString, ...]


def figure(value: Decimal) -> str:
    """An amount with thousands separators: whole amounts without decimals (``1,000,000``),
    others with two (``1,600,000.50``)."""
    if value == value.to_integral_value():
        return f"{value:,.0f}"
    return money(value)


def money(value: Decimal) -> str:
    """An amount with thousands separators and two decimals (``50,000.00``), rounded half up."""
    return f"{value.quantize(CENT, rounding=ROUND_HALF_UP):,.2f}"


def percent(rate: Decimal) -> str:
    """A rate as a percentage without trailing zeros: ``0.025`` → ``2.5%``."""
    return f"{(rate * 100).normalize():f}%"


def load_scia_fee_table(path: str | Path = DEFAULT_TABLE) -> SciaFeeTable:
    """Read and check the SCIA fee table at ``path`` (the lead passes the configured
    ``SCIA_FEE_TABLE``). Raises :class:`ValueError` naming the problem if it is not usable."""
    path = Path(path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    if raw.get("currency") != RMB:
        raise ValueError(f"{path}: the SCIA fee table must be in {RMB}")
    rows = raw.get("bands") or []
    if not rows:
        raise ValueError(f"{path}: the fee table has no bands")
    lowers = [table_decimal(row.get("lower"), path, f"bands[{index}].lower")
              for index, row in enumerate(rows)]
    if lowers[0] != 0:
        raise ValueError(f"{path}: the first band must start at 0")
    if any(later <= earlier for earlier, later in zip(lowers, lowers[1:], strict=False)):
        raise ValueError(f"{path}: the lower bounds of the bands must increase")
    bands = []
    for index, (row, lower) in enumerate(zip(rows, lowers, strict=True)):
        base_fee = table_decimal(row.get("base_fee"), path, f"bands[{index}].base_fee")
        rate = table_decimal(row.get("rate"), path, f"bands[{index}].rate")
        if base_fee < 0 or not 0 < rate < 1:
            raise ValueError(f"{path}: band {index + 1} needs a base fee >= 0 and 0 < rate < 1")
        upper = lowers[index + 1] if index + 1 < len(lowers) else None
        bands.append(FeeBand(lower=lower, upper=upper, base_fee=base_fee, rate=rate))
    minimum_fee = table_decimal(raw.get("minimum_fee"), path, "minimum_fee")
    filing_fee = table_decimal(raw.get("filing_fee"), path, "filing_fee")
    if minimum_fee < 0 or filing_fee < 0:
        raise ValueError(f"{path}: the minimum and filing fees cannot be negative")
    return SciaFeeTable(
        bands=tuple(bands),
        minimum_fee=minimum_fee,
        filing_fee=filing_fee,
        source=str(raw.get("source", "")),
        assumption=str(raw.get("assumption", "")),
    )




def _requiretable_decimal(value: object, what: str) -> Decimal:
    """``value`` if it is a finite Decimal; a float or anything else is a programming error."""
    if not isinstance(value, Decimal):
        raise TypeError(f"{what} must be a Decimal, not {type(value).__name__}")
    if not value.is_finite():
        raise InvalidInput(_("The amount must be a finite number."))
    return value


def to_rmb(amount: Decimal, currency: str, rate: Decimal | None) -> Decimal:
    """``amount`` in ``currency`` converted to RMB at ``rate`` (RMB per one unit of the
    currency), rounded to the fen half up. An amount in CNY is returned unchanged (``rate`` is
    ignored); any other currency needs a rate above zero, else :class:`InvalidInput`."""
    amount = _requiretable_decimal(amount, "amount")
    code = str(currency).strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise InvalidInput(
            _("%(currency)s is not a currency code (three letters, such as USD).",
              currency=currency)
        )
    if code == RMB:
        return amount
    if rate is not None and not isinstance(rate, Decimal):
        raise TypeError(f"rate must be a Decimal, not {type(rate).__name__}")
    if rate is None or not rate.is_finite() or rate <= 0:
        raise InvalidInput(
            _("Enter the exchange rate from %(currency)s to RMB (RMB for one %(currency)s); "
              "it must be greater than zero.", currency=code)
        )
    return (amount * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def scia_fee(amount_rmb: Decimal, table: SciaFeeTable) -> FeeCalculation:
    """SCIA's filing fee, arbitration fee and total for an amount in dispute of ``amount_rmb``,
    with the working. Raises :class:`InvalidInput` unless the amount is above zero."""
    return _calculate(amount_rmb, RMB, None, amount_rmb, table)


def scia_fee_for_claim(
    amount: Decimal, currency: str, rate: Decimal | None, table: SciaFeeTable
) -> FeeCalculation:
    """Like :func:`scia_fee` for a claim of ``amount`` in ``currency``, converted to RMB at
    ``rate`` first (see :func:`to_rmb`); the conversion is the first step of the working."""
    amount_rmb = to_rmb(amount, currency, rate)
    code = str(currency).strip().upper()
    return _calculate(amount, code, None if code == RMB else rate, amount_rmb, table)


def _calculate(
    claim_amount: Decimal, currency: str, rate: Decimal | None, amount_rmb: Decimal,
    table: SciaFeeTable,
) -> FeeCalculation:
    """The fees for ``amount_rmb`` on ``table``; the claim as entered heads the working."""
    amount_rmb = _requiretable_decimal(amount_rmb, "amount_rmb")
    if amount_rmb <= 0:
        raise InvalidInput(_("The amount in dispute must be greater than zero."))
    if rate is None:
        working = [step(AMOUNT_STEP, amount=money(amount_rmb))]
    else:
        working = [step(CONVERSION_STEP, currency=currency, amount=money(claim_amount),
                        rate=f"{rate:f}", amount_rmb=money(amount_rmb))]
    band = next(band for band in table.bands if band.contains(amount_rmb))
    fee = (band.base_fee + band.rate * (amount_rmb - band.lower)).quantize(
        CENT, rounding=ROUND_HALF_UP
    )
    working.append(step(BAND_STEP, band=band.label))
    if band.lower == 0 and band.base_fee == 0:
        working.append(step(RATE_STEP, rate=percent(band.rate), amount=figure(amount_rmb),
                            fee=money(fee)))
    else:
        working.append(step(BASE_AND_RATE_STEP, base=figure(band.base_fee),
                            rate=percent(band.rate), amount=figure(amount_rmb),
                            lower=figure(band.lower), fee=money(fee)))
    if fee < table.minimum_fee:
        fee = table.minimum_fee
        working.append(step(MINIMUM_STEP, minimum=money(fee)))
    total = table.filing_fee + fee
    working.append(step(FILING_FEE_STEP, fee=money(table.filing_fee)))
    working.append(step(TOTAL_STEP, filing_fee=money(table.filing_fee),
                        arbitration_fee=money(fee), total=money(total)))
    return FeeCalculation(
        claim_amount=claim_amount,
        claim_currency=currency,
        rate=rate,
        amount_rmb=amount_rmb,
        band=band,
        arbitration_fee=fee,
        filing_fee=table.filing_fee,
        total=total,
        working=tuple(working),
    )
