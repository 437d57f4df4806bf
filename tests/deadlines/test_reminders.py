"""``flask --app app casework remind``: reminders through the outbox, never twice."""

from datetime import date

import pytest

from casework.accounts.models import Locale, Role
from casework.cases.models import CaseState, RespondentAnswer
from casework.deadlines.models import ReminderKind, ReminderSent, WindowExtension
from casework.deadlines.reminders import queue_reminders
from casework.extensions import db
from casework.parties.models import Jurisdiction
from tests.deadlines.helpers import outbox, singapore_morning
from tests.factories import make_case, make_org, make_user


@pytest.fixture()
def awaiting_answer():
    """A filed case whose Chinese respondent must answer by Thursday 8 October 2026, with one
    representative reading Chinese and one English."""
    case = make_case(CaseState.FILED, respondent_org=make_org(Jurisdiction.CN),
                     submitted_at=singapore_morning(date(2026, 9, 17)))
    chinese = make_user(Role.PARTY, organisation=case.respondent.organisation,
                        locale=Locale.ZH, email="li.na@example.cn")
    english = make_user(Role.PARTY, organisation=case.respondent.organisation,
                        email="counsel@example.com")
    db.session.commit()
    return case, chinese, english


def remind(runner, today: str):
    result = runner.invoke(args=["casework", "remind", "--today", today])
    assert result.exit_code == 0, result.output
    return result.output


def sent() -> list[tuple[str, str, ReminderKind]]:
    return [(r.deadline_key, r.recipient_id, r.kind) for r in db.session.scalars(
        db.select(ReminderSent).order_by(ReminderSent.id))]


def test_a_reminder_is_queued_once_in_the_recipients_language(runner, awaiting_answer):
    case, chinese, english = awaiting_answer

    output = remind(runner, "2026-10-06")

    messages = outbox("deadline_due_soon")
    assert [(m.recipient, m.locale) for m in messages] == [
        ("counsel@example.com", "en"), ("li.na@example.cn", "zh_Hans")]
    by_recipient = {m.recipient: m for m in messages}
    english_mail = by_recipient["counsel@example.com"]
    assert english_mail.subject == (
        f"Reminder: Respondent's answer to the Request for Mediation due on Oct 8, 2026 "
        f"({case.reference})")
    assert "is due in 2 days" in english_mail.body
    assert "Thursday, October 8, 2026" in english_mail.body
    assert "rolls to the next working day, Oct 8, 2026" in english_mail.body
    chinese_mail = by_recipient["li.na@example.cn"]
    assert "2026年10月8日" in chinese_mail.subject
    assert "国庆节" in chinese_mail.body
    assert f"{case.reference}\tdue_soon\trespondent_answer\tdue 2026-10-08" in output
    assert "2 reminder(s) queued." in output

    # the next day, and again the same day: nothing new
    assert "0 reminder(s) queued." in remind(runner, "2026-10-07")
    assert "0 reminder(s) queued." in remind(runner, "2026-10-06")
    assert len(outbox("deadline_due_soon")) == 2


def test_on_the_day_a_second_reminder_and_only_one(runner, awaiting_answer):
    case, chinese, english = awaiting_answer
    remind(runner, "2026-10-06")

    output = remind(runner, "2026-10-08")
    remind(runner, "2026-10-08")

    assert sorted(m.recipient for m in outbox("deadline_due_today")) == [
        "counsel@example.com", "li.na@example.cn"]
    assert "due_today" in output
    assert sorted((key, kind) for key, _, kind in sent()) == sorted(
        [("respondent_answer@2026-10-08", ReminderKind.DUE_SOON)] * 2
        + [("respondent_answer@2026-10-08", ReminderKind.DUE_TODAY)] * 2)


def test_no_reminder_too_early_after_the_day_or_once_answered(runner, awaiting_answer):
    case, _, _ = awaiting_answer
    assert "0 reminder(s) queued." in remind(runner, "2026-10-01")  # 7 days ahead
    assert "0 reminder(s) queued." in remind(runner, "2026-10-09")  # overdue: no reminder

    case.state = CaseState.AWAITING_RESPONDENT
    case.respondent_answer = RespondentAnswer.AGREE
    case.respondent_answered_on = date(2026, 10, 2)
    db.session.commit()
    assert "0 reminder(s) queued." in remind(runner, "2026-10-06")


def test_the_reminder_period_is_configurable(app, runner, awaiting_answer):
    app.config["REMINDER_DAYS"] = 7
    try:
        remind(runner, "2026-10-01")
    finally:
        app.config["REMINDER_DAYS"] = 3
    assert len(outbox("deadline_due_soon")) == 2


def test_an_expired_window_prompts_the_registrars_once(runner):
    registrar = make_user(Role.REGISTRAR, locale=Locale.ZH)
    mediator = make_user(Role.MEDIATOR)
    # commenced 15 June: eight weeks end on 10 August, a Singapore holiday, so on 11 August
    case = make_case(CaseState.MEDIATOR_APPOINTED, mediator=mediator, registrar=registrar,
                     commencement_date=date(2026, 6, 15))
    db.session.commit()

    soon = remind(runner, "2026-08-08")
    assert sorted(m.recipient for m in outbox("deadline_due_soon")) == sorted(
        [registrar.email, mediator.email])
    on_the_day = remind(runner, "2026-08-11")
    expired = remind(runner, "2026-08-12")
    again = remind(runner, "2026-08-13")

    assert "due_soon" in soon and "due_today" in on_the_day
    assert sorted(m.recipient for m in outbox("deadline_due_today")) == sorted(
        [registrar.email, mediator.email])
    assert [m.recipient for m in outbox("mediation_window_expired")] == [registrar.email]
    message = outbox("mediation_window_expired")[0]
    assert message.locale == "zh_Hans" and "2026年8月11日" in message.body
    assert f"/cases/{case.id}/mediation-window/extend" in message.body
    assert f"/cases/{case.id}/mediation-window/end" in message.body
    assert "window_expired" in expired
    assert "0 reminder(s) queued." in again


def test_an_extended_window_is_reminded_of_again(runner, registrar):
    case = make_case(CaseState.MEDIATOR_APPOINTED, registrar=registrar,
                     commencement_date=date(2026, 6, 15))
    remind(runner, "2026-08-12")
    db.session.add(WindowExtension(case=case, previous_end=date(2026, 8, 11),
                                   new_end=date(2026, 9, 1), reason="Close to settling",
                                   extended_by=registrar))
    db.session.commit()

    remind(runner, "2026-09-02")

    assert [m.recipient for m in outbox("mediation_window_expired")] == [registrar.email] * 2


def test_closed_cases_are_not_reminded_of(runner, awaiting_answer):
    case, _, _ = awaiting_answer
    case.state = CaseState.WITHDRAWN
    db.session.commit()

    assert queue_reminders(date(2026, 10, 8)) == []
