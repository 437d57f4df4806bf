"""Public verification of generated documents (no login): ``/verify/<code>``.

The page shows what a document is, never its content: kind, case reference, issue date, sha256
and status. Anyone may upload a PDF there to learn whether it is byte-identical to a document
this system issued (the upload is hashed and discarded, never stored); when it is, the digital
signature embedded in it, if any, is validated too.
"""

from __future__ import annotations

import hashlib

from flask import Blueprint, abort, current_app, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired

from casework.documents.generated.labels import GENERATED_KIND_LABELS, GENERATED_STATUS_LABELS
from casework.documents.generated.signing import (
    SignatureOutcome,
    signing_configured,
    validate_signature,
)
from casework.documents.generated_models import GeneratedDocument
from casework.documents.storage import CHUNK_BYTES
from casework.extensions import db
from casework.web import render_form

bp = Blueprint("verification", __name__)


class CheckFileForm(FlaskForm):
    """A PDF to compare with the documents issued by this system."""

    file = FileField(
        _l("PDF to check"), validators=[FileRequired(_l("Choose the PDF to check."))],
        render_kw={"accept": ".pdf,application/pdf"},
    )


@bp.route("/verify/<code>", methods=["GET", "POST"])
def verify(code: str):
    """Show the status of the document with verification ``code`` (404 if unknown) and check an
    uploaded PDF against every document issued by this system (and, for a signed match, its
    embedded signature)."""
    document = db.session.scalar(
        db.select(GeneratedDocument).filter_by(verification_code=_normalise(code))
    )
    if document is None:
        abort(404)
    form = CheckFileForm()
    if not form.validate_on_submit():
        return render_form("documents/verify.html", form, **_labels(), document=document)
    sha256 = _sha256(form.file.data.stream, current_app.config["MAX_UPLOAD_BYTES"])
    match = db.session.scalar(
        db.select(GeneratedDocument).filter_by(sha256=sha256)
        .order_by(GeneratedDocument.generated_at.desc())
    ) if sha256 else None
    signature_check = None
    if match is not None and match.signed_by:
        form.file.data.stream.seek(0)
        signature_check = validate_signature(form.file.data.stream)
    return render_template(
        "documents/verify.html", form=CheckFileForm(formdata=None), **_labels(), document=document,
        checked=True, checked_sha256=sha256, match=match, signature_check=signature_check,
        signature_outcomes=SignatureOutcome,
    )


def _labels() -> dict:
    return {"generated_kind_labels": GENERATED_KIND_LABELS,
            "generated_status_labels": GENERATED_STATUS_LABELS,
            "signature_statement": signature_statement}


def signature_statement(document: GeneratedDocument) -> str:
    """Whether ``document`` was digitally signed, as its record says, in a sentence."""
    if document.signed_by:
        return _("Digitally signed by %(signer)s (PAdES)", signer=document.signed_by)
    if signing_configured():
        return _("Not digitally signed: it was issued while this registry issued documents "
                 "without a digital signature")
    return _("Not digitally signed: this registry issues documents without a digital signature")


def _normalise(code: str) -> str:
    """Codes are printed in capitals; accept them typed in lower case or with spaces/hyphens."""
    return code.replace("-", "").replace(" ", "").upper()


def _sha256(stream, max_bytes: int) -> str | None:
    """The sha256 of an uploaded file, or None when it is larger than any upload may be (then
    it cannot be a document of this system)."""
    digest = hashlib.sha256()
    size = 0
    while chunk := stream.read(CHUNK_BYTES):
        size += len(chunk)
        if size > max_bytes:
            return None
        digest.update(chunk)
    return digest.hexdigest()
