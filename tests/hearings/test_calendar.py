"""The calendar page, the dashboards' upcoming hearings, and the personal calendar feed (a
secret, revocable address)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from icalendar import Calendar

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.cases.models import CaseState, PartySide
from casework.db import now_utc
from casework.extensions import db
from casework.hearings import operations
from casework.hearings.models import CalendarFeedToken, HearingKind, VenueKind
from tests.factories import make_case, make_user
from tests.hearings.helpers import plan, schedule

AT = datetime(2027, 3, 10, 2, 0, tzinfo=UTC)
SECRET = "PRIVATE-NOTE-4412"


def feed_url(page_html: str) -> str:
    [url] = re.findall(r'<code class="feed-url">([^<]+)</code>', page_html)
    return url


def create_feed(client) -> str:
    response = client.post("/calendar/feed")
    assert response.status_code == 200
    return feed_url(response.get_data(as_text=True)).replace("http://localhost", "")


def events(data: bytes) -> dict:
    return {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def test_the_feed_lists_the_users_hearings_and_stops_when_revoked(client, login, mediation):
    joint = schedule(mediation.case, [mediation.claimant, mediation.respondent], plan(AT))
    mine_too = schedule(mediation.case, [mediation.claimant], plan(AT + timedelta(days=1)))
    not_mine = schedule(mediation.case, [mediation.respondent], plan(AT + timedelta(days=2)))
    operations.cancel_hearing(mediation.mediator, mine_too, "No longer needed.",
                              expected_version=mediation.case.version, now=now_utc())
    db.session.commit()
    login(mediation.claimant)

    path = create_feed(client)
    client.post("/logout")
    response = client.get(path)  # calendar programs do not sign in

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    found = events(response.data)
    assert set(found) == {joint.uid, mine_too.uid}
    assert not_mine.uid not in found
    assert str(found[joint.uid]["STATUS"]) == "CONFIRMED"
    assert str(found[mine_too.uid]["STATUS"]) == "CANCELLED"
    assert found[joint.uid]["DTSTART"].params["TZID"] == "Asia/Singapore"
    assert found[joint.uid].decoded("DTSTART") == AT
    assert "calendar_feed_created" in db.session.scalars(db.select(AuditEntry.action)).all()

    login(mediation.claimant)
    assert client.post("/calendar/feed/revoke").status_code == 302
    assert client.get(path).status_code == 404


def test_regenerating_the_address_retires_the_old_one(client, login, mediation):
    schedule(mediation.case, [mediation.claimant], plan(AT))
    login(mediation.claimant)
    first = create_feed(client)

    second = create_feed(client)

    assert first != second
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    tokens = db.session.scalars(db.select(CalendarFeedToken)).all()
    assert sorted(t.revoked_at is None for t in tokens) == [False, True]


def test_only_the_tokens_hash_is_stored(client, login, mediation):
    login(mediation.claimant)
    path = create_feed(client)
    token = path.rsplit("/", 1)[1].removesuffix(".ics")

    [stored] = db.session.scalars(db.select(CalendarFeedToken)).all()

    assert stored.token_hash == operations.feed_token_hash(token) != token
    assert len(token) >= 43


def test_an_unknown_token_is_not_found(client):
    assert client.get("/calendar/feed/not-a-real-token.ics").status_code == 404


def test_a_deactivated_users_feed_stops(client, login, mediation):
    login(mediation.claimant)
    path = create_feed(client)
    mediation.claimant.active = False
    db.session.commit()

    assert client.get(path).status_code == 404


def test_revoking_without_an_address_is_refused(client, login, mediation):
    login(mediation.claimant)

    assert client.post("/calendar/feed/revoke").status_code == 409


def test_the_mediators_feed_holds_every_hearing_they_mediate_without_notes(client, login,
                                                                          mediation):
    started = now_utc().replace(microsecond=0) - timedelta(hours=3)
    held = schedule(mediation.case, [mediation.claimant], plan(started),
                    now=started - timedelta(days=1))
    operations.record_attendance_and_outcome(
        mediation.mediator, held, {mediation.claimant.id}, "MINUTES-9921", SECRET,
        expected_version=mediation.case.version, now=now_utc())
    caucus = schedule(mediation.case, [mediation.respondent], plan(
        AT, kind=HearingKind.PRIVATE_SESSION, side=PartySide.RESPONDENT))
    db.session.commit()
    login(mediation.mediator)

    data = client.get(create_feed(client)).data

    assert set(events(data)) == {held.uid, caucus.uid}
    assert SECRET.encode() not in data and b"MINUTES-9921" not in data


def test_the_feed_hides_a_meeting_link_from_those_not_in_the_session(client, login,
                                                                    mediation):
    venue = operations.Venue(VenueKind.ONLINE, "Asia/Singapore", "",
                             "https://meet.example.com/caucus-claimant")
    caucus = schedule(mediation.case, [mediation.claimant], plan(
        AT, kind=HearingKind.PRIVATE_SESSION, side=PartySide.CLAIMANT, venue=venue))
    login(mediation.claimant)

    data = client.get(create_feed(client)).data

    assert b"https://meet.example.com/caucus-claimant" in data
    assert str(events(data)[caucus.uid]["URL"]) == venue.meeting_link


def test_the_calendar_page_lists_upcoming_hearings_across_cases(client, login, mediation):
    other = make_case(CaseState.IN_MEDIATION, mediator_id=mediation.mediator.id)
    here = schedule(mediation.case, [mediation.claimant], plan(AT))
    there = schedule(other, [], plan(AT + timedelta(days=3)))
    finished = schedule(mediation.case, [], plan(now_utc() - timedelta(hours=5)),
                        now=now_utc() - timedelta(days=2))
    login(mediation.mediator)

    page = client.get("/calendar").get_data(as_text=True)

    assert f"/hearings/{here.id}" in page and f"/hearings/{there.id}" in page
    assert f"/hearings/{finished.id}\"" not in page
    assert other.reference in page and mediation.case.reference in page
    assert page.index(f"/hearings/{here.id}\"") < page.index(f"/hearings/{there.id}\"")


def test_a_partys_dashboard_shows_their_hearings_in_their_zone(client, login, mediation):
    hearing = schedule(mediation.case, [mediation.claimant], plan(AT))
    login(mediation.claimant)

    page = client.get("/").get_data(as_text=True)

    assert f"/hearings/{hearing.id}" in page
    assert "Wed, Mar 10, 2027, 02:00–04:00 GMT (Europe/London)" in page


def test_a_party_not_invited_does_not_see_it_on_their_dashboard(client, login, mediation):
    hearing = schedule(mediation.case, [mediation.claimant], plan(AT))
    login(mediation.respondent)

    page = client.get("/").get_data(as_text=True)

    assert 'class="card upcoming-hearings"' in page
    assert f"/hearings/{hearing.id}" not in page


def test_strangers_see_nothing_of_other_peoples_hearings(client, login, mediation):
    hearing = schedule(mediation.case, [mediation.claimant], plan(AT))
    stranger = make_user(Role.PARTY)
    db.session.commit()
    login(stranger)

    for url in ("/", "/calendar"):
        assert f"/hearings/{hearing.id}" not in client.get(url).get_data(as_text=True)
