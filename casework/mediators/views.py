"""The mediator panel, mediator profiles, and the appointment of a mediator to a case.

Case pages load the case (404), check the viewer may see it (403) and may take the action now
(403/409) before showing a form, and call one operation on POST.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casework.accounts.models import Role, User
from casework.cases.models import PartySide
from casework.cases.permissions import case_roles, get_case_for_action
from casework.cases.workflow import Action
from casework.db import now_utc
from casework.errors import InvalidInput
from casework.extensions import db
from casework.mediators import appointment
from casework.mediators import panel as mediator_panel
from casework.mediators.forms import (
    AnswerProposalForm,
    ConfirmAppointmentForm,
    DisclosureForm,
    MediatorProfileForm,
    PanelFilterForm,
    ProposeMediatorForm,
)
from casework.mediators.models import Disclosure, ProposalAnswer
from casework.web import render_form

bp = Blueprint("mediators", __name__)


@bp.app_context_processor
def _appointment_helpers() -> dict:
    """``mediator_appointment(case)`` for ``mediators/_case_appointment.html``."""
    return {"mediator_appointment": appointment.appointment_overview}


# The panel and profiles --------------------------------------------------------------------


@bp.route("/mediators")
@login_required
def panel():
    """The SIMC mediator panel, filterable by language, expertise and nationality (registrars)."""
    if current_user.role != Role.REGISTRAR:
        abort(403)
    filters = _filter_form()
    return render_template(
        "mediators/panel.html",
        filters=filters,
        entries=mediator_panel.panel_mediators(**filters.filters()),
        off_panel=mediator_panel.mediators_off_panel(),
    )


@bp.route("/mediators/<int:user_id>")
@login_required
def profile(user_id: int):
    """A mediator's profile (registrars, and the mediator themself)."""
    mediator = _mediator_for(user_id)
    return render_template(
        "mediators/profile.html", mediator=mediator, profile=mediator.mediator_profile
    )


@bp.route("/mediators/<int:user_id>/edit", methods=["GET", "POST"])
@login_required
def edit_profile(user_id: int):
    """Edit a mediator's profile (registrar or the mediator); a missing profile is created.
    Only a registrar puts a mediator on or off the panel."""
    mediator = _mediator_for(user_id)
    is_registrar = current_user.role == Role.REGISTRAR
    form = MediatorProfileForm(obj=mediator.mediator_profile)
    if not is_registrar:
        del form.on_panel
    if form.validate_on_submit():
        try:
            mediator_panel.update_mediator_profile(
                current_user, mediator,
                languages=form.languages.data, expertise=form.expertise.data,
                nationality=form.nationality.data, bio=form.bio.data,
                on_panel=form.on_panel.data if is_registrar else None,
            )
        except InvalidInput as error:
            db.session.rollback()
            form.languages.errors = [*form.languages.errors, str(error.message)]
            return render_form("mediators/edit_profile.html", form, mediator=mediator)
        db.session.commit()
        flash(_("The mediator profile was saved."), "success")
        return redirect(url_for("mediators.profile", user_id=mediator.id))
    return render_form("mediators/edit_profile.html", form, mediator=mediator)


def _mediator_for(user_id: int) -> User:
    """Load a mediator (404) and check the viewer may manage their profile (403)."""
    mediator = db.session.get(User, user_id)
    if mediator is None or mediator.role != Role.MEDIATOR:
        abort(404)
    if not mediator_panel.can_manage_profile(current_user, mediator):
        abort(403)
    return mediator


def _filter_form() -> PanelFilterForm:
    filters = PanelFilterForm(request.args)
    filters.language.choices = [("", _("Any language"))] + [
        (language, language) for language in mediator_panel.panel_languages()
    ]
    return filters


# The appointment ---------------------------------------------------------------------------


@bp.route("/cases/<int:case_id>/mediator/propose", methods=["GET", "POST"])
@login_required
def propose(case_id: int):
    """Propose a panel mediator for the case (registrar), replacing a pending proposal."""
    case = get_case_for_action(current_user, case_id, Action.PROPOSE_MEDIATOR)
    form = ProposeMediatorForm(version=case.version)
    form.mediator_id.choices = [
        (entry.mediator.id, entry.mediator.name)
        for entry in appointment.proposable_mediators(case)
    ]
    if form.validate_on_submit():
        mediator = db.session.get(User, form.mediator_id.data)
        appointment.propose_mediator(
            current_user, case, mediator, expected_version=form.expected_version, now=now_utc()
        )
        db.session.commit()
        flash(_("%(name)s was proposed as mediator; the mediator and the parties were told.",
                name=mediator.name), "success")
        return redirect(url_for("cases.view_case", case_id=case.id))
    filters = _filter_form()
    candidates = [
        (entry, appointment.shares_party_nationality(case, entry.profile))
        for entry in appointment.proposable_mediators(case, **filters.filters())
    ]
    return render_form(
        "mediators/propose.html", form, case=case, filters=filters, candidates=candidates,
    )


@bp.route("/cases/<int:case_id>/mediator/disclosure", methods=["GET", "POST"])
@login_required
def disclose(case_id: int):
    """File the conflict disclosure (the proposed mediator); once filed it is shown, not
    changed."""
    case = get_case_for_action(current_user, case_id, Action.FILE_DISCLOSURE)
    proposal = appointment.require_pending_proposal(case)
    form = DisclosureForm(version=case.version)
    if form.validate_on_submit():
        try:
            appointment.file_disclosure(
                current_user, case, Disclosure(form.disclosure.data), form.circumstances.data,
                expected_version=form.expected_version, now=now_utc(),
            )
        except InvalidInput as error:
            db.session.rollback()
            form.circumstances.errors = [*form.circumstances.errors, str(error.message)]
            return render_form("mediators/disclose.html", form, case=case, proposal=proposal)
        db.session.commit()
        flash(_("Your conflict disclosure was filed; the registry and the parties were told."),
              "success")
        return redirect(url_for("mediators.disclose", case_id=case.id))
    return render_form("mediators/disclose.html", form, case=case, proposal=proposal)


@bp.route("/cases/<int:case_id>/mediator/answer", methods=["GET", "POST"])
@login_required
def answer_proposal(case_id: int):
    """Accept, or object with reasons to, the proposed mediator (a party's users, for their
    side; once per side, before the objection deadline)."""
    case = get_case_for_action(current_user, case_id, Action.ANSWER_PROPOSAL)
    roles = case_roles(current_user, case)
    sides = [side for side, role in appointment.SIDE_ROLES.items() if role in roles]
    form = AnswerProposalForm(version=case.version, side=sides[0].value)
    if form.validate_on_submit():
        try:
            side = PartySide(form.side.data)
        except ValueError:
            abort(400)
        try:
            appointment.answer_proposal(
                current_user, case, side, ProposalAnswer(form.answer.data), form.reasons.data,
                expected_version=form.expected_version, now=now_utc(),
            )
        except InvalidInput as error:
            db.session.rollback()
            form.reasons.errors = [*form.reasons.errors, str(error.message)]
            return _answer_page(case, sides, form)
        db.session.commit()
        flash(_("Your answer was recorded; the registry was told."), "success")
        return redirect(url_for("mediators.answer_proposal", case_id=case.id))
    return _answer_page(case, sides, form)


def _answer_page(case, sides: list[PartySide], form):
    """The answer page for the viewer's ``sides`` (422 once a submission was refused)."""
    proposal = appointment.require_pending_proposal(case)
    parties = [case.party(side) for side in sides]
    return render_form(
        "mediators/answer.html", form, case=case, proposal=proposal, now=now_utc(),
        sides=[
            (party.side, party, appointment.objection_deadline(proposal, party))
            for party in parties
        ],
    )


@bp.route("/cases/<int:case_id>/mediator/confirm", methods=["GET", "POST"])
@login_required
def confirm_appointment(case_id: int):
    """Show where the appointment stands and confirm it (registrar) once the disclosure is
    filed, nobody objected, and every party accepted or the objection period ended."""
    case = get_case_for_action(current_user, case_id, Action.CONFIRM_APPOINTMENT)
    form = ConfirmAppointmentForm(version=case.version)
    if form.validate_on_submit():
        proposal = appointment.confirm_appointment(
            current_user, case, expected_version=form.expected_version, now=now_utc()
        )
        db.session.commit()
        flash(_("%(name)s was appointed as mediator; the mediator and the parties were told.",
                name=proposal.mediator.name), "success")
        return redirect(url_for("cases.view_case", case_id=case.id))
    proposal = appointment.require_pending_proposal(case)
    blockers = appointment.appointment_blockers(case, proposal, now_utc(), current_user)
    return render_form(
        "mediators/confirm.html", form, case=case, proposal=proposal, blockers=blockers
    )
