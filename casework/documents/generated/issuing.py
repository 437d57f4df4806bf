"""Issue a generated document in one step: code, render (with page furniture), record."""

from __future__ import annotations

import json

from flask import render_template

from casework.documents.generated.furniture import furniture_context
from casework.documents.generated.operations import record_generated_document
from casework.documents.generated.rendering import render_pdf
from casework.documents.generated_models import (
    GeneratedDocument,
    GeneratedDocumentKind,
    new_verification_code,
)


def issue_generated_document(
    actor, case, kind: GeneratedDocumentKind, *, template: str, template_version: str,
    title: str, context: dict, snapshot: dict, attachment_name: str, lang: str = "en",
) -> GeneratedDocument:
    """Render ``template`` (which extends ``documents/pdf/_base.html``) with ``context`` and the
    page furniture for a fresh verification code, attach ``snapshot`` as JSON named
    ``attachment_name`` and record the PDF as the next version of ``kind`` for ``case``.

    Raises the renderer's :class:`~casework.documents.generated.errors.RenderingRefused` (nothing
    is recorded) and the errors of :func:`record_generated_document`.
    """
    code = new_verification_code()
    html = render_template(
        template, **context,
        **furniture_context(case_reference=case.reference, verification_code=code, title=title),
    )
    attachment = json.dumps(snapshot, ensure_ascii=False, indent=2, sort_keys=True).encode()
    pdf = render_pdf(html, attachments={attachment_name: attachment}, title=title, lang=lang)
    return record_generated_document(
        actor, case, kind, pdf, verification_code=code, template=template,
        template_version=template_version, snapshot=snapshot,
    )
