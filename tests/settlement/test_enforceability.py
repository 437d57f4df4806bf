"""The enforceability check (Supreme People's Court 2018, Art. 3)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from casework.settlement.enforceability import (
    Failure,
    FailureKind,
    check_enforceability,
    says_continue_performance,
)
from casework.settlement.terms import Instalment
from tests.settlement.samples import (
    DELIVERY,
    INSTALMENTS,
    LUMP_SUM,
    PERFORMANCE,
    VALID_TERMS,
    with_obligation,
)


def kinds_of(obligation):
    """The failure kinds of the valid settlement reduced to ``obligation``."""
    return [failure.kind for failure in check_enforceability(with_obligation(obligation))]


def test_valid_settlement_passes():
    assert check_enforceability(VALID_TERMS) == []


def test_no_obligations_is_refused():
    failures = check_enforceability(replace(VALID_TERMS, obligations=()))
    assert failures == [Failure(None, FailureKind.NO_OBLIGATIONS)]
    assert "nothing a court could enforce" in failures[0].message_en
    assert "无可执行的内容" in failures[0].message_zh


@pytest.mark.parametrize(
    ("change", "kinds"),
    [
        ({"obligor": "stranger"}, [FailureKind.OBLIGOR_NOT_PARTY]),
        ({"obligor": ""}, [FailureKind.OBLIGOR_NOT_PARTY]),
        ({"obligee": "stranger"}, [FailureKind.OBLIGEE_NOT_PARTY]),
        ({"obligee": "respondent"}, [FailureKind.OBLIGOR_IS_OBLIGEE]),
        (
            {"obligor": "", "obligee": ""},
            [
                FailureKind.OBLIGOR_NOT_PARTY,
                FailureKind.OBLIGEE_NOT_PARTY,
                FailureKind.OBLIGOR_IS_OBLIGEE,
            ],
        ),
    ],
)
def test_who_owes_whom(change, kinds):
    assert kinds_of(replace(LUMP_SUM, **change)) == kinds


@pytest.mark.parametrize(
    ("change", "kinds"),
    [
        ({"amount": Decimal("0")}, [FailureKind.AMOUNT_NOT_DEFINITE]),
        ({"amount": Decimal("-5")}, [FailureKind.AMOUNT_NOT_DEFINITE]),
        ({"amount": Decimal("NaN")}, [FailureKind.AMOUNT_NOT_DEFINITE]),
        ({"amount": None}, [FailureKind.AMOUNT_NOT_DEFINITE]),
        ({"currency": ""}, [FailureKind.CURRENCY_MISSING]),
        ({"currency": "rmb"}, [FailureKind.CURRENCY_MISSING]),
        ({"due_date": None}, [FailureKind.DUE_DATE_MISSING]),
    ],
)
def test_payment_failures(change, kinds):
    assert kinds_of(replace(LUMP_SUM, **change)) == kinds


def test_instalments_and_a_due_date_together_are_refused():
    assert kinds_of(replace(INSTALMENTS, due_date=date(2027, 1, 1))) == [
        FailureKind.DUE_DATE_AND_INSTALMENTS
    ]


def test_instalments_must_sum_to_the_amount():
    assert kinds_of(replace(INSTALMENTS, amount=Decimal("100000.01"))) == [
        FailureKind.INSTALMENTS_DO_NOT_SUM
    ]


@pytest.mark.parametrize("bad", [Decimal("0"), Decimal("-10000.00")])
def test_each_instalment_must_be_positive(bad):
    instalments = (
        Instalment(date(2027, 1, 31), Decimal("100000.00") - bad),
        Instalment(date(2027, 2, 28), bad),
    )
    assert kinds_of(replace(INSTALMENTS, instalments=instalments)) == [
        FailureKind.INSTALMENT_NOT_POSITIVE
    ]


@pytest.mark.parametrize(
    "dates",
    [
        (date(2027, 2, 28), date(2027, 1, 31), date(2027, 3, 31)),
        (date(2027, 1, 31), date(2027, 1, 31), date(2027, 3, 31)),
    ],
)
def test_instalment_dates_must_strictly_increase(dates):
    instalments = tuple(
        Instalment(day, instalment.amount)
        for day, instalment in zip(dates, INSTALMENTS.instalments, strict=True)
    )
    assert kinds_of(replace(INSTALMENTS, instalments=instalments)) == [
        FailureKind.INSTALMENT_DATES_NOT_INCREASING
    ]


@pytest.mark.parametrize(
    ("change", "kinds"),
    [
        ({"thing_en": ""}, [FailureKind.THING_NOT_IDENTIFIED]),
        ({"thing_zh": "   "}, [FailureKind.THING_NOT_IDENTIFIED]),
        ({"quantity": Decimal("0")}, [FailureKind.QUANTITY_MISSING]),
        ({"quantity": None}, [FailureKind.QUANTITY_MISSING]),
        ({"unit_zh": ""}, [FailureKind.QUANTITY_MISSING]),
        ({"place_en": ""}, [FailureKind.PLACE_MISSING]),
        ({"place_zh": ""}, [FailureKind.PLACE_MISSING]),
        ({"delivery_date": None}, [FailureKind.DELIVERY_DATE_MISSING]),
    ],
)
def test_delivery_failures(change, kinds):
    assert kinds_of(replace(DELIVERY, **change)) == kinds


@pytest.mark.parametrize(
    ("change", "kinds"),
    [
        ({"object_en": ""}, [FailureKind.OBJECT_UNCLEAR]),
        ({"object_zh": ""}, [FailureKind.OBJECT_UNCLEAR]),
        ({"standard_en": " "}, [FailureKind.STANDARD_UNCLEAR]),
        ({"standard_zh": ""}, [FailureKind.STANDARD_UNCLEAR]),
        ({"scope_en": ""}, [FailureKind.SCOPE_UNCLEAR]),
        ({"scope_zh": ""}, [FailureKind.SCOPE_UNCLEAR]),
        ({"deadline": None}, [FailureKind.DEADLINE_MISSING]),
    ],
)
def test_performance_failures(change, kinds):
    assert kinds_of(replace(PERFORMANCE, **change)) == kinds


@pytest.mark.parametrize(
    "change",
    [
        {"object_en": "Continue to perform the Supply Contract dated 1 March 2025"},
        {"object_en": "The claimant shall continue performing the distribution agreement"},
        {"object_en": "Resume performance of the contract"},
        {"object_zh": "继续履行双方于2025年3月1日签订的《供货合同》"},
        {"object_zh": "按原合同约定履行"},
    ],
)
def test_continue_to_perform_the_contract_is_refused(change):
    assert kinds_of(replace(PERFORMANCE, **change)) == [FailureKind.CONTINUE_PERFORMANCE]


def test_continue_to_perform_as_the_thing_to_deliver_is_refused():
    bare = replace(DELIVERY, thing_zh="继续按合同交付货物")
    assert kinds_of(bare) == [FailureKind.CONTINUE_PERFORMANCE]


@pytest.mark.parametrize(
    "text",
    [
        "Remove the listings for model PR-200",
        "Deliver 4 sets of moulds",
        "Performance bond to be returned",
        "在其网店下架PR-200型号产品",
        "履行完毕后解除合同",
        "继续按月支付剩余款项",
    ],
)
def test_definite_wording_is_not_mistaken_for_continuing(text):
    assert not says_continue_performance(text)


def test_failures_name_the_obligation_number_and_carry_both_languages():
    broken_delivery = replace(DELIVERY, delivery_date=None)
    broken_performance = replace(PERFORMANCE, scope_zh="", obligee="stranger")
    terms = replace(
        VALID_TERMS,
        obligations=(LUMP_SUM, broken_delivery, INSTALMENTS, broken_performance),
    )
    failures = check_enforceability(terms)
    assert failures == [
        Failure(2, FailureKind.DELIVERY_DATE_MISSING),
        Failure(4, FailureKind.OBLIGEE_NOT_PARTY),
        Failure(4, FailureKind.SCOPE_UNCLEAR),
    ]
    assert failures[0].message_en == (
        "The delivery does not state the date by which the thing must be delivered."
    )
    assert failures[0].message_zh == "未载明交付期限。"
    assert "owed" in failures[1].message_en
    assert "权利人" in failures[1].message_zh
    assert "scope" in failures[2].message_en
    assert "范围" in failures[2].message_zh


def test_every_kind_has_a_message_in_both_languages():
    for kind in FailureKind:
        failure = Failure(1, kind)
        assert failure.message_en.isascii() and failure.message_en.endswith(".")
        assert not failure.message_zh.isascii() and failure.message_zh.endswith("。")
