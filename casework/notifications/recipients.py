"""Who is told about a case event, each in their own language."""

from __future__ import annotations

from casework.accounts.models import Role, User
from casework.cases.models import CaseState, PartySide
from casework.extensions import db
from casework.mediators.models import MediatorProposal, ProposalStatus
from casework.notifications.outbox import enqueue_for_user


def party_users(case, side: PartySide | None = None) -> list[User]:
    """Active representatives of the case's organisations (one side, or both)."""
    organisation_ids = [
        p.organisation_id
        for p in case.parties
        if (side is None or p.side == side)
        and not (p.side == PartySide.RESPONDENT and case.state == CaseState.DRAFT)
    ]
    if not organisation_ids:
        return []
    return list(
        db.session.scalars(
            db.select(User)
            .filter(User.organisation_id.in_(organisation_ids), User.role == Role.PARTY)
            .filter_by(active=True)
            .order_by(User.id)
        )
    )


def registrars() -> list[User]:
    """Every active registrar."""
    return list(db.session.scalars(db.select(User).filter_by(role=Role.REGISTRAR, active=True)))


def everyone_on_case(case) -> list[User]:
    """Everyone told when the whole case changes: the parties' users, the appointed and the
    pending proposed mediator, and the registrars, each once (active accounts only)."""
    users = [*party_users(case), *registrars()]
    if case.mediator is not None:
        users.append(case.mediator)
    proposals = db.session.scalars(
        db.select(MediatorProposal).filter_by(case_id=case.id, status=ProposalStatus.PROPOSED)
    )
    users.extend(proposal.mediator for proposal in proposals)
    unique = {user.id: user for user in users if user.active}
    return list(unique.values())


def notify_users(kind: str, users, *, case=None, **context) -> None:
    """Queue ``kind`` for each of ``users`` in their language."""
    for user in users:
        enqueue_for_user(kind, user, case=case, **context)
