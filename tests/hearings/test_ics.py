"""Calendar invitations (RFC 5545): one stable UID per hearing, SEQUENCE rising with each
change, the venue zone in the event, METHOD:CANCEL on cancellation — read back with
``icalendar``."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar

from casework.db import now_utc
from casework.extensions import db
from casework.hearings import operations
from casework.hearings.models import VenueKind
from tests.hearings.helpers import outbox, plan, schedule

AT = datetime(2027, 3, 10, 2, 0, tzinfo=UTC)  # 10:00 in Singapore


def invitation_of(message) -> Calendar:
    [attachment] = message.attachments
    return Calendar.from_ical(attachment.data)


def event_of(calendar: Calendar):
    [event] = calendar.walk("VEVENT")
    return event


def latest_invitation(kind: str, user) -> Calendar:
    return invitation_of(next(m for m in outbox(kind) if m.recipient == user.email))


def test_the_invitation_parses_back_with_the_venue_zone(mediation):
    hearing = schedule(mediation.case, [mediation.claimant, mediation.respondent], plan(AT))

    calendar = latest_invitation("hearing_scheduled", mediation.claimant)
    event = event_of(calendar)

    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(calendar["VERSION"]) == "2.0"
    assert str(event["UID"]) == hearing.uid
    assert event.decoded("SEQUENCE") == 0
    assert event["DTSTART"].params["TZID"] == "Asia/Singapore"
    assert event["DTEND"].params["TZID"] == "Asia/Singapore"
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert (start.hour, start.minute) == (10, 0)  # the venue's clock
    assert start == AT and end == AT + timedelta(hours=2)  # the same instant
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Asia/Singapore"
    assert mediation.case.reference in str(event["SUMMARY"])
    assert "Maxwell Chambers" in str(event["LOCATION"])
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["ORGANIZER"]) == "mailto:casework@simc.example"
    attendees = sorted(str(a) for a in event["ATTENDEE"])
    assert attendees == sorted(f"mailto:{u.email}" for u in (
        mediation.mediator, mediation.claimant, mediation.respondent))


def test_an_online_hearing_carries_its_meeting_link(mediation):
    venue = operations.Venue(VenueKind.ONLINE, "Asia/Shanghai", "", "https://meet.example.com/a")
    schedule(mediation.case, [mediation.claimant], plan(AT, venue=venue))

    event = event_of(latest_invitation("hearing_scheduled", mediation.claimant))

    assert str(event["URL"]) == "https://meet.example.com/a"
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"


def test_rescheduling_keeps_the_uid_and_raises_the_sequence(mediation):
    hearing = schedule(mediation.case, [mediation.claimant], plan(AT))
    later = AT + timedelta(days=2)

    operations.reschedule_hearing(
        mediation.mediator, hearing, later, later + timedelta(hours=3),
        operations.Venue(VenueKind.SHENZHEN, "", "SCIA hearing centre"), "The mediator is ill.",
        expected_version=mediation.case.version, now=now_utc(),
    )
    db.session.commit()

    first = event_of(latest_invitation("hearing_scheduled", mediation.claimant))
    update_calendar = latest_invitation("hearing_rescheduled", mediation.claimant)
    update = event_of(update_calendar)
    assert str(update_calendar["METHOD"]) == "REQUEST"
    assert str(update["UID"]) == str(first["UID"]) == hearing.uid
    assert update.decoded("SEQUENCE") == 1 > first.decoded("SEQUENCE")
    assert update["DTSTART"].params["TZID"] == "Asia/Shanghai"
    assert update.decoded("DTSTART") == later
    assert update.decoded("DTEND") == later + timedelta(hours=3)


def test_a_cancellation_is_method_cancel_with_the_same_uid(mediation):
    hearing = schedule(mediation.case, [mediation.claimant], plan(AT))
    operations.reschedule_hearing(
        mediation.mediator, hearing, AT + timedelta(days=1), AT + timedelta(days=1, hours=1),
        operations.Venue(VenueKind.SINGAPORE, ""), "Room change.",
        expected_version=mediation.case.version, now=now_utc())
    operations.cancel_hearing(mediation.mediator, hearing, "The parties settled.",
                              expected_version=mediation.case.version, now=now_utc())
    db.session.commit()

    [message] = [m for m in outbox("hearing_cancelled") if m.recipient == mediation.claimant.email]
    [attachment] = message.attachments
    calendar = Calendar.from_ical(attachment.data)
    event = event_of(calendar)

    assert attachment.content_type == "text/calendar; method=CANCEL; charset=utf-8"
    assert attachment.filename == "cancel.ics"
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert str(event["UID"]) == hearing.uid
    assert event.decoded("SEQUENCE") == 2


def test_an_adjournment_withdraws_the_event_until_rescheduled(mediation):
    hearing = schedule(mediation.case, [mediation.claimant], plan(AT))
    operations.adjourn_hearing(mediation.mediator, hearing, "Awaiting expert report.",
                               expected_version=mediation.case.version, now=now_utc())
    operations.reschedule_hearing(
        mediation.mediator, hearing, AT + timedelta(days=7), AT + timedelta(days=7, hours=2),
        operations.Venue(VenueKind.SINGAPORE, ""), "Report received.",
        expected_version=mediation.case.version, now=now_utc())
    db.session.commit()

    adjourned = latest_invitation("hearing_adjourned", mediation.claimant)
    back = latest_invitation("hearing_rescheduled", mediation.claimant)

    assert str(adjourned["METHOD"]) == "CANCEL"
    assert event_of(adjourned).decoded("SEQUENCE") == 1
    assert str(back["METHOD"]) == "REQUEST"
    assert str(event_of(back)["STATUS"]) == "CONFIRMED"
    assert event_of(back).decoded("SEQUENCE") == 2


def test_the_downloaded_invitation_is_the_current_one(client, login, mediation):
    hearing = schedule(mediation.case, [mediation.claimant], plan(AT))
    login(mediation.claimant)

    response = client.get(f"/hearings/{hearing.id}/invitation.ics")

    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; method=REQUEST; charset=utf-8"
    assert "attachment" in response.headers["Content-Disposition"]
    event = event_of(Calendar.from_ical(response.data))
    assert str(event["UID"]) == hearing.uid and event.decoded("DTSTART") == AT
