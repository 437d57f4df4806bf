"""Queue e-mails in the outbox, rendered in the recipient's language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from flask import current_app, render_template
from flask_babel import force_locale

from casework.extensions import db
from casework.notifications.models import OutboxAttachment, OutboxMessage


@dataclass(frozen=True)
class Attachment:
    """A file to send with a message: its name, full MIME type (with parameters) and bytes."""

    filename: str
    content_type: str
    data: bytes


def enqueue(kind: str, recipient: str, locale: str, *, case=None,
            attachments: Sequence[Attachment] = (), **context) -> OutboxMessage:
    """Render ``templates/emails/<kind>.txt`` in ``locale`` and add it to the outbox, with
    ``attachments``.

    The template's first line is the subject; the rest, after a blank line, is the body.
    The message is part of the current transaction: it is sent only if the event commits.
    """
    with force_locale(locale):
        text = render_template(
            f"emails/{kind}.txt", case=case, base_url=current_app.config["BASE_URL"], **context
        )
    subject, _, body = text.strip().partition("\n")
    message = OutboxMessage(
        case_id=case.id if case is not None else None,
        kind=kind,
        recipient=recipient,
        locale=str(locale),
        subject=subject.strip(),
        body=body.strip() + "\n",
        attachments=[
            OutboxAttachment(filename=a.filename, content_type=a.content_type, data=a.data)
            for a in attachments
        ],
    )
    db.session.add(message)
    return message


def enqueue_for_user(kind: str, user, *, case=None, **context) -> OutboxMessage:
    """Queue ``kind`` for a registered user, in their chosen language."""
    return enqueue(kind, user.email, user.locale.value, case=case, user=user, **context)
