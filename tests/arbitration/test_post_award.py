"""Post-award deadlines: correction, set-aside (before/after 1 March 2026), enforcement."""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from casework.accounts.models import Role
from casework.arbitration import post_award
from casework.arbitration.post_award import (
    PostAwardKind,
    add_months,
    correction_deadline,
    enforcement_deadline,
    enforcement_deadline_for_terms,
    set_aside_deadline,
)
from casework.deadlines.calendars import BusinessCalendar
from casework.deadlines.models import Closure
from casework.errors import InvalidInput
from casework.extensions import db
from casework.parties.models import Jurisdiction
from tests.factories import make_user
from tests.settlement.samples import INSTALMENTS, LUMP_SUM, VALID_TERMS, with_obligation


def _working(deadline):
    return [str(line) for line in deadline.working]


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2026, 5, 31), 3, date(2026, 8, 31)),
    (date(2026, 3, 31), 3, date(2026, 6, 30)),
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),
    (date(2026, 12, 15), 1, date(2027, 1, 15)),
    (date(2026, 8, 31), 6, date(2027, 2, 28)),
    (date(2028, 2, 29), 24, date(2030, 2, 28)),
])
def test_add_months_keeps_the_day_number_or_the_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_correction_request_30_days_from_receipt():
    deadline = correction_deadline(date(2026, 6, 1))
    assert deadline.kind == PostAwardKind.CORRECTION
    assert deadline.due == date(2026, 7, 1)
    assert deadline.period_end == date(2026, 7, 1)
    assert deadline.starts.day == date(2026, 6, 1)
    assert deadline.starts.event is post_award.RECEIPT
    assert deadline.rule is post_award.CORRECTION_RULE
    assert str(deadline.label) == "Request to correct the award"
    assert _working(deadline) == [
        "Starts Jun 1, 2026 (receipt of the award) + 30 days = Jul 1, 2026.",
        "Jul 1, 2026 is a working day in mainland China.",
    ]
    assert deadline.ends_at == datetime(2026, 7, 1, 15, 59, 59, tzinfo=UTC)


def test_a_period_ending_in_the_national_day_holiday_rolls_to_the_next_working_day():
    deadline = correction_deadline(date(2026, 9, 1))
    assert deadline.period_end == date(2026, 10, 1)
    assert deadline.due == date(2026, 10, 8)
    working = _working(deadline)
    assert working[0] == "Starts Sep 1, 2026 (receipt of the award) + 30 days = Oct 1, 2026."
    assert working[1] == (
        "Oct 1, 2026 is not a working day in mainland China (National Day); the deadline rolls "
        "to the next working day, Oct 8, 2026."
    )
    assert "Oct 7, 2026" in working[2]
    assert working[-1] == str(post_award.ROLL_RULE_STEP)


def test_the_registrars_closures_in_china_count_as_holidays():
    registrar = make_user(Role.REGISTRAR)
    db.session.add(Closure(jurisdiction=Jurisdiction.CN, day=date(2026, 7, 1),
                           reason="Typhoon signal No. 8", created_by=registrar))
    db.session.flush()
    deadline = correction_deadline(date(2026, 6, 1))
    assert deadline.due == date(2026, 7, 2)
    assert "closure: Typhoon signal No. 8" in _working(deadline)[1]


def test_a_calendar_can_be_given():
    calendar = BusinessCalendar(Jurisdiction.CN, {date(2026, 7, 1): "SCIA closed"})
    assert correction_deadline(date(2026, 6, 1), calendar).due == date(2026, 7, 2)


def test_set_aside_six_months_for_an_award_made_before_1_march_2026():
    deadline = set_aside_deadline(date(2026, 2, 28), date(2026, 3, 2))
    assert deadline.kind == PostAwardKind.SET_ASIDE
    assert deadline.due == date(2026, 9, 2)
    assert deadline.rule is post_award.SET_ASIDE_RULE_BEFORE_REVISION
    assert deadline.starts.day == date(2026, 3, 2)
    assert _working(deadline)[0] == (
        "Starts Mar 2, 2026 (receipt of the award) + 6 months = Sep 2, 2026."
    )


def test_set_aside_three_months_for_an_award_made_on_or_after_1_march_2026():
    deadline = set_aside_deadline(date(2026, 3, 1), date(2026, 3, 3))
    assert deadline.due == date(2026, 6, 3)
    assert deadline.rule is post_award.SET_ASIDE_RULE
    assert _working(deadline)[0] == (
        "Starts Mar 3, 2026 (receipt of the award) + 3 months = Jun 3, 2026."
    )


def test_set_aside_counts_from_receipt_to_the_month_end_when_the_month_is_shorter():
    deadline = set_aside_deadline(date(2026, 3, 20), date(2026, 3, 31))
    assert deadline.due == date(2026, 6, 30)
    assert _working(deadline)[1] == (
        "That month has no day 31, so the period ends on the month's last day, Jun 30, 2026."
    )
    leap = set_aside_deadline(date(2027, 11, 20), date(2027, 11, 30))
    assert leap.due == date(2028, 2, 29)


def test_set_aside_clamped_to_a_sunday_month_end_then_rolled():
    deadline = set_aside_deadline(date(2026, 2, 27), date(2026, 8, 31))
    assert deadline.period_end == date(2027, 2, 28)
    assert deadline.due == date(2027, 3, 1)
    working = _working(deadline)
    assert "That month has no day 31" in working[1]
    assert "Feb 28, 2027 is not a working day in mainland China (weekend)" in working[2]


def test_an_award_cannot_be_received_before_it_was_made():
    with pytest.raises(InvalidInput, match="received before"):
        set_aside_deadline(date(2026, 3, 10), date(2026, 3, 9))


def test_enforcement_two_years_from_a_single_payment_date():
    deadline = enforcement_deadline_for_terms(with_obligation(LUMP_SUM), date(2026, 11, 29))
    assert deadline.kind == PostAwardKind.ENFORCEMENT
    assert deadline.starts.day == date(2026, 12, 15)
    assert deadline.starts.event is post_award.LAST_PERFORMANCE_DAY
    assert deadline.due == date(2028, 12, 15)
    assert deadline.rule is post_award.ENFORCEMENT_RULE
    assert _working(deadline)[0] == (
        "Starts Dec 15, 2026 (the last day of the performance period stated in the award) "
        "+ 2 years = Dec 15, 2028."
    )


def test_enforcement_two_years_from_the_last_instalment():
    deadline = enforcement_deadline_for_terms(with_obligation(INSTALMENTS), date(2026, 11, 29))
    assert deadline.starts.day == date(2027, 3, 31)
    assert deadline.starts.event is post_award.LAST_INSTALMENT
    assert deadline.period_end == date(2029, 3, 31)  # a Saturday
    assert deadline.due == date(2029, 4, 2)


def test_enforcement_counts_from_the_latest_obligation_of_all():
    # lump sum 15 Dec 2026, instalments to 31 Mar 2027, delivery 15 Feb 2027, act 31 Dec 2026
    deadline = enforcement_deadline_for_terms(VALID_TERMS, date(2026, 11, 29))
    assert deadline.starts.day == date(2027, 3, 31)
    assert deadline.starts.event is post_award.LAST_INSTALMENT


def test_enforcement_from_the_award_taking_effect_when_no_period_is_stated():
    terms = with_obligation(replace(LUMP_SUM, due_date=None))
    deadline = enforcement_deadline_for_terms(terms, date(2028, 2, 29))
    assert deadline.starts.day == date(2028, 2, 29)
    assert deadline.starts.event is post_award.AWARD_TAKES_EFFECT
    assert deadline.due == date(2030, 2, 28)
    assert "That month has no day 29" in _working(deadline)[1]


def test_enforcement_deadline_from_plain_dates():
    assert enforcement_deadline(None, date(2028, 2, 29)).due == date(2030, 2, 28)
    dated = enforcement_deadline(date(2026, 12, 15), date(2026, 11, 29))
    assert dated.due == date(2028, 12, 15)
    assert dated.starts.event is post_award.LAST_PERFORMANCE_DAY
    instalment = enforcement_deadline(date(2026, 12, 15), date(2026, 11, 29), instalments=True)
    assert instalment.starts.event is post_award.LAST_INSTALMENT
