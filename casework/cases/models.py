"""The case: a dispute from its Request for Mediation on, its parties, respondent invitations."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.db import TimestampMixin, UTCDateTime, enum_column
from casework.extensions import db


class CaseState(enum.StrEnum):
    """Where a case stands; the allowed moves between states are in ``cases.workflow``."""

    DRAFT = "draft"
    FILED = "filed"
    INFO_REQUESTED = "info_requested"
    AWAITING_RESPONDENT = "awaiting_respondent"
    COMMENCED = "commenced"
    MEDIATOR_PROPOSED = "mediator_proposed"
    MEDIATOR_APPOINTED = "mediator_appointed"
    IN_MEDIATION = "in_mediation"
    SETTLED = "settled"
    SETTLEMENT_SIGNED = "settlement_signed"
    NOT_SETTLED = "not_settled"
    REFERRED_TO_SCIA = "referred_to_scia"
    IN_ARBITRATION = "in_arbitration"
    AWARD_REQUESTED = "award_requested"
    AWARD_ISSUED = "award_issued"
    CLOSED = "closed"
    DECLINED = "declined"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class Currency(enum.StrEnum):
    """Currencies accepted for the amount in dispute (ISO 4217)."""

    SGD = "SGD"
    CNY = "CNY"
    USD = "USD"
    HKD = "HKD"
    EUR = "EUR"


class CaseLanguage(enum.StrEnum):
    """Preferred language of the mediation."""

    EN = "en"
    ZH = "zh"
    BILINGUAL = "bilingual"


class Venue(enum.StrEnum):
    """Preferred venue of the mediation."""

    SINGAPORE = "singapore"
    SHENZHEN = "shenzhen"
    ONLINE = "online"


class PartySide(enum.StrEnum):
    """Which side of the dispute a case party is on."""

    CLAIMANT = "claimant"
    RESPONDENT = "respondent"


class MediationResult(enum.StrEnum):
    """How the mediation ended."""

    SETTLED_IN_FULL = "settled_in_full"
    SETTLED_IN_PART = "settled_in_part"
    IMPASSE = "impasse"
    WINDOW_EXPIRED = "window_expired"
    PARTY_WITHDREW = "party_withdrew"


class RespondentAnswer(enum.StrEnum):
    """The respondent's answer to the Request for Mediation."""

    AGREE = "agree"
    DECLINE = "decline"


class Case(TimestampMixin, db.Model):
    """A dispute administered by SIMC (and later SCIA)."""

    __tablename__ = "cases"
    __table_args__ = (
        sa.CheckConstraint("amount_in_dispute IS NULL OR amount_in_dispute >= 0", name="amount"),
        sa.CheckConstraint(
            "(state = 'draft') = (reference IS NULL)", name="reference_once_submitted"
        ),
        sa.CheckConstraint(
            "(mediation_result IS NULL) = (mediation_ended_on IS NULL)", name="result_dated"
        ),
        sa.CheckConstraint(
            "(state = 'closed') = (closed_at IS NOT NULL)", name="closed_when_closed"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str | None] = mapped_column(sa.String(20), unique=True)
    state: Mapped[CaseState] = mapped_column(enum_column(CaseState), default=CaseState.DRAFT)
    version: Mapped[int] = mapped_column(nullable=False)
    created_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))

    # The Request for Mediation
    dispute_summary: Mapped[str] = mapped_column(sa.Text, default="")
    amount_in_dispute: Mapped[Decimal | None] = mapped_column(sa.Numeric(18, 2))
    currency: Mapped[Currency | None] = mapped_column(enum_column(Currency))
    clause_text: Mapped[str] = mapped_column(sa.Text, default="")
    clause_names_scia: Mapped[bool] = mapped_column(default=False)
    prior_agreement_to_mediate: Mapped[bool] = mapped_column(default=False)
    preferred_language: Mapped[CaseLanguage | None] = mapped_column(enum_column(CaseLanguage))
    preferred_venue: Mapped[Venue | None] = mapped_column(enum_column(Venue))
    mediator_attributes: Mapped[str] = mapped_column(sa.Text, default="")
    respondent_contact_name: Mapped[str] = mapped_column(sa.String(200), default="")
    respondent_contact_email: Mapped[str] = mapped_column(sa.String(254), default="")
    # The respondent's particulars as the claimant entered them, kept while the request is a
    # draft; on submission they become the respondent's Organisation and CaseParty.
    respondent_details: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    # Filing fee (SGD, from the SIMC fee table) and its payment
    filing_fee: Mapped[Decimal | None] = mapped_column(sa.Numeric(12, 2))
    fee_paid_on: Mapped[date | None] = mapped_column(sa.Date)
    fee_payment_reference: Mapped[str | None] = mapped_column(sa.String(100))

    # Registry milestones
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    acknowledged_on: Mapped[date | None] = mapped_column(sa.Date)
    filing_date: Mapped[date | None] = mapped_column(sa.Date)
    commencement_date: Mapped[date | None] = mapped_column(sa.Date)
    info_request: Mapped[str | None] = mapped_column(sa.Text)
    info_response: Mapped[str | None] = mapped_column(sa.Text)
    rejection_reasons: Mapped[str | None] = mapped_column(sa.Text)
    withdrawal_reasons: Mapped[str | None] = mapped_column(sa.Text)

    # The respondent's answer
    respondent_answer: Mapped[RespondentAnswer | None] = mapped_column(
        enum_column(RespondentAnswer)
    )
    respondent_answered_on: Mapped[date | None] = mapped_column(sa.Date)
    decline_reasons: Mapped[str | None] = mapped_column(sa.Text)

    mediator_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    # The end of the mediation (settled, impasse, or the window ended without extension)
    mediation_result: Mapped[MediationResult | None] = mapped_column(enum_column(MediationResult))
    mediation_ended_on: Mapped[date | None] = mapped_column(sa.Date)
    # Set exactly when the case is closed (fully performed, or closed by the registry).
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    created_by = relationship("User", foreign_keys=[created_by_id])
    mediator = relationship("User", foreign_keys=[mediator_id])
    parties = relationship(
        "CaseParty", back_populates="case", cascade="all, delete-orphan", order_by="CaseParty.id"
    )

    __mapper_args__ = {"version_id_col": version}

    def party(self, side: PartySide) -> CaseParty | None:
        """The case party on ``side``, if recorded."""
        return next((p for p in self.parties if p.side == side), None)

    @property
    def claimant(self) -> CaseParty | None:
        return self.party(PartySide.CLAIMANT)

    @property
    def respondent(self) -> CaseParty | None:
        return self.party(PartySide.RESPONDENT)

    def __repr__(self) -> str:
        return f"<Case {self.reference or self.id} {self.state.value}>"


class CaseParty(db.Model):
    """An organisation's participation in a case, with its counsel."""

    __tablename__ = "case_parties"
    __table_args__ = (sa.UniqueConstraint("case_id", "side", name="one_per_side"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"))
    side: Mapped[PartySide] = mapped_column(enum_column(PartySide))
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"))
    counsel_name: Mapped[str] = mapped_column(sa.String(200), default="")
    counsel_firm: Mapped[str] = mapped_column(sa.String(200), default="")
    counsel_email: Mapped[str] = mapped_column(sa.String(254), default="")
    # Set once a representative of the organisation confirmed its particulars.
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    case = relationship(Case, back_populates="parties")
    organisation = relationship("Organisation")


class CaseReferenceCounter(db.Model):
    """The last case number issued in a year; incremented atomically to number filings."""

    __tablename__ = "case_reference_counters"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(default=0)


class RespondentInvitation(db.Model):
    """A single-use, expiring invitation for the respondent's contact to join the case."""

    __tablename__ = "respondent_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"))
    email: Mapped[str] = mapped_column(sa.String(254))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    used_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    # Set when a registrar re-sends the invitation: a newer link replaces this one.
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    case = relationship(Case)
