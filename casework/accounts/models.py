"""User accounts, roles and single-use account tokens."""

from __future__ import annotations

import enum
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from casework.db import TimestampMixin, UTCDateTime, enum_column
from casework.extensions import db


class Role(enum.StrEnum):
    """What a person does in Casework."""

    PARTY = "party"
    MEDIATOR = "mediator"
    REGISTRAR = "registrar"
    ADMIN = "admin"


class Locale(enum.StrEnum):
    """Interface languages: English and Simplified Chinese."""

    EN = "en"
    ZH = "zh_Hans"


class User(UserMixin, TimestampMixin, db.Model):
    """A person who signs in: a party representative, mediator, registrar or admin."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    password_hash: Mapped[str] = mapped_column(sa.String(256))
    role: Mapped[Role] = mapped_column(enum_column(Role))
    locale: Mapped[Locale] = mapped_column(enum_column(Locale), default=Locale.EN)
    timezone: Mapped[str] = mapped_column(sa.String(64), default="Asia/Singapore")
    active: Mapped[bool] = mapped_column(default=True)
    # A party representative acts for one organisation (their employer or client).
    organisation_id: Mapped[int | None] = mapped_column(sa.ForeignKey("organisations.id"))

    organisation = relationship("Organisation", foreign_keys=[organisation_id])
    mediator_profile = relationship("MediatorProfile", back_populates="user", uselist=False)

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    def set_password(self, password: str) -> None:
        """Store a salted hash of ``password``."""
        self.password_hash = generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        """Whether ``password`` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role.value}>"


class TokenPurpose(enum.StrEnum):
    """What a single-use account token is for."""

    PASSWORD_RESET = "password_reset"


class AccountToken(db.Model):
    """A single-use, expiring token sent by e-mail; only its sha256 is stored."""

    __tablename__ = "account_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    purpose: Mapped[TokenPurpose] = mapped_column(enum_column(TokenPurpose))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user = relationship(User)
