"""The SCIA case pages (registry): SCIA's case number, filing date and hearing dates; the
parties' written consents to the mediator acting as arbitrator; the tribunal. The arbitration
page shows all of it, with SCIA's fees and their working (``arbitration/_scia.html``).

Each page loads the case (404), checks the viewer (403) and the action (403 role / 409 state),
requires the case's SCIA proceeding (409 without one), then calls one operation.
"""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casework.arbitration import scia_phase
from casework.arbitration.blueprint import bp
from casework.arbitration.fees import load_scia_fee_table
from casework.arbitration.forms_scia import (
    ArbitrationHearingForm,
    MediatorConsentForm,
    RemoveArbitrationHearingForm,
    SciaDetailsForm,
    TribunalForm,
)
from casework.arbitration.models import ArbitrationHearing, SciaProceeding
from casework.cases.labels import SIDE_LABELS
from casework.cases.models import PartySide
from casework.cases.permissions import get_case_for_action
from casework.cases.simc_clock import simc_today
from casework.cases.views.case_page import case_title
from casework.cases.workflow import Action
from casework.errors import InvalidInput
from casework.extensions import db
from casework.web import render_form


@bp.app_template_global()
def scia_fee_estimate(proceeding: SciaProceeding) -> scia_phase.SciaFeeEstimate:
    """SCIA's fees for the proceeding, from the configured SCIA fee table (for the
    arbitration page)."""
    table = load_scia_fee_table(current_app.config["SCIA_FEE_TABLE"])
    return scia_phase.scia_fee_estimate(proceeding, table)


@bp.app_template_global()
def scia_parties_without_consent(case, proceeding: SciaProceeding) -> list:
    """The case's parties whose consent to the mediator acting as arbitrator is not recorded."""
    return scia_phase.parties_without_consent(case, proceeding)


def _loaded(case_id: int, action: Action):
    """The case, checked for ``action``, and its SCIA proceeding (409 without one)."""
    case = get_case_for_action(current_user, case_id, action)
    return case, scia_phase.require_proceeding(case)


def _done(case, message: str):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("arbitration.case_page", case_id=case.id))


def _refused(form, error: InvalidInput) -> None:
    """Show a domain refusal at the top of ``form`` (nothing of it is kept)."""
    db.session.rollback()
    form.form_errors.append(str(error.message))


# The SCIA case details and hearing dates --------------------------------------------------


def _formdata(submitted: bool):
    """The posted data for the form that was submitted; none for the other forms of the page
    (they show what is recorded)."""
    return request.form if submitted and request.method == "POST" else None


def _details_form(case, proceeding, *, submitted: bool) -> SciaDetailsForm:
    """The details form, read from the request when it is the one ``submitted``."""
    form = SciaDetailsForm(_formdata(submitted), version=case.version,
                           today=simc_today(),
                           scia_reference=proceeding.scia_reference,
                           scia_filed_on=proceeding.scia_filed_on,
                           rmb_rate=proceeding.rmb_rate)
    if not scia_phase.rate_entered_with_details(proceeding):
        del form.rmb_rate
    return form


def _hearing_form(case, *, submitted: bool) -> ArbitrationHearingForm:
    """The form adding a hearing date, read from the request when it is the one ``submitted``."""
    return ArbitrationHearingForm(_formdata(submitted), prefix="hearing",
                                  version=case.version)


def _details_page(case, proceeding, details_form, hearing_form):
    """The SCIA details page with both forms (422 after a refused submission)."""
    return render_form(
        "arbitration/scia/details.html", details_form, case=case, title=case_title(case),
        proceeding=proceeding, hearing_form=hearing_form, basis=scia_phase.fee_basis(proceeding),
    )


@bp.route("/cases/<int:case_id>/arbitration/scia", methods=["GET", "POST"])
@login_required
def scia_details(case_id: int):
    """Record SCIA's case number and filing date (and the exchange rate to RMB when the fees
    are computed from the case's amount in dispute in another currency); the page also lists
    and records SCIA's hearing dates (registrar)."""
    case, proceeding = _loaded(case_id, Action.RECORD_SCIA_DETAILS)
    form = _details_form(case, proceeding, submitted=True)
    hearing_form = _hearing_form(case, submitted=False)
    if form.validate_on_submit():
        details = scia_phase.SciaDetails(
            reference=form.scia_reference.data or "", filed_on=form.scia_filed_on.data,
            rmb_rate=form.rmb_rate.data if "rmb_rate" in form else None,
        )
        try:
            scia_phase.record_scia_details(current_user, case, details, today=simc_today(),
                                           expected_version=form.expected_version)
        except InvalidInput as error:
            _refused(form, error)
            return _details_page(case, proceeding, form, hearing_form)
        return _done(case, _("The SCIA case details were recorded."))
    return _details_page(case, proceeding, form, hearing_form)


@bp.route("/cases/<int:case_id>/arbitration/scia/hearings", methods=["POST"])
@login_required
def add_scia_hearing(case_id: int):
    """Record a hearing date SCIA notified (registrar)."""
    case, proceeding = _loaded(case_id, Action.RECORD_SCIA_DETAILS)
    hearing_form = _hearing_form(case, submitted=True)
    if hearing_form.validate_on_submit():
        try:
            scia_phase.add_arbitration_hearing(
                current_user, case, hearing_form.held_on.data, hearing_form.description.data,
                expected_version=hearing_form.expected_version,
            )
        except InvalidInput as error:
            _refused(hearing_form, error)
        else:
            return _done(case, _("The SCIA hearing date was recorded."))
    return _details_page(case, proceeding, _details_form(case, proceeding, submitted=False),
                         hearing_form)


@bp.route("/cases/<int:case_id>/arbitration/scia/hearings/<int:hearing_id>/remove",
          methods=["POST"])
@login_required
def remove_scia_hearing(case_id: int, hearing_id: int):
    """Remove a recorded SCIA hearing date (registrar)."""
    case, proceeding = _loaded(case_id, Action.RECORD_SCIA_DETAILS)
    hearing = db.session.get(ArbitrationHearing, hearing_id)
    if hearing is None or hearing.proceeding_id != proceeding.id:
        abort(404)
    form = RemoveArbitrationHearingForm()
    if not form.validate_on_submit():
        abort(400)
    scia_phase.remove_arbitration_hearing(current_user, case, hearing,
                                          expected_version=form.expected_version)
    return _done(case, _("The SCIA hearing date was removed."))


# The parties' consents to the mediator as arbitrator ------------------------------------------


def _consent_choices(form: MediatorConsentForm, case, proceeding) -> None:
    consented = {consent.case_party_id for consent in proceeding.consents}
    form.case_party_id.choices = [
        (party.id, _("%(side)s: %(name)s (consent already recorded)", side=SIDE_LABELS[party.side],
                     name=party.organisation.name_en) if party.id in consented
         else _("%(side)s: %(name)s", side=SIDE_LABELS[party.side],
                name=party.organisation.name_en))
        for party in sorted(case.parties, key=lambda p: list(PartySide).index(p.side))
    ]
    form.document_id.choices = [
        (document.id, _("%(name)s (version %(number)s) — %(description)s",
                        name=document.filename, number=document.version_number,
                        description=document.description or "—"))
        for document in scia_phase.consent_documents(case)
    ]


@bp.route("/cases/<int:case_id>/arbitration/mediator-consent", methods=["GET", "POST"])
@login_required
def mediator_consent(case_id: int):
    """Record one party's written consent to the mediator acting as arbitrator, with the
    uploaded document that evidences it (registrar)."""
    case, proceeding = _loaded(case_id, Action.RECORD_MEDIATOR_CONSENT)
    scia_phase.require_mediator(case)
    form = MediatorConsentForm(version=case.version, today=simc_today())
    _consent_choices(form, case, proceeding)
    if form.validate_on_submit():
        try:
            scia_phase.record_mediator_consent(
                current_user, case, form.case_party_id.data, form.document_id.data,
                form.given_on.data, today=simc_today(), expected_version=form.expected_version,
            )
        except InvalidInput as error:
            _refused(form, error)
        else:
            return _done(case, _("The party's consent to the mediator acting as arbitrator was "
                                 "recorded."))
    return render_form("arbitration/scia/mediator_consent.html", form, case=case,
                       title=case_title(case), proceeding=proceeding)


# The tribunal -----------------------------------------------------------------------------


@bp.route("/cases/<int:case_id>/arbitration/tribunal", methods=["GET", "POST"])
@login_required
def tribunal(case_id: int):
    """Record the tribunal SCIA constituted; the case is then in arbitration (registrar). The
    mediator can sit only with every party's recorded written consent."""
    case, proceeding = _loaded(case_id, Action.CONSTITUTE_TRIBUNAL)
    form = TribunalForm(version=case.version, today=simc_today())
    if form.validate_on_submit():
        try:
            scia_phase.constitute_tribunal(
                current_user, case, form.seats(), form.appointed_on.data, today=simc_today(),
                expected_version=form.expected_version,
            )
        except InvalidInput as error:
            _refused(form, error)
        else:
            return _done(case, _("The tribunal was recorded; the case is in arbitration. "
                                 "Everyone on the case was told."))
    return render_form("arbitration/scia/tribunal.html", form, case=case,
                       title=case_title(case), proceeding=proceeding,
                       missing=scia_phase.parties_without_consent(case, proceeding))
