"""Settlement terms as data: JSON round trip and the end of the performance period."""

import json
from dataclasses import FrozenInstanceError, replace
from datetime import date
from decimal import Decimal

import pytest

from casework.settlement.terms import (
    SCHEMA,
    Instalment,
    LanguagePrecedence,
    SettlementTerms,
    last_performance_date,
)
from tests.settlement.samples import (
    DELIVERY,
    INSTALMENTS,
    LUMP_SUM,
    PERFORMANCE,
    VALID_TERMS,
    with_obligation,
)


def test_json_round_trip_keeps_everything():
    text = VALID_TERMS.to_json()
    restored = SettlementTerms.from_json(text)
    assert restored == VALID_TERMS
    assert restored.to_json() == text
    assert isinstance(restored.obligations[1].instalments, tuple)
    assert restored.obligations[1].instalments[0] == Instalment(
        date(2027, 1, 31), Decimal("40000.00")
    )
    assert restored.obligations[0].amount == Decimal("325.04")
    assert str(restored.obligations[0].amount) == "325.04"


def test_json_is_plain_readable_data():
    data = json.loads(VALID_TERMS.to_json())
    assert data["schema"] == SCHEMA
    assert [o["type"] for o in data["obligations"]] == [
        "payment",
        "payment",
        "delivery",
        "performance",
    ]
    assert data["obligations"][0]["amount"] == "325.04"
    assert data["obligations"][0]["due_date"] == "2026-12-15"
    assert data["obligations"][1]["instalments"][2] == {
        "due_date": "2027-03-31",
        "amount": "30000.00",
    }
    assert data["language_precedence"] == "zh"
    assert data["parties"][1]["name_zh"] == "深圳珠江电子有限公司"
    assert "深圳珠江电子有限公司" in VALID_TERMS.to_json()


def test_round_trip_of_english_precedence_and_missing_dates():
    terms = replace(
        VALID_TERMS,
        language_precedence=LanguagePrecedence.ENGLISH,
        effective_date=None,
        obligations=(replace(PERFORMANCE, deadline=None),),
    )
    assert SettlementTerms.from_json(terms.to_json()) == terms


def test_default_precedence_is_chinese():
    assert SettlementTerms(parties=(), obligations=()).language_precedence == (
        LanguagePrecedence.CHINESE
    )


def test_terms_are_immutable():
    with pytest.raises(FrozenInstanceError):
        VALID_TERMS.costs_en = "changed"


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "[]",
        '{"schema": "other/1"}',
        json.dumps({**json.loads(VALID_TERMS.to_json()), "obligations": [{"type": "gift"}]}),
        json.dumps({**json.loads(VALID_TERMS.to_json()), "parties": [{"key": "x"}]}),
    ],
)
def test_malformed_json_is_refused(text):
    with pytest.raises(ValueError):
        SettlementTerms.from_json(text)


def test_malformed_amount_is_refused():
    data = json.loads(VALID_TERMS.to_json())
    data["obligations"][0]["amount"] = "a lot"
    with pytest.raises(ValueError, match="Malformed"):
        SettlementTerms.from_json(json.dumps(data))


def test_party_lookup():
    assert VALID_TERMS.party("respondent").short_name_zh == "珠江公司"
    assert VALID_TERMS.party("nobody") is None


@pytest.mark.parametrize(
    ("obligation", "expected"),
    [
        (LUMP_SUM, date(2026, 12, 15)),
        (INSTALMENTS, date(2027, 3, 31)),
        (DELIVERY, date(2027, 2, 15)),
        (PERFORMANCE, date(2026, 12, 31)),
        (replace(PERFORMANCE, deadline=None), None),
    ],
)
def test_last_performance_date_of_each_kind(obligation, expected):
    assert last_performance_date(with_obligation(obligation)) == expected


def test_last_performance_date_is_the_latest_of_all_obligations():
    assert last_performance_date(VALID_TERMS) == date(2027, 3, 31)
    late_delivery = replace(DELIVERY, delivery_date=date(2027, 6, 1))
    terms = replace(VALID_TERMS, obligations=(LUMP_SUM, INSTALMENTS, late_delivery))
    assert last_performance_date(terms) == date(2027, 6, 1)


def test_last_performance_date_without_obligations():
    assert last_performance_date(replace(VALID_TERMS, obligations=())) is None
