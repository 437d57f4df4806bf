"""Registrar closures of the business calendars, mediation-window extensions and the record of
reminders already sent."""

from __future__ import annotations

import enum
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.db import UTCDateTime, enum_column, now_utc
from casework.extensions import db
from casework.parties.models import Jurisdiction


class Closure(db.Model):
    """A day the registrar declared closed in one jurisdiction (a typhoon day, an institution
    closure): not a working day on that jurisdiction's business calendar."""

    __tablename__ = "calendar_closures"
    __table_args__ = (
        sa.UniqueConstraint("jurisdiction", "day", name="one_per_day"),
        sa.CheckConstraint("jurisdiction IN ('SG', 'CN')", name="calendar_jurisdiction"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    jurisdiction: Mapped[Jurisdiction] = mapped_column(enum_column(Jurisdiction))
    day: Mapped[date] = mapped_column(sa.Date)
    reason: Mapped[str] = mapped_column(sa.String(300))
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    created_by = relationship("User")


class WindowExtension(db.Model):
    """A registrar's extension of a case's mediation window to ``new_end``, with the reason."""

    __tablename__ = "mediation_window_extensions"
    __table_args__ = (sa.CheckConstraint("reason <> ''", name="reason_given"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    previous_end: Mapped[date] = mapped_column(sa.Date)
    new_end: Mapped[date] = mapped_column(sa.Date)
    reason: Mapped[str] = mapped_column(sa.Text)
    extended_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    extended_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    case = relationship("Case")
    extended_by = relationship("User")


class ReminderKind(enum.StrEnum):
    """Which reminder about a deadline was sent."""

    DUE_SOON = "due_soon"  # the configured number of days before
    DUE_TODAY = "due_today"
    WINDOW_EXPIRED = "window_expired"  # to registrars: extend or end the mediation


class ReminderSent(db.Model):
    """A reminder queued for one person about one deadline; the unique key makes sure the
    daily ``remind`` command never sends the same reminder twice."""

    __tablename__ = "reminders_sent"
    __table_args__ = (
        sa.UniqueConstraint(
            "case_id", "deadline_key", "recipient_id", "kind", name="once_per_recipient"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"))
    # The deadline's key with its due date, so a moved deadline (an extended window) is
    # reminded of again.
    deadline_key: Mapped[str] = mapped_column(sa.String(120))
    recipient_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    kind: Mapped[ReminderKind] = mapped_column(enum_column(ReminderKind))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
