"""Attendance and outcome of hearings, the first session moving the case into mediation, the
mediator's private notes, and the result of the mediation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.cases.models import CaseState, MediationResult, PartySide
from casework.cases.registry import simc_today
from casework.db import now_utc
from casework.errors import InvalidInput
from casework.extensions import db
from casework.hearings import operations
from casework.hearings.ics import invitation_ics
from casework.hearings.models import (
    Attendance,
    HearingKind,
    HearingStatus,
    MediatorNote,
)
from casework.notifications.models import OutboxMessage
from tests.factories import make_case, make_user
from tests.hearings.helpers import audit_actions, count, outbox, plan, recipients, schedule

SECRET = "Bottom line of the claimant: SGD 180k (PRIVATE-NOTE-7731)"


def past_hearing(mediation, participants=None, **plan_fields):
    """A hearing that started three hours ago (scheduled the day before)."""
    started = now_utc().replace(microsecond=0) - timedelta(hours=3)
    people = [mediation.claimant, mediation.respondent] if participants is None else participants
    return schedule(mediation.case, people, plan(started, **plan_fields),
                    now=started - timedelta(days=1))


def outcome(hearing, attended, minutes="Both sides presented their positions.", notes=""):
    return {"version": str(hearing.case.version), "hearing_id": str(hearing.id),
            "attended": [str(u.id) for u in attended], "minutes": minutes,
            "private_notes": notes}


def test_the_first_session_held_moves_the_case_into_mediation(client, login, mediation):
    hearing = past_hearing(mediation)
    case = mediation.case
    login(mediation.mediator)

    page = client.get(f"/hearings/{hearing.id}/outcome")
    response = client.post(f"/hearings/{hearing.id}/outcome", data=outcome(
        hearing, [mediation.mediator, mediation.claimant], notes=SECRET))

    assert page.status_code == 200
    assert response.status_code == 302
    db.session.expire_all()
    assert case.state == CaseState.IN_MEDIATION
    assert hearing.status == HearingStatus.HELD
    assert {p.user_id: p.attendance for p in hearing.participants} == {
        mediation.mediator.id: Attendance.ATTENDED,
        mediation.claimant.id: Attendance.ATTENDED,
        mediation.respondent.id: Attendance.ABSENT,
    }
    assert hearing.minutes == "Both sides presented their positions."
    [note] = db.session.scalars(db.select(MediatorNote)).all()
    assert (note.text, note.hearing_id, note.author_id) == (SECRET, hearing.id,
                                                            mediation.mediator.id)
    assert audit_actions(case)[-3:] == ["hearing_held", "mediator_note_added",
                                        "hold_first_session"]
    assert sorted(recipients("hearing_first_session_held")) == sorted(
        [mediation.claimant.email, mediation.respondent.email, mediation.registrar.email])


def test_the_case_hearings_page_offers_the_first_session_form(client, login, mediation):
    hearing = past_hearing(mediation)
    login(mediation.mediator)

    page = client.get(f"/cases/{mediation.case.id}/hearings").get_data(as_text=True)
    response = client.post(f"/cases/{mediation.case.id}/hearings",
                           data=outcome(hearing, [mediation.claimant, mediation.respondent]))

    assert "Record the first session" in page
    assert f'name="hearing_id" type="hidden" value="{hearing.id}"' in page
    assert response.status_code == 302
    db.session.expire_all()
    assert mediation.case.state == CaseState.IN_MEDIATION
    assert "hold_first_session" in audit_actions(mediation.case)


def test_the_first_session_form_is_refused_once_in_mediation(client, login, mediation):
    first, second = past_hearing(mediation), past_hearing(mediation)
    operations.record_attendance_and_outcome(
        mediation.mediator, first, set(), "", expected_version=mediation.case.version,
        now=now_utc())
    db.session.commit()
    login(mediation.mediator)

    response = client.post(f"/cases/{mediation.case.id}/hearings",
                           data=outcome(second, [mediation.claimant]))

    assert response.status_code == 409
    db.session.expire_all()
    assert second.status == HearingStatus.SCHEDULED


def test_later_sessions_keep_the_case_in_mediation(client, login, mediation):
    first, second = past_hearing(mediation), past_hearing(mediation)
    login(mediation.mediator)
    client.post(f"/hearings/{first.id}/outcome", data=outcome(first, [mediation.claimant]))

    response = client.post(f"/hearings/{second.id}/outcome",
                           data=outcome(second, [mediation.respondent]))

    assert response.status_code == 302
    db.session.expire_all()
    assert mediation.case.state == CaseState.IN_MEDIATION
    assert audit_actions(mediation.case).count("hold_first_session") == 1


def test_an_outcome_cannot_be_recorded_before_the_hearing_starts(client, login, mediation):
    hearing = schedule(mediation.case, [mediation.claimant])
    login(mediation.mediator)

    response = client.post(f"/hearings/{hearing.id}/outcome",
                           data=outcome(hearing, [mediation.claimant]))

    assert response.status_code == 409
    assert "has not started yet" in response.get_data(as_text=True)
    db.session.expire_all()
    assert hearing.status == HearingStatus.SCHEDULED
    assert mediation.case.state == CaseState.MEDIATOR_APPOINTED


def test_a_cancelled_hearing_cannot_be_recorded_as_held(client, login, mediation):
    hearing = past_hearing(mediation)
    hearing.status, hearing.status_reason = HearingStatus.CANCELLED, "No room"
    db.session.commit()
    login(mediation.mediator)

    response = client.post(f"/hearings/{hearing.id}/outcome",
                           data=outcome(hearing, [mediation.claimant]))

    assert response.status_code == 409
    assert count(MediatorNote) == 0


def test_only_the_assigned_mediator_records_outcomes(client, login, mediation):
    hearing = past_hearing(mediation)
    other_mediator = make_user(Role.MEDIATOR)
    db.session.commit()
    for user in (mediation.claimant, mediation.registrar, other_mediator):
        login(user)
        assert client.get(f"/hearings/{hearing.id}/outcome").status_code == 403
        assert client.post(f"/hearings/{hearing.id}/outcome",
                           data=outcome(hearing, [user])).status_code == 403
        assert client.post(f"/cases/{mediation.case.id}/hearings",
                           data=outcome(hearing, [user])).status_code == 403
    db.session.expire_all()
    assert hearing.status == HearingStatus.SCHEDULED


def test_attendance_of_a_stranger_is_refused(client, login, mediation):
    hearing = past_hearing(mediation)
    stranger = make_user(Role.PARTY)
    db.session.commit()
    login(mediation.mediator)

    response = client.post(f"/hearings/{hearing.id}/outcome",
                           data=outcome(hearing, [stranger]))

    assert response.status_code == 422
    db.session.expire_all()
    assert hearing.status == HearingStatus.SCHEDULED


def test_private_notes_are_the_mediators_alone(client, login, mediation):
    hearing = past_hearing(mediation)
    operations.record_attendance_and_outcome(
        mediation.mediator, hearing, {mediation.claimant.id}, "Shared minutes here.", SECRET,
        expected_version=mediation.case.version, now=now_utc())
    db.session.commit()
    hearing_url = f"/hearings/{hearing.id}"

    login(mediation.mediator)
    assert SECRET in client.get(hearing_url).get_data(as_text=True)
    for viewer in (mediation.claimant, mediation.respondent, mediation.registrar):
        login(viewer)
        page = client.get(hearing_url).get_data(as_text=True)
        assert "Shared minutes here." in page
        assert SECRET not in page
        for url in (f"/cases/{mediation.case.id}", f"/cases/{mediation.case.id}/hearings",
                    "/", "/calendar"):
            assert SECRET not in client.get(url).get_data(as_text=True)
    assert all(SECRET not in m.body for m in db.session.scalars(db.select(OutboxMessage)))
    assert all(SECRET not in str(e.summary) + str(e.changes)
               for e in db.session.scalars(db.select(AuditEntry)))
    assert SECRET.encode() not in invitation_ics(hearing, stamp=now_utc(), locale="en")


def test_a_private_sessions_record_is_kept_from_the_other_side(client, login, mediation):
    hearing = past_hearing(mediation, [mediation.claimant], kind=HearingKind.PRIVATE_SESSION,
                           side=PartySide.CLAIMANT)
    operations.record_attendance_and_outcome(
        mediation.mediator, hearing, {mediation.claimant.id}, "Caucus: claimant's options.",
        expected_version=mediation.case.version, now=now_utc())
    db.session.commit()

    login(mediation.claimant)
    assert "Caucus: claimant&#39;s options." in client.get(
        f"/hearings/{hearing.id}").get_data(as_text=True)
    login(mediation.respondent)
    page = client.get(f"/hearings/{hearing.id}")
    assert page.status_code == 200
    assert "Caucus" not in page.get_data(as_text=True)
    assert "与申请人单方会谈" in page.get_data(as_text=True)  # read in Chinese
    assert client.get(f"/hearings/{hearing.id}/invitation.ics").status_code == 403


# The result of the mediation ----------------------------------------------------------------


@pytest.fixture()
def in_mediation(mediation):
    """The fixture's case with its first session held."""
    hearing = past_hearing(mediation)
    operations.record_attendance_and_outcome(
        mediation.mediator, hearing, {mediation.claimant.id}, "",
        expected_version=mediation.case.version, now=now_utc())
    db.session.commit()
    return mediation


def result_form(case, result, ended_on=None):
    return {"version": str(case.version), "result": result,
            "ended_on": (ended_on or simc_today()).isoformat()}


@pytest.mark.parametrize(("result", "state", "audit"), [
    ("settled_in_full", CaseState.SETTLED, "record_settlement"),
    ("settled_in_part", CaseState.SETTLED, "record_settlement"),
    ("impasse", CaseState.NOT_SETTLED, "record_impasse"),
])
def test_the_mediator_records_the_result(client, login, in_mediation, result, state, audit):
    case = in_mediation.case
    login(in_mediation.mediator)
    ended_on = simc_today() - timedelta(days=1)

    assert client.get(f"/cases/{case.id}/mediation-result").status_code == 200
    response = client.post(f"/cases/{case.id}/mediation-result",
                           data=result_form(case, result, ended_on))

    assert response.status_code == 302
    db.session.expire_all()
    assert case.state == state
    assert case.mediation_result == MediationResult(result)
    assert case.mediation_ended_on == ended_on
    assert audit_actions(case)[-1] == audit
    assert sorted(recipients("mediation_result_recorded")) == sorted(
        [in_mediation.claimant.email, in_mediation.respondent.email,
         in_mediation.registrar.email])


def test_recording_the_result_cancels_the_hearings_still_open(client, login, in_mediation):
    upcoming = schedule(in_mediation.case, [in_mediation.claimant])
    login(in_mediation.mediator)

    client.post(f"/cases/{in_mediation.case.id}/mediation-result",
                data=result_form(in_mediation.case, "settled_in_full"))

    db.session.expire_all()
    assert upcoming.status == HearingStatus.CANCELLED
    assert upcoming.status_reason == "The mediation has ended."
    assert in_mediation.claimant.email in recipients("hearing_cancelled")


@pytest.mark.parametrize(("ended_on", "message"), [
    (simc_today() + timedelta(days=1),
     "Date the mediation ended: The date the mediation ended cannot be in the future."),
    (date(2020, 1, 1), "Date the mediation ended: The mediation cannot end before it commenced"),
])
def test_a_bad_result_date_is_named_and_nothing_changes(client, login, in_mediation, ended_on,
                                                       message):
    case = in_mediation.case
    login(in_mediation.mediator)

    response = client.post(f"/cases/{case.id}/mediation-result",
                           data=result_form(case, "impasse", ended_on))

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert case.state == CaseState.IN_MEDIATION and case.mediation_result is None
    assert outbox("mediation_result_recorded") == []


def test_a_result_needs_the_mediation_under_way(client, login, mediation):
    login(mediation.mediator)

    response = client.post(f"/cases/{mediation.case.id}/mediation-result",
                           data=result_form(mediation.case, "impasse"))

    assert response.status_code == 409
    assert "Record that the mediation did not settle" in response.get_data(as_text=True)
    db.session.expire_all()
    assert mediation.case.state == CaseState.MEDIATOR_APPOINTED


def test_only_the_mediator_records_the_result(client, login, in_mediation):
    for user in (in_mediation.claimant, in_mediation.registrar):
        login(user)
        assert client.get(f"/cases/{in_mediation.case.id}/mediation-result").status_code == 403
        assert client.post(f"/cases/{in_mediation.case.id}/mediation-result",
                           data=result_form(in_mediation.case, "impasse")).status_code == 403
    db.session.expire_all()
    assert in_mediation.case.state == CaseState.IN_MEDIATION


def test_the_case_page_shows_the_result(client, login, in_mediation):
    operations.record_mediation_result(
        in_mediation.mediator, in_mediation.case, MediationResult.SETTLED_IN_PART, simc_today(),
        today=simc_today(), expected_version=in_mediation.case.version, now=now_utc())
    db.session.commit()
    login(in_mediation.respondent)

    page = client.get(f"/cases/{in_mediation.case.id}").get_data(as_text=True)

    assert "调解结果：部分和解" in page  # the respondent's representative reads Chinese


def test_window_expiry_is_not_the_mediators_result(in_mediation):
    with pytest.raises(InvalidInput):
        operations.record_mediation_result(
            in_mediation.mediator, in_mediation.case, MediationResult.WINDOW_EXPIRED,
            simc_today(), today=simc_today(), expected_version=in_mediation.case.version,
            now=now_utc())


def test_another_cases_mediator_cannot_record_here(client, login, in_mediation):
    other = make_case(CaseState.IN_MEDIATION, mediator_id=make_user(Role.MEDIATOR).id)
    login(other.mediator)
    assert other.mediator_id != in_mediation.mediator.id

    response = client.post(f"/cases/{in_mediation.case.id}/mediation-result",
                           data=result_form(in_mediation.case, "impasse"))

    assert response.status_code == 403
