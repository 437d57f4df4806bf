"""The SCIA phase of a case: the referral or consent-award request, the arbitration itself, the
award, and what the parties performed afterwards.

A case reaches SCIA by one of two routes: **escalation** when the mediation did not settle (the
registry refers the dispute, with a referral package built only from what may cross the
confidentiality wall), or a **consent award** on a signed settlement. Either way one
:class:`SciaProceeding` row holds what SCIA's case secretary and, later, an enforcing court need.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.db import UTCDateTime, enum_column, now_utc
from casework.extensions import db


class SciaRoute(enum.StrEnum):
    """How the case came to SCIA."""

    ESCALATION = "escalation"
    CONSENT_AWARD = "consent_award"


class EscalationTrigger(enum.StrEnum):
    """Why an unsettled dispute went on to arbitration."""

    IMPASSE = "impasse"
    WINDOW_EXPIRED = "window_expired"
    PARTY_WITHDREW = "party_withdrew"
    RESPONDENT_DECLINED = "respondent_declined"


class TribunalRole(enum.StrEnum):
    """An arbitrator's seat on the tribunal."""

    SOLE = "sole"
    PRESIDING = "presiding"
    CO_ARBITRATOR = "co_arbitrator"


class SciaProceeding(db.Model):
    """A case's proceeding at SCIA (one per case)."""

    __tablename__ = "scia_proceedings"
    __table_args__ = (
        sa.CheckConstraint("rmb_rate IS NULL OR rmb_rate > 0", name="scia_rate_positive"),
        sa.CheckConstraint(
            "(route = 'escalation') = (trigger IS NOT NULL)", name="scia_trigger_for_escalation"
        ),
        sa.CheckConstraint(
            "(award_date IS NULL) = (award_document_id IS NULL)", name="scia_award_with_document"
        ),
        sa.CheckConstraint(
            "escalated_at IS NULL OR route = 'escalation'", name="scia_escalated_by_escalation"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), unique=True)
    route: Mapped[SciaRoute] = mapped_column(enum_column(SciaRoute))
    trigger: Mapped[EscalationTrigger | None] = mapped_column(enum_column(EscalationTrigger))
    # The arbitration agreement relied on: the contract's clause, or the parties' new agreement.
    arbitration_agreement_text: Mapped[str] = mapped_column(sa.Text, default="")
    arbitration_agreement_document_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("documents.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    started_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    # When the registry referred the dispute to SCIA (the escalation route only; the row may
    # exist before, holding the parties' new arbitration agreement).
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claim_amount: Mapped[Decimal | None] = mapped_column(sa.Numeric(18, 2))
    claim_currency: Mapped[str | None] = mapped_column(sa.String(3))
    rmb_rate: Mapped[Decimal | None] = mapped_column(sa.Numeric(18, 6))
    amount_rmb: Mapped[Decimal | None] = mapped_column(sa.Numeric(18, 2))
    scia_reference: Mapped[str | None] = mapped_column(sa.String(60))
    scia_filed_on: Mapped[date | None] = mapped_column(sa.Date)
    consent_award_requested_on: Mapped[date | None] = mapped_column(sa.Date)
    award_date: Mapped[date | None] = mapped_column(sa.Date)
    award_received_on: Mapped[date | None] = mapped_column(sa.Date)
    award_document_id: Mapped[int | None] = mapped_column(sa.ForeignKey("documents.id"))
    closed_reason: Mapped[str | None] = mapped_column(sa.Text)

    case = relationship("Case")
    started_by = relationship("User")
    arbitration_agreement_document = relationship(
        "Document", foreign_keys=[arbitration_agreement_document_id])
    award_document = relationship("Document", foreign_keys=[award_document_id])
    tribunal = relationship("TribunalMember", back_populates="proceeding",
                            order_by="TribunalMember.id", cascade="all, delete-orphan")
    consents = relationship("MediatorConsent", back_populates="proceeding",
                            order_by="MediatorConsent.id")
    hearings = relationship("ArbitrationHearing", back_populates="proceeding",
                            order_by="ArbitrationHearing.held_on", cascade="all, delete-orphan")


class TribunalMember(db.Model):
    """An arbitrator of the SCIA tribunal."""

    __tablename__ = "tribunal_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    proceeding_id: Mapped[int] = mapped_column(sa.ForeignKey("scia_proceedings.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[TribunalRole] = mapped_column(enum_column(TribunalRole))
    # True when the arbitrator is the case's mediator (needs every party's written consent).
    is_mediator: Mapped[bool] = mapped_column(default=False)
    appointed_on: Mapped[date] = mapped_column(sa.Date)

    proceeding = relationship(SciaProceeding, back_populates="tribunal")


class MediatorConsent(db.Model):
    """A party's written consent (an uploaded document) to the mediator acting as arbitrator."""

    __tablename__ = "mediator_consents"
    __table_args__ = (
        sa.UniqueConstraint("proceeding_id", "case_party_id", name="mediator_consent_once"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proceeding_id: Mapped[int] = mapped_column(sa.ForeignKey("scia_proceedings.id"), index=True)
    case_party_id: Mapped[int] = mapped_column(sa.ForeignKey("case_parties.id"))
    document_id: Mapped[int] = mapped_column(sa.ForeignKey("documents.id"))
    given_on: Mapped[date] = mapped_column(sa.Date)
    recorded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    proceeding = relationship(SciaProceeding, back_populates="consents")
    case_party = relationship("CaseParty")
    document = relationship("Document")
    recorded_by = relationship("User")


class ArbitrationHearing(db.Model):
    """A hearing date of the SCIA tribunal, as SCIA notified it."""

    __tablename__ = "arbitration_hearings"

    id: Mapped[int] = mapped_column(primary_key=True)
    proceeding_id: Mapped[int] = mapped_column(sa.ForeignKey("scia_proceedings.id"), index=True)
    held_on: Mapped[date] = mapped_column(sa.Date)
    description: Mapped[str] = mapped_column(sa.Text, default="")

    proceeding = relationship(SciaProceeding, back_populates="hearings")


class PerformanceRecord(db.Model):
    """What a party performed of the settlement: a payment received (per instalment), or a
    delivery or act completed."""

    __tablename__ = "performance_records"
    __table_args__ = (
        sa.CheckConstraint("obligation_number >= 1", name="performance_obligation_positive"),
        sa.CheckConstraint("instalment_number IS NULL OR instalment_number >= 1",
                           name="performance_instalment_positive"),
        sa.CheckConstraint("amount IS NULL OR amount > 0", name="performance_amount_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    obligation_number: Mapped[int]
    instalment_number: Mapped[int | None]
    amount: Mapped[Decimal | None] = mapped_column(sa.Numeric(18, 2))
    performed_on: Mapped[date] = mapped_column(sa.Date)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    recorded_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    case = relationship("Case")
    recorded_by = relationship("User")
