"""Uploaded documents: records pointing at content-addressed files outside the web root."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.db import UTCDateTime, enum_column
from casework.extensions import db


class Circulation(enum.StrEnum):
    """How far a document may travel, chosen at upload (see :mod:`casework.documents.circulation`):
    into the arbitration phase (an SCIA referral and its bundle), or never beyond the mediation
    (without-prejudice material)."""

    CASE_FILE = "case_file"
    MEDIATION_ONLY = "mediation_only"


class Document(db.Model):
    """One version of an uploaded document. Files are never overwritten: a replacement is a new
    version sharing ``lineage_id``; a mistaken upload is marked withdrawn, not deleted."""

    __tablename__ = "documents"
    __table_args__ = (
        sa.UniqueConstraint("lineage_id", "version_number", name="lineage_version"),
        sa.CheckConstraint(
            "(withdrawn_at IS NULL) = (withdrawn_by_id IS NULL)", name="withdrawal_complete"
        ),
        sa.CheckConstraint(
            "private_submission_id IS NULL OR circulation = 'mediation_only'",
            name="private_stays_in_mediation",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    # The id of the first version; all versions of one document share it.
    lineage_id: Mapped[int | None] = mapped_column(sa.ForeignKey("documents.id"))
    version_number: Mapped[int] = mapped_column(default=1)
    sha256: Mapped[str] = mapped_column(sa.String(64))
    size_bytes: Mapped[int]
    media_type: Mapped[str] = mapped_column(sa.String(100))
    filename: Mapped[str] = mapped_column(sa.String(255))
    description: Mapped[str] = mapped_column(sa.Text, default="")
    uploaded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    withdrawn_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    withdrawal_reason: Mapped[str | None] = mapped_column(sa.Text)
    # Set when the document belongs to a party's private submission to the mediator: it is
    # then confidential (see ``casework.documents.permissions.can_view_document``). The
    # ``private_submission`` attribute is the backref of ``PrivateSubmission.documents``, so
    # this module needs the hearings area's models only once they are all imported.
    private_submission_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("private_submissions.id"), index=True
    )
    # Deny by default: a row not marked otherwise (and every row of a private submission)
    # stays behind the confidentiality wall.
    circulation: Mapped[Circulation] = mapped_column(
        enum_column(Circulation),
        default=Circulation.MEDIATION_ONLY,
        server_default=Circulation.MEDIATION_ONLY.value,
    )

    case = relationship("Case")
    uploaded_by = relationship("User", foreign_keys=[uploaded_by_id])
    withdrawn_by = relationship("User", foreign_keys=[withdrawn_by_id])
