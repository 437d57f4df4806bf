"""Read-only case queries behind the dashboards, the registry queue and the ``cases`` command."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from flask_sqlalchemy.pagination import Pagination

from casework.audit.models import AuditEntry
from casework.cases.models import Case, CaseParty, CaseState, PartySide
from casework.extensions import db
from casework.mediators.models import MediatorProposal, ProposalStatus
from casework.parties.models import Organisation

# Filings waiting for the registry: to acknowledge, reject or chase, or (once commenced) to
# propose a mediator.
REGISTRY_QUEUE_STATES = (
    CaseState.FILED,
    CaseState.INFO_REQUESTED,
    CaseState.AWAITING_RESPONDENT,
    CaseState.COMMENCED,
)


@dataclass(frozen=True)
class QueueItem:
    """A filing in the registry queue and how many days it has waited since submission."""

    case: Case
    days_waiting: int


@dataclass(frozen=True)
class CaseFilters:
    """The registrar's filters; ``None`` (or empty) means "any"."""

    state: CaseState | None = None
    submitted_from: date | None = None
    submitted_to: date | None = None
    party: str = ""
    reference: str = ""


def registry_queue(today: date, zone: str = "Asia/Singapore") -> list[QueueItem]:
    """Filings needing the registry, oldest submission first, with the days each has waited
    (from its submission date in ``zone`` to ``today``, the date in that zone).

    Commenced cases appear only while no mediator proposal is pending (proposing one moves the
    case on, so this is a safeguard, not a second rule).
    """
    pending_proposal = (
        sa.select(MediatorProposal.id)
        .where(MediatorProposal.case_id == Case.id)
        .where(MediatorProposal.status == ProposalStatus.PROPOSED)
        .exists()
    )
    cases = db.session.scalars(
        sa.select(Case)
        .where(Case.state.in_(REGISTRY_QUEUE_STATES))
        .where(sa.or_(Case.state != CaseState.COMMENCED, ~pending_proposal))
        .order_by(Case.submitted_at, Case.id)
    )
    local = ZoneInfo(zone)
    return [
        QueueItem(case, (today - case.submitted_at.astimezone(local).date()).days)
        for case in cases
    ]


def organisation_cases(organisation_id: int) -> list[Case]:
    """Every case the organisation is a party to, newest first.

    Drafts are included only where the organisation is the claimant (a respondent never sees
    a draft).
    """
    sides = sa.select(CaseParty.case_id).where(CaseParty.organisation_id == organisation_id)
    claimant_side = sides.where(CaseParty.side == PartySide.CLAIMANT)
    return list(
        db.session.scalars(
            sa.select(Case)
            .where(Case.id.in_(sides))
            .where(sa.or_(Case.state != CaseState.DRAFT, Case.id.in_(claimant_side)))
            .order_by(Case.created_at.desc(), Case.id.desc())
        )
    )


def mediator_assigned_cases(mediator_id: int) -> list[Case]:
    """Cases where the user is the appointed mediator, newest first."""
    return list(
        db.session.scalars(
            sa.select(Case)
            .where(Case.mediator_id == mediator_id)
            .order_by(Case.created_at.desc(), Case.id.desc())
        )
    )


def mediator_proposed_cases(mediator_id: int) -> list[Case]:
    """Cases where the user is the pending proposed mediator, newest proposal first."""
    return list(
        db.session.scalars(
            sa.select(Case)
            .join(MediatorProposal, MediatorProposal.case_id == Case.id)
            .where(MediatorProposal.mediator_id == mediator_id)
            .where(MediatorProposal.status == ProposalStatus.PROPOSED)
            .order_by(MediatorProposal.proposed_at.desc(), Case.id.desc())
        )
    )


def search_cases(
    filters: CaseFilters, *, page: int, per_page: int, zone: str = "Asia/Singapore"
) -> Pagination:
    """All submitted cases matching ``filters``, newest submission first, one page of them.

    The date range is inclusive and read in ``zone`` (the registrar's time zone); the party
    name matches either party's English or Chinese registered name, case-insensitively; the
    reference matches any part of the case reference.
    """
    query = sa.select(Case).where(Case.state != CaseState.DRAFT)
    if filters.state is not None:
        query = query.where(Case.state == filters.state)
    local = ZoneInfo(zone)
    if filters.submitted_from is not None:
        query = query.where(Case.submitted_at >= _start_of(filters.submitted_from, local))
    if filters.submitted_to is not None:
        next_day = filters.submitted_to + timedelta(days=1)
        query = query.where(Case.submitted_at < _start_of(next_day, local))
    if filters.party.strip():
        term = filters.party.strip().lower()
        named = (
            sa.select(CaseParty.case_id)
            .join(Organisation, Organisation.id == CaseParty.organisation_id)
            .where(
                sa.or_(
                    sa.func.lower(Organisation.name_en).contains(term, autoescape=True),
                    sa.func.lower(Organisation.name_zh).contains(term, autoescape=True),
                )
            )
        )
        query = query.where(Case.id.in_(named))
    if filters.reference.strip():
        term = filters.reference.strip().lower()
        query = query.where(sa.func.lower(Case.reference).contains(term, autoescape=True))
    query = query.order_by(Case.submitted_at.desc(), Case.id.desc())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def cases_for_listing(state: CaseState | None = None) -> list[Case]:
    """Every case (drafts included), optionally in one state, in order of creation."""
    query = sa.select(Case).order_by(Case.id)
    if state is not None:
        query = query.where(Case.state == state)
    return list(db.session.scalars(query))


def case_timeline(case_id: int) -> list[AuditEntry]:
    """The case's audit entries, newest first."""
    return list(
        db.session.scalars(
            sa.select(AuditEntry)
            .where(AuditEntry.case_id == case_id)
            .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        )
    )


def _start_of(day: date, zone: ZoneInfo) -> datetime:
    """The first instant of ``day`` in ``zone``."""
    return datetime.combine(day, time.min, tzinfo=zone)
