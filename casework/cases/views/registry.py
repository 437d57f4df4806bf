"""Registry work on filings: the queue, acknowledgement, information requests, rejection, the
fee payment, and the claimant's answers and withdrawal.

Each page shows the case summary and a form on GET (only to someone who may act now) and calls
one operation on POST.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casework.accounts.models import Role
from casework.cases import queries, registry
from casework.cases import registry_forms as forms
from casework.cases.permissions import case_roles, get_case_for, get_case_for_action
from casework.cases.views import bp
from casework.cases.workflow import ACTION_LABELS, Action, check
from casework.extensions import db
from casework.web import render_form


@bp.route("/registry")
@login_required
def registry_queue():
    """Filings waiting for the registry, oldest first (registrars only)."""
    if current_user.role != Role.REGISTRAR:
        abort(403)
    zone = current_user.timezone
    items = queries.registry_queue(datetime.now(ZoneInfo(zone)).date(), zone)
    return render_template("cases/registry/queue.html", items=items)


@bp.route("/cases/<int:case_id>/acknowledge", methods=["GET", "POST"])
@login_required
def acknowledge(case_id: int):
    """Acknowledge a filing (registrar): commencing the mediation when the case allows it,
    else awaiting the respondent's agreement."""
    case = get_case_for(current_user, case_id)
    action = registry.acknowledgement_action(case)
    check(case, action, case_roles(current_user, case))
    form = forms.AcknowledgeForm(version=case.version)
    if form.validate_on_submit():
        registry.acknowledge_filing(
            current_user, case, expected_version=form.expected_version,
            today=registry.simc_today(),
        )
        return _done(case, _("The filing was acknowledged."))
    return _render(
        "cases/registry/acknowledge.html", form, case, action,
        commences=registry.acknowledgement_commences(case), today=registry.simc_today(),
    )


@bp.route("/cases/<int:case_id>/request-information", methods=["GET", "POST"])
@login_required
def request_info(case_id: int):
    """Ask the claimant for more information (registrar)."""
    case = get_case_for_action(current_user, case_id, Action.REQUEST_INFO)
    form = forms.RequestInfoForm(version=case.version)
    if form.validate_on_submit():
        registry.request_information(
            current_user, case, form.request_text.data,
            expected_version=form.expected_version,
        )
        return _done(case, _("The claimant was asked for more information."))
    return _render("cases/registry/action.html", form, case, Action.REQUEST_INFO)


@bp.route("/cases/<int:case_id>/provide-information", methods=["GET", "POST"])
@login_required
def provide_info(case_id: int):
    """Answer the registry's request for information (claimant)."""
    case = get_case_for_action(current_user, case_id, Action.PROVIDE_INFO)
    form = forms.ProvideInfoForm(version=case.version)
    if form.validate_on_submit():
        registry.provide_information(
            current_user, case, form.response_text.data,
            expected_version=form.expected_version,
        )
        return _done(case, _("Your answer was sent to the registry."))
    return _render("cases/registry/action.html", form, case, Action.PROVIDE_INFO)


@bp.route("/cases/<int:case_id>/reject", methods=["GET", "POST"])
@login_required
def reject(case_id: int):
    """Reject a filing with reasons (registrar)."""
    case = get_case_for_action(current_user, case_id, Action.REJECT)
    form = forms.RejectForm(version=case.version)
    if form.validate_on_submit():
        registry.reject_filing(
            current_user, case, form.reasons.data, expected_version=form.expected_version
        )
        return _done(case, _("The request was rejected."))
    return _render("cases/registry/action.html", form, case, Action.REJECT)


@bp.route("/cases/<int:case_id>/fee-payment", methods=["GET", "POST"])
@login_required
def record_fee_payment(case_id: int):
    """Record the filing fee payment (registrar)."""
    case = get_case_for_action(current_user, case_id, Action.RECORD_FEE_PAYMENT)
    form = forms.FeePaymentForm(version=case.version)
    if form.validate_on_submit():
        registry.record_fee_payment(
            current_user, case, form.paid_on.data, form.reference.data,
            expected_version=form.expected_version,
        )
        return _done(case, _("The filing fee payment was recorded."))
    return _render("cases/registry/action.html", form, case, Action.RECORD_FEE_PAYMENT)


@bp.route("/cases/<int:case_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw(case_id: int):
    """Withdraw the Request for Mediation (claimant)."""
    case = get_case_for_action(current_user, case_id, Action.WITHDRAW)
    form = forms.WithdrawForm(version=case.version)
    if form.validate_on_submit():
        registry.withdraw_case(
            current_user, case, form.reasons.data, expected_version=form.expected_version
        )
        return _done(case, _("The case was withdrawn."))
    return _render("cases/registry/action.html", form, case, Action.WITHDRAW)


def _done(case, message: str):
    """Commit the operation, confirm it and go back to the case page."""
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("cases.view_case", case_id=case.id))


def _render(template: str, form, case, action: Action, **context):
    """The action page: the case summary and the form (422 when a submission was refused)."""
    return render_form(
        template, form, case=case, action=action, heading=ACTION_LABELS[action], **context
    )
