"""The deadline rules as data, their configurable lengths and the written-out computation."""

from datetime import date

import pytest
from flask_babel import force_locale

from casework.config import load_config
from casework.deadlines.calendars import BusinessCalendar
from casework.deadlines.computation import compute_due
from casework.deadlines.rules import (
    MEDIATION_WINDOW,
    MEDIATOR_OBJECTION,
    REFERRAL_NOTICE,
    RESPONDENT_ANSWER,
    RULES,
    Addressee,
    StartEvent,
    Unit,
)
from casework.parties.models import Jurisdiction

CN = BusinessCalendar(Jurisdiction.CN)
SG = BusinessCalendar(Jurisdiction.SG)


def test_the_default_rules():
    table = {
        rule.key: (rule.start_event, rule.length, rule.unit, rule.addressee) for rule in RULES
    }
    assert table == {
        "respondent_answer": (
            StartEvent.SUBMISSION, 14, Unit.CALENDAR_DAYS, Addressee.RESPONDENT),
        "mediator_objection": (
            StartEvent.MEDIATOR_PROPOSAL, 7, Unit.CALENDAR_DAYS, Addressee.EACH_PARTY),
        "mediation_window": (StartEvent.COMMENCEMENT, 8, Unit.WEEKS, Addressee.REGISTRY),
        "referral_notice": (
            StartEvent.ESCALATION, 4, Unit.WORKING_DAYS, Addressee.OTHER_INSTITUTION),
    }


def test_lengths_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("CASEWORK_RESPONDENT_ANSWER_DAYS", "21")
    monkeypatch.setenv("CASEWORK_MEDIATION_WINDOW_WEEKS", "12")
    monkeypatch.setenv("CASEWORK_REFERRAL_NOTICE_WORKING_DAYS", "5")
    monkeypatch.setenv("CASEWORK_REMINDER_DAYS", "2")
    config = load_config()
    assert (config["RESPONDENT_ANSWER_DAYS"], config["MEDIATION_WINDOW_WEEKS"],
            config["REFERRAL_NOTICE_WORKING_DAYS"], config["REMINDER_DAYS"]) == (21, 12, 5, 2)


@pytest.fixture()
def config(app):
    saved = dict(app.config)
    yield app.config
    app.config.clear()
    app.config.update(saved)


def test_a_configured_length_changes_the_rule_and_its_explanation(config):
    config["MEDIATION_WINDOW_WEEKS"] = 10
    assert MEDIATION_WINDOW.length == 10
    assert MEDIATION_WINDOW.explain().startswith(
        "The mediation must finish within 10 weeks of the mediation commencement date")
    # commenced Monday 1 June + 10 weeks = Monday 10 August (Singapore holiday) -> 11 August
    assert compute_due(MEDIATION_WINDOW, date(2026, 6, 1), SG).due == date(2026, 8, 11)


def test_rule_explanations_in_plain_language():
    assert RESPONDENT_ANSWER.explain() == (
        "The respondent has 14 days from the submission of the Request for Mediation to agree "
        "or decline to mediate, counted on the business calendar of the respondent's "
        "jurisdiction.")
    assert "within 7 days of the proposal" in MEDIATOR_OBJECTION.explain()
    assert "within 8 weeks of the mediation commencement date" in MEDIATION_WINDOW.explain()
    assert "within 4 working days, counted on mainland China's" in REFERRAL_NOTICE.explain()


def test_the_computation_is_written_out_step_by_step():
    due = compute_due(RESPONDENT_ANSWER, date(2026, 9, 17), CN)

    assert [str(line) for line in due.working] == [
        "Starts Sep 17, 2026 (submission of the Request for Mediation) + 14 days = "
        "Oct 1, 2026.",
        "Oct 1, 2026 is not a working day in mainland China (National Day); the deadline "
        "rolls to the next working day, Oct 8, 2026.",
        "Also not working days there: Oct 2, 2026 (National Day); Oct 3, 2026 (National Day); "
        "Oct 4, 2026 (weekend); Oct 5, 2026 (National Day (observed)); "
        "Oct 6, 2026 (Day off (substituted from 09/20/2026)); "
        "Oct 7, 2026 (Day off (substituted from 10/10/2026)).",
    ]


def test_an_adjusted_working_day_and_a_plain_working_day_are_named():
    adjusted = compute_due(RESPONDENT_ANSWER, date(2026, 9, 26), CN)
    plain = compute_due(RESPONDENT_ANSWER, date(2026, 9, 28), SG)

    assert str(adjusted.working[-1]) == (
        "Oct 10, 2026 is a weekend day but a working day in mainland China (an adjusted "
        "working day).")
    assert str(plain.working[-1]) == "Oct 12, 2026 is a working day in Singapore."


def test_working_days_name_the_days_not_counted():
    due = compute_due(REFERRAL_NOTICE, date(2026, 11, 5), SG)

    assert [str(line) for line in due.working] == [
        "Starts Nov 5, 2026 (escalation to SCIA) + 4 working days in Singapore = Nov 12, 2026.",
        "Not counted, as not working days in Singapore: Nov 7, 2026 (weekend); "
        "Nov 8, 2026 (Deepavali); Nov 9, 2026 (Deepavali (observed)).",
    ]


def test_the_steps_read_in_the_language_they_are_shown_in():
    due = compute_due(RESPONDENT_ANSWER, date(2026, 9, 17), CN)

    with force_locale("zh_Hans"):
        shown = [str(line) for line in due.working]

    assert "2026年10月1日" in shown[1] and "国庆节" in shown[1] and "2026年10月8日" in shown[1]
    assert "休息日（由 2026-09-20 调休）" in shown[2]
