"""Hearings: mediation sessions of a case, their participants and history, the mediator's
private notes, and the secret tokens of personal calendar feeds.

A hearing's start and end are aware UTC instants; ``venue_zone`` is the IANA time zone of the
venue, in which the mediator enters the times and in which calendar invitations state them.
``uid`` and ``sequence`` identify the hearing's calendar event (RFC 5545): the UID never
changes, the sequence rises with every change sent to the participants.
"""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.cases.models import CaseLanguage, PartySide
from casework.db import TimestampMixin, UTCDateTime, enum_column, now_utc
from casework.extensions import db


class HearingKind(enum.StrEnum):
    """What kind of session a hearing is."""

    PRE_MEDIATION_CONFERENCE = "pre_mediation_conference"
    JOINT_SESSION = "joint_session"
    PRIVATE_SESSION = "private_session"  # a caucus with one side (``private_side``)


class VenueKind(enum.StrEnum):
    """Where a hearing takes place."""

    SINGAPORE = "singapore"
    SHENZHEN = "shenzhen"
    OTHER_ADDRESS = "other_address"
    ONLINE = "online"


# The venue zone of the two cities; other venues and online sessions name any IANA zone.
CITY_ZONES = {VenueKind.SINGAPORE: "Asia/Singapore", VenueKind.SHENZHEN: "Asia/Shanghai"}


class HearingStatus(enum.StrEnum):
    """Where a hearing stands."""

    SCHEDULED = "scheduled"
    HELD = "held"
    ADJOURNED = "adjourned"  # postponed to a date still to be fixed (then rescheduled)
    CANCELLED = "cancelled"


class ParticipantRole(enum.StrEnum):
    """The part someone plays in a hearing."""

    MEDIATOR = "mediator"
    CLAIMANT_REPRESENTATIVE = "claimant_representative"
    RESPONDENT_REPRESENTATIVE = "respondent_representative"


SIDE_PARTICIPANT_ROLES = {
    PartySide.CLAIMANT: ParticipantRole.CLAIMANT_REPRESENTATIVE,
    PartySide.RESPONDENT: ParticipantRole.RESPONDENT_REPRESENTATIVE,
}


class Attendance(enum.StrEnum):
    """Whether a participant attended a hearing (unknown until the mediator records it)."""

    ATTENDED = "attended"
    ABSENT = "absent"


class RevisionKind(enum.StrEnum):
    """What changed in a hearing's history."""

    SCHEDULED = "scheduled"
    RESCHEDULED = "rescheduled"
    ADJOURNED = "adjourned"
    CANCELLED = "cancelled"
    HELD = "held"


def new_hearing_uid() -> str:
    """A new, globally unique calendar UID for a hearing."""
    return f"hearing-{uuid.uuid4()}@casework"


class Hearing(TimestampMixin, db.Model):
    """A mediation session of a case: when, where, with whom, and what came of it."""

    __tablename__ = "hearings"
    __table_args__ = (
        sa.CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        sa.CheckConstraint(
            "(kind = 'private_session') = (private_side IS NOT NULL)", name="private_side"
        ),
        sa.CheckConstraint(
            "(venue_kind = 'online') = (meeting_link IS NOT NULL)", name="online_link"
        ),
        sa.CheckConstraint(
            "(status IN ('adjourned', 'cancelled')) = (status_reason IS NOT NULL)",
            name="status_reason",
        ),
        sa.CheckConstraint("sequence >= 0", name="sequence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    kind: Mapped[HearingKind] = mapped_column(enum_column(HearingKind))
    private_side: Mapped[PartySide | None] = mapped_column(enum_column(PartySide))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    venue_kind: Mapped[VenueKind] = mapped_column(enum_column(VenueKind))
    venue_zone: Mapped[str] = mapped_column(sa.String(64))
    address: Mapped[str] = mapped_column(sa.Text, default="")
    meeting_link: Mapped[str | None] = mapped_column(sa.String(500))
    language: Mapped[CaseLanguage] = mapped_column(enum_column(CaseLanguage))
    interpretation: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[HearingStatus] = mapped_column(
        enum_column(HearingStatus), default=HearingStatus.SCHEDULED
    )
    status_reason: Mapped[str | None] = mapped_column(sa.Text)
    # Shared minutes: visible to everyone on the case (a private session's: to that side).
    minutes: Mapped[str] = mapped_column(sa.Text, default="")
    outcome_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    uid: Mapped[str] = mapped_column(sa.String(120), unique=True, default=new_hearing_uid)
    sequence: Mapped[int] = mapped_column(default=0)
    scheduled_by_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))

    case = relationship("Case")
    scheduled_by = relationship("User")
    participants = relationship(
        "HearingParticipant", back_populates="hearing", cascade="all, delete-orphan",
        order_by="HearingParticipant.id",
    )
    revisions = relationship(
        "HearingRevision", back_populates="hearing", cascade="all, delete-orphan",
        order_by="HearingRevision.id",
    )

    def participant(self, user) -> HearingParticipant | None:
        """``user``'s participation in this hearing, if they are a participant."""
        return next((p for p in self.participants if p.user_id == user.id), None)

    def __repr__(self) -> str:
        return f"<Hearing {self.id} {self.kind.value} {self.status.value}>"


class HearingParticipant(db.Model):
    """Someone invited to a hearing, and whether they attended."""

    __tablename__ = "hearing_participants"
    __table_args__ = (sa.UniqueConstraint("hearing_id", "user_id", name="once_per_hearing"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    hearing_id: Mapped[int] = mapped_column(sa.ForeignKey("hearings.id"), index=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    role: Mapped[ParticipantRole] = mapped_column(enum_column(ParticipantRole))
    attendance: Mapped[Attendance | None] = mapped_column(enum_column(Attendance))

    hearing = relationship(Hearing, back_populates="participants")
    user = relationship("User")


class HearingRevision(db.Model):
    """One change in a hearing's history: what it was before, what it became, who, why."""

    __tablename__ = "hearing_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    hearing_id: Mapped[int] = mapped_column(sa.ForeignKey("hearings.id"), index=True)
    kind: Mapped[RevisionKind] = mapped_column(enum_column(RevisionKind))
    sequence: Mapped[int] = mapped_column()  # the hearing's sequence after the change
    # Before the change (none for the scheduling itself) and after it; the location is the
    # address, or the meeting link of an online hearing.
    old_starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    old_ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    old_venue_kind: Mapped[VenueKind | None] = mapped_column(
        enum_column(VenueKind, name="old_venuekind")
    )
    old_venue_zone: Mapped[str | None] = mapped_column(sa.String(64))
    old_location: Mapped[str] = mapped_column(sa.Text, default="")
    new_starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    new_ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    new_venue_kind: Mapped[VenueKind] = mapped_column(enum_column(VenueKind))
    new_venue_zone: Mapped[str] = mapped_column(sa.String(64))
    new_location: Mapped[str] = mapped_column(sa.Text, default="")
    reason: Mapped[str] = mapped_column(sa.Text, default="")
    actor_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    hearing = relationship(Hearing, back_populates="revisions")
    actor = relationship("User")

    @property
    def venue_changed(self) -> bool:
        """Whether the change moved the hearing to another venue."""
        return (self.old_venue_kind, self.old_venue_zone, self.old_location) != (
            self.new_venue_kind, self.new_venue_zone, self.new_location)


class MediatorNote(db.Model):
    """The mediator's private note on a case (or one of its hearings): the assigned mediator's
    alone — never shown to the parties or the registry, never e-mailed or exported."""

    __tablename__ = "mediator_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    hearing_id: Mapped[int | None] = mapped_column(sa.ForeignKey("hearings.id"), index=True)
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    case = relationship("Case")
    hearing = relationship(Hearing)
    author = relationship("User")


class CalendarFeedToken(db.Model):
    """A secret calendar-feed URL of a user; only the sha256 of the token is stored. A user
    has at most one token in use; regenerating revokes the old one."""

    __tablename__ = "calendar_feed_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship("User")
