"""Amounts owed once deliveries and acts are recorded as performed: they count towards full
performance; a performance of a payment, of no obligation or a second one is refused."""

from datetime import date
from decimal import Decimal

import pytest

from casework.arbitration.amounts_owed import RecordedPerformance, amounts_owed
from casework.errors import InvalidInput
from tests.settlement.samples import VALID_TERMS

# VALID_TERMS: 1 lump sum CNY 325.04; 2 instalments CNY 40,000 / 30,000 / 30,000;
# 3 a delivery; 4 an act to perform.
D = Decimal
EVERY_PAYMENT = [(1, None, D("325.04"), date(2026, 12, 15))] + [
    (2, number, amount, date(2027, 3, 31))
    for number, amount in ((1, D("40000")), (2, D("30000")), (3, D("30000")))
]


def test_performed_deliveries_and_acts_complete_the_performance():
    performed = [RecordedPerformance(4, date(2026, 12, 20)), (3, date(2027, 2, 10))]
    owed = amounts_owed(VALID_TERMS, EVERY_PAYMENT, performed)
    assert owed.other_obligations == (3, 4)
    assert owed.outstanding_obligations == ()
    assert [p.obligation for p in owed.performed] == [3, 4]
    assert owed.performance_of(3).performed_on == date(2027, 2, 10)
    assert owed.performance_of(1) is None
    assert owed.fully_performed


def test_an_act_left_keeps_the_settlement_from_full_performance():
    owed = amounts_owed(VALID_TERMS, EVERY_PAYMENT, [(3, date(2027, 2, 10))])
    assert owed.fully_paid
    assert owed.outstanding_obligations == (4,)
    assert not owed.fully_performed


def test_performance_without_payment_is_not_full_performance():
    owed = amounts_owed(VALID_TERMS, [], [(3, date(2027, 2, 10)), (4, date(2026, 12, 1))])
    assert owed.outstanding_obligations == ()
    assert not owed.fully_paid and not owed.fully_performed


@pytest.mark.parametrize(("performed", "message"), [
    ([(1, date(2027, 1, 1))], "Obligation 1 is a payment obligation"),
    ([(7, date(2027, 1, 1))], "There is no obligation 7"),
    ([(3, date(2027, 1, 1)), (3, date(2027, 1, 2))], "Obligation 3 is already recorded"),
])
def test_impossible_performances_are_refused(performed, message):
    with pytest.raises(InvalidInput, match=message):
        amounts_owed(VALID_TERMS, [], performed)


def test_a_payment_with_more_than_two_decimals_is_refused():
    with pytest.raises(InvalidInput, match="at most two decimals"):
        amounts_owed(VALID_TERMS, [(1, None, D("0.001"), date(2026, 12, 1))])
