"""The SIMC mediator panel and the appointment of a mediator to a case."""

from __future__ import annotations

import enum
import re
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.db import TimestampMixin, UTCDateTime, enum_column
from casework.extensions import db


class MediatorProfile(TimestampMixin, db.Model):
    """A panel mediator's public profile, used when proposing a mediator."""

    __tablename__ = "mediator_profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), unique=True)
    languages: Mapped[str] = mapped_column(sa.String(200), default="")
    expertise: Mapped[str] = mapped_column(sa.Text, default="")
    nationality: Mapped[str] = mapped_column(sa.String(100), default="")
    bio: Mapped[str] = mapped_column(sa.Text, default="")
    on_panel: Mapped[bool] = mapped_column(default=True)

    user = relationship("User", back_populates="mediator_profile")

    @property
    def language_list(self) -> list[str]:
        """The languages the mediator works in, as entered (comma-separated)."""
        return split_list(self.languages)


def split_list(text: str | None) -> list[str]:
    """Split a comma-separated entry (also ``;`` and the Chinese ``，`` ``、`` ``；``) into
    distinct, trimmed items."""
    items: list[str] = []
    for item in re.split(r"[,，、;；]", text or ""):
        cleaned = item.strip()
        if cleaned and cleaned.casefold() not in {i.casefold() for i in items}:
            items.append(cleaned)
    return items


class ProposalStatus(enum.StrEnum):
    """Where a mediator proposal stands."""

    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    REPLACED = "replaced"


class Disclosure(enum.StrEnum):
    """The proposed mediator's conflict disclosure."""

    NONE = "none"
    CIRCUMSTANCES = "circumstances"


class MediatorProposal(db.Model):
    """The registry's proposal of a panel mediator for a case."""

    __tablename__ = "mediator_proposals"
    __table_args__ = (
        sa.CheckConstraint(
            "(disclosure IS NULL) = (disclosed_at IS NULL)", name="disclosure_dated"
        ),
        # At most one proposal per case is pending at a time.
        sa.Index(
            "ix_mediator_proposals_one_pending", "case_id", unique=True,
            sqlite_where=sa.text("status = 'proposed'"),
            postgresql_where=sa.text("status = 'proposed'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"))
    mediator_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    proposed_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    objection_deadline: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[ProposalStatus] = mapped_column(
        enum_column(ProposalStatus), default=ProposalStatus.PROPOSED
    )
    disclosure: Mapped[Disclosure | None] = mapped_column(enum_column(Disclosure))
    disclosure_text: Mapped[str] = mapped_column(sa.Text, default="")
    disclosed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    case = relationship("Case")
    mediator = relationship("User", foreign_keys=[mediator_id])
    proposed_by = relationship("User", foreign_keys=[proposed_by_id])
    responses = relationship(
        "ProposalResponse", back_populates="proposal", cascade="all, delete-orphan",
        order_by="ProposalResponse.id",
    )

    def response_of(self, case_party) -> ProposalResponse | None:
        """The answer given for ``case_party`` (a :class:`CaseParty`), if any."""
        return next((r for r in self.responses if r.case_party_id == case_party.id), None)


class ProposalAnswer(enum.StrEnum):
    """A party's answer to a proposed mediator."""

    ACCEPT = "accept"
    OBJECT = "object"


class ProposalResponse(db.Model):
    """One party's acceptance of, or objection to, a proposed mediator."""

    __tablename__ = "proposal_responses"
    __table_args__ = (sa.UniqueConstraint("proposal_id", "case_party_id", name="one_per_party"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(sa.ForeignKey("mediator_proposals.id"))
    case_party_id: Mapped[int] = mapped_column(sa.ForeignKey("case_parties.id"))
    answered_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answer: Mapped[ProposalAnswer] = mapped_column(enum_column(ProposalAnswer))
    reasons: Mapped[str] = mapped_column(sa.Text, default="")

    proposal = relationship(MediatorProposal, back_populates="responses")
    case_party = relationship("CaseParty")
    answered_by = relationship("User")
