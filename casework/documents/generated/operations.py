"""Operations on generated documents: record a newly rendered PDF, revoke one. Both audited and
for the registrar only (the registrar issues documents)."""

from __future__ import annotations

import io

from flask_babel import lazy_gettext as _l

from casework.accounts.models import Role
from casework.audit.log import record
from casework.db import now_utc
from casework.documents.generated_models import (
    VERIFICATION_ALPHABET,
    VERIFICATION_CODE_LENGTH,
    GeneratedDocument,
    GeneratedDocumentKind,
)
from casework.documents.storage import current_store
from casework.errors import IllegalTransition, InvalidInput, NotPermitted
from casework.extensions import db

MAX_REASON_CHARS = 2000


def record_generated_document(
    actor, case, kind: GeneratedDocumentKind, pdf_bytes: bytes, *, verification_code: str,
    template: str, template_version: str, snapshot: dict, signed_by: str | None = None,
) -> GeneratedDocument:
    """Store ``pdf_bytes`` (rendered with ``verification_code`` on every page) as the next
    version of the case's ``kind`` document; the previous current version becomes superseded.
    ``signed_by`` names the holder of the certificate the PDF is signed with (``None``: unsigned).

    Raises :class:`NotPermitted` unless the actor is a registrar, and :class:`InvalidInput` for
    a non-PDF file, a case without a reference, or a verification code malformed or already
    used.
    """
    _require_registrar(actor)
    if case.reference is None:
        raise InvalidInput(str(_l("A document can only be generated for a submitted case.")))
    if not pdf_bytes.startswith(b"%PDF-"):
        raise InvalidInput(str(_l("The generated file is not a PDF.")))
    if len(verification_code) != VERIFICATION_CODE_LENGTH or not set(verification_code) <= set(
            VERIFICATION_ALPHABET):
        raise InvalidInput(str(_l("This is not a verification code of this system.")))
    if db.session.scalar(db.select(GeneratedDocument.id).filter_by(
            verification_code=verification_code)) is not None:
        raise InvalidInput(str(_l("This verification code is already in use.")))
    previous = current_generated_document(case, kind)
    store = current_store()
    received = store.receive(io.BytesIO(pdf_bytes), len(pdf_bytes))
    store.keep(received, db.session())
    document = GeneratedDocument(
        case=case, kind=kind,
        version_number=(previous.version_number + 1) if previous else 1,
        verification_code=verification_code, sha256=received.sha256,
        size_bytes=received.size_bytes, template_name=template,
        template_version=template_version, input_snapshot=snapshot, generated_by_id=actor.id,
        generated_at=now_utc(), signed_by=signed_by,
    )
    db.session.add(document)
    db.session.flush()
    changes = {"kind": kind.value, "version_number": document.version_number,
               "sha256": document.sha256, "verification_code": verification_code,
               "template": f"{template} {template_version}"}
    if previous is not None:
        previous.superseded_at = document.generated_at
        previous.superseded_by_id = document.id
        changes["superseded_version"] = previous.version_number
    record(actor, "generated_document_issued",
           f"Generated {kind.value} version {document.version_number}", case=case,
           changes=changes)
    db.session.flush()
    return document


def revoke_generated_document(actor, document: GeneratedDocument, reason: str) -> None:
    """Revoke a generated document: verification then reports it revoked, with no content.

    Raises :class:`NotPermitted` unless the actor is a registrar, :class:`InvalidInput` without
    a reason (or with an overlong one) and :class:`IllegalTransition` if it is already revoked.
    """
    _require_registrar(actor)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(str(_l("Give the reason for revoking the document.")))
    if len(reason) > MAX_REASON_CHARS:
        raise InvalidInput(str(_l("The reason may be at most %(count)s characters.",
                                  count=MAX_REASON_CHARS)))
    if document.revoked_at is not None:
        raise IllegalTransition(str(_l("This document has already been revoked.")))
    document.revoked_at = now_utc()
    document.revoked_by_id = actor.id
    document.revocation_reason = reason
    record(actor, "generated_document_revoked",
           f"Revoked {document.kind.value} version {document.version_number}",
           case=document.case, changes={"status": [document.status.value, "revoked"],
                                        "verification_code": document.verification_code,
                                        "reason": reason})
    db.session.flush()


def current_generated_document(case, kind: GeneratedDocumentKind) -> GeneratedDocument | None:
    """The case's latest, not superseded document of ``kind`` (it may be revoked)."""
    return db.session.scalar(
        db.select(GeneratedDocument).filter_by(case_id=case.id, kind=kind, superseded_at=None)
        .order_by(GeneratedDocument.version_number.desc())
    )


def current_generated_documents(case) -> list[GeneratedDocument]:
    """The case's current (neither superseded nor revoked) generated documents, by kind."""
    return list(db.session.scalars(
        db.select(GeneratedDocument).filter_by(case_id=case.id, superseded_at=None,
                                               revoked_at=None)
        .order_by(GeneratedDocument.kind)
    ))


def _require_registrar(actor) -> None:
    if actor.role != Role.REGISTRAR:
        raise NotPermitted(str(_l("Only the registry can issue or revoke generated documents.")))
