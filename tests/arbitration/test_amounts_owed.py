"""Amounts still owed under the settlement after the payments recorded."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from casework.arbitration.amounts_owed import RecordedPayment, amounts_owed
from casework.errors import InvalidInput
from tests.settlement.samples import INSTALMENTS, LUMP_SUM, VALID_TERMS, with_obligation

# VALID_TERMS: 1 lump sum CNY 325.04; 2 instalments CNY 40,000 / 30,000 / 30,000;
# 3 a delivery; 4 an act to perform.
D = Decimal


def test_nothing_paid_everything_owed():
    owed = amounts_owed(VALID_TERMS, [])
    assert [(line.obligation, line.instalment, line.due) for line in owed.lines] == [
        (1, None, D("325.04")), (2, 1, D("40000.00")), (2, 2, D("30000.00")),
        (2, 3, D("30000.00")),
    ]
    assert [line.due_date for line in owed.lines] == [
        date(2026, 12, 15), date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31),
    ]
    assert all(line.paid == 0 and line.currency == "CNY" for line in owed.lines)
    assert owed.owed_by_currency == {"CNY": D("100325.04")}
    assert owed.other_obligations == (3, 4)
    assert not owed.fully_paid
    assert not owed.fully_performed


def test_partial_payment():
    payments = [
        RecordedPayment(1, None, D("325.04"), date(2026, 12, 10)),
        RecordedPayment(2, 1, D("40000.00"), date(2027, 1, 30)),
        RecordedPayment(2, 2, D("10000.00"), date(2027, 3, 5)),
        (2, 2, D("5000.00"), date(2027, 2, 27)),  # a plain tuple will do
    ]
    owed = amounts_owed(VALID_TERMS, payments)
    lump, first, second, third = owed.lines
    assert (lump.paid, lump.owed, lump.fully_paid) == (D("325.04"), D("0.00"), True)
    assert (first.paid, first.owed, first.fully_paid) == (D("40000.00"), D("0.00"), True)
    assert (second.paid, second.owed, second.fully_paid) == (D("15000.00"), D("15000.00"), False)
    assert [payment.received_on for payment in second.payments] == [
        date(2027, 2, 27), date(2027, 3, 5),
    ]
    assert (third.paid, third.owed) == (D("0"), D("30000.00"))
    assert owed.owed_by_currency == {"CNY": D("45000.00")}
    assert not owed.fully_paid


def test_full_payment_of_an_instalment_schedule_is_full_performance():
    payments = [
        (1, 1, D("40000.00"), date(2027, 1, 31)),
        (1, 2, D("30000.00"), date(2027, 2, 28)),
        (1, 3, D("29999.99"), date(2027, 3, 31)),
        (1, 3, D("0.01"), date(2027, 4, 1)),
    ]
    owed = amounts_owed(with_obligation(INSTALMENTS), payments)
    assert owed.fully_paid
    assert owed.fully_performed
    assert owed.owed_by_currency == {"CNY": D("0.00")}


def test_everything_paid_but_a_delivery_left_is_not_full_performance():
    payments = [(1, None, D("325.04"), date(2026, 12, 15))] + [
        (2, number, amount, date(2027, 3, 31))
        for number, amount in ((1, D("40000")), (2, D("30000")), (3, D("30000")))
    ]
    owed = amounts_owed(VALID_TERMS, payments)
    assert owed.fully_paid
    assert not owed.fully_performed
    assert owed.other_obligations == (3, 4)


def test_totals_are_kept_per_currency():
    usd = replace(LUMP_SUM, amount=D("186400.00"), currency="USD")
    terms = replace(VALID_TERMS, obligations=(usd, INSTALMENTS))
    owed = amounts_owed(terms, [(1, None, D("86400.00"), date(2026, 12, 1)),
                                (2, 1, D("40000.00"), date(2027, 1, 31))])
    assert owed.owed_by_currency == {"USD": D("100000.00"), "CNY": D("60000.00")}


def test_overpaying_an_instalment_is_refused_naming_it():
    with pytest.raises(InvalidInput) as refused:
        amounts_owed(VALID_TERMS, [(2, 3, D("30000.01"), date(2027, 3, 31))])
    assert refused.value.message == (
        "Overpayment: instalment 3 of obligation 2 is CNY 30,000.00, but the payments recorded "
        "for it come to CNY 30,000.01."
    )


def test_overpayment_over_several_payments_is_refused():
    payments = [(2, 2, D("20000.00"), date(2027, 2, 1)), (2, 2, D("10000.01"), date(2027, 2, 2))]
    with pytest.raises(InvalidInput, match="instalment 2 of obligation 2"):
        amounts_owed(VALID_TERMS, payments)


def test_overpaying_a_single_payment_is_refused_naming_it():
    with pytest.raises(InvalidInput) as refused:
        amounts_owed(VALID_TERMS, [(1, None, D("400.00"), date(2026, 12, 15))])
    assert refused.value.message == (
        "Overpayment: obligation 1 is CNY 325.04, but the payments recorded for it come to "
        "CNY 400.00."
    )


@pytest.mark.parametrize(("payment", "message"), [
    ((5, None, D("1"), date(2027, 1, 1)), "There is no obligation 5"),
    ((0, None, D("1"), date(2027, 1, 1)), "There is no obligation 0"),
    ((3, None, D("1"), date(2027, 1, 1)), "Obligation 3 is not a payment obligation"),
    ((2, None, D("1"), date(2027, 1, 1)), r"paid in 3 instalments: say which one \(1 to 3\)"),
    ((2, 4, D("1"), date(2027, 1, 1)), r"paid in 3 instalments"),
    ((1, 1, D("1"), date(2027, 1, 1)), "Obligation 1 is a single payment"),
    ((1, None, D("0"), date(2027, 1, 1)), "greater than zero"),
    ((1, None, D("-5"), date(2027, 1, 1)), "greater than zero"),
])
def test_payments_against_nothing_payable_are_refused(payment, message):
    with pytest.raises(InvalidInput, match=message):
        amounts_owed(VALID_TERMS, [payment])


def test_a_settlement_without_payments_owes_nothing():
    delivery_only = replace(VALID_TERMS, obligations=VALID_TERMS.obligations[2:])
    owed = amounts_owed(delivery_only, [])
    assert owed.lines == ()
    assert owed.owed_by_currency == {}
    assert owed.fully_paid
    assert not owed.fully_performed
