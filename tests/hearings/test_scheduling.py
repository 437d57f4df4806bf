"""Scheduling a hearing through its form: the assigned mediator only, while the mediator is
appointed or the mediation runs; times entered on the venue's clock; clashes are warnings."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from casework.accounts.models import Role
from casework.cases.models import CaseState, PartySide
from casework.errors import InvalidInput
from casework.extensions import db
from casework.hearings import operations
from casework.hearings.models import (
    Hearing,
    HearingKind,
    HearingParticipant,
    HearingRevision,
    HearingStatus,
    ParticipantRole,
)
from casework.notifications.models import OutboxMessage
from tests.factories import make_case, make_user
from tests.hearings.helpers import audit_actions, count, plan, recipients, schedule

NEXT_YEAR = date.today().year + 1


def form(case, **fields) -> dict:
    """A valid scheduling form: a joint session in Singapore next year, 10:00-12:00."""
    data = {
        "version": str(case.version),
        "kind": "joint_session",
        "private_side": "",
        "day": f"{NEXT_YEAR}-03-10",
        "start_time": "10:00",
        "end_time": "12:00",
        "venue_kind": "singapore",
        "venue_zone": "Asia/Singapore",
        "address": "Maxwell Chambers, 32 Maxwell Road",
        "meeting_link": "",
        "language": "bilingual",
        "interpretation": "",
    }
    data.update(fields)
    return data


def with_participants(data: dict, *users) -> dict:
    return {**data, "participants": [str(user.id) for user in users]}


def the_hearing() -> Hearing:
    return db.session.scalars(db.select(Hearing)).one()


def test_the_form_offers_every_party_representative_ticked(client, login, mediation):
    login(mediation.mediator)

    page = client.get(f"/cases/{mediation.case.id}/hearings/new")

    assert page.status_code == 200
    html = page.get_data(as_text=True)
    ticked = re.findall(r'<input checked id="participants-\d+" name="participants" '
                        r'type="checkbox" value="(\d+)">', html)
    assert sorted(ticked) == sorted(str(u.id) for u in (mediation.claimant, mediation.respondent))
    assert "Counsel Claimant (Claimant)" in html and "王伟 (Respondent)" in html


def test_mediator_schedules_a_joint_session_in_singapore(client, login, mediation):
    case = mediation.case
    login(mediation.mediator)
    version = case.version

    response = client.post(f"/cases/{case.id}/hearings/new", data=with_participants(
        form(case, interpretation="Mandarin interpreter for Mr Wang"),
        mediation.claimant, mediation.respondent))

    assert response.status_code == 302
    hearing = the_hearing()
    assert response.headers["Location"].endswith(f"/hearings/{hearing.id}")
    # 10:00 in Singapore (UTC+8) is 02:00 UTC
    assert hearing.starts_at == datetime(NEXT_YEAR, 3, 10, 2, 0, tzinfo=UTC)
    assert hearing.ends_at == datetime(NEXT_YEAR, 3, 10, 4, 0, tzinfo=UTC)
    assert hearing.venue_zone == "Asia/Singapore"
    assert hearing.status == HearingStatus.SCHEDULED
    assert hearing.sequence == 0 and hearing.uid.startswith("hearing-")
    assert hearing.interpretation == "Mandarin interpreter for Mr Wang"
    assert sorted((p.user_id, p.role) for p in hearing.participants) == sorted([
        (mediation.mediator.id, ParticipantRole.MEDIATOR),
        (mediation.claimant.id, ParticipantRole.CLAIMANT_REPRESENTATIVE),
        (mediation.respondent.id, ParticipantRole.RESPONDENT_REPRESENTATIVE),
    ])
    assert [r.kind.value for r in hearing.revisions] == ["scheduled"]
    db.session.refresh(case)
    assert case.version == version + 1 and case.state == CaseState.MEDIATOR_APPOINTED
    assert audit_actions(case)[-1] == "schedule_hearing"
    assert recipients("hearing_scheduled") == sorted(
        u.email for u in (mediation.mediator, mediation.claimant, mediation.respondent))


def test_times_are_entered_on_the_venue_clock_of_another_zone(client, login, mediation):
    login(mediation.mediator)

    client.post(f"/cases/{mediation.case.id}/hearings/new", data=form(
        mediation.case, venue_kind="online", venue_zone="Europe/London", address="",
        meeting_link="https://meet.example.com/simc-hearing", day=f"{NEXT_YEAR}-07-01"))

    hearing = the_hearing()
    # 10:00 British Summer Time is 09:00 UTC
    assert hearing.starts_at == datetime(NEXT_YEAR, 7, 1, 9, 0, tzinfo=UTC)
    assert hearing.meeting_link == "https://meet.example.com/simc-hearing"
    assert hearing.address == ""


def test_shenzhen_venue_always_uses_the_china_zone(client, login, mediation):
    login(mediation.mediator)

    client.post(f"/cases/{mediation.case.id}/hearings/new", data=form(
        mediation.case, venue_kind="shenzhen", venue_zone="Europe/London", address=""))

    hearing = the_hearing()
    assert hearing.venue_zone == "Asia/Shanghai"
    assert hearing.starts_at == datetime(NEXT_YEAR, 3, 10, 2, 0, tzinfo=UTC)


def test_unticked_people_are_not_invited(client, login, mediation):
    login(mediation.mediator)

    client.post(f"/cases/{mediation.case.id}/hearings/new",
                data=with_participants(form(mediation.case), mediation.claimant))

    assert sorted(p.user_id for p in the_hearing().participants) == sorted(
        [mediation.mediator.id, mediation.claimant.id])
    assert mediation.respondent.email not in recipients("hearing_scheduled")


def test_a_private_session_invites_only_its_side(client, login, mediation):
    login(mediation.mediator)

    client.post(f"/cases/{mediation.case.id}/hearings/new", data=with_participants(
        form(mediation.case, kind="private_session", private_side="respondent"),
        mediation.claimant, mediation.respondent))

    hearing = the_hearing()
    assert hearing.kind == HearingKind.PRIVATE_SESSION
    assert hearing.private_side == PartySide.RESPONDENT
    assert sorted(p.user_id for p in hearing.participants) == sorted(
        [mediation.mediator.id, mediation.respondent.id])


@pytest.mark.parametrize(("fields", "message"), [
    ({"day": ""}, "Date: Give the date."),
    ({"end_time": "09:00"}, "Ends at: The hearing must end after it starts."),
    ({"day": "2020-01-06"}, "Date: The hearing must start in the future."),
    ({"venue_kind": "other_address", "address": " "},
     "Address: Give the address of the venue."),
    ({"venue_kind": "online", "meeting_link": "http://meet.example.com/x"},
     "Meeting link: Give the meeting link, starting with https://."),
    ({"venue_kind": "online", "meeting_link": "javascript:alert(1)"},
     "Meeting link: Give the meeting link, starting with https://."),
    ({"venue_kind": "online", "venue_zone": "Mars/Olympus",
      "meeting_link": "https://meet.example.com/x"},
     "Time zone of the venue: Choose a known time zone."),
    ({"kind": "private_session"}, "Private session with: Choose the side of the private session."),
    ({"private_side": "claimant"}, "Private session with: Only a private session is with one side"),
    ({"venue_kind": "other_address", "address": "1 Canary Wharf, London",
      "venue_zone": "Europe/London", "day": f"{NEXT_YEAR}-03-28", "start_time": "01:30",
      "end_time": "03:00"},
     "Starts at: " + f"{NEXT_YEAR}-03-28 01:30 does not exist in Europe/London"),
])
def test_bad_input_is_named_and_nothing_is_stored(client, login, mediation, fields, message):
    login(mediation.mediator)
    if "28 01:30" in message and date(NEXT_YEAR, 3, 28).weekday() != 6:
        last_sunday = max(date(NEXT_YEAR, 3, d) for d in range(25, 32)
                          if date(NEXT_YEAR, 3, d).weekday() == 6)
        fields = {**fields, "day": last_sunday.isoformat()}
        message = f"Starts at: {last_sunday.isoformat()} 01:30 does not exist in Europe/London"

    response = client.post(f"/cases/{mediation.case.id}/hearings/new",
                           data=form(mediation.case, **fields))

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count(Hearing) == 0 and count(OutboxMessage) == 0 and count(HearingRevision) == 0


def test_a_clash_is_a_warning_the_mediator_may_confirm(client, login, mediation):
    case = mediation.case
    # the claimant's counsel already has a hearing then, in another case with another mediator
    other = make_case(CaseState.MEDIATOR_APPOINTED, claimant_org=case.claimant.organisation)
    taken = datetime(NEXT_YEAR, 3, 10, 3, 0, tzinfo=UTC)  # 11:00-13:00 in Singapore
    schedule(other, [mediation.claimant], plan(taken))
    login(mediation.mediator)

    warned = client.post(f"/cases/{case.id}/hearings/new",
                         data=with_participants(form(case), mediation.claimant))

    assert warned.status_code == 422
    page = warned.get_data(as_text=True)
    assert "Clashes with other hearings" in page
    assert "Counsel Claimant already has a hearing then" in page
    assert other.reference not in page  # another mediator's case stays private
    assert count(Hearing) == 1

    confirmed = client.post(f"/cases/{case.id}/hearings/new", data=with_participants(
        form(case, confirm_clashes="y"), mediation.claimant))

    assert confirmed.status_code == 302
    assert count(Hearing) == 2


def test_the_mediator_is_warned_of_a_double_booking(client, login, mediation):
    other = make_case(CaseState.IN_MEDIATION, mediator_id=mediation.mediator.id)
    taken = datetime(NEXT_YEAR, 3, 10, 1, 0, tzinfo=UTC)  # 09:00-11:00 in Singapore
    schedule(other, [], plan(taken))
    login(mediation.mediator)

    warned = client.post(f"/cases/{mediation.case.id}/hearings/new",
                         data=with_participants(form(mediation.case)))

    page = warned.get_data(as_text=True)
    assert warned.status_code == 422
    assert f"You already have a hearing then: Joint session, case {other.reference}" in page
    assert count(Hearing) == 1


def test_back_to_back_hearings_do_not_clash(client, login, mediation):
    other = make_case(CaseState.IN_MEDIATION, mediator_id=mediation.mediator.id)
    schedule(other, [], plan(datetime(NEXT_YEAR, 3, 10, 0, 0, tzinfo=UTC)))  # ends 02:00 UTC
    login(mediation.mediator)

    response = client.post(f"/cases/{mediation.case.id}/hearings/new",
                           data=form(mediation.case))

    assert response.status_code == 302


def test_only_the_assigned_mediator_may_schedule(client, login, mediation):
    for outsider in (mediation.claimant, mediation.registrar):
        login(outsider)
        assert client.get(f"/cases/{mediation.case.id}/hearings/new").status_code == 403
        assert client.post(f"/cases/{mediation.case.id}/hearings/new",
                           data=form(mediation.case)).status_code == 403
    login(make_user(Role.MEDIATOR))
    assert client.post(f"/cases/{mediation.case.id}/hearings/new",
                       data=form(mediation.case)).status_code == 403
    assert count(Hearing) == 0


@pytest.mark.parametrize("state", [CaseState.COMMENCED, CaseState.SETTLED])
def test_no_hearing_outside_the_mediation(client, login, state):
    mediator = make_user(Role.MEDIATOR)
    case = make_case(state, mediator_id=mediator.id)
    login(mediator)

    response = client.post(f"/cases/{case.id}/hearings/new", data=form(case))

    assert response.status_code == 409
    assert "is not possible while the case is" in response.get_data(as_text=True)
    assert count(Hearing) == 0


def test_a_stale_form_is_refused(client, login, mediation):
    login(mediation.mediator)
    data = form(mediation.case)
    mediation.case.mediator_attributes = "changed meanwhile"
    db.session.commit()

    response = client.post(f"/cases/{mediation.case.id}/hearings/new", data=data)

    assert response.status_code == 409
    assert count(Hearing) == 0 and count(HearingParticipant) == 0


def test_someone_outside_the_case_cannot_be_made_a_participant(client, login, mediation):
    stranger = make_user(Role.PARTY)
    login(mediation.mediator)

    client.post(f"/cases/{mediation.case.id}/hearings/new",
                data=with_participants(form(mediation.case), stranger, mediation.claimant))

    assert stranger.id not in [p.user_id for p in db.session.scalars(
        db.select(HearingParticipant))]


def test_the_case_page_lists_the_hearing_and_offers_scheduling(client, login, mediation):
    hearing = schedule(mediation.case, [mediation.claimant],
                       plan(datetime(NEXT_YEAR, 3, 10, 2, 0, tzinfo=UTC)))
    login(mediation.mediator)
    mediator_page = client.get(f"/cases/{mediation.case.id}").get_data(as_text=True)
    login(mediation.claimant)
    claimant_page = client.get(f"/cases/{mediation.case.id}").get_data(as_text=True)

    assert f"/cases/{mediation.case.id}/hearings/new" in mediator_page
    assert f"/hearings/{hearing.id}" in claimant_page
    assert f"/cases/{mediation.case.id}/hearings/new" not in claimant_page
    # the claimant's counsel is in London: 02:00 UTC in March is 02:00 GMT
    assert "02:00–04:00 GMT (Europe/London) — 10:00–12:00 in Singapore (Asia/Singapore)" in (
        claimant_page)


def test_scheduling_is_for_the_future_when_called_directly(mediation):
    with pytest.raises(InvalidInput):
        operations.schedule_hearing(
            mediation.mediator, mediation.case,
            plan(datetime.now(UTC) - timedelta(hours=1)), [],
            expected_version=mediation.case.version, now=datetime.now(UTC))
