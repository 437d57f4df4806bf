"""Private submissions: a party's confidential caucus messages and documents to the mediator.

Either party may send one while the mediator is appointed or the mediation runs
(``Action.SEND_PRIVATE_SUBMISSION``). Only the assigned mediator and the submitting side see it
(:mod:`casework.hearings.confidential_permissions`); the mediator is e-mailed that one arrived,
without its content. Sending one does not touch the case row, so its version stays as it was:
the other side's open forms do not turn stale, which would betray that something happened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from flask_babel import lazy_gettext as _l

from casework.audit.log import record
from casework.cases import workflow
from casework.cases.models import Case, PartySide
from casework.cases.permissions import case_roles
from casework.cases.workflow import Action, CaseRole
from casework.db import now_utc
from casework.documents.models import Circulation
from casework.documents.operations import upload_document
from casework.errors import InvalidInput
from casework.extensions import db
from casework.hearings.confidential_models import PrivateSubmission
from casework.hearings.confidential_permissions import confidential_sides
from casework.notifications.recipients import notify_users

MAX_MESSAGE_CHARS = 20000


@dataclass(frozen=True)
class AttachedFile:
    """A file attached to a private submission, as received."""

    stream: BinaryIO
    filename: str


def send_private_submission(
    actor,
    case: Case,
    message: str,
    documents: Sequence[AttachedFile] = (),
    *,
    expected_version: int | None,
) -> PrivateSubmission:
    """Send the assigned mediator a private submission from the actor's side of ``case``.

    It needs a message, documents, or both. The documents are stored like any upload but
    belong to the submission (confidential). The audit entries record who sent how much, never
    the message or the files' names; the mediator's e-mail has only a link.

    Raises the workflow's errors when the actor may not send one now and :class:`InvalidInput`
    for an empty submission, a message that is too long or a refused file (the caller rolls
    back: nothing is kept).
    """
    roles = case_roles(actor, case)
    workflow.check(case, Action.SEND_PRIVATE_SUBMISSION, roles, expected_version)
    text = (message or "").strip()
    if not text and not documents:
        raise InvalidInput(_l("Write a message to the mediator or attach at least one document."))
    if len(text) > MAX_MESSAGE_CHARS:
        raise InvalidInput(_l(
            "The message is %(count)d characters long; the most allowed is %(limit)d.",
            count=len(text), limit=MAX_MESSAGE_CHARS,
        ))
    side = PartySide.CLAIMANT if CaseRole.CLAIMANT in roles else PartySide.RESPONDENT
    submission = PrivateSubmission(
        case_id=case.id, side=side, author_id=actor.id, message=text, created_at=now_utc()
    )
    db.session.add(submission)
    db.session.flush()
    attached = [
        upload_document(
            actor, case, document.stream, document.filename,
            expected_version=expected_version, private_submission=submission,
            circulation=Circulation.MEDIATION_ONLY,
        )
        for document in documents
    ]
    record(
        actor,
        "private_submission_sent",
        f"Private submission sent to the mediator by the {side.value}'s side "
        f"({len(attached)} document(s))",
        case=case,
        changes={
            "private_submission_id": submission.id,
            "side": side,
            "message_chars": len(text),
            "document_ids": [document.id for document in attached],
        },
    )
    mediator = case.mediator
    if mediator is not None and mediator.active:
        notify_users(
            "private_submission_received", [mediator], case=case, submission=submission,
            document_count=len(attached),
        )
    db.session.flush()
    return submission


def private_submissions_for(user, case: Case) -> list[PrivateSubmission]:
    """The private submissions of ``case`` that ``user`` may see, newest first: both sides'
    for the assigned mediator, their own side's for a party's user, none for anyone else."""
    sides = confidential_sides(user, case)
    if not sides:
        return []
    return list(db.session.scalars(
        db.select(PrivateSubmission)
        .filter(PrivateSubmission.case_id == case.id, PrivateSubmission.side.in_(sides))
        .order_by(PrivateSubmission.created_at.desc(), PrivateSubmission.id.desc())
    ))

