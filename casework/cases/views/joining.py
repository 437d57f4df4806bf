"""The respondent's invitation (public link), joining the case, re-sending, and answering."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casework.accounts.models import Role
from casework.cases import joining
from casework.cases.filing_forms import JoinCaseForm, ResendInvitationForm, RespondForm
from casework.cases.models import RespondentAnswer
from casework.cases.permissions import case_roles, get_case_for
from casework.cases.views import bp
from casework.cases.workflow import Action, CaseRole, available_actions, check
from casework.errors import InvalidInput, NotPermitted
from casework.extensions import db
from casework.parties.forms import (
    configure_checksum_override,
    organisation_data,
    organisation_form_data,
)
from casework.web import render_form


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def respondent_invitation(token: str):
    """Public: the respondent's invitation. Anonymous visitors are told briefly what it is and
    asked to register or sign in; a signed-in party confirms its particulars and joins."""
    try:
        invitation = joining.usable_invitation(token)
    except joining.InvitationUnavailable as error:
        page = render_template("cases/joining/unavailable.html", message=str(error.message))
        return page, error.status
    case = invitation.case
    organisation = case.respondent.organisation
    here = url_for("cases.respondent_invitation", token=token)
    if not current_user.is_authenticated:
        if request.method == "POST":
            return redirect(url_for("accounts.login", next=here))
        return render_template(
            "cases/joining/invitation.html",
            case=case,
            invitation=invitation,
            claimant=case.claimant.organisation,
            respondent=organisation,
            register_url=url_for("accounts.register", email=invitation.email, next=here),
            login_url=url_for("accounts.login", next=here),
        )
    refusal = _refusal(organisation)
    if refusal is not None:
        page = render_template(
            "cases/joining/refused.html", case=case, respondent=organisation, message=refusal
        )
        return page, 403
    form = JoinCaseForm(data={
        "organisation": organisation_form_data(organisation),
        "counsel_name": case.respondent.counsel_name,
        "counsel_firm": case.respondent.counsel_firm,
        "counsel_email": case.respondent.counsel_email,
    })
    configure_checksum_override(form.organisation, current_user, organisation)
    if form.validate_on_submit():
        try:
            joining.accept_respondent_invitation(
                current_user, token, organisation_data(form.organisation), form.counsel()
            )
        except InvalidInput as error:
            db.session.rollback()
            form.form_errors.append(str(error.message))
        else:
            db.session.commit()
            flash(_("You have joined case %(reference)s for %(name)s.",
                    reference=case.reference, name=organisation.name_en), "success")
            if Action.RESPONDENT_AGREE in available_actions(case, case_roles(current_user, case)):
                return redirect(url_for("cases.respond", case_id=case.id))
            return redirect(url_for("cases.view_case", case_id=case.id))
    return render_form(
        "cases/joining/join.html", form, case=case, claimant=case.claimant.organisation
    )


def _refusal(organisation) -> str | None:
    """Why the signed-in user cannot accept an invitation for ``organisation``, if they can't."""
    if current_user.role != Role.PARTY:
        return _("This invitation is for the respondent's representative. Sign out, then sign "
                 "in or register with a party representative's account to accept it.")
    if current_user.organisation_id not in (None, organisation.id):
        return _("Your account represents %(own)s. An account acts for one organisation only: "
                 "to answer for %(respondent)s, use an account of that organisation or contact "
                 "the SIMC registry.",
                 own=current_user.organisation.name_en, respondent=organisation.name_en)
    return None


@bp.route("/cases/<int:case_id>/invitation/resend", methods=["POST"])
@login_required
def resend_invitation(case_id: int):
    """A registrar sends the respondent a new invitation; earlier links stop working."""
    case = get_case_for(current_user, case_id)
    joining.ensure_may_resend_invitation(current_user, case)
    form = ResendInvitationForm()
    if not form.validate_on_submit():
        for field in form:
            for error in field.errors:
                flash(_("%(field)s: %(error)s", field=field.label.text, error=error), "error")
        return redirect(url_for("cases.view_case", case_id=case.id))
    joining.resend_respondent_invitation(
        current_user, case, expected_version=form.expected_version, email=form.email.data
    )
    db.session.commit()
    flash(_("A new invitation was sent to %(email)s.", email=case.respondent_contact_email),
          "success")
    return redirect(url_for("cases.view_case", case_id=case.id))


@bp.route("/cases/<int:case_id>/respond", methods=["GET", "POST"])
@login_required
def respond(case_id: int):
    """The respondent agrees to mediate or declines with reasons."""
    case = get_case_for(current_user, case_id)
    roles = case_roles(current_user, case)
    if CaseRole.RESPONDENT not in roles:
        raise NotPermitted(_("Only the respondent's representatives can answer the request."))
    # A refusal names the answer posted (agreeing and declining are open in the same states).
    agrees = request.form.get("answer") == RespondentAnswer.AGREE.value
    check(case, Action.RESPONDENT_AGREE if agrees else Action.RESPONDENT_DECLINE, roles)
    form = RespondForm(data={"version": case.version})
    if form.validate_on_submit():
        if form.answer.data == RespondentAnswer.AGREE.value:
            joining.agree_to_mediate(current_user, case, expected_version=form.expected_version)
            message = _("Your agreement to mediate was recorded.")
        else:
            joining.decline_to_mediate(
                current_user, case, form.reasons.data, expected_version=form.expected_version
            )
            message = _("Your decision not to mediate was recorded.")
        db.session.commit()
        flash(message, "success")
        return redirect(url_for("cases.view_case", case_id=case.id))
    return render_form("cases/joining/respond.html", form, case=case)
