"""Look-ups shared by the deadline tests."""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from casework.audit.models import AuditEntry
from casework.extensions import db
from casework.notifications.models import OutboxMessage


def singapore_morning(day) -> datetime:
    """10:00 in Singapore on ``day``, as an aware UTC datetime."""
    return datetime.combine(day, time(10), tzinfo=ZoneInfo("Asia/Singapore")).astimezone(UTC)


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
    return list(db.session.scalars(query.filter_by(case_id=case.id if case else None)))
