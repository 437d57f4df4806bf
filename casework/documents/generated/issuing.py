"""Issue a generated document in one step: code, render (with page furniture), record."""

from __future__ import annotations

from flask import render_template

from casework.documents.generated.furniture import furniture_context
from casework.documents.generated.operations import record_generated_document
from casework.documents.generated.rendering import render_pdf
from casework.documents.generated.signing import sign_document
from casework.documents.generated_models import (
    GeneratedDocument,
    GeneratedDocumentKind,
    new_verification_code,
)


def issue_generated_document(
    actor, case, kind: GeneratedDocumentKind, *, template: str, template_version: str,
    title: str, context: dict, snapshot: dict, attachments: dict[str, bytes], lang: str = "en",
) -> GeneratedDocument:
    """Render ``template`` (which extends ``documents/pdf/_base.html``) with ``context`` and the
    page furniture for a fresh verification code, embed ``attachments`` (file name -> bytes),
    sign it when a signing certificate is configured and record the PDF (with ``snapshot``, the
    plain values it was made from) as the next version of ``kind`` for ``case``.

    Raises the renderer's :class:`~casework.documents.generated.errors.RenderingRefused` (nothing
    is recorded) and the errors of :func:`record_generated_document`.
    """
    code = new_verification_code()
    html = render_template(
        template, **context,
        **furniture_context(case_reference=case.reference, verification_code=code, title=title),
    )
    pdf = render_pdf(html, attachments=attachments, title=title, lang=lang)
    pdf, signed_by = sign_document(pdf)
    return record_generated_document(
        actor, case, kind, pdf, verification_code=code, template=template,
        template_version=template_version, snapshot=snapshot, signed_by=signed_by,
    )
