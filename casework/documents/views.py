"""Document pages: upload to a case, download, replace with a new version, mark for the case
file or mediation only, withdraw.

Files are served only through the download route, always as an attachment with
``X-Content-Type-Options: nosniff``, to people who may see the document
(:func:`casework.documents.permissions.can_view_document`). A document of a private submission
to the mediator is not listed with the case's documents (the confidential section shows it to
those who may see it) and, for anyone else, does not exist (404).
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casework.cases.permissions import can_view_case, case_roles, get_case_for_action
from casework.cases.workflow import Action, available_actions
from casework.documents import circulation, operations
from casework.documents.filetypes import accepted_types_text
from casework.documents.forms import MarkForm, ReplaceForm, UploadForm, WithdrawForm
from casework.documents.labels import CIRCULATION_LABELS
from casework.documents.models import Document
from casework.documents.permissions import SHARED_WITH_THE_CASE, can_view_document
from casework.documents.sending import send_stored_file
from casework.documents.storage import (
    current_store,
    describe_size,
    install_transaction_cleanup,
)
from casework.errors import InvalidInput
from casework.extensions import db
from casework.web import render_form

bp = Blueprint("documents", __name__)
bp.record_once(lambda state: install_transaction_cleanup())


@bp.route("/cases/<int:case_id>/documents/upload", methods=["GET", "POST"])
@login_required
def upload(case_id: int):
    """Upload one or more files to a case (whoever the workflow allows to upload now)."""
    case = get_case_for_action(current_user, case_id, Action.UPLOAD_DOCUMENT)
    form = UploadForm(version=case.version)
    if form.validate_on_submit():
        try:
            for upload_file in form.files.data:
                operations.upload_document(
                    current_user, case, upload_file.stream, upload_file.filename,
                    form.description.data, expected_version=form.expected_version,
                    circulation=form.chosen_circulation,
                )
        except InvalidInput as error:
            db.session.rollback()
            form.files.errors.append(error.message)
        else:
            db.session.commit()
            flash(_("%(count)d document(s) uploaded.", count=len(form.files.data)), "success")
            return redirect(url_for("cases.view_case", case_id=case.id))
    return _render("documents/upload.html", form, case=case)


@bp.route("/documents/<int:document_id>/download")
@login_required
def download(document_id: int):
    """The stored file, as an attachment, for those who may see the document."""
    document = _get_document_for(document_id)
    return send_stored_file(
        current_store(), sha256=document.sha256, size_bytes=document.size_bytes,
        media_type=document.media_type, filename=document.filename,
        what=f"document {document.id}",
    )


@bp.route("/documents/<int:document_id>/replace", methods=["GET", "POST"])
@login_required
def replace(document_id: int):
    """Upload a new version of a document (its uploader or a registrar)."""
    document = _get_document_for(document_id)
    if not operations.may_change_document(current_user, document):
        abort(403)
    operations.ensure_replaceable(document)
    case = document.case
    form = ReplaceForm(version=case.version, description=document.description,
                       circulation=document.circulation.value)
    if form.validate_on_submit():
        try:
            new_version = operations.replace_document(
                current_user, document, form.file.data.stream, form.file.data.filename,
                form.description.data, expected_version=form.expected_version,
                circulation=form.chosen_circulation,
            )
        except InvalidInput as error:
            db.session.rollback()
            form.file.errors.append(error.message)
        else:
            db.session.commit()
            flash(_("Version %(number)d of the document was uploaded.",
                    number=new_version.version_number), "success")
            return redirect(url_for("cases.view_case", case_id=case.id))
    return _render("documents/replace.html", form, case=case, document=document)


@bp.route("/documents/<int:document_id>/circulation", methods=["POST"])
@login_required
def mark(document_id: int):
    """Mark a document for the case file or mediation only (the registrar; the uploading side
    while the case is open)."""
    document = _get_document_for(document_id)
    circulation.ensure_may_mark(current_user, document)
    case = document.case
    form = MarkForm()
    if form.validate_on_submit():
        circulation.mark_document(
            current_user, document, form.chosen_circulation,
            expected_version=form.expected_version,
        )
        db.session.commit()
        flash(_("“%(name)s” is marked “%(marking)s”.", name=document.filename,
                marking=CIRCULATION_LABELS[document.circulation]), "success")
        return redirect(url_for("cases.view_case", case_id=case.id))
    return render_form("documents/mark.html", form, case=case, document=document)


@bp.route("/documents/<int:document_id>/withdraw", methods=["POST"])
@login_required
def withdraw(document_id: int):
    """Mark a document withdrawn, with the reason (its uploader or a registrar)."""
    document = _get_document_for(document_id)
    if not operations.may_change_document(current_user, document):
        abort(403)
    case = document.case
    form = WithdrawForm()
    if form.validate_on_submit():
        operations.withdraw_document(
            current_user, document, form.reason.data, expected_version=form.expected_version
        )
        db.session.commit()
        flash(_("“%(name)s” was withdrawn.", name=document.filename), "success")
        return redirect(url_for("cases.view_case", case_id=case.id))
    return _render("documents/withdraw.html", form, case=case, document=document)


def _render(template: str, form, **context):
    """A document form page with the accepted types and size limit (422 once refused)."""
    limit = describe_size(current_app.config["MAX_UPLOAD_BYTES"])
    return render_form(
        template, form, accepted_types=accepted_types_text(), size_limit=limit, **context
    )


def _get_document_for(document_id: int) -> Document:
    """Load a document (404) that the user may see: 403 when they may not see its case, 404
    for a confidential document they may not see (its existence is confidential too)."""
    document = db.session.get(Document, document_id)
    if document is None:
        abort(404)
    if not can_view_case(current_user, document.case):
        abort(403)
    if not can_view_document(current_user, document):
        abort(404)
    return document


# --- the documents section of the case page ----------------------------------------------


@dataclass(frozen=True)
class DocumentLineage:
    """A document as shown on the case page: its current version and the earlier ones."""

    current: Document
    earlier: list[Document]


@dataclass(frozen=True)
class CaseDocuments:
    """What the case page's documents section shows to the viewer."""

    lineages: list[DocumentLineage]
    may_upload: bool
    upload_url: str | None

    def may_change(self, document: Document) -> bool:
        """Whether the viewer may replace or withdraw ``document``."""
        return operations.may_change_document(current_user, document)

    def may_mark(self, document: Document) -> bool:
        """Whether the viewer may change ``document``'s marking."""
        return circulation.may_mark_document(current_user, document)


def case_documents(case) -> CaseDocuments:
    """The case's shared documents (newest first, versions grouped; private submissions'
    documents are in the confidential section) and whether the viewer may upload."""
    versions = db.session.scalars(
        db.select(Document)
        .filter_by(case_id=case.id)
        .filter(SHARED_WITH_THE_CASE)
        .order_by(Document.lineage_id.desc(), Document.version_number.desc())
    ).all()
    grouped: dict[int, list[Document]] = {}
    for version in versions:
        grouped.setdefault(version.lineage_id, []).append(version)
    lineages = [DocumentLineage(group[0], group[1:]) for group in grouped.values()]
    may_upload = Action.UPLOAD_DOCUMENT in available_actions(case, case_roles(current_user, case))
    return CaseDocuments(
        lineages=lineages,
        may_upload=may_upload,
        upload_url=url_for("documents.upload", case_id=case.id) if may_upload else None,
    )


@bp.app_context_processor
def _document_helpers() -> dict:
    return {"case_documents": case_documents, "document_size": describe_size}
