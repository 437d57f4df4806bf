"""Filing a Request for Mediation: the form (new and draft), review and submit, the receipt."""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casework.accounts.models import Role
from casework.cases import filing
from casework.cases.fees import FeeQuote, filing_fee_for, load_fee_table
from casework.cases.filing_forms import (
    FilingForm,
    SubmitRequestForm,
    claimant_organisation_data,
    filing_form_data,
    prepare_filing_form,
    request_details,
    supporting_documents,
    validate_filing,
)
from casework.cases.models import Case, CaseState
from casework.cases.permissions import get_case_for, get_case_for_action
from casework.cases.views import bp
from casework.cases.views.case_page import case_title, format_money
from casework.cases.workflow import Action
from casework.documents.models import Document
from casework.documents.permissions import SHARED_WITH_THE_CASE
from casework.errors import InvalidInput
from casework.extensions import db
from casework.web import render_form

_DISPLAY = {"money": format_money, "FIELD_LABELS": filing.FIELD_LABELS}


@bp.route("/cases/new", methods=["GET", "POST"])
@login_required
def new_filing():
    """A party representative starts a Request for Mediation (saved as a draft)."""
    if current_user.role != Role.PARTY:
        abort(403)
    form = prepare_filing_form(FilingForm(), current_user)
    saved = _save_filing(form, lambda: filing.start_request_for_mediation(
        current_user,
        request_details(form),
        claimant_organisation=claimant_organisation_data(form),
        documents=supporting_documents(form),
        document_description=form.document_description.data or "",
    ))
    return saved or _render_form(form, None)


@bp.route("/cases/<int:case_id>/draft", methods=["GET", "POST"])
@login_required
def edit_draft(case_id: int):
    """The claimant resumes and saves its draft request."""
    case = get_case_for_action(current_user, case_id, Action.EDIT_DRAFT)
    form = prepare_filing_form(FilingForm(data=filing_form_data(case)), current_user)
    saved = _save_filing(form, lambda: filing.update_draft_request(
        current_user,
        case,
        request_details(form),
        expected_version=form.expected_version,
        documents=supporting_documents(form),
        document_description=form.document_description.data or "",
    ))
    return saved or _render_form(form, case)


@bp.route("/cases/<int:case_id>/submit", methods=["GET", "POST"])
@login_required
def submit(case_id: int):
    """Review everything entered and the fee due (GET); submit the request (POST)."""
    case = get_case_for_action(current_user, case_id, Action.SUBMIT)
    form = SubmitRequestForm(data={"version": case.version})
    problems = filing.submission_problems(case)
    if form.validate_on_submit():
        try:
            filing.submit_request_for_mediation(
                current_user, case, expected_version=form.expected_version
            )
        except filing.IncompleteRequest as error:
            db.session.rollback()
            problems = error.problems
        except InvalidInput as error:
            db.session.rollback()
            problems = [str(error.message)]
        else:
            db.session.commit()
            flash(_("Your Request for Mediation was submitted as %(reference)s.",
                    reference=case.reference), "success")
            return redirect(url_for("cases.receipt", case_id=case.id))
    return render_form(
        "cases/filing/review.html",
        form,
        case=case,
        problems=problems,
        quote=_quote(case),
        documents=filed_documents(case),
        **_DISPLAY,
    )


@bp.route("/cases/<int:case_id>/receipt")
@login_required
def receipt(case_id: int):
    """The filing receipt: what was filed, when, and the fee due (printable)."""
    case = get_case_for(current_user, case_id)
    if case.state == CaseState.DRAFT:
        abort(404)
    quote = _quote(case)
    return render_template(
        "cases/filing/receipt.html",
        case=case,
        title=case_title(case),
        working=quote.working if quote is not None and quote.fee == case.filing_fee else None,
        documents=filed_documents(case),
        **_DISPLAY,
    )


def filed_documents(case: Case) -> list[Document]:
    """The documents filed with the request (up to its submission), oldest first; never a
    private submission's."""
    query = (
        db.select(Document).filter_by(case_id=case.id, withdrawn_at=None)
        .filter(SHARED_WITH_THE_CASE)
    )
    if case.submitted_at is not None:
        query = query.filter(Document.uploaded_at <= case.submitted_at)
    return list(db.session.scalars(query.order_by(Document.uploaded_at, Document.id)))


def _save_filing(form: FilingForm, save: Callable[[], Case]):
    """When ``form`` was submitted and is valid (as a draft, or complete when the claimant
    asked to review and submit), ``save()`` it, commit and go on; ``None`` when the form is to
    be shown again with its errors (a domain refusal among them)."""
    if not form.is_submitted():
        return None
    complete = bool(form.review.data)
    if not validate_filing(form, complete=complete):
        return None
    try:
        case = save()
    except InvalidInput as error:
        db.session.rollback()
        form.form_errors.append(str(error.message))
        return None
    db.session.commit()
    return _after_save(case, complete)


def _after_save(case: Case, complete: bool):
    """After saving: to the review page when the claimant asked for it, else back to the
    draft."""
    if complete:
        return redirect(url_for("cases.submit", case_id=case.id))
    flash(_("Draft saved. You can come back to it from your dashboard."), "success")
    return redirect(url_for("cases.edit_draft", case_id=case.id))


def _quote(case: Case) -> FeeQuote | None:
    """The filing fee for the case's amount, if it has a valid amount and currency."""
    if case.amount_in_dispute is None or case.currency is None:
        return None
    try:
        return filing_fee_for(case.amount_in_dispute, case.currency)
    except InvalidInput:
        return None


def _render_form(form: FilingForm, case: Case | None):
    """The filing form page (422 once submitted: it was refused)."""
    return render_form(
        "cases/filing/form.html",
        form,
        case=case,
        quote=_quote(case) if case is not None else None,
        fee_table=load_fee_table(),
        documents=filed_documents(case) if case is not None else [],
        **_DISPLAY,
    )
