"""Document operations: upload, replace with a new version, withdraw. All audited.

Documents may be added or changed when the workflow allows ``Action.UPLOAD_DOCUMENT`` for the
actor (the claimant while the request is a draft; the parties and the registrar while the case
is open). Replacing or withdrawing a document is for its uploader or a registrar.

A document attached to a party's private submission to the mediator is confidential (see
:mod:`casework.documents.permissions`): it is uploaded under ``Action.SEND_PRIVATE_SUBMISSION``,
its audit entry names no file, and it can be neither replaced nor withdrawn (the submission was
sent as it is; a correction is another submission).

Every document is marked at upload for the case file or mediation only (see
:mod:`casework.documents.circulation`); unmarked means mediation only, and a private
submission's document is always mediation only, whatever the caller asks. A new version keeps
its lineage's marking unless the uploader chooses another.
"""

from __future__ import annotations

from typing import BinaryIO

from flask import current_app
from flask_babel import lazy_gettext as _l

from casework.accounts.models import Role
from casework.audit.log import record
from casework.cases.permissions import case_roles
from casework.cases.workflow import Action, check
from casework.db import now_utc
from casework.documents.filetypes import check_filename, identify
from casework.documents.models import Circulation, Document
from casework.documents.storage import current_store
from casework.errors import IllegalTransition, InvalidInput, NotPermitted
from casework.extensions import db

MAX_DESCRIPTION_CHARS = 2000


def upload_document(
    actor,
    case,
    stream: BinaryIO,
    filename: str,
    description: str = "",
    *,
    expected_version: int | None = None,
    private_submission=None,
    circulation: Circulation = Circulation.MEDIATION_ONLY,
) -> Document:
    """Store an uploaded file for ``case`` and record it as version 1 of a new document.

    With ``private_submission`` (a :class:`~casework.hearings.confidential_models.
    PrivateSubmission` of ``case``) the document is attached to it and so confidential: the
    actor must be allowed to send private submissions now, and the audit entry records the
    submitting side but neither the file's name nor its description; it is always mediation
    only, whatever ``circulation`` says.

    Raises :class:`InvalidInput` for a bad name, type, size or description (nothing is kept),
    and the workflow's errors when the actor may not upload to the case now.
    """
    action = Action.UPLOAD_DOCUMENT if private_submission is None else (
        Action.SEND_PRIVATE_SUBMISSION
    )
    check(case, action, case_roles(actor, case), expected_version)
    if private_submission is not None:
        circulation = Circulation.MEDIATION_ONLY
    document = _store_version(
        actor, case, stream, filename, description, Circulation(circulation),
        private_submission=private_submission,
    )
    if private_submission is None:
        record(
            actor,
            "document_uploaded",
            f"Uploaded {document.filename}",
            case=case,
            changes=_file_details(document),
        )
    else:
        record(
            actor,
            "private_document_attached",
            "Document attached to a private submission to the mediator",
            case=case,
            changes={
                "private_submission_id": private_submission.id,
                "side": private_submission.side,
                "document_id": document.id,
                "sha256": document.sha256,
                "size_bytes": document.size_bytes,
                "media_type": document.media_type,
            },
        )
    db.session.flush()
    return document


def replace_document(
    actor,
    document: Document,
    stream: BinaryIO,
    filename: str,
    description: str = "",
    *,
    expected_version: int | None = None,
    circulation: Circulation | None = None,
) -> Document:
    """Upload a new version of ``document`` (same lineage, next version number); the earlier
    version is kept. Only the latest, not withdrawn version may be replaced. The new version
    is marked ``circulation``, or like ``document`` when that is ``None``."""
    _check_may_change(actor, document, expected_version)
    ensure_replaceable(document)
    new_version = _store_version(
        actor, document.case, stream, filename, description,
        document.circulation if circulation is None else Circulation(circulation),
        previous=document,
    )
    record(
        actor,
        "document_replaced",
        f"Replaced {document.filename} (version {document.version_number}) with "
        f"{new_version.filename} (version {new_version.version_number})",
        case=document.case,
        changes={
            **_file_details(new_version),
            "version_number": [document.version_number, new_version.version_number],
            "circulation": [document.circulation.value, new_version.circulation.value],
            "replaced_document_id": document.id,
        },
    )
    db.session.flush()
    return new_version


def withdraw_document(
    actor, document: Document, reason: str, *, expected_version: int | None = None
) -> None:
    """Mark ``document`` withdrawn with a reason. The file and record are kept: the document
    is shown struck through and stays downloadable for those who may see the case."""
    _check_may_change(actor, document, expected_version)
    if document.withdrawn_at is not None:
        raise IllegalTransition(_l("This document has already been withdrawn."))
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_l("Give the reason for withdrawing the document."))
    document.withdrawn_at = now_utc()
    document.withdrawn_by_id = actor.id
    document.withdrawal_reason = reason
    record(
        actor,
        "document_withdrawn",
        f"Withdrew {document.filename} (version {document.version_number})",
        case=document.case,
        changes={"document_id": document.id, "withdrawal_reason": [None, reason]},
    )
    db.session.flush()


def may_change_document(user, document: Document) -> bool:
    """Whether ``user`` may replace or withdraw ``document`` now: its uploader or a
    registrar, while the workflow allows them to upload to the case; never a document of a
    private submission."""
    if document.private_submission_id is not None:
        return False
    if not (user.id == document.uploaded_by_id or user.role == Role.REGISTRAR):
        return False
    try:
        check(document.case, Action.UPLOAD_DOCUMENT, case_roles(user, document.case))
    except (IllegalTransition, NotPermitted):
        return False
    return True


def ensure_replaceable(document: Document) -> None:
    """Raise :class:`IllegalTransition` unless ``document`` is the current, not withdrawn
    version of its lineage (only that one may be replaced)."""
    if latest_version(document).id != document.id:
        raise IllegalTransition(_l(
            "Version %(number)d of this document is no longer the current one; replace the "
            "current version instead.", number=document.version_number,
        ))
    if document.withdrawn_at is not None:
        raise IllegalTransition(_l("A withdrawn document cannot be replaced."))


def latest_version(document: Document) -> Document:
    """The newest version in ``document``'s lineage."""
    return db.session.scalars(
        db.select(Document)
        .filter_by(lineage_id=document.lineage_id)
        .order_by(Document.version_number.desc())
        .limit(1)
    ).one()


def _check_may_change(actor, document: Document, expected_version: int | None) -> None:
    if document.private_submission_id is not None:
        raise NotPermitted(_l("A document sent privately to the mediator cannot be replaced "
                              "or withdrawn; send the mediator another private submission."))
    check(document.case, Action.UPLOAD_DOCUMENT, case_roles(actor, document.case),
          expected_version)
    if not (actor.id == document.uploaded_by_id or actor.role == Role.REGISTRAR):
        raise NotPermitted(_l("Only the person who uploaded a document or the registry may "
                              "replace or withdraw it."))


def _store_version(
    actor, case, stream, filename: str, description: str, circulation: Circulation,
    previous: Document | None = None, private_submission=None,
) -> Document:
    """Check and store the file, then add its Document row marked ``circulation`` (version 1,
    or after ``previous``; part of ``private_submission`` if given)."""
    name = check_filename(filename)
    description = (description or "").strip()
    if len(description) > MAX_DESCRIPTION_CHARS:
        raise InvalidInput(_l(
            "The description is %(count)d characters long; the most allowed is %(limit)d.",
            count=len(description), limit=MAX_DESCRIPTION_CHARS,
        ))
    store = current_store()
    try:
        received = store.receive(stream, current_app.config["MAX_UPLOAD_BYTES"])
    except InvalidInput as error:
        raise _about(name, error) from error
    try:
        file_type = identify(received.temp_path, name)
    except InvalidInput as error:
        received.discard()
        raise _about(name, error) from error
    except BaseException:
        received.discard()
        raise
    store.keep(received, db.session())
    document = Document(
        case_id=case.id,
        lineage_id=previous.lineage_id if previous is not None else None,
        version_number=previous.version_number + 1 if previous is not None else 1,
        sha256=received.sha256,
        size_bytes=received.size_bytes,
        media_type=file_type.media_type,
        filename=name,
        description=description,
        uploaded_by_id=actor.id,
        uploaded_at=now_utc(),
        private_submission_id=private_submission.id if private_submission is not None else None,
        circulation=circulation,
    )
    db.session.add(document)
    db.session.flush()
    if previous is None:
        document.lineage_id = document.id
        db.session.flush()
    return document


def _about(filename: str, error: InvalidInput) -> InvalidInput:
    return InvalidInput(_l("“%(name)s”: %(problem)s", name=filename, problem=error.message))


def _file_details(document: Document) -> dict:
    return {
        "document_id": document.id,
        "filename": document.filename,
        "sha256": document.sha256,
        "size_bytes": document.size_bytes,
        "media_type": document.media_type,
        "circulation": document.circulation.value,
    }
