"""Builders and look-ups shared by the mediator tests."""

from __future__ import annotations

from datetime import timedelta

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.db import now_utc
from casework.extensions import db
from casework.mediators.models import MediatorProposal, ProposalStatus
from casework.notifications.models import OutboxMessage
from tests.factories import make_user


def make_mediator(*, name=None, languages="English, 中文", expertise="Construction",
                  nationality="Malaysian", bio="", on_panel=True, timezone="Asia/Singapore"):
    """A saved mediator with the given panel profile."""
    mediator = make_user(Role.MEDIATOR, name=name, timezone=timezone)
    profile = mediator.mediator_profile
    profile.languages = languages
    profile.expertise = expertise
    profile.nationality = nationality
    profile.bio = bio
    profile.on_panel = on_panel
    db.session.commit()
    return mediator


def respondent_user(case, **fields):
    """A saved representative of the respondent organisation of ``case``."""
    user = make_user(Role.PARTY, organisation=case.respondent.organisation, **fields)
    db.session.commit()
    return user


def outbox(kind: str) -> list[OutboxMessage]:
    """The queued e-mails of ``kind``, by recipient."""
    return list(db.session.scalars(
        db.select(OutboxMessage).filter_by(kind=kind).order_by(OutboxMessage.recipient)
    ))


def recipients(kind: str) -> list[str]:
    """Recipients of the queued e-mails of ``kind``, sorted."""
    return [message.recipient for message in outbox(kind)]


def audit_actions(case=None) -> list[str]:
    """Audit actions recorded (for ``case``, or without a case), oldest first."""
    query = db.select(AuditEntry.action).order_by(AuditEntry.id)
    query = query.filter_by(case_id=case.id if case is not None else None)
    return list(db.session.scalars(query))


def end_objection_period(proposal) -> None:
    """Date ``proposal`` back so every party's objection period has ended (each period is
    computed from the proposal date on the party's own calendar)."""
    proposal.proposed_at = now_utc() - timedelta(days=30)
    proposal.objection_deadline = proposal.proposed_at + timedelta(days=7)


def proposal_of(case, status=ProposalStatus.PROPOSED) -> MediatorProposal | None:
    """The case's proposal with ``status`` (the newest), if any."""
    return db.session.scalars(
        db.select(MediatorProposal).filter_by(case_id=case.id, status=status)
        .order_by(MediatorProposal.id.desc())
    ).first()
