"""Business-day calendars of Singapore and mainland China.

A day is a working day in a jurisdiction when it is not a weekend (unless China declared it an
adjusted working day, 调休), not a public holiday (from the ``holidays`` package) and not a
closure the registrar recorded (:class:`casework.deadlines.models.Closure`).

Organisations registered elsewhere (``Jurisdiction.OTHER``) have no calendar of their own here:
their deadlines follow Singapore's calendar, SIMC's own, where the mediation is administered.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays
from flask_babel import LazyString, get_locale
from flask_babel import lazy_gettext as _l

from casework.extensions import db
from casework.parties.models import Jurisdiction

# The jurisdictions that have a business calendar, and where each one's days begin and end.
CALENDAR_JURISDICTIONS = (Jurisdiction.SG, Jurisdiction.CN)
CALENDAR_ZONES = {Jurisdiction.SG: "Asia/Singapore", Jurisdiction.CN: "Asia/Shanghai"}
CALENDAR_NAMES = {
    Jurisdiction.SG: _l("Singapore"),
    Jurisdiction.CN: _l("mainland China"),
}
# Languages the holiday names are available in, per calendar (else English).
_HOLIDAY_LANGUAGES = {
    Jurisdiction.SG: {"en": "en_SG"},
    Jurisdiction.CN: {"en": "en_US", "zh": "zh_CN"},
}
# Never look further than this for a working day (no calendar closes for a year).
_SEARCH_LIMIT = 366


def calendar_jurisdiction(jurisdiction: Jurisdiction | None) -> Jurisdiction:
    """The jurisdiction whose calendar applies to ``jurisdiction``: its own for Singapore and
    China, Singapore's (SIMC's) for anywhere else."""
    return jurisdiction if jurisdiction in CALENDAR_JURISDICTIONS else Jurisdiction.SG


@lru_cache(maxsize=8)
def _public_holidays(jurisdiction: Jurisdiction, language: str) -> holidays.HolidayBase:
    """The ``holidays`` calendar of ``jurisdiction`` with names in ``language`` (years are
    filled in as they are looked at)."""
    return holidays.country_holidays(jurisdiction.value, language=language)


@dataclass(frozen=True)
class NonWorkingDay:
    """Why a day is not a working day."""

    day: date
    reason: LazyString | str


@dataclass
class BusinessCalendar:
    """The working days of one jurisdiction (Singapore or mainland China), with the registrar's
    closures in ``closures`` (day -> reason)."""

    jurisdiction: Jurisdiction
    closures: dict[date, str] = field(default_factory=dict)

    @property
    def name(self) -> LazyString:
        """The calendar's place, e.g. "Singapore", in the viewer's language."""
        return CALENDAR_NAMES[self.jurisdiction]

    @property
    def zone(self) -> str:
        """The IANA time zone in which the calendar's days begin and end."""
        return CALENDAR_ZONES[self.jurisdiction]

    def _holidays(self) -> holidays.HolidayBase:
        wanted = "zh" if str(get_locale() or "en").startswith("zh") else "en"
        languages = _HOLIDAY_LANGUAGES[self.jurisdiction]
        return _public_holidays(self.jurisdiction, languages.get(wanted, languages["en"]))

    def is_adjusted_working_day(self, day: date) -> bool:
        """Whether ``day`` is a weekend day that China declared a working day (调休)."""
        return self._holidays().is_working_day(day) and day.weekday() >= 5

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is a working day: not a weekend (unless an adjusted working day),
        not a public holiday, not a closure."""
        return self.non_working_reason(day) is None

    def non_working_reason(self, day: date) -> LazyString | str | None:
        """Why ``day`` is not a working day (the closure's reason, the holiday's name or
        "weekend"); ``None`` for a working day."""
        if day in self.closures:
            return _l("closure: %(reason)s", reason=self.closures[day])
        calendar = self._holidays()
        if calendar.is_working_day(day):
            return None
        if calendar.get(day) is None:
            return _l("weekend")
        return LazyString(self.holiday_name, day)  # named in the language it is shown in

    def holiday_name(self, day: date) -> str | None:
        """The public holiday on ``day`` in the current language, if any."""
        return self._holidays().get(day)

    def next_working_day(self, day: date) -> date:
        """The first working day after ``day``."""
        candidate = day
        for _ in range(_SEARCH_LIMIT):
            candidate += timedelta(days=1)
            if self.is_working_day(candidate):
                return candidate
        raise ValueError(f"no working day within a year after {day}")

    def roll_forward(self, day: date) -> tuple[date, list[NonWorkingDay]]:
        """``day`` if it is a working day, else the next working day; with the non-working
        days passed over."""
        skipped = []
        while (reason := self.non_working_reason(day)) is not None:
            skipped.append(NonWorkingDay(day, reason))
            if len(skipped) > _SEARCH_LIMIT:
                raise ValueError(f"no working day within a year after {skipped[0].day}")
            day += timedelta(days=1)
        return day, skipped

    def add_working_days(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day`` (``day`` itself is not counted)."""
        return self.count_working_days(day, count)[0]

    def count_working_days(self, day: date, count: int) -> tuple[date, list[NonWorkingDay]]:
        """The ``count``-th working day after ``day``, with the non-working days passed over
        while counting."""
        skipped: list[NonWorkingDay] = []
        counted = 0
        while counted < count:
            day += timedelta(days=1)
            reason = self.non_working_reason(day)
            if reason is None:
                counted += 1
            else:
                skipped.append(NonWorkingDay(day, reason))
        return day, skipped


def calendar_for(jurisdiction: Jurisdiction | None) -> BusinessCalendar:
    """The business calendar that applies to ``jurisdiction`` (Singapore's for ``OTHER``),
    with the registrar's closures read from the database."""
    from casework.deadlines.models import Closure

    own = calendar_jurisdiction(jurisdiction)
    rows = db.session.execute(
        db.select(Closure.day, Closure.reason).filter_by(jurisdiction=own)
    )
    return BusinessCalendar(own, {day: reason for day, reason in rows})
