"""What is still owed under the settlement (and so under the consent award), from the payments
the registrar recorded, per payment obligation and instalment and per currency.

Obligations are numbered as in the settlement (from 1, in the order of the terms, whatever
their kind); instalments from 1 within their schedule. A payment is in its obligation's
currency. Delivery and performance obligations take no payments: they are listed in
``other_obligations`` and keep the settlement from counting as fully performed until the
registrar records them as performed (``performed``: a :class:`RecordedPerformance` each, a
performance record without an amount).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from flask_babel import gettext as _

from casework.arbitration.fees import CENT, money
from casework.errors import InvalidInput
from casework.settlement.terms import PaymentObligation, SettlementTerms


class RecordedPayment(NamedTuple):
    """A payment received: the obligation's number, the instalment's number (``None`` for a
    single payment), the amount and the day it was received."""

    obligation: int
    instalment: int | None
    amount: Decimal
    received_on: date


class RecordedPerformance(NamedTuple):
    """A delivery or act the registrar recorded as performed: the obligation's number and the
    day it was performed."""

    obligation: int
    performed_on: date


@dataclass(frozen=True)
class AmountOwed:
    """One single payment or one instalment: what is due, by when, and what was paid."""

    obligation: int
    instalment: int | None
    currency: str
    due_date: date | None
    due: Decimal
    payments: tuple[RecordedPayment, ...]

    @property
    def paid(self) -> Decimal:
        """The total of the payments recorded for it."""
        return sum((payment.amount for payment in self.payments), Decimal("0"))

    @property
    def owed(self) -> Decimal:
        """What is still owed: due less paid."""
        return self.due - self.paid

    @property
    def fully_paid(self) -> bool:
        """Whether nothing is owed any more."""
        return self.owed == 0


@dataclass(frozen=True)
class AmountsOwed:
    """Every single payment and instalment of the settlement (``lines``, in the order of the
    terms), the numbers of the obligations that are not payments, and which of those were
    recorded as performed."""

    lines: tuple[AmountOwed, ...]
    other_obligations: tuple[int, ...]
    performed: tuple[RecordedPerformance, ...] = ()

    @property
    def outstanding_obligations(self) -> tuple[int, ...]:
        """The delivery and performance obligations not recorded as performed yet."""
        done = {performance.obligation for performance in self.performed}
        return tuple(number for number in self.other_obligations if number not in done)

    def performance_of(self, number: int) -> RecordedPerformance | None:
        """How obligation ``number`` (a delivery or act) was recorded as performed, if it was."""
        return next((p for p in self.performed if p.obligation == number), None)

    @property
    def owed_by_currency(self) -> dict[str, Decimal]:
        """The total still owed per currency (zero for a currency fully paid)."""
        totals: dict[str, Decimal] = {}
        for line in self.lines:
            totals[line.currency] = totals.get(line.currency, Decimal("0")) + line.owed
        return totals

    @property
    def fully_paid(self) -> bool:
        """Whether every payment and instalment has been paid in full."""
        return all(line.fully_paid for line in self.lines)

    @property
    def fully_performed(self) -> bool:
        """Whether the settlement is fully performed: everything paid and every delivery or
        performance obligation recorded as performed."""
        return self.fully_paid and not self.outstanding_obligations


def _check_payment(terms: SettlementTerms, payment: RecordedPayment) -> None:
    """Refuse (:class:`InvalidInput`) a payment against no payment obligation or instalment of
    ``terms``, or of an amount not above zero."""
    number = payment.obligation
    if not 1 <= number <= len(terms.obligations):
        raise InvalidInput(_("There is no obligation %(number)s in the settlement.",
                             number=number))
    obligation = terms.obligations[number - 1]
    if not isinstance(obligation, PaymentObligation):
        raise InvalidInput(_("Obligation %(number)s is not a payment obligation, so no payment "
                             "can be recorded against it.", number=number))
    count = len(obligation.instalments)
    if count and not (payment.instalment is not None and 1 <= payment.instalment <= count):
        raise InvalidInput(_("Obligation %(number)s is paid in %(count)s instalments: say which "
                             "one (1 to %(count)s) the payment is for.",
                             number=number, count=count))
    if not count and payment.instalment is not None:
        raise InvalidInput(_("Obligation %(number)s is a single payment, not an instalment "
                             "schedule: record the payment without an instalment number.",
                             number=number))
    amount = payment.amount
    if not isinstance(amount, Decimal) or not amount.is_finite() or amount <= 0:
        raise InvalidInput(_("A payment must be an amount greater than zero."))
    if amount != amount.quantize(CENT):
        raise InvalidInput(_("A payment is an amount with at most two decimals."))


def _check_performances(terms: SettlementTerms,
                        performances: list[RecordedPerformance]) -> None:
    """Refuse (:class:`InvalidInput`) a performance of no delivery or performance obligation of
    ``terms``, or a second one of the same obligation."""
    seen: set[int] = set()
    for performance in performances:
        number = performance.obligation
        if not 1 <= number <= len(terms.obligations):
            raise InvalidInput(_("There is no obligation %(number)s in the settlement.",
                                 number=number))
        if isinstance(terms.obligations[number - 1], PaymentObligation):
            raise InvalidInput(_("Obligation %(number)s is a payment obligation: record the "
                                 "payments received instead.", number=number))
        if number in seen:
            raise InvalidInput(_("Obligation %(number)s is already recorded as performed.",
                                 number=number))
        seen.add(number)


def _overpaid(line: AmountOwed) -> InvalidInput:
    """The refusal of payments exceeding what ``line`` is due, naming it."""
    values = {"number": line.obligation, "instalment": line.instalment,
              "currency": line.currency, "due": money(line.due), "paid": money(line.paid)}
    if line.instalment is None:
        return InvalidInput(_("Overpayment: obligation %(number)s is %(currency)s %(due)s, but "
                              "the payments recorded for it come to %(currency)s %(paid)s.",
                              **values))
    return InvalidInput(_("Overpayment: instalment %(instalment)s of obligation %(number)s is "
                          "%(currency)s %(due)s, but the payments recorded for it come to "
                          "%(currency)s %(paid)s.", **values))


def amounts_owed(terms: SettlementTerms, payments: Iterable[RecordedPayment],
                 performed: Iterable[RecordedPerformance] = ()) -> AmountsOwed:
    """What is due, paid and still owed per payment obligation and instalment of ``terms``,
    given the recorded ``payments`` (plain tuples will do), and which delivery and performance
    obligations were ``performed``. Raises :class:`InvalidInput` for a payment against no
    payment obligation or instalment, a payment not above zero or with more than two decimals,
    payments exceeding what an instalment or single payment is due (naming it), and a
    performance of no delivery or performance obligation or of one already performed."""
    payments = [RecordedPayment(*payment) for payment in payments]
    performances = [RecordedPerformance(*performance) for performance in performed]
    for payment in payments:
        _check_payment(terms, payment)
    _check_performances(terms, performances)
    lines: list[AmountOwed] = []
    others: list[int] = []
    for number, obligation in enumerate(terms.obligations, start=1):
        if not isinstance(obligation, PaymentObligation):
            others.append(number)
            continue
        parts = [(index, instalment.due_date, instalment.amount)
                 for index, instalment in enumerate(obligation.instalments, start=1)]
        for instalment, due_date, due in parts or [(None, obligation.due_date, obligation.amount)]:
            paid = tuple(sorted(
                (p for p in payments if p.obligation == number and p.instalment == instalment),
                key=lambda p: p.received_on,
            ))
            line = AmountOwed(number, instalment, obligation.currency, due_date, due, paid)
            if line.owed < 0:
                raise _overpaid(line)
            lines.append(line)
    return AmountsOwed(tuple(lines), tuple(others),
                       tuple(sorted(performances, key=lambda p: p.obligation)))
