"""Calendar invitations and feeds of hearings (RFC 5545 / iTIP RFC 5546), with ``icalendar``.

Each hearing is one event: its ``uid`` never changes and its ``sequence`` rises with every
change, so calendar programs update (or cancel) the event they already hold. Times are given
in the venue's zone (``DTSTART;TZID=Asia/Singapore``) with that zone's VTIMEZONE. Nothing
confidential goes in: no minutes, no private notes — only when, where and who.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from casework.hearings.labels import (
    HEARING_STATUS_LABELS,
    VENUE_KIND_LABELS,
    hearing_title,
)
from casework.hearings.models import Hearing, HearingStatus, ParticipantRole, VenueKind

PRODID = "-//SIMC Casework//Hearings//EN"
CONTENT_TYPES = {
    "REQUEST": "text/calendar; method=REQUEST; charset=utf-8",
    "CANCEL": "text/calendar; method=CANCEL; charset=utf-8",
}
# Hearings that no longer take place at their time are cancelled events in calendars.
_CANCELLED = (HearingStatus.CANCELLED, HearingStatus.ADJOURNED)


def hearing_summary(hearing: Hearing) -> str:
    """The event's title: the kind of session and the case reference."""
    return _("%(title)s — %(reference)s", title=hearing_title(hearing),
             reference=hearing.case.reference)


def hearing_location(hearing: Hearing) -> str:
    """Where the hearing takes place, as one line for calendar programs."""
    place = str(VENUE_KIND_LABELS[hearing.venue_kind])
    if hearing.venue_kind == VenueKind.ONLINE:
        return _("%(place)s: %(detail)s", place=place, detail=hearing.meeting_link)
    address = " ".join(hearing.address.split())
    if hearing.venue_kind == VenueKind.OTHER_ADDRESS:
        return address
    return _("%(place)s: %(detail)s", place=place, detail=address) if address else place


def _description(hearing: Hearing, page_url: str) -> str:
    lines = [hearing_summary(hearing)]
    if hearing.status in _CANCELLED:
        lines.append(_("%(status)s: %(reason)s", status=HEARING_STATUS_LABELS[hearing.status],
                       reason=hearing.status_reason))
    if hearing.interpretation:
        lines.append(_("Interpretation: %(needs)s", needs=hearing.interpretation))
    lines.append(_("Details: %(url)s", url=page_url))
    return "\n".join(lines)


def _organizer() -> vCalAddress:
    name, address = parseaddr(current_app.config["MAIL_SENDER"])
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["CN"] = vText(name or address)
    return organizer


def _attendee(participant) -> vCalAddress:
    attendee = vCalAddress(f"mailto:{participant.user.email}")
    attendee.params["CN"] = vText(participant.user.name)
    attendee.params["ROLE"] = vText(
        "CHAIR" if participant.role == ParticipantRole.MEDIATOR else "REQ-PARTICIPANT"
    )
    attendee.params["PARTSTAT"] = vText("NEEDS-ACTION")
    attendee.params["RSVP"] = vText("FALSE")
    return attendee


def hearing_event(hearing: Hearing, *, stamp: datetime, with_attendees: bool,
                  with_link: bool = True) -> Event:
    """The VEVENT of ``hearing``; ``with_link`` puts the meeting link in (for those who may
    join)."""
    zone = ZoneInfo(hearing.venue_zone)
    page_url = f"{current_app.config['BASE_URL']}/hearings/{hearing.id}"
    event = Event()
    event.add("uid", hearing.uid)
    event.add("sequence", hearing.sequence)
    event.add("dtstamp", stamp)
    event.add("dtstart", hearing.starts_at.astimezone(zone))
    event.add("dtend", hearing.ends_at.astimezone(zone))
    event.add("summary", hearing_summary(hearing))
    event.add("status", "CANCELLED" if hearing.status in _CANCELLED else "CONFIRMED")
    if with_link or hearing.venue_kind != VenueKind.ONLINE:
        event.add("location", hearing_location(hearing))
    else:
        event.add("location", str(VENUE_KIND_LABELS[hearing.venue_kind]))
    if with_link and hearing.meeting_link:
        event.add("url", hearing.meeting_link)
    event.add("description", _description(hearing, page_url))
    event.add("organizer", _organizer())
    if with_attendees:
        for participant in hearing.participants:
            event.add("attendee", _attendee(participant))
    return event


def _calendar(events: Iterable[Event], method: str | None = None,
              name: str | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    if method:
        calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def invitation_method(hearing: Hearing) -> str:
    """``CANCEL`` for a hearing that no longer takes place at its time, else ``REQUEST``."""
    return "CANCEL" if hearing.status in _CANCELLED else "REQUEST"


def invitation_ics(hearing: Hearing, *, stamp: datetime, locale: str) -> bytes:
    """The invitation (or cancellation) of ``hearing`` sent to its participants, in
    ``locale``: one event with every participant as an attendee."""
    with force_locale(locale):
        event = hearing_event(hearing, stamp=stamp, with_attendees=True)
        return _calendar([event], invitation_method(hearing)).to_ical()


def feed_ics(hearings: Iterable[Hearing], *, stamp: datetime, locale: str,
             link_visible) -> bytes:
    """A personal calendar feed of ``hearings`` in ``locale``; ``link_visible(hearing)`` says
    whether the feed's owner may see the hearing's meeting link."""
    with force_locale(locale):
        events = [
            hearing_event(hearing, stamp=stamp, with_attendees=False,
                          with_link=link_visible(hearing))
            for hearing in hearings
        ]
        return _calendar(events, name=_("SIMC hearings")).to_ical()
