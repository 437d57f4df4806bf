"""Computing a due date from a rule, a start date and the addressee's business calendar, with
the steps of the computation written out in plain language.

The steps are lazy strings: they are put into words (and their dates formatted) when shown, so
a case page reads in the viewer's language and an e-mail in the recipient's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask_babel import LazyString, format_date
from flask_babel import lazy_gettext as _l

from casework.deadlines.calendars import BusinessCalendar, NonWorkingDay
from casework.deadlines.rules import START_EVENT_LABELS, DeadlineRule, Unit, describe_length

# The last instant of a day: a deadline "on" a date runs to the end of that date.
END_OF_DAY = time(23, 59, 59)


def _shown(value) -> str:
    """A value of a computation step as the current language writes it."""
    if isinstance(value, date):
        return format_date(value, "medium")
    if isinstance(value, list):
        return str(_l("; ")).join(_shown(item) for item in value)
    if isinstance(value, NonWorkingDay):
        return str(_l("%(day)s (%(reason)s)", day=_shown(value.day), reason=value.reason))
    return str(value)


def step(message: LazyString, **values) -> LazyString:
    """One step of a computation: ``message`` (a lazily translated template with ``%(name)s``
    placeholders) filled with ``values`` when it is shown."""
    return LazyString(
        lambda: str(message) % {name: _shown(value) for name, value in values.items()}
    )


@dataclass(frozen=True)
class DueDate:
    """A computed due date, the start it was counted from and how it was computed."""

    start: date
    period_end: date  # the start plus the length, before rolling to a working day
    due: date
    calendar: BusinessCalendar
    working: list[LazyString]

    @property
    def ends_at(self) -> datetime:
        """The last instant of the due date in the calendar's zone, in UTC."""
        return end_of_day(self.due, self.calendar.zone)


def end_of_day(day: date, zone: str) -> datetime:
    """23:59:59 on ``day`` in ``zone``, as an aware UTC datetime."""
    return datetime.combine(day, END_OF_DAY, tzinfo=ZoneInfo(zone)).astimezone(UTC)


def local_date(instant: datetime, zone: str) -> date:
    """The date of ``instant`` in ``zone``."""
    return instant.astimezone(ZoneInfo(zone)).date()


def compute_due(
    rule: DeadlineRule, start: date, calendar: BusinessCalendar, *, length: int | None = None
) -> DueDate:
    """The due date of ``rule`` counted from ``start`` on ``calendar`` (``length`` overrides the
    configured length), with the steps of the computation.

    Calendar days and weeks are added as they are; a last day that is not a working day rolls
    to the next working day. Working days are counted one by one, so they end on one.
    """
    length = rule.length if length is None else length
    event = START_EVENT_LABELS[rule.start_event]
    if rule.unit == Unit.WORKING_DAYS:
        period_end, passed_over = calendar.count_working_days(start, length)
        working = [step(
            _l("Starts %(start)s (%(event)s) + %(length)s in %(place)s = %(end)s."),
            start=start, event=event, length=rule_length(rule, length), place=calendar.name,
            end=period_end,
        )]
        if passed_over:
            working.append(step(_l("Not counted, as not working days in %(place)s: %(days)s."),
                                place=calendar.name, days=passed_over))
        return DueDate(start, period_end, period_end, calendar, working)
    days = length * 7 if rule.unit == Unit.WEEKS else length
    period_end = start + timedelta(days=days)
    working = [step(
        _l("Starts %(start)s (%(event)s) + %(length)s = %(end)s."),
        start=start, event=event, length=rule_length(rule, length), end=period_end,
    )]
    due, passed_over = calendar.roll_forward(period_end)
    working.extend(roll_steps(calendar, period_end, due, passed_over))
    return DueDate(start, period_end, due, calendar, working)


def rule_length(rule: DeadlineRule, length: int) -> LazyString:
    """``length`` in the rule's unit, in words, put into the current language when shown."""
    return LazyString(lambda: describe_length(length, rule.unit))


def roll_steps(
    calendar: BusinessCalendar, last_day: date, due: date, passed_over: list[NonWorkingDay]
) -> list[LazyString]:
    """The steps that say whether ``last_day`` is a working day on ``calendar`` and, if not,
    where the deadline rolled to."""
    if not passed_over:
        if calendar.is_adjusted_working_day(last_day):
            return [step(
                _l("%(date)s is a weekend day but a working day in %(place)s (an adjusted "
                   "working day)."), date=last_day, place=calendar.name,
            )]
        return [step(_l("%(date)s is a working day in %(place)s."),
                     date=last_day, place=calendar.name)]
    first, *others = passed_over
    steps = [step(
        _l("%(date)s is not a working day in %(place)s (%(reason)s); the deadline rolls to "
           "the next working day, %(due)s."),
        date=first.day, place=calendar.name, reason=first.reason, due=due,
    )]
    if others:
        steps.append(step(_l("Also not working days there: %(days)s."), days=others))
    return steps
