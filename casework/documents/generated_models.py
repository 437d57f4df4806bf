"""Generated documents: PDFs the system rendered (settlement agreement, draft consent award ...).

Each generation is an immutable record: the PDF lives in the content-addressed store under its
sha256, with the template and the input snapshot it was made from. Generating a document of the
same kind again makes a new version and marks the previous one superseded; a registrar may revoke
one with a reason. The verification code printed on every page finds the record publicly.
"""

from __future__ import annotations

import enum
import secrets
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.db import UTCDateTime, enum_column, now_utc
from casework.extensions import db

# Upper-case letters and digits without the look-alikes 0/O, 1/I/L.
VERIFICATION_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
VERIFICATION_CODE_LENGTH = 12


def new_verification_code() -> str:
    """A random verification code (12 characters, about 59 bits) that is easy to type."""
    return "".join(secrets.choice(VERIFICATION_ALPHABET) for _ in range(VERIFICATION_CODE_LENGTH))


class GeneratedDocumentKind(enum.StrEnum):
    """What a generated document is."""

    SETTLEMENT_AGREEMENT = "settlement_agreement"
    CONSENT_AWARD_DRAFT = "consent_award_draft"
    REFERRAL = "referral"
    ENFORCEMENT_DATA_SHEET = "enforcement_data_sheet"


class GeneratedDocumentStatus(enum.StrEnum):
    """Whether a generated document is still the one that counts."""

    CURRENT = "current"
    SUPERSEDED = "superseded"
    REVOKED = "revoked"


class GeneratedDocument(db.Model):
    """One version of a generated document of a case."""

    __tablename__ = "generated_documents"
    __table_args__ = (
        sa.UniqueConstraint("case_id", "kind", "version_number", name="generated_kind_version"),
        sa.CheckConstraint("version_number >= 1", name="generated_version_positive"),
        sa.CheckConstraint("length(sha256) = 64", name="generated_sha256_length"),
        sa.CheckConstraint("size_bytes > 0", name="generated_size_positive"),
        sa.CheckConstraint(
            "(superseded_at IS NULL) = (superseded_by_id IS NULL)", name="generated_supersession"
        ),
        sa.CheckConstraint(
            "(revoked_at IS NULL) = (revoked_by_id IS NULL) "
            "AND (revoked_at IS NULL) = (revocation_reason IS NULL)",
            name="generated_revocation",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    kind: Mapped[GeneratedDocumentKind] = mapped_column(enum_column(GeneratedDocumentKind))
    version_number: Mapped[int]
    verification_code: Mapped[str] = mapped_column(sa.String(VERIFICATION_CODE_LENGTH),
                                                   unique=True)
    sha256: Mapped[str] = mapped_column(sa.String(64), index=True)
    size_bytes: Mapped[int]
    template_name: Mapped[str] = mapped_column(sa.String(200))
    template_version: Mapped[str] = mapped_column(sa.String(50))
    input_snapshot: Mapped[dict] = mapped_column(sa.JSON)
    generated_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    generated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    superseded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    superseded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("generated_documents.id"))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    revocation_reason: Mapped[str | None] = mapped_column(sa.Text)
    # The holder of the certificate the PDF carries a PAdES signature of; None: unsigned.
    signed_by: Mapped[str | None] = mapped_column(sa.String(300))

    case = relationship("Case")
    generated_by = relationship("User", foreign_keys=[generated_by_id])
    revoked_by = relationship("User", foreign_keys=[revoked_by_id])
    superseded_by = relationship("GeneratedDocument", remote_side=[id])

    @property
    def status(self) -> GeneratedDocumentStatus:
        """Revoked wins over superseded; otherwise the document is current."""
        if self.revoked_at is not None:
            return GeneratedDocumentStatus.REVOKED
        if self.superseded_at is not None:
            return GeneratedDocumentStatus.SUPERSEDED
        return GeneratedDocumentStatus.CURRENT

    @property
    def filename(self) -> str:
        """A file name for downloads and exports: ``<reference>-<kind>-v<n>.pdf``."""
        return f"{self.case.reference}-{self.kind.value}-v{self.version_number}.pdf"
