"""The mediation window: the mediation must finish within eight weeks (configurable) of the
mediation commencement date, on SIMC's calendar, unless a registrar extends it with a recorded
reason. Once it has expired the registrar extends it or ends the mediation (not settled).

Each operation checks the workflow table, mutates, writes an audit entry, queues the e-mails and
flushes; the caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import LazyString, format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.attributes import flag_modified

from casework.audit.log import record
from casework.cases import workflow
from casework.cases.models import Case, MediationResult
from casework.cases.permissions import case_roles
from casework.cases.workflow import Action
from casework.db import now_utc
from casework.deadlines.calendars import BusinessCalendar, calendar_for
from casework.deadlines.computation import DueDate, compute_due, local_date, step
from casework.deadlines.models import WindowExtension
from casework.deadlines.rules import MEDIATION_WINDOW
from casework.errors import IllegalTransition, InvalidInput
from casework.extensions import db
from casework.hearings.operations import cancel_open_hearings
from casework.notifications.recipients import notify_users, party_users
from casework.parties.models import Jurisdiction


@dataclass(frozen=True)
class MediationWindow:
    """A case's mediation window: the rule's end, the registrar's extensions, the end now."""

    case: Case
    rule_due: DueDate
    extensions: list[WindowExtension]

    @property
    def end(self) -> date:
        """The last day of the window: the latest extension's, else the rule's."""
        return self.extensions[-1].new_end if self.extensions else self.rule_due.due

    def expired(self, today: date) -> bool:
        """Whether the window is over on ``today`` (a date in Singapore)."""
        return today > self.end

    @property
    def working(self) -> list[LazyString]:
        """How the end was computed: the rule's steps, then each extension."""
        return [*self.rule_due.working, *(_extension_step(e) for e in self.extensions)]


def _extension_step(extension: WindowExtension) -> LazyString:
    return step(
        _l("Extended on %(when)s by %(name)s from %(old)s to %(new)s: %(reason)s"),
        when=local_date(extension.extended_at, "Asia/Singapore"),
        name=extension.extended_by.name, old=extension.previous_end, new=extension.new_end,
        reason=extension.reason,
    )


def mediation_window(case: Case) -> MediationWindow | None:
    """The mediation window of ``case``; ``None`` before the mediation has commenced."""
    if case.commencement_date is None:
        return None
    calendar = calendar_for(Jurisdiction.SG)
    extensions = list(db.session.scalars(
        db.select(WindowExtension).filter_by(case_id=case.id).order_by(WindowExtension.id)
    ))
    return MediationWindow(case, compute_due(MEDIATION_WINDOW, case.commencement_date, calendar),
                           extensions)


def window_expired(case: Case, today: date) -> bool:
    """Whether the mediation window of ``case`` has run out by ``today`` (Singapore date)."""
    window = mediation_window(case)
    return window is not None and window.expired(today)


def require_window(case: Case) -> MediationWindow:
    """The mediation window of ``case``; :class:`IllegalTransition` (409) when the mediation
    has no commencement date."""
    window = mediation_window(case)
    if window is None:
        raise IllegalTransition(_l("The mediation has no commencement date, so it has no "
                                   "mediation window yet."))
    return window


def require_expired(window: MediationWindow, today: date) -> MediationWindow:
    """``window`` once it has expired on ``today``; :class:`IllegalTransition` (409), naming
    its end, while it runs."""
    if not window.expired(today):
        raise IllegalTransition(_l(
            "The mediation window runs until %(date)s: the mediation can be ended only after "
            "it has expired.", date=format_date(window.end, "medium"),
        ))
    return window


def _people_to_tell(case: Case) -> list:
    """The parties' users and the appointed mediator."""
    people = party_users(case)
    if case.mediator is not None and case.mediator.active:
        people.append(case.mediator)
    return people


def _touch(case: Case) -> None:
    """Mark ``case`` changed so its version moves on and forms loaded before are stale."""
    case.updated_at = now_utc()
    flag_modified(case, "updated_at")


def extend_window(
    actor, case: Case, new_end: date, reason: str, *, expected_version: int, today: date
) -> WindowExtension:
    """Extend the mediation window of ``case`` to ``new_end`` (registrar), recording why.

    The new end must be later than the current end, not before ``today`` (in Singapore) and a
    working day in Singapore. The parties and the mediator are told.
    """
    workflow.check(case, Action.EXTEND_MEDIATION_WINDOW, case_roles(actor, case),
                   expected_version)
    window = require_window(case)
    text = (reason or "").strip()
    if not text:
        raise InvalidInput(_l("Give the reason for the extension."))
    if new_end <= window.end:
        raise InvalidInput(_l("The new end must be after the current end of the window, "
                              "%(date)s.", date=format_date(window.end, "medium")))
    if new_end < today:
        raise InvalidInput(_l("The new end cannot be in the past."))
    calendar = window.rule_due.calendar
    if not calendar.is_working_day(new_end):
        raise InvalidInput(_not_a_working_day(calendar, new_end))
    extension = WindowExtension(
        case=case, previous_end=window.end, new_end=new_end, reason=text, extended_by=actor,
        extended_at=now_utc(),
    )
    db.session.add(extension)
    _touch(case)
    record(
        actor, "extend_mediation_window",
        f"Mediation window extended from {window.end.isoformat()} to {new_end.isoformat()}",
        case=case, changes={"window_end": [window.end, new_end], "reason": [None, text]},
    )
    notify_users("mediation_window_extended", _people_to_tell(case), case=case,
                 extension=extension)
    db.session.flush()
    return extension


def _not_a_working_day(calendar: BusinessCalendar, day: date) -> LazyString:
    """Why ``day`` cannot end the window, and the next day that could."""
    return _l(
        "%(date)s is not a working day in %(place)s (%(reason)s); choose a working day, such "
        "as %(next)s.", date=format_date(day, "medium"), place=calendar.name,
        reason=calendar.non_working_reason(day), next=format_date(
            calendar.next_working_day(day), "medium"),
    )


def end_mediation(actor, case: Case, *, expected_version: int, today: date) -> None:
    """End the mediation of ``case`` because its window expired (registrar): the result is
    "window expired", the case is not settled. Refused (409) while the window runs. The
    parties and the mediator are told."""
    transition = workflow.check(case, Action.END_MEDIATION, case_roles(actor, case),
                                expected_version)
    window = require_expired(require_window(case), today)
    old_state = case.state
    people = _people_to_tell(case)
    case.mediation_result = MediationResult.WINDOW_EXPIRED
    case.mediation_ended_on = today
    workflow.apply(case, transition)
    record(
        actor, "end_mediation",
        f"Mediation ended: the mediation window expired on {window.end.isoformat()}",
        case=case,
        changes={
            "state": [old_state, case.state],
            "mediation_result": [None, MediationResult.WINDOW_EXPIRED],
            "mediation_ended_on": [None, today],
        },
    )
    notify_users("mediation_window_ended", people, case=case, window_end=window.end)
    cancel_open_hearings(actor, case, "The mediation window expired.", now=now_utc())
    db.session.flush()
