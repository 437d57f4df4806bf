"""Who may see what of a hearing, and the read-only hearing queries behind the pages, the
dashboards, the calendar page and the calendar feed.

Everyone who may see a case sees that its hearings exist and when they are. The record of a
private session (its minutes, attendance and meeting link) is caucus material: only the
assigned mediator and the users of that side see it. The mediator's private notes are the
assigned mediator's alone (:func:`casework.hearings.confidential_permissions
.can_view_mediator_notes`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa

from casework.accounts.models import Role, User
from casework.cases.models import Case, PartySide
from casework.cases.permissions import can_view_case, case_roles
from casework.cases.workflow import SESSION_STATES, CaseRole
from casework.extensions import db
from casework.hearings.confidential_permissions import can_view_mediator_notes
from casework.hearings.models import (
    Hearing,
    HearingParticipant,
    HearingStatus,
    MediatorNote,
)

_SIDE_ROLES = {PartySide.CLAIMANT: CaseRole.CLAIMANT, PartySide.RESPONDENT: CaseRole.RESPONDENT}
# How far back the calendar feed reaches (calendar programs keep what they saw before).
FEED_HISTORY = timedelta(days=180)


def can_view_hearing(user, hearing: Hearing) -> bool:
    """Whether ``user`` may see ``hearing`` (that it exists, when and what kind): anyone who
    may see its case."""
    return can_view_case(user, hearing.case)


def can_see_session_record(user, hearing: Hearing) -> bool:
    """Whether ``user`` may see the record of ``hearing``: participants, attendance, shared
    minutes, the meeting link. For a private session only the assigned mediator and that
    side's users; for any other hearing everyone who may see the case."""
    roles = case_roles(user, hearing.case)
    if hearing.private_side is None:
        return bool(roles)
    return CaseRole.MEDIATOR in roles or _SIDE_ROLES[hearing.private_side] in roles


def is_assigned_mediator(user, case: Case) -> bool:
    """Whether ``user`` is the mediator appointed to ``case``."""
    return CaseRole.MEDIATOR in case_roles(user, case)


def case_hearing_list(case: Case) -> list[Hearing]:
    """The hearings of ``case`` in order of their start."""
    return list(db.session.scalars(
        sa.select(Hearing).filter_by(case_id=case.id).order_by(Hearing.starts_at, Hearing.id)
    ))


def mediator_notes(user, case: Case, hearing: Hearing | None = None) -> list[MediatorNote]:
    """The mediator's private notes on ``case`` (on ``hearing`` only, if given), oldest
    first — empty for anyone but the assigned mediator."""
    if not can_view_mediator_notes(user, case):
        return []
    query = sa.select(MediatorNote).filter_by(case_id=case.id)
    if hearing is not None:
        query = query.filter_by(hearing_id=hearing.id)
    return list(db.session.scalars(query.order_by(MediatorNote.created_at, MediatorNote.id)))


def _own_hearings(user) -> sa.Select:
    """Hearings ``user`` takes part in or mediates (as the case's assigned mediator)."""
    participating = sa.select(HearingParticipant.hearing_id).where(
        HearingParticipant.user_id == user.id
    )
    mediating = sa.select(Case.id).where(Case.mediator_id == user.id)
    return sa.select(Hearing).where(
        sa.or_(Hearing.id.in_(participating), Hearing.case_id.in_(mediating))
    )


def upcoming_hearings(user, now: datetime, limit: int | None = None) -> list[Hearing]:
    """The scheduled hearings ahead for ``user`` (not yet ended), soonest first: those they take
    part in or mediate; for a registrar every case's."""
    if user is None or not user.is_authenticated:
        return []
    query = (
        sa.select(Hearing) if user.role == Role.REGISTRAR else _own_hearings(user)
    ).where(Hearing.status == HearingStatus.SCHEDULED, Hearing.ends_at > now)
    query = query.order_by(Hearing.starts_at, Hearing.id)
    if limit is not None:
        query = query.limit(limit)
    return [h for h in db.session.scalars(query) if can_view_hearing(user, h)]


def adjourned_hearings_to_fix(user) -> list[Hearing]:
    """Adjourned hearings awaiting a new date in the cases ``user`` mediates (while the
    mediation runs)."""
    return list(db.session.scalars(
        sa.select(Hearing).join(Case, Hearing.case_id == Case.id)
        .where(Case.mediator_id == user.id, Case.state.in_(SESSION_STATES),
               Hearing.status == HearingStatus.ADJOURNED)
        .order_by(Hearing.starts_at, Hearing.id)
    ))


def feed_hearings(user: User, now: datetime) -> list[Hearing]:
    """The hearings in ``user``'s calendar feed: those they take part in or mediate, from
    :data:`FEED_HISTORY` ago on, whatever their status (cancelled ones say so)."""
    query = _own_hearings(user).where(Hearing.ends_at > now - FEED_HISTORY)
    hearings = db.session.scalars(query.order_by(Hearing.starts_at, Hearing.id))
    return [h for h in hearings if can_view_hearing(user, h)]


@dataclass(frozen=True)
class Conflict:
    """Another scheduled hearing overlapping a proposed time, for ``user``."""

    user: User
    hearing: Hearing
    as_mediator: bool  # the clash is in the mediator's own diary


def hearing_conflicts(mediator: User, starts_at: datetime, ends_at: datetime,
                      participants: list[User], exclude: Hearing | None = None) -> list[Conflict]:
    """Scheduled hearings overlapping ``starts_at``–``ends_at`` that ``mediator`` mediates or
    takes part in, or that one of ``participants`` takes part in (``exclude``: the hearing
    being rescheduled). These are warnings: the mediator may schedule anyway."""
    overlapping = sa.select(Hearing).where(
        Hearing.status == HearingStatus.SCHEDULED,
        Hearing.starts_at < ends_at,
        Hearing.ends_at > starts_at,
    )
    if exclude is not None and exclude.id is not None:
        overlapping = overlapping.where(Hearing.id != exclude.id)
    conflicts: list[Conflict] = []
    seen: set[tuple[int, int]] = set()
    people = [mediator, *(p for p in participants if p.id != mediator.id)]
    for person in people:
        own = overlapping.where(Hearing.id.in_(_own_hearings(person).with_only_columns(
            Hearing.id
        )))
        for hearing in db.session.scalars(own.order_by(Hearing.starts_at)):
            if (person.id, hearing.id) not in seen:
                seen.add((person.id, hearing.id))
                conflicts.append(Conflict(person, hearing, person.id == mediator.id))
    return conflicts
