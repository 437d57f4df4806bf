"""Builders and look-ups shared by the hearing tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.cases.models import CaseLanguage, PartySide
from casework.db import now_utc
from casework.extensions import db
from casework.hearings import operations
from casework.hearings.models import Hearing, HearingKind, VenueKind
from casework.notifications.models import OutboxMessage
from tests.factories import make_user


def plan(starts_at: datetime | None = None, *, hours: int = 2,
         kind: HearingKind = HearingKind.JOINT_SESSION, side: PartySide | None = None,
         venue: operations.Venue | None = None) -> operations.HearingPlan:
    """A hearing plan starting at ``starts_at`` (default: in a week) for ``hours``."""
    starts_at = starts_at or now_utc().replace(microsecond=0) + timedelta(days=7)
    return operations.HearingPlan(
        kind=kind, starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours),
        venue=venue or operations.Venue(VenueKind.SINGAPORE, "Asia/Singapore",
                                        "Maxwell Chambers, 32 Maxwell Road"),
        language=CaseLanguage.BILINGUAL, private_side=side,
        interpretation="English–Mandarin consecutive",
    )


def schedule(case, participants, hearing_plan=None, *, now=None) -> Hearing:
    """Schedule a hearing as the case's mediator and commit."""
    hearing = operations.schedule_hearing(
        case.mediator, case, hearing_plan or plan(), participants,
        expected_version=case.version, now=now or now_utc(),
    )
    db.session.commit()
    return hearing


def party_user(organisation, **fields):
    """A saved representative of ``organisation``."""
    user = make_user(Role.PARTY, organisation=organisation, **fields)
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


def audit_actions(case) -> list[str]:
    """Audit actions recorded for ``case``, oldest first."""
    return list(db.session.scalars(
        db.select(AuditEntry.action).filter_by(case_id=case.id).order_by(AuditEntry.id)
    ))


def count(model) -> int:
    """How many rows ``model`` has."""
    return db.session.scalar(db.select(db.func.count()).select_from(model))
