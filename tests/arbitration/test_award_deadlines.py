"""The deadlines after a recorded award: set-aside before and after 1 March 2026, enforcement
from a single payment and from an instalment schedule (or from the award date after an
escalation), shown on the case page and the dashboards, and reminded of once before each."""

from __future__ import annotations

import io
from datetime import date

import pytest
import sqlalchemy as sa

from casework.arbitration.award import record_award
from casework.arbitration.award_deadlines import post_award_deadlines
from casework.arbitration.post_award import PostAwardKind
from casework.cases.models import CaseState
from casework.db import now_utc
from casework.deadlines.case_deadlines import DeadlineStatus, deadlines_for
from casework.deadlines.dashboard import dashboard_deadlines
from casework.deadlines.models import ReminderKind, ReminderSent
from casework.extensions import db
from casework.notifications.models import OutboxMessage
from tests.arbitration.award_helpers import (
    PDF,
    SCIA_REFERENCE,
    awarded_scene,
    in_arbitration_case,
    requested_scene,
)
from tests.settlement.samples import INSTALMENTS, LUMP_SUM, VALID_TERMS, with_obligation

pytestmark = pytest.mark.usefixtures("quick_password_hashes", "store_dir")


def _deadline(case, kind: PostAwardKind):
    return next(d for d in post_award_deadlines(case) if d.kind == kind)


def _record_through_the_page(client, login, scene, award_date: date, received_on: date):
    login(scene.registrar)
    response = client.post(f"/cases/{scene.case.id}/arbitration/award", data={
        "version": scene.case.version, "award_file": (io.BytesIO(PDF), "award.pdf"),
        "award_date": award_date.isoformat(), "received_on": received_on.isoformat(),
        "scia_reference": SCIA_REFERENCE,
    })
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    db.session.expire_all()
    assert scene.case.state == CaseState.AWARD_ISSUED


# Set-aside: 6 months for awards made before 1 March 2026, 3 months from then on ---------------


def test_an_award_made_on_28_february_2026_may_be_set_aside_within_6_months(client, login):
    scene = requested_scene()
    _record_through_the_page(client, login, scene, date(2026, 2, 28), date(2026, 3, 2))

    deadline = _deadline(scene.case, PostAwardKind.SET_ASIDE)

    assert deadline.starts.day == date(2026, 3, 2)
    assert deadline.period_end == deadline.due == date(2026, 9, 2)
    assert "made before 1 March 2026" in str(deadline.rule)
    assert "within 6 months of receiving it" in str(deadline.rule)
    assert str(deadline.working[0]) == (
        "Starts Mar 2, 2026 (receipt of the award) + 6 months = Sep 2, 2026.")


def test_an_award_made_on_1_march_2026_may_be_set_aside_within_3_months(client, login):
    scene = requested_scene()
    _record_through_the_page(client, login, scene, date(2026, 3, 1), date(2026, 3, 2))

    deadline = _deadline(scene.case, PostAwardKind.SET_ASIDE)

    assert deadline.starts.day == date(2026, 3, 2)
    assert deadline.period_end == deadline.due == date(2026, 6, 2)
    assert "made on or after 1 March 2026" in str(deadline.rule)
    assert "within 3 months of receiving it" in str(deadline.rule)


def test_the_correction_request_runs_30_days_from_receipt():
    scene = awarded_scene(date(2026, 9, 25), date(2026, 9, 28))

    deadline = _deadline(scene.case, PostAwardKind.CORRECTION)

    # 28 October is a Wednesday: no roll (the National Day holiday is earlier in October)
    assert (deadline.starts.day, deadline.due) == (date(2026, 9, 28), date(2026, 10, 28))


# Enforcement: 2 years from the last day of performance ---------------------------------------


def test_enforcement_runs_2_years_from_a_single_payment():
    scene = awarded_scene(date(2026, 11, 20), date(2026, 11, 23),
                          terms=with_obligation(LUMP_SUM))

    deadline = _deadline(scene.case, PostAwardKind.ENFORCEMENT)

    assert deadline.starts.day == LUMP_SUM.due_date == date(2026, 12, 15)
    assert "last day of the performance period" in str(deadline.starts.event)
    assert deadline.due == date(2028, 12, 15)


def test_enforcement_runs_2_years_from_the_last_instalment():
    scene = awarded_scene(date(2026, 11, 20), date(2026, 11, 23),
                          terms=with_obligation(INSTALMENTS))

    deadline = _deadline(scene.case, PostAwardKind.ENFORCEMENT)

    assert deadline.starts.day == INSTALMENTS.instalments[-1].due_date == date(2027, 3, 31)
    assert "last instalment" in str(deadline.starts.event)
    assert deadline.period_end == date(2029, 3, 31)  # a Saturday ...
    assert deadline.due == date(2029, 4, 2)  # ... so the next working day


def test_enforcement_after_an_escalated_arbitration_runs_from_the_award_date():
    case, registrar = in_arbitration_case()
    record_award(registrar, case, io.BytesIO(PDF), "award.pdf", award_date=date(2026, 6, 10),
                 received_on=date(2026, 6, 12), scia_reference=SCIA_REFERENCE,
                 expected_version=None)
    db.session.commit()

    deadline = _deadline(case, PostAwardKind.ENFORCEMENT)

    assert deadline.starts.day == date(2026, 6, 10)
    assert "states no performance period" in str(deadline.starts.event)
    assert deadline.due == date(2028, 6, 12)  # 10 June 2028 is a Saturday


def test_no_post_award_deadlines_before_the_award():
    scene = requested_scene()
    assert post_award_deadlines(scene.case) == []
    assert not [d for d in deadlines_for(scene.case) if d.key.startswith("post_award")]


# In the deadlines area: the case page, dashboards ------------------------------------------


def test_the_case_page_lists_the_post_award_deadlines_with_their_rules(client, login):
    scene = awarded_scene(date(2026, 11, 20), date(2026, 11, 23))
    login(scene.claimant)

    text = client.get(f"/cases/{scene.case.id}").get_data(as_text=True)

    for kind in ("correction", "set_aside", "enforcement"):
        assert f'data-deadline="post_award:{kind}" data-status="upcoming"' in text
    assert "Application to set the award aside" in text
    assert "Starts Mar 31, 2027 (the due date of the last instalment) + 2 years" in text
    assert "counted on mainland China&#39;s business calendar" in text
    assert "Each party" in text


def test_a_post_award_deadline_passes_rather_than_falls_overdue():
    scene = awarded_scene(date(2026, 11, 20), date(2026, 11, 23))
    statuses = {d.key: d.status for d in deadlines_for(scene.case, date(2026, 12, 24))}
    assert statuses["post_award:correction"] == DeadlineStatus.PASSED
    assert statuses["post_award:set_aside"] == DeadlineStatus.UPCOMING

    soon = dashboard_deadlines(scene.respondent, date(2026, 12, 20))
    later = dashboard_deadlines(scene.respondent, date(2026, 12, 24))

    assert [d.key for d in soon.upcoming] == ["post_award:correction"]
    assert (later.upcoming, later.overdue) == ([], [])
    assert [d.key for d in dashboard_deadlines(scene.registrar, date(2026, 12, 20)).upcoming] == [
        "post_award:correction"]


# Reminders ---------------------------------------------------------------------------------


def _remind(runner, today: str) -> str:
    result = runner.invoke(args=["casework", "remind", "--today", today])
    assert result.exit_code == 0, result.output
    return result.output


def _sent() -> list[tuple[str, int, ReminderKind]]:
    return [(r.deadline_key, r.recipient_id, r.kind)
            for r in db.session.scalars(sa.select(ReminderSent).order_by(ReminderSent.id))]


def test_a_reminder_goes_out_once_before_each_deadline(runner):
    scene = awarded_scene(date(2026, 11, 20), date(2026, 11, 23))
    people = sorted(user.id for user in (scene.claimant, scene.respondent, scene.registrar))
    expected = {
        "2026-12-20": "post_award:correction@2026-12-23",
        "2027-02-20": "post_award:set_aside@2027-02-23",
        "2029-03-30": "post_award:enforcement@2029-04-02",
    }

    for day, key in expected.items():
        output = _remind(runner, day)
        assert "3 reminder(s) queued." in output
        assert f"due_soon\t{key.split('@')[0]}\tdue {key.split('@')[1]}" in output
        assert "0 reminder(s) queued." in _remind(runner, day)  # never twice

    sent = _sent()
    assert sorted(sent) == sorted(
        (key, person, ReminderKind.DUE_SOON) for key in expected.values() for person in people)
    messages = list(db.session.scalars(sa.select(OutboxMessage).filter_by(
        kind="deadline_due_soon", recipient=scene.respondent.email).order_by(OutboxMessage.id)))
    assert [m.subject for m in messages] == [
        f"Reminder: Request to correct the award due on Dec 23, 2026 ({scene.case.reference})",
        f"Reminder: Application to set the award aside due on Feb 23, 2027 "
        f"({scene.case.reference})",
        f"Reminder: Application for enforcement in mainland China due on Apr 2, 2029 "
        f"({scene.case.reference})",
    ]
    assert "Whose deadline: Each party" in messages[0].body
    assert "Within 30 days of receiving the award" in messages[0].body
    assert "counted on mainland China's business calendar" in messages[0].body
    assert scene.mediator.email not in {m.recipient for m in db.session.scalars(
        sa.select(OutboxMessage).filter_by(kind="deadline_due_soon"))}


def test_on_the_day_once_more_and_never_after_it_passed(runner):
    scene = awarded_scene(date(2026, 11, 20), date(2026, 11, 23))

    assert "3 reminder(s) queued." in _remind(runner, "2026-12-23")
    assert "0 reminder(s) queued." in _remind(runner, "2026-12-23")
    assert "0 reminder(s) queued." in _remind(runner, "2026-12-24")

    assert {(key, kind) for key, _, kind in _sent()} == {
        ("post_award:correction@2026-12-23", ReminderKind.DUE_TODAY)}
    assert scene.case.state == CaseState.AWARD_ISSUED


def test_no_reminders_once_the_case_is_closed(runner):
    scene = awarded_scene(date(2026, 11, 20), date(2026, 11, 23), terms=VALID_TERMS)
    scene.case.state, scene.case.closed_at = CaseState.CLOSED, now_utc()
    db.session.commit()

    assert "0 reminder(s) queued." in _remind(runner, "2026-12-20")
