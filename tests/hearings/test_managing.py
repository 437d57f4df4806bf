"""Rescheduling (history kept and shown), adjourning and cancelling hearings, with reasons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from casework.accounts.models import Role
from casework.cases.models import CaseState, PartySide
from casework.db import now_utc
from casework.extensions import db
from casework.hearings import operations
from casework.hearings.models import (
    HearingKind,
    HearingRevision,
    HearingStatus,
    RevisionKind,
    VenueKind,
)
from tests.factories import make_case, make_user
from tests.hearings.helpers import audit_actions, count, plan, recipients, schedule

AT = datetime(2027, 3, 10, 2, 0, tzinfo=UTC)  # 10:00-12:00 in Singapore


def reschedule_form(hearing, **fields) -> dict:
    data = {"version": str(hearing.case.version), "day": "2027-03-12", "start_time": "14:00",
            "end_time": "17:00", "venue_kind": "shenzhen", "venue_zone": "Asia/Shanghai",
            "address": "SCIA, Shenzhen", "meeting_link": "",
            "reason": "The respondent's witness is travelling."}
    data.update(fields)
    return data


def test_the_reschedule_form_is_prefilled_on_the_venue_clock(client, login, mediation):
    hearing = schedule(mediation.case, [mediation.claimant], plan(AT))
    login(mediation.mediator)

    page = client.get(f"/hearings/{hearing.id}/reschedule").get_data(as_text=True)

    assert 'value="2027-03-10"' in page and 'value="10:00"' in page and 'value="12:00"' in page


def test_rescheduling_keeps_the_history_and_shows_it(client, login, mediation):
    hearing = schedule(mediation.case, [mediation.claimant], plan(AT))
    uid = hearing.uid
    login(mediation.mediator)

    response = client.post(f"/hearings/{hearing.id}/reschedule", data=reschedule_form(hearing))

    assert response.status_code == 302
    db.session.expire_all()
    assert hearing.uid == uid and hearing.sequence == 1
    assert hearing.starts_at == datetime(2027, 3, 12, 6, 0, tzinfo=UTC)
    assert hearing.venue_zone == "Asia/Shanghai"
    revision = hearing.revisions[-1]
    assert revision.kind == RevisionKind.RESCHEDULED
    assert (revision.old_starts_at, revision.old_ends_at) == (AT, AT + timedelta(hours=2))
    assert (revision.old_venue_kind.value, revision.old_venue_zone, revision.old_location) == (
        "singapore", "Asia/Singapore", "Maxwell Chambers, 32 Maxwell Road")
    assert (revision.new_venue_kind.value, revision.new_venue_zone, revision.new_location) == (
        "shenzhen", "Asia/Shanghai", "SCIA, Shenzhen")
    assert revision.actor_id == mediation.mediator.id
    assert revision.reason == "The respondent's witness is travelling."
    assert audit_actions(mediation.case)[-1] == "reschedule_hearing"
    assert recipients("hearing_rescheduled") == sorted(
        [mediation.mediator.email, mediation.claimant.email])

    login(mediation.claimant)  # in London
    page = client.get(f"/hearings/{hearing.id}").get_data(as_text=True)
    assert ("From Wed, Mar 10, 2027, 02:00–04:00 GMT (Europe/London) to "
            "Fri, Mar 12, 2027, 06:00–09:00 GMT (Europe/London)") in page
    assert "The respondent&#39;s witness is travelling." in page
    assert ("Venue: from Singapore (Asia/Singapore): Maxwell Chambers, 32 Maxwell Road to "
            "Shenzhen (Asia/Shanghai): SCIA, Shenzhen") in page


def test_rescheduling_needs_a_reason(client, login, mediation):
    hearing = schedule(mediation.case, [mediation.claimant], plan(AT))
    login(mediation.mediator)

    response = client.post(f"/hearings/{hearing.id}/reschedule",
                           data=reschedule_form(hearing, reason="  "))

    assert response.status_code == 422
    assert "Reason for rescheduling: Give the reason for rescheduling." in response.get_data(
        as_text=True)
    db.session.expire_all()
    assert hearing.starts_at == AT and hearing.sequence == 0
    assert count(HearingRevision) == 1 and recipients("hearing_rescheduled") == []


def test_rescheduling_warns_of_a_clash_but_not_with_itself(client, login, mediation):
    hearing = schedule(mediation.case, [mediation.claimant], plan(AT))
    login(mediation.mediator)

    # the same slot again: no clash with itself
    same = client.post(f"/hearings/{hearing.id}/reschedule", data=reschedule_form(
        hearing, day="2027-03-10", start_time="11:00", end_time="12:30",
        venue_kind="singapore"))
    assert same.status_code == 302

    other = schedule(mediation.case, [mediation.claimant],
                     plan(datetime(2027, 3, 12, 6, 0, tzinfo=UTC)))
    warned = client.post(f"/hearings/{hearing.id}/reschedule", data=reschedule_form(hearing))
    assert warned.status_code == 422
    assert "You already have a hearing then" in warned.get_data(as_text=True)
    confirmed = client.post(f"/hearings/{hearing.id}/reschedule",
                            data=reschedule_form(hearing, confirm_clashes="y"))
    assert confirmed.status_code == 302
    assert other.status == HearingStatus.SCHEDULED


@pytest.mark.parametrize(("path", "status", "kind", "audit"), [
    ("adjourn", HearingStatus.ADJOURNED, RevisionKind.ADJOURNED, "adjourn_hearing"),
    ("cancel", HearingStatus.CANCELLED, RevisionKind.CANCELLED, "cancel_hearing"),
])
def test_adjourning_and_cancelling_with_a_reason(client, login, mediation, path, status, kind,
                                                 audit):
    hearing = schedule(mediation.case, [mediation.claimant], plan(AT))
    login(mediation.mediator)

    refused = client.post(f"/hearings/{hearing.id}/{path}",
                          data={"version": str(mediation.case.version), "reason": ""})
    assert refused.status_code == 422
    assert "Give the reason for the" in refused.get_data(as_text=True)

    response = client.post(f"/hearings/{hearing.id}/{path}",
                           data={"version": str(mediation.case.version),
                                 "reason": "The parties asked for time to exchange offers."})

    assert response.status_code == 302
    db.session.expire_all()
    assert hearing.status == status and hearing.sequence == 1
    assert hearing.status_reason == "The parties asked for time to exchange offers."
    assert hearing.revisions[-1].kind == kind
    assert audit_actions(mediation.case)[-1] == audit
    page = client.get(f"/hearings/{hearing.id}").get_data(as_text=True)
    assert "The parties asked for time to exchange offers." in page


def test_a_cancelled_hearing_cannot_be_changed_again(client, login, mediation):
    hearing = schedule(mediation.case, [mediation.claimant], plan(AT))
    hearing.status, hearing.status_reason = HearingStatus.CANCELLED, "Settled"
    db.session.commit()
    login(mediation.mediator)

    for path, data in (("cancel", {"reason": "again"}), ("adjourn", {"reason": "again"}),
                       ("reschedule", reschedule_form(hearing))):
        data = {**data, "version": str(mediation.case.version)}
        assert client.post(f"/hearings/{hearing.id}/{path}", data=data).status_code == 409
    db.session.expire_all()
    assert hearing.sequence == 0


def test_only_the_assigned_mediator_manages_a_hearing(client, login, mediation):
    hearing = schedule(mediation.case, [mediation.claimant], plan(AT))
    stranger = make_user(Role.MEDIATOR)
    db.session.commit()
    for user in (mediation.claimant, mediation.respondent, mediation.registrar, stranger):
        login(user)
        for path in ("reschedule", "adjourn", "cancel", "outcome"):
            assert client.get(f"/hearings/{hearing.id}/{path}").status_code == 403, (user, path)
            assert client.post(f"/hearings/{hearing.id}/{path}", data={
                "version": str(mediation.case.version), "reason": "x"}).status_code == 403
    db.session.expire_all()
    assert hearing.status == HearingStatus.SCHEDULED and hearing.sequence == 0


def test_hearings_of_a_settled_case_are_read_only(client, login):
    mediator = make_user(Role.MEDIATOR)
    case = make_case(CaseState.IN_MEDIATION, mediator_id=mediator.id)
    hearing = schedule(case, [], plan(AT))
    case.state = CaseState.SETTLED
    db.session.commit()
    login(mediator)

    assert client.get(f"/hearings/{hearing.id}").status_code == 200
    assert client.get(f"/hearings/{hearing.id}/cancel").status_code == 409


def test_strangers_cannot_see_a_hearing(client, login, mediation):
    hearing = schedule(mediation.case, [mediation.claimant], plan(AT))
    outsider = make_case(CaseState.FILED).created_by
    login(outsider)

    assert client.get(f"/hearings/{hearing.id}").status_code == 403
    assert client.get(f"/hearings/{hearing.id}/invitation.ics").status_code == 403
    assert client.get(f"/cases/{mediation.case.id}/hearings").status_code == 403
    assert client.get("/hearings/999999").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, mediation):
    hearing = schedule(mediation.case, [mediation.claimant], plan(AT))

    response = client.get(f"/hearings/{hearing.id}")

    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_other_side_never_sees_a_private_sessions_meeting_link(client, login, mediation):
    first = operations.Venue(VenueKind.ONLINE, "Asia/Singapore", "", "https://meet.example/c-1")
    second = operations.Venue(VenueKind.ONLINE, "Asia/Singapore", "", "https://meet.example/c-2")
    hearing = schedule(mediation.case, [mediation.claimant], plan(
        AT, kind=HearingKind.PRIVATE_SESSION, side=PartySide.CLAIMANT, venue=first))
    operations.reschedule_hearing(
        mediation.mediator, hearing, AT + timedelta(days=1), AT + timedelta(days=1, hours=1),
        second, "New room.", expected_version=mediation.case.version, now=now_utc())
    db.session.commit()

    login(mediation.claimant)
    own_side = client.get(f"/hearings/{hearing.id}").get_data(as_text=True)
    assert "https://meet.example/c-1" in own_side and "https://meet.example/c-2" in own_side
    login(mediation.respondent)
    for url in (f"/hearings/{hearing.id}", f"/cases/{mediation.case.id}",
                f"/cases/{mediation.case.id}/hearings"):
        page = client.get(url).get_data(as_text=True)
        assert "meet.example" not in page, url
    assert "与申请人单方会谈" in page  # the respondent's representative reads Chinese
