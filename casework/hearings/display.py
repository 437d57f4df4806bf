"""Hearing times for people: each sees the time in their own zone, named, with the venue's
local time beside it — e.g. "Mon, Dec 7, 2026, 10:00–12:00 CET (Europe/Berlin) — 17:00–19:00
in Singapore (Asia/Singapore)" — formatted for their language. Also the reverse: the local date
and times a mediator enters in the venue's zone, as UTC instants.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_skeleton
from flask_babel import get_locale
from flask_babel import gettext as _

from casework.hearings.labels import VENUE_KIND_LABELS
from casework.hearings.models import CITY_ZONES, Hearing
from casework.i18n import select_timezone


class NonexistentLocalTime(ValueError):
    """A local time skipped by a daylight-saving change in the zone (it never happens there)."""


def venue_instant(day: date, at: time, zone: str) -> datetime:
    """The aware UTC instant of ``day`` at ``at`` on the venue's clock in ``zone``.

    Raises :class:`NonexistentLocalTime` for a time the clocks skip; of a time that happens
    twice (the clocks go back) the first is taken.
    """
    naive = datetime.combine(day, at)
    local = naive.replace(tzinfo=ZoneInfo(zone))
    instant = local.astimezone(UTC)
    if instant.astimezone(ZoneInfo(zone)).replace(tzinfo=None) != naive:
        raise NonexistentLocalTime(naive.isoformat(sep=" ", timespec="minutes"))
    return instant


def zone_abbreviation(local: datetime) -> str:
    """The zone's abbreviation at ``local`` (CET, CEST, BST, ...) or its offset from UTC
    (``UTC+8``) where the zone has no lettered abbreviation."""
    name = local.tzname() or ""
    if name and name[0] not in "+-":
        return name
    offset = local.utcoffset() or timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def _date(value: datetime, zone: ZoneInfo) -> str:
    return format_skeleton("yMMMEd", value, tzinfo=zone, locale=get_locale())


def _clock(value: datetime, zone: ZoneInfo) -> str:
    return format_skeleton("Hm", value, tzinfo=zone, locale=get_locale())


def _span(starts_at: datetime, ends_at: datetime, zone: ZoneInfo) -> str:
    """``10:00–12:00``, or with the end's date when the span crosses midnight in ``zone``."""
    end = _clock(ends_at, zone)
    if ends_at.astimezone(zone).date() != starts_at.astimezone(zone).date():
        end = _("%(date)s, %(time)s", date=_date(ends_at, zone), time=end)
    return _("%(start)s–%(end)s", start=_clock(starts_at, zone), end=end)


def span_text(starts_at: datetime, ends_at: datetime, zone_name: str | None = None) -> str:
    """A time span in ``zone_name`` (default: the viewer's), with its date and the zone named."""
    zone_name = zone_name or select_timezone()
    zone = ZoneInfo(zone_name)
    return _("%(date)s, %(span)s %(abbreviation)s (%(zone)s)",
             date=_date(starts_at, zone), span=_span(starts_at, ends_at, zone),
             abbreviation=zone_abbreviation(starts_at.astimezone(zone)), zone=zone_name)


def hearing_time(hearing: Hearing, zone_name: str | None = None) -> str:
    """When ``hearing`` is, for a person in ``zone_name`` (default: the viewer's zone): their
    local date and times with the zone named, and — when the venue keeps another time — the
    venue's local times beside them."""
    zone_name = zone_name or select_timezone()
    own = span_text(hearing.starts_at, hearing.ends_at, zone_name)
    venue_zone = ZoneInfo(hearing.venue_zone)
    same_clock = all(
        moment.astimezone(ZoneInfo(zone_name)).replace(tzinfo=None)
        == moment.astimezone(venue_zone).replace(tzinfo=None)
        for moment in (hearing.starts_at, hearing.ends_at)
    )
    if same_clock:
        return own
    span = _span(hearing.starts_at, hearing.ends_at, venue_zone)
    if hearing.starts_at.astimezone(venue_zone).date() != hearing.starts_at.astimezone(
        ZoneInfo(zone_name)
    ).date():
        span = _("%(date)s, %(time)s", date=_date(hearing.starts_at, venue_zone), time=span)
    if hearing.venue_kind in CITY_ZONES:
        venue = _("%(span)s in %(place)s (%(zone)s)", span=span,
                  place=VENUE_KIND_LABELS[hearing.venue_kind], zone=hearing.venue_zone)
    else:
        venue = _("%(span)s at the venue (%(zone)s)", span=span, zone=hearing.venue_zone)
    return _("%(own)s — %(venue)s", own=own, venue=venue)


def venue_local_parts(hearing: Hearing) -> tuple[date, time, time]:
    """The hearing's date, start and end time on the venue's clock (to prefill a form)."""
    zone = ZoneInfo(hearing.venue_zone)
    start = hearing.starts_at.astimezone(zone)
    end = hearing.ends_at.astimezone(zone)
    return start.date(), start.time().replace(tzinfo=None), end.time().replace(tzinfo=None)
