"""Who may see and act on a case. Deny by default; views load first (404), then check (403)."""

from __future__ import annotations

from flask import abort

from casework.accounts.models import Role
from casework.cases.models import Case, CaseState, PartySide
from casework.cases.workflow import Action, CaseRole, check
from casework.extensions import db


def case_roles(user, case: Case) -> set[CaseRole]:
    """The parts ``user`` plays in ``case`` (empty: none, so no access)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    if user.role == Role.REGISTRAR:  # a draft is the claimant's own until it is submitted
        return {CaseRole.REGISTRAR} if case.state != CaseState.DRAFT else set()
    roles: set[CaseRole] = set()
    if user.role == Role.PARTY and user.organisation_id is not None:
        for party in case.parties:
            if party.organisation_id != user.organisation_id:
                continue
            if party.side == PartySide.CLAIMANT:
                roles.add(CaseRole.CLAIMANT)
            elif case.state != CaseState.DRAFT:  # the respondent never sees a draft
                roles.add(CaseRole.RESPONDENT)
    if user.role == Role.MEDIATOR:
        if case.mediator_id == user.id:
            roles.add(CaseRole.MEDIATOR)
        if _is_pending_proposed_mediator(user, case):
            roles.add(CaseRole.PROPOSED_MEDIATOR)
    return roles


def _is_pending_proposed_mediator(user, case: Case) -> bool:
    from casework.mediators.models import MediatorProposal, ProposalStatus

    return db.session.query(
        db.select(MediatorProposal)
        .filter_by(case_id=case.id, mediator_id=user.id, status=ProposalStatus.PROPOSED)
        .exists()
    ).scalar()


def can_view_case(user, case: Case) -> bool:
    """Whether ``user`` may see ``case`` at all."""
    return bool(case_roles(user, case))


def get_case_for(user, case_id: int) -> Case:
    """Load a case (404 if missing) and check that ``user`` may see it (403 otherwise)."""
    case = db.session.get(Case, case_id)
    if case is None:
        abort(404)
    if not can_view_case(user, case):
        abort(403)
    return case


def get_case_for_action(user, case_id: int, action: Action) -> Case:
    """Load a case (404), check that ``user`` may see it (403) and may take ``action`` on it
    now (403 for the role, 409 for the state): a form is only shown to someone who can use it."""
    case = get_case_for(user, case_id)
    check(case, action, case_roles(user, case))
    return case
