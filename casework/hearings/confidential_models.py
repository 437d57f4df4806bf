"""Confidential caucus material: a party's private submissions to the mediator.

A private submission (a message and/or documents, ``Document.private_submission_id``) is seen
only by the case's assigned mediator and the users of the side that sent it — never by the other
side, the registry or other mediators. Who may see what is decided in one place,
:mod:`casework.hearings.confidential`.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from casework.cases.models import PartySide
from casework.db import UTCDateTime, enum_column, now_utc
from casework.extensions import db


class PrivateSubmission(db.Model):
    """A party's confidential message to the mediator (caucus material), with its documents."""

    __tablename__ = "private_submissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(sa.ForeignKey("cases.id"), index=True)
    side: Mapped[PartySide] = mapped_column(enum_column(PartySide))
    author_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    # Empty when the submission consists of documents only.
    message: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=now_utc)

    case = relationship("Case")
    author = relationship("User")
    documents = relationship(
        "Document", backref=backref("private_submission"), order_by="Document.id"
    )
