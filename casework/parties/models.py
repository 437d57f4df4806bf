"""The party registry: organisations, their registry numbers and authorised signatories."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.db import TimestampMixin, UTCDateTime, enum_column
from casework.extensions import db


class Jurisdiction(enum.StrEnum):
    """Where an organisation is registered; decides how its registry number is validated."""

    CN = "CN"  # mainland China: Unified Social Credit Code
    SG = "SG"  # Singapore: Unique Entity Number
    OTHER = "OTHER"  # elsewhere: number recorded as given


class Organisation(TimestampMixin, db.Model):
    """A company that is a party to disputes, with its registered particulars in both languages."""

    __tablename__ = "organisations"
    __table_args__ = (
        sa.UniqueConstraint("jurisdiction", "registry_number", name="jurisdiction_number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name_en: Mapped[str] = mapped_column(sa.String(300))
    name_zh: Mapped[str] = mapped_column(sa.String(300), default="")
    short_name_en: Mapped[str] = mapped_column(sa.String(100), default="")
    short_name_zh: Mapped[str] = mapped_column(sa.String(100), default="")
    jurisdiction: Mapped[Jurisdiction] = mapped_column(enum_column(Jurisdiction))
    registry_number: Mapped[str] = mapped_column(sa.String(32))
    # A registrar may accept a number that fails only its checksum (some early USCCs do).
    checksum_override_reason: Mapped[str | None] = mapped_column(sa.Text)
    checksum_override_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", use_alter=True)
    )
    checksum_override_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    domicile_en: Mapped[str] = mapped_column(sa.Text, default="")
    domicile_zh: Mapped[str] = mapped_column(sa.Text, default="")
    legal_representative: Mapped[str] = mapped_column(sa.String(200), default="")
    legal_representative_title: Mapped[str] = mapped_column(sa.String(200), default="")

    signatories = relationship(
        "AuthorisedSignatory", back_populates="organisation", cascade="all, delete-orphan",
        order_by="AuthorisedSignatory.id",
    )

    def particulars(self) -> dict[str, str]:
        """The registered particulars as plain values (names, jurisdiction, registry number,
        domicile, legal representative), for forms, snapshots and exports."""
        return {
            "name_en": self.name_en,
            "name_zh": self.name_zh,
            "short_name_en": self.short_name_en,
            "short_name_zh": self.short_name_zh,
            "jurisdiction": self.jurisdiction.value,
            "registry_number": self.registry_number,
            "domicile_en": self.domicile_en,
            "domicile_zh": self.domicile_zh,
            "legal_representative": self.legal_representative,
            "legal_representative_title": self.legal_representative_title,
        }

    def display_name(self, locale: str = "en") -> str:
        """The registered name in the viewer's language, falling back to the other one."""
        if locale.startswith("zh") and self.name_zh:
            return self.name_zh
        return self.name_en or self.name_zh

    def __repr__(self) -> str:
        return f"<Organisation {self.jurisdiction.value} {self.registry_number}>"


class AuthorisedSignatory(db.Model):
    """A person authorised to sign for an organisation (e.g. approve a settlement)."""

    __tablename__ = "authorised_signatories"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisations.id"))
    name: Mapped[str] = mapped_column(sa.String(200))
    title: Mapped[str] = mapped_column(sa.String(200), default="")
    email: Mapped[str] = mapped_column(sa.String(254), default="")

    organisation = relationship(Organisation, back_populates="signatories")
