"""The deadlines a person sees on their dashboard: those due in the next two weeks and those
overdue, across the cases they may see; for registrars, the mediation windows that expired."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from casework.accounts.models import Role
from casework.cases import queries
from casework.cases.models import Case, CaseState, PartySide
from casework.cases.permissions import case_roles
from casework.cases.workflow import CaseRole
from casework.deadlines.case_deadlines import (
    DEADLINE_STATES,
    Deadline,
    DeadlineStatus,
    deadlines_for,
    today_in,
)
from casework.deadlines.rules import MEDIATION_WINDOW
from casework.extensions import db

# How far ahead the dashboard looks.
HORIZON_DAYS = 14
_SIDES = {CaseRole.CLAIMANT: PartySide.CLAIMANT, CaseRole.RESPONDENT: PartySide.RESPONDENT}


@dataclass
class DashboardDeadlines:
    """A person's deadlines, each list by due date."""

    upcoming: list[Deadline] = field(default_factory=list)
    overdue: list[Deadline] = field(default_factory=list)
    expired_windows: list[Deadline] = field(default_factory=list)  # registrars: extend or end

    def __bool__(self) -> bool:
        return bool(self.upcoming or self.overdue or self.expired_windows)


def _open(cases: list[Case]) -> list[Case]:
    return [case for case in cases if case.state in DEADLINE_STATES]


def visible_open_cases(user) -> list[Case]:
    """The open cases and those with an issued award (:data:`DEADLINE_STATES`) ``user`` may
    see: all for a registrar, their organisation's for a party, those they mediate or are
    proposed for for a mediator."""
    if user.role == Role.REGISTRAR:
        return list(db.session.scalars(
            db.select(Case).where(Case.state.in_(DEADLINE_STATES)).order_by(Case.id)
        ))
    if user.role == Role.PARTY and user.organisation_id is not None:
        return _open(queries.organisation_cases(user.organisation_id))
    if user.role == Role.MEDIATOR:
        cases = {case.id: case for case in queries.mediator_assigned_cases(user.id)}
        cases.update({case.id: case for case in queries.mediator_proposed_cases(user.id)})
        return _open(list(cases.values()))
    return []


def _concerns(deadline: Deadline, roles: set[CaseRole]) -> bool:
    """Whether the deadline is one for someone with ``roles`` to see on a dashboard: a party
    sees its own side's deadlines and the case's mediation window; staff see them all."""
    sides = {_SIDES[role] for role in roles if role in _SIDES}
    return not sides or deadline.side is None or deadline.side in sides


def dashboard_deadlines(user, today: date | None = None) -> DashboardDeadlines:
    """``user``'s upcoming (next :data:`HORIZON_DAYS` days) and overdue deadlines across the
    cases they may see; a registrar's expired mediation windows apart, to extend or end.
    ``today`` defaults to today where each deadline's addressee is."""
    result = DashboardDeadlines()
    for case in visible_open_cases(user):
        roles = case_roles(user, case)
        if not roles or case.state == CaseState.DRAFT:
            continue
        for deadline in deadlines_for(case, today):
            done = deadline.status in (DeadlineStatus.MET, DeadlineStatus.PASSED)
            if done or not _concerns(deadline, roles):
                continue
            if deadline.status == DeadlineStatus.OVERDUE:
                if deadline.rule is MEDIATION_WINDOW and CaseRole.REGISTRAR in roles:
                    result.expired_windows.append(deadline)
                else:
                    result.overdue.append(deadline)
            elif deadline.days_left(today or today_in(deadline.zone)) <= HORIZON_DAYS:
                result.upcoming.append(deadline)
    for deadlines in (result.upcoming, result.overdue, result.expired_windows):
        deadlines.sort(key=lambda d: (d.due, d.case.id))
    return result
