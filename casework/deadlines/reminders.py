"""Deadline reminders, queued once a day by ``flask --app app casework remind``.

For every open case and every case with an issued award: each deadline not yet met (nor
passed) is reminded of ``REMINDER_DAYS`` days ahead (once, whichever day in that stretch the
command first runs) and on the day itself; an expired mediation window prompts the registrars
to extend it or end the mediation. Each reminder goes through the outbox in its recipient's
language and is recorded in :class:`ReminderSent`, whose unique key means that running the
command again never sends it twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app

from casework.accounts.models import User
from casework.cases.models import Case
from casework.deadlines.case_deadlines import (
    DEADLINE_STATES,
    Deadline,
    DeadlineStatus,
    deadlines_for,
    today_in,
)
from casework.deadlines.models import ReminderKind, ReminderSent
from casework.deadlines.rules import MEDIATION_WINDOW, Addressee
from casework.extensions import db
from casework.notifications.outbox import enqueue_for_user
from casework.notifications.recipients import party_users, registrars

# The e-mail template of each kind of reminder.
TEMPLATES = {
    ReminderKind.DUE_SOON: "deadline_due_soon",
    ReminderKind.DUE_TODAY: "deadline_due_today",
    ReminderKind.WINDOW_EXPIRED: "mediation_window_expired",
}


@dataclass(frozen=True)
class QueuedReminder:
    """A reminder the command queued."""

    case: Case
    deadline: Deadline
    recipient: User
    kind: ReminderKind


def _kind(deadline: Deadline, days_left: int, ahead: int) -> ReminderKind | None:
    """The reminder due about ``deadline`` with ``days_left`` days to go, if any."""
    if days_left < 0:
        return ReminderKind.WINDOW_EXPIRED if deadline.rule is MEDIATION_WINDOW else None
    if days_left == 0:
        return ReminderKind.DUE_TODAY
    return ReminderKind.DUE_SOON if days_left <= ahead else None


def _recipients(deadline: Deadline, kind: ReminderKind) -> list[User]:
    """Who is reminded: the side whose deadline it is; for a deadline of either party (after
    the award) both parties and the registrars; for the mediation window the registrars (and,
    while it runs, the appointed mediator)."""
    case = deadline.case
    if deadline.side is not None:
        return party_users(case, deadline.side)
    people = registrars()
    if deadline.rule.addressee == Addressee.EACH_PARTY:
        return [*party_users(case), *people]
    if kind != ReminderKind.WINDOW_EXPIRED and case.mediator is not None and case.mediator.active:
        people.append(case.mediator)
    return people


def _already_sent(case: Case, key: str, recipient: User, kind: ReminderKind) -> bool:
    return db.session.scalar(
        db.select(ReminderSent.id).filter_by(
            case_id=case.id, deadline_key=key, recipient_id=recipient.id, kind=kind
        )
    ) is not None


def queue_reminders(today: date | None = None) -> list[QueuedReminder]:
    """Queue every reminder due on ``today`` (default: today where each deadline's addressee
    is) that was not sent before; return what was queued. The caller commits."""
    ahead = current_app.config["REMINDER_DAYS"]
    queued = []
    cases = db.session.scalars(
        db.select(Case).where(Case.state.in_(DEADLINE_STATES)).order_by(Case.id)
    )
    for case in cases:
        for deadline in deadlines_for(case, today):
            if deadline.status in (DeadlineStatus.MET, DeadlineStatus.PASSED):
                continue
            days_left = deadline.days_left(today or today_in(deadline.zone))
            kind = _kind(deadline, days_left, ahead)
            if kind is None:
                continue
            for recipient in _recipients(deadline, kind):
                if _already_sent(case, deadline.reminder_key, recipient, kind):
                    continue
                db.session.add(ReminderSent(
                    case_id=case.id, deadline_key=deadline.reminder_key,
                    recipient_id=recipient.id, kind=kind,
                ))
                enqueue_for_user(TEMPLATES[kind], recipient, case=case, deadline=deadline,
                                 days_left=days_left)
                queued.append(QueuedReminder(case, deadline, recipient, kind))
    db.session.flush()
    return queued
