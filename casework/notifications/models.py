"""The e-mail outbox: messages written with the event, delivered later by ``send-mail``."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.db import UTCDateTime, enum_column, now_utc
from casework.extensions import db


class OutboxStatus(enum.StrEnum):
    """Delivery status of an outbox message."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # gave up after the configured number of attempts


class OutboxMessage(db.Model):
    """An e-mail waiting to be (or already) delivered."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        sa.CheckConstraint("(status = 'sent') = (sent_at IS NOT NULL)", name="sent_dated"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int | None] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(64))
    recipient: Mapped[str] = mapped_column(sa.String(254))
    locale: Mapped[str] = mapped_column(sa.String(16))
    subject: Mapped[str] = mapped_column(sa.String(300))
    body: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[OutboxStatus] = mapped_column(
        enum_column(OutboxStatus), default=OutboxStatus.PENDING, index=True
    )
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    attachments = relationship(
        "OutboxAttachment", back_populates="message", cascade="all, delete-orphan",
        order_by="OutboxAttachment.id",
    )


class OutboxAttachment(db.Model):
    """A file sent with an outbox message (e.g. a hearing's ``.ics`` invitation)."""

    __tablename__ = "outbox_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(sa.ForeignKey("outbox_messages.id"), index=True)
    filename: Mapped[str] = mapped_column(sa.String(200))
    # The full MIME type with its parameters, e.g. "text/calendar; method=REQUEST; charset=utf-8"
    content_type: Mapped[str] = mapped_column(sa.String(200))
    data: Mapped[bytes] = mapped_column(sa.LargeBinary)

    message = relationship(OutboxMessage, back_populates="attachments")
