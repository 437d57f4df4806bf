"""The pure editing functions behind the drafting pages: clauses, obligations by number and the
instalment schedule typed as text."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from casework.settlement.editing import (
    NoSuchObligation,
    ScheduleError,
    ScheduleLineError,
    ScheduleProblem,
    add_obligation,
    clauses_of,
    format_instalments,
    kind_of,
    obligation_at,
    parse_instalments,
    remove_obligation,
    replace_obligation,
    with_clauses,
)
from casework.settlement.terms import Instalment, LanguagePrecedence
from tests.settlement.samples import DELIVERY, INSTALMENTS, LUMP_SUM, PERFORMANCE, VALID_TERMS


def test_clauses_are_replaced_and_everything_else_kept():
    changed = with_clauses(VALID_TERMS, {"costs_en": "The respondent pays.",
                                         "language_precedence": "en", "effective_date": None})
    assert changed.costs_en == "The respondent pays."
    assert changed.language_precedence == LanguagePrecedence.ENGLISH
    assert changed.effective_date is None
    assert (changed.costs_zh, changed.obligations, changed.parties) == (
        VALID_TERMS.costs_zh, VALID_TERMS.obligations, VALID_TERMS.parties)
    assert with_clauses(VALID_TERMS, clauses_of(VALID_TERMS)) == VALID_TERMS


def test_only_general_clauses_can_be_replaced_that_way():
    with pytest.raises(ValueError, match="obligations"):
        with_clauses(VALID_TERMS, {"obligations": ()})


def test_obligations_are_added_replaced_and_removed_by_number():
    terms = replace(VALID_TERMS, obligations=(LUMP_SUM,))
    terms = add_obligation(terms, DELIVERY)
    assert terms.obligations == (LUMP_SUM, DELIVERY)
    terms = replace_obligation(terms, 1, PERFORMANCE)
    assert terms.obligations == (PERFORMANCE, DELIVERY)
    assert obligation_at(terms, 2) == DELIVERY
    assert remove_obligation(terms, 1).obligations == (DELIVERY,)
    assert [kind_of(o) for o in (LUMP_SUM, DELIVERY, PERFORMANCE)] == [
        "payment", "delivery", "performance"]


@pytest.mark.parametrize("number", [0, 5, -1])
def test_a_missing_number_is_refused(number):
    with pytest.raises(NoSuchObligation):
        obligation_at(VALID_TERMS, number)
    with pytest.raises(NoSuchObligation):
        replace_obligation(VALID_TERMS, number, LUMP_SUM)
    with pytest.raises(NoSuchObligation):
        remove_obligation(VALID_TERMS, number)


def test_a_schedule_round_trips_through_its_text():
    text = format_instalments(INSTALMENTS.instalments)
    assert text == "2027-01-31 40000.00\n2027-02-28 30000.00\n2027-03-31 30000.00"
    assert parse_instalments(text) == INSTALMENTS.instalments
    assert parse_instalments("  2027-01-31\t1,500.5  \n\n") == (
        Instalment(date(2027, 1, 31), Decimal("1500.50")),)
    assert parse_instalments("") == ()


def test_every_bad_line_of_a_schedule_is_reported_with_its_number():
    text = ("2027-01-31 10\n2027-13-01 10\n2027-1-31 10\n2027-02-28 ten\n2027-03-31 -1\n"
            "2027-04-30 0.001\n2027-05-31 1000000000000\n2027-06-30\n2027-07-31 1 extra\n"
            "2027-08-31 NaN")
    with pytest.raises(ScheduleError) as raised:
        parse_instalments(text)
    assert raised.value.errors == [
        ScheduleLineError(2, ScheduleProblem.DATE),
        ScheduleLineError(3, ScheduleProblem.DATE),
        ScheduleLineError(4, ScheduleProblem.AMOUNT),
        ScheduleLineError(5, ScheduleProblem.NOT_POSITIVE),
        ScheduleLineError(6, ScheduleProblem.DECIMALS),
        ScheduleLineError(7, ScheduleProblem.TOO_LARGE),
        ScheduleLineError(8, ScheduleProblem.FORMAT),
        ScheduleLineError(9, ScheduleProblem.FORMAT),
        ScheduleLineError(10, ScheduleProblem.AMOUNT),
    ]
