"""Settlement records: the versions of a case's settlement terms and the parties' approvals.

The terms themselves are plain data (:class:`~casework.settlement.terms.SettlementTerms`); each
saved version keeps their exact JSON and its sha256, so an approval names precisely what was
approved. Versions are never changed: an edit adds a version, and approvals of earlier versions
no longer count.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.cases.models import PartySide
from casework.db import UTCDateTime, enum_column, now_utc
from casework.extensions import db
from casework.settlement.terms import SettlementTerms


def terms_digest(terms_json: str) -> str:
    """The sha256 (hex) of a version's terms JSON, as approved and printed on the documents."""
    return hashlib.sha256(terms_json.encode("utf-8")).hexdigest()


class Settlement(db.Model):
    """The settlement of one case, drafted by the mediator or the registry."""

    __tablename__ = "settlements"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), unique=True)
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    case = relationship("Case")
    created_by = relationship("User")
    versions = relationship(
        "SettlementVersion", back_populates="settlement", order_by="SettlementVersion.number",
        cascade="all, delete-orphan",
    )

    @property
    def current_version(self) -> SettlementVersion:
        """The latest version: the one that counts."""
        return self.versions[-1]


class SettlementVersion(db.Model):
    """One saved, immutable version of the settlement terms."""

    __tablename__ = "settlement_versions"
    __table_args__ = (
        sa.UniqueConstraint("settlement_id", "number", name="settlement_version_number"),
        sa.CheckConstraint("number >= 1", name="settlement_version_positive"),
        sa.CheckConstraint("length(terms_sha256) = 64", name="settlement_version_sha256_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    settlement_id: Mapped[int] = mapped_column(sa.ForeignKey("settlements.id"), index=True)
    number: Mapped[int]
    terms_json: Mapped[str] = mapped_column(sa.Text)
    terms_sha256: Mapped[str] = mapped_column(sa.String(64))
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    settlement = relationship(Settlement, back_populates="versions")
    created_by = relationship("User")
    approvals = relationship(
        "SettlementApproval", back_populates="version", order_by="SettlementApproval.id"
    )

    @property
    def terms(self) -> SettlementTerms:
        """The terms of this version."""
        return SettlementTerms.from_json(self.terms_json)


class SettlementApproval(db.Model):
    """A party's approval of one exact version, given in the app by its authorised signatory."""

    __tablename__ = "settlement_approvals"
    __table_args__ = (
        sa.UniqueConstraint("version_id", "case_party_id", name="settlement_approval_once"),
        sa.CheckConstraint("length(terms_sha256) = 64", name="settlement_approval_sha256_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(sa.ForeignKey("settlement_versions.id"), index=True)
    case_party_id: Mapped[int] = mapped_column(sa.ForeignKey("case_parties.id"))
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"))
    side: Mapped[PartySide] = mapped_column(enum_column(PartySide))
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    signatory_name: Mapped[str] = mapped_column(sa.String(200))
    signatory_title: Mapped[str] = mapped_column(sa.String(200), default="")
    terms_sha256: Mapped[str] = mapped_column(sa.String(64))
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    version = relationship(SettlementVersion, back_populates="approvals")
    case_party = relationship("CaseParty")
    organisation = relationship("Organisation")
    user = relationship("User")
