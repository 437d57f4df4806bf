"""Business-day calendars of Singapore and mainland China, with the registrar's closures, and
the deadlines they move (real 2026 dates from the ``holidays`` package)."""

from datetime import UTC, date, datetime

import pytest

from casework.accounts.models import Role
from casework.cases.models import CaseState
from casework.deadlines.calendars import BusinessCalendar, calendar_for
from casework.deadlines.case_deadlines import deadlines_for, objection_deadlines
from casework.deadlines.closures import add_closure
from casework.deadlines.computation import compute_due
from casework.deadlines.rules import MEDIATION_WINDOW, REFERRAL_NOTICE, RESPONDENT_ANSWER
from casework.extensions import db
from casework.parties.models import Jurisdiction
from tests.deadlines.helpers import singapore_morning
from tests.factories import make_case, make_org, make_user

SG = BusinessCalendar(Jurisdiction.SG)
CN = BusinessCalendar(Jurisdiction.CN)


def respondent_answer_due(respondent_jurisdiction: Jurisdiction, submitted_on: date) -> date:
    case = make_case(CaseState.FILED, respondent_org=make_org(respondent_jurisdiction),
                     submitted_at=singapore_morning(submitted_on))
    (deadline,) = deadlines_for(case, today=submitted_on)
    assert deadline.rule is RESPONDENT_ANSWER
    return deadline.due


# The calendars ------------------------------------------------------------------------------


@pytest.mark.parametrize(("day", "working"), [
    (date(2026, 9, 30), True),  # Wednesday before National Day
    (date(2026, 10, 1), False),  # National Day
    (date(2026, 10, 4), False),  # Sunday inside the Golden Week
    (date(2026, 10, 7), False),  # day off, swapped with Saturday 10 October
    (date(2026, 10, 8), True),
    (date(2026, 10, 10), True),  # adjusted working Saturday (调休)
    (date(2026, 9, 20), True),  # adjusted working Sunday
    (date(2026, 10, 11), False),  # an ordinary Sunday
    (date(2026, 2, 14), True),  # adjusted working Saturday before the Spring Festival
    (date(2026, 2, 17), False),  # Spring Festival
])
def test_china_working_days(day, working):
    assert CN.is_working_day(day) is working


@pytest.mark.parametrize(("day", "working"), [
    (date(2026, 8, 10), False),  # National Day (observed), a Monday
    (date(2026, 10, 1), True),  # China's National Day is a working day in Singapore
    (date(2026, 10, 10), False),  # a Saturday: no adjusted working days in Singapore
    (date(2026, 11, 9), False),  # Deepavali (observed)
    (date(2026, 12, 24), True),
    (date(2026, 12, 25), False),  # Christmas Day
])
def test_singapore_working_days(day, working):
    assert SG.is_working_day(day) is working


def test_next_working_day_and_working_day_addition():
    assert CN.next_working_day(date(2026, 9, 30)) == date(2026, 10, 8)
    assert SG.next_working_day(date(2026, 9, 30)) == date(2026, 10, 1)
    assert SG.next_working_day(date(2026, 8, 7)) == date(2026, 8, 11)  # Fri -> weekend, holiday
    # Thursday + 4 working days over a weekend: Fri, Mon, Tue, Wed ...
    assert CN.add_working_days(date(2026, 11, 5), 4) == date(2026, 11, 11)
    # ... but in Singapore Monday 9 November is Deepavali (observed): Fri, Tue, Wed, Thu.
    assert SG.add_working_days(date(2026, 11, 5), 4) == date(2026, 11, 12)
    assert SG.add_working_days(date(2026, 11, 5), 0) == date(2026, 11, 5)


def test_other_jurisdictions_follow_singapores_calendar():
    assert calendar_for(Jurisdiction.OTHER).jurisdiction == Jurisdiction.SG
    assert calendar_for(Jurisdiction.CN).jurisdiction == Jurisdiction.CN


# The deadlines they move --------------------------------------------------------------------


def test_a_deadline_in_chinas_national_day_week_rolls_to_the_first_working_day_after_it():
    # submitted Thursday 17 September + 14 days = Thursday 1 October (National Day)
    assert respondent_answer_due(Jurisdiction.CN, date(2026, 9, 17)) == date(2026, 10, 8)
    # a Singapore respondent answers on 1 October itself
    assert respondent_answer_due(Jurisdiction.SG, date(2026, 9, 17)) == date(2026, 10, 1)


def test_a_chinese_adjusted_working_saturday_counts_as_a_working_day():
    # submitted Saturday 26 September + 14 days = Saturday 10 October, a working day in China
    assert respondent_answer_due(Jurisdiction.CN, date(2026, 9, 26)) == date(2026, 10, 10)
    # for a Singapore respondent that Saturday rolls to Monday
    assert respondent_answer_due(Jurisdiction.SG, date(2026, 9, 26)) == date(2026, 10, 12)


def test_a_singapore_public_holiday_rolls_a_singapore_partys_deadline_but_not_a_chinese_one():
    case = make_case(CaseState.COMMENCED, claimant_org=make_org(Jurisdiction.SG),
                     respondent_org=make_org(Jurisdiction.CN))
    # proposed Monday 3 August + 7 days = Monday 10 August, National Day (observed) in Singapore
    deadlines = objection_deadlines(case, singapore_morning(date(2026, 8, 3)))

    assert deadlines[case.claimant.side] == datetime(2026, 8, 11, 15, 59, 59, tzinfo=UTC)
    assert deadlines[case.respondent.side] == datetime(2026, 8, 10, 15, 59, 59, tzinfo=UTC)


def test_a_registrar_closure_moves_a_deadline():
    registrar = make_user(Role.REGISTRAR)
    case = make_case(CaseState.FILED, respondent_org=make_org(Jurisdiction.SG),
                     submitted_at=singapore_morning(date(2026, 11, 2)))
    assert deadlines_for(case, today=date(2026, 11, 2))[0].due == date(2026, 11, 16)

    add_closure(registrar, Jurisdiction.SG, date(2026, 11, 16), "Institution closure")
    add_closure(registrar, Jurisdiction.CN, date(2026, 11, 17), "Typhoon signal 8")
    db.session.commit()

    (deadline,) = deadlines_for(case, today=date(2026, 11, 2))
    assert deadline.due == date(2026, 11, 17)  # the Chinese closure does not matter here
    assert ("Nov 16, 2026 is not a working day in Singapore (closure: Institution closure); "
            "the deadline rolls to the next working day, Nov 17, 2026.") in [
        str(line) for line in deadline.working
    ]
    assert calendar_for(Jurisdiction.CN).is_working_day(date(2026, 11, 17)) is False


def test_a_closure_on_an_adjusted_working_saturday_closes_it():
    calendar = BusinessCalendar(Jurisdiction.CN, {date(2026, 10, 10): "Typhoon"})
    assert calendar.is_working_day(date(2026, 10, 10)) is False
    assert calendar.next_working_day(date(2026, 10, 9)) == date(2026, 10, 12)


def test_the_referral_notice_counts_four_working_days_on_chinas_calendar():
    # from Wednesday 30 September: 1-7 October are holidays; 8, 9, 10 (adjusted Saturday), 12
    due = compute_due(REFERRAL_NOTICE, date(2026, 9, 30), calendar_for(Jurisdiction.CN))
    assert due.due == date(2026, 10, 12)
    # over an ordinary weekend: Friday, Monday, Tuesday, Wednesday
    due = compute_due(REFERRAL_NOTICE, date(2026, 11, 5), calendar_for(Jurisdiction.CN))
    assert due.due == date(2026, 11, 11)


def test_the_mediation_window_is_eight_weeks_on_singapores_calendar():
    # commenced Monday 15 June + 8 weeks = Monday 10 August, a Singapore public holiday
    due = compute_due(MEDIATION_WINDOW, date(2026, 6, 15), calendar_for(Jurisdiction.CN))
    assert due.due == date(2026, 8, 10)  # a working day in China ...
    due = compute_due(MEDIATION_WINDOW, date(2026, 6, 15), calendar_for(Jurisdiction.SG))
    assert due.due == date(2026, 8, 11)  # ... but SIMC's calendar is Singapore's
