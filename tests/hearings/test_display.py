"""Hearing times as people see them: their own zone, named, with the venue's local time — also
across a daylight-saving change in the viewer's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from flask_babel import force_locale

from casework.accounts.models import Locale, Role
from casework.extensions import db
from casework.hearings import operations
from casework.hearings.display import (
    NonexistentLocalTime,
    hearing_time,
    venue_instant,
    zone_abbreviation,
)
from casework.hearings.models import VenueKind
from tests.factories import make_user
from tests.hearings.helpers import plan, schedule

BEFORE_EU_CHANGE = datetime(2026, 10, 23, 2, 0, tzinfo=UTC)  # 10:00 in Singapore, a Friday
AFTER_EU_CHANGE = datetime(2026, 10, 27, 2, 0, tzinfo=UTC)  # 10:00 in Singapore, a Tuesday
SCHEDULED_ON = datetime(2026, 10, 1, tzinfo=UTC)


@pytest.fixture()
def singapore_hearings(mediation):
    """Two 10:00-12:00 Singapore hearings either side of the EU's change (25 Oct 2026)."""
    return [
        schedule(mediation.case, [mediation.claimant], plan(at), now=SCHEDULED_ON)
        for at in (BEFORE_EU_CHANGE, AFTER_EU_CHANGE)
    ]


def test_venue_time_entered_in_singapore_is_stored_in_utc():
    assert venue_instant(date(2026, 10, 23), time(10, 0), "Asia/Singapore") == BEFORE_EU_CHANGE


def test_a_time_skipped_by_the_clocks_is_refused():
    with pytest.raises(NonexistentLocalTime):
        venue_instant(date(2026, 3, 29), time(2, 30), "Europe/Berlin")


def test_a_repeated_time_is_the_first_one():
    # 02:30 happens twice in Berlin on 25 Oct 2026: first in CEST (00:30 UTC)
    assert venue_instant(date(2026, 10, 25), time(2, 30), "Europe/Berlin") == datetime(
        2026, 10, 25, 0, 30, tzinfo=UTC)


def test_zone_abbreviations_name_the_zone_or_its_offset():
    berlin = BEFORE_EU_CHANGE.astimezone(ZoneInfo("Europe/Berlin"))
    singapore = BEFORE_EU_CHANGE.astimezone(ZoneInfo("Asia/Singapore"))
    kathmandu = BEFORE_EU_CHANGE.astimezone(ZoneInfo("Asia/Kathmandu"))
    assert zone_abbreviation(berlin) == "CEST"
    assert zone_abbreviation(singapore) == "UTC+8"
    assert zone_abbreviation(kathmandu) == "UTC+5:45"


def test_a_berlin_viewer_sees_singapore_hearings_across_the_clock_change(singapore_hearings):
    before, after = singapore_hearings
    with force_locale("en"):
        assert hearing_time(before, "Europe/Berlin") == (
            "Fri, Oct 23, 2026, 04:00–06:00 CEST (Europe/Berlin) — "
            "10:00–12:00 in Singapore (Asia/Singapore)")
        assert hearing_time(after, "Europe/Berlin") == (
            "Tue, Oct 27, 2026, 03:00–05:00 CET (Europe/Berlin) — "
            "10:00–12:00 in Singapore (Asia/Singapore)")


def test_a_london_viewer_sees_them_in_bst_then_gmt(singapore_hearings):
    before, after = singapore_hearings
    with force_locale("en"):
        assert hearing_time(before, "Europe/London").startswith(
            "Fri, Oct 23, 2026, 03:00–05:00 BST (Europe/London)")
        assert hearing_time(after, "Europe/London").startswith(
            "Tue, Oct 27, 2026, 02:00–04:00 GMT (Europe/London)")


def test_a_viewer_at_the_venue_sees_one_time(singapore_hearings):
    with force_locale("en"):
        assert hearing_time(singapore_hearings[0], "Asia/Singapore") == (
            "Fri, Oct 23, 2026, 10:00–12:00 UTC+8 (Asia/Singapore)")


def test_the_venue_date_is_named_when_it_differs(mediation):
    hearing = schedule(mediation.case, [], plan(BEFORE_EU_CHANGE, hours=1), now=SCHEDULED_ON)
    across_midnight = schedule(mediation.case, [], plan(BEFORE_EU_CHANGE), now=SCHEDULED_ON)
    with force_locale("en"):
        # 22:00 on Thursday in New York is Friday 10:00 in Singapore
        assert hearing_time(hearing, "America/New_York") == (
            "Thu, Oct 22, 2026, 22:00–23:00 EDT (America/New_York) — "
            "Fri, Oct 23, 2026, 10:00–11:00 in Singapore (Asia/Singapore)")
        assert hearing_time(across_midnight, "America/New_York").startswith(
            "Thu, Oct 22, 2026, 22:00–Fri, Oct 23, 2026, 00:00 EDT (America/New_York)")


def test_an_online_hearing_names_its_zone_as_the_venue_clock(mediation):
    venue = operations.Venue(VenueKind.ONLINE, "Asia/Shanghai", "",
                             "https://meet.example.com/simc")
    hearing = schedule(mediation.case, [], plan(BEFORE_EU_CHANGE, venue=venue),
                       now=SCHEDULED_ON)
    with force_locale("en"):
        assert hearing_time(hearing, "Europe/Berlin").endswith(
            "— 10:00–12:00 at the venue (Asia/Shanghai)")


def test_chinese_readers_get_a_chinese_date(singapore_hearings):
    with force_locale("zh_Hans"):
        text = hearing_time(singapore_hearings[1], "Europe/Berlin")
    assert text.startswith("2026年10月27日周二")
    assert "03:00–05:00 CET (Europe/Berlin)" in text


def test_the_hearing_page_shows_each_viewer_their_own_zone(client, login, mediation,
                                                          singapore_hearings):
    before, after = singapore_hearings
    berlin = make_user(Role.PARTY, organisation=mediation.case.claimant.organisation,
                       timezone="Europe/Berlin")
    shanghai = make_user(Role.PARTY, organisation=mediation.case.respondent.organisation,
                         timezone="Asia/Shanghai", locale=Locale.EN)
    db.session.commit()

    login(berlin)
    assert "04:00–06:00 CEST (Europe/Berlin)" in client.get(
        f"/hearings/{before.id}").get_data(as_text=True)
    assert "03:00–05:00 CET (Europe/Berlin)" in client.get(
        f"/hearings/{after.id}").get_data(as_text=True)
    login(shanghai)
    page = client.get(f"/hearings/{after.id}").get_data(as_text=True)
    # Shanghai keeps the same clock as Singapore: one time, no second one beside it
    assert "Tue, Oct 27, 2026, 10:00–12:00 CST (Asia/Shanghai)" in page
    assert "in Singapore (Asia/Singapore)" not in page
