"""The deadlines after an SCIA award, each with the rule behind it and the working.

- Correction request: 30 days from receipt of the award.
- Set-aside application: 3 months from receipt for awards made on or after 1 March 2026
  (revised PRC Arbitration Law), 6 months for awards made before.
- Enforcement application in mainland China: 2 years from the last day of the performance
  period stated in the award (the last instalment for a schedule), or from the date the award
  takes effect — the date it is made — when it states no period.

Counting follows the PRC Civil Procedure Law: the start day is not counted; a period in months
or years ends on the same day number (the month's last day when the month is shorter: 31 May
+ 3 months = 31 August, 30 November + 3 months = 28 or 29 February, 29 February + 2 years =
28 February); and when the last day is a public holiday or rest day, the period ends on the
first working day after it. All three periods are counted on mainland China's calendar
(``calendar_for(Jurisdiction.CN)``: public holidays, adjusted working weekends and the
registrar's closures), since the court and SCIA are there. That the tribunal's 30 days roll the
same way is an assumption (SCIA counting its periods as the courts do).
"""

from __future__ import annotations

import calendar as month_calendar
import enum
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import LazyString, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from casework.deadlines.calendars import BusinessCalendar, calendar_for
from casework.deadlines.computation import end_of_day, roll_steps, step
from casework.errors import InvalidInput
from casework.parties.models import Jurisdiction
from casework.settlement.terms import PaymentObligation, SettlementTerms, last_performance_date

REVISED_ARBITRATION_LAW_FROM = date(2026, 3, 1)
"""Awards made on or after this day fall under the revised PRC Arbitration Law."""

CORRECTION_DAYS = 30
SET_ASIDE_MONTHS = 3
SET_ASIDE_MONTHS_BEFORE_REVISION = 6
ENFORCEMENT_YEARS = 2


class PostAwardKind(enum.StrEnum):
    """The deadlines that run after an award."""

    CORRECTION = "correction"
    SET_ASIDE = "set_aside"
    ENFORCEMENT = "enforcement"


KIND_LABELS = {
    PostAwardKind.CORRECTION: _l("Request to correct the award"),
    PostAwardKind.SET_ASIDE: _l("Application to set the award aside"),
    PostAwardKind.ENFORCEMENT: _l("Application for enforcement in mainland China"),
}

CORRECTION_RULE = _l(
    "Within 30 days of receiving the award, a party may ask the tribunal to correct errors of "
    "wording or calculation in it, or to add a matter the tribunal decided but left out of the "
    "award (PRC Arbitration Law)."
)
SET_ASIDE_RULE = _l(
    "The award was made on or after 1 March 2026, so the revised PRC Arbitration Law applies: "
    "an application to the court to set the award aside must be made within 3 months of "
    "receiving it."
)
SET_ASIDE_RULE_BEFORE_REVISION = _l(
    "The award was made before 1 March 2026, so the PRC Arbitration Law as it stood before its "
    "revision applies: an application to the court to set the award aside must be made within "
    "6 months of receiving it."
)
ENFORCEMENT_RULE = _l(
    "An application to the intermediate people's court for enforcement must be made within 2 "
    "years (PRC Civil Procedure Law), counted from the last day of the performance period "
    "stated in the award; for performance by instalments, from the due date of the last "
    "instalment; if the award states no period, from the date it takes effect."
)

RECEIPT = _l("receipt of the award")
LAST_PERFORMANCE_DAY = _l("the last day of the performance period stated in the award")
LAST_INSTALMENT = _l("the due date of the last instalment")
AWARD_TAKES_EFFECT = _l("the date the award takes effect, as it states no performance period")

START_STEP = _l("Starts %(start)s (%(event)s) + %(length)s = %(end)s.")
MONTH_END_STEP = _l(
    "That month has no day %(number)s, so the period ends on the month's last day, %(end)s."
)
ROLL_RULE_STEP = _l(
    "PRC Civil Procedure Law: when the last day of a period is a public holiday or rest day, "
    "the period ends on the first working day after it."
)


@dataclass(frozen=True)
class PeriodStart:
    """The day a period is counted from and what happened on it."""

    day: date
    event: LazyString


@dataclass(frozen=True)
class PostAwardDeadline:
    """One post-award deadline: ``due`` (after any roll to a working day), the ``rule`` behind
    it in plain language, where it ``starts``, the last day of the period before rolling
    (``period_end``) and the ``working`` (one step per line, the roll included)."""

    kind: PostAwardKind
    due: date
    rule: LazyString
    starts: PeriodStart
    period_end: date
    working: tuple[LazyString, ...]
    calendar: BusinessCalendar

    @property
    def label(self) -> LazyString:
        """What the deadline is for, e.g. "Application to set the award aside"."""
        return KIND_LABELS[self.kind]

    @property
    def ends_at(self) -> datetime:
        """The last instant of the due date in mainland China (Asia/Shanghai), in UTC."""
        return end_of_day(self.due, self.calendar.zone)


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months: the same day number, or the last day of the
    target month when it is shorter (31 January + 1 month = 28 or 29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, month_calendar.monthrange(year, month)[1]))


class _Unit(enum.Enum):
    """The unit a post-award period is counted in."""

    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"


def _length(count: int, unit: _Unit) -> LazyString:
    """``count`` days, months or years in words, put into the current language when shown."""
    words = {
        _Unit.DAYS: lambda: ngettext("%(num)d day", "%(num)d days", count),
        _Unit.MONTHS: lambda: ngettext("%(num)d month", "%(num)d months", count),
        _Unit.YEARS: lambda: ngettext("%(num)d year", "%(num)d years", count),
    }[unit]
    return LazyString(words)


def _deadline(
    kind: PostAwardKind, starts: PeriodStart, count: int, unit: _Unit, rule: LazyString,
    calendar: BusinessCalendar | None,
) -> PostAwardDeadline:
    """The deadline ``count`` ``unit`` after ``starts``, rolled to a working day of mainland
    China, with the working."""
    calendar = calendar or calendar_for(Jurisdiction.CN)
    if unit == _Unit.DAYS:
        period_end = starts.day + timedelta(days=count)
    else:
        period_end = add_months(starts.day, count * 12 if unit == _Unit.YEARS else count)
    working = [step(START_STEP, start=starts.day, event=starts.event,
                    length=_length(count, unit), end=period_end)]
    if unit != _Unit.DAYS and period_end.day != starts.day.day:
        working.append(step(MONTH_END_STEP, number=starts.day.day, end=period_end))
    due, passed_over = calendar.roll_forward(period_end)
    working.extend(roll_steps(calendar, period_end, due, passed_over))
    if passed_over:
        working.append(ROLL_RULE_STEP)
    return PostAwardDeadline(kind, due, rule, starts, period_end, tuple(working), calendar)


def correction_deadline(
    received_on: date, calendar: BusinessCalendar | None = None
) -> PostAwardDeadline:
    """The last day to ask the tribunal to correct the award: 30 days from its receipt on
    ``received_on`` (on ``calendar``, default mainland China's with the registrar's closures)."""
    return _deadline(PostAwardKind.CORRECTION, PeriodStart(received_on, RECEIPT),
                     CORRECTION_DAYS, _Unit.DAYS, CORRECTION_RULE, calendar)


def set_aside_deadline(
    award_date: date, received_on: date, calendar: BusinessCalendar | None = None
) -> PostAwardDeadline:
    """The last day to apply to set the award aside: 3 months from its receipt for an award
    made on or after 1 March 2026, 6 months for one made before. Raises
    :class:`InvalidInput` if the award is said to be received before it was made."""
    if received_on < award_date:
        raise InvalidInput(_("The award cannot have been received before the date it was made."))
    if award_date >= REVISED_ARBITRATION_LAW_FROM:
        months, rule = SET_ASIDE_MONTHS, SET_ASIDE_RULE
    else:
        months, rule = SET_ASIDE_MONTHS_BEFORE_REVISION, SET_ASIDE_RULE_BEFORE_REVISION
    return _deadline(PostAwardKind.SET_ASIDE, PeriodStart(received_on, RECEIPT),
                     months, _Unit.MONTHS, rule, calendar)


def enforcement_deadline(
    last_performance_date: date | None, effective_date: date,
    calendar: BusinessCalendar | None = None, *, instalments: bool = False,
) -> PostAwardDeadline:
    """The last day to apply for enforcement in mainland China: 2 years from
    ``last_performance_date`` (the last day of the performance period stated in the award;
    ``instalments`` says it is the last instalment's due date), or from ``effective_date`` (the
    date the award takes effect: the day it is made) when the award states no period."""
    if last_performance_date is None:
        starts = PeriodStart(effective_date, AWARD_TAKES_EFFECT)
    else:
        event = LAST_INSTALMENT if instalments else LAST_PERFORMANCE_DAY
        starts = PeriodStart(last_performance_date, event)
    return _deadline(PostAwardKind.ENFORCEMENT, starts, ENFORCEMENT_YEARS, _Unit.YEARS,
                     ENFORCEMENT_RULE, calendar)


def enforcement_deadline_for_terms(
    terms: SettlementTerms, effective_date: date, calendar: BusinessCalendar | None = None
) -> PostAwardDeadline:
    """:func:`enforcement_deadline` for a consent award recording ``terms``: counted from the
    latest date by which any obligation must be performed (the last instalment for a
    schedule), or from ``effective_date`` when no obligation states a date."""
    last_day = last_performance_date(terms)
    last_instalments = [
        max(instalment.due_date for instalment in obligation.instalments)
        for obligation in terms.obligations
        if isinstance(obligation, PaymentObligation) and obligation.instalments
    ]
    return enforcement_deadline(last_day, effective_date, calendar,
                                instalments=last_day is not None and last_day in last_instalments)
