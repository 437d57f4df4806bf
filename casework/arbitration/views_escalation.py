"""Escalation pages of the SCIA phase: a party's withdrawal from the mediation, the clause check
and the escalation, the parties' new arbitration agreement, generating the referral again, the
referral bundle for SCIA's online filing — and what the arbitration page shows of them.

Each page loads the case (404), checks the viewer (403) and the action (403 role / 409 state),
then calls one operation and commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask import abort, current_app, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casework.arbitration import escalation
from casework.arbitration.blueprint import bp
from casework.arbitration.clause import ClauseCheck
from casework.arbitration.escalation import AgreementRelied
from casework.arbitration.fees import FeeCalculation
from casework.arbitration.forms_escalation import (
    ArbitrationAgreementForm,
    EscalateForm,
    IssueReferralForm,
    WithdrawFromMediationForm,
)
from casework.arbitration.labels import TRIGGER_LABELS
from casework.arbitration.models import EscalationTrigger, SciaProceeding
from casework.arbitration.proceedings import proceeding_for
from casework.arbitration.referral import (
    build_referral_bundle,
    bundle_name,
    current_referral,
    referral_matches_case_file,
)
from casework.cases.models import Case
from casework.cases.permissions import case_roles, get_case_for, get_case_for_action
from casework.cases.simc_clock import simc_today
from casework.cases.views.case_page import case_title
from casework.cases.workflow import UNSETTLED_STATES, Action, CaseRole, available_actions
from casework.documents.circulation import transferable_documents
from casework.documents.generated_models import GeneratedDocument
from casework.errors import IllegalTransition, InvalidInput
from casework.extensions import db
from casework.web import render_form

ESCALATE_PAGE = "arbitration/escalation/escalate.html"
BUNDLE_ROLES = frozenset({CaseRole.CLAIMANT, CaseRole.RESPONDENT, CaseRole.REGISTRAR})
"""Who may download the referral bundle: the case's parties and the registry."""


def _to_arbitration_page(case: Case, message: str):
    """Commit the operation, confirm it and go to the case's arbitration page."""
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("arbitration.case_page", case_id=case.id))


# --- a party withdraws from the mediation --------------------------------------------------


@bp.route("/cases/<int:case_id>/arbitration/withdraw-from-mediation", methods=["GET", "POST"])
@login_required
def withdraw_from_mediation(case_id: int):
    """A party withdraws from the mediation (not from the case): the mediation ends without
    settlement and the dispute may go on to SCIA arbitration."""
    case = get_case_for_action(current_user, case_id, Action.WITHDRAW_FROM_MEDIATION)
    form = WithdrawFromMediationForm(version=case.version)
    if form.validate_on_submit():
        escalation.withdraw_from_mediation(current_user, case, form.reasons.data,
                                           expected_version=form.expected_version,
                                           today=simc_today())
        db.session.commit()
        flash(_("You withdrew from the mediation: it ended without settlement. Everyone on the "
                "case was told."), "success")
        return redirect(url_for("cases.view_case", case_id=case.id))
    may_withdraw_request = Action.WITHDRAW in available_actions(
        case, case_roles(current_user, case))
    return render_form("arbitration/escalation/withdraw_from_mediation.html", form, case=case,
                       title=case_title(case), may_withdraw_request=may_withdraw_request)


# --- the parties' new arbitration agreement -------------------------------------------------


@bp.route("/cases/<int:case_id>/arbitration/agreement", methods=["GET", "POST"])
@login_required
def arbitration_agreement(case_id: int):
    """Record the parties' new arbitration agreement naming SCIA (the registry): its text and
    the uploaded document (marked for the case file) that evidences it."""
    case = get_case_for_action(current_user, case_id, Action.RECORD_ARBITRATION_AGREEMENT)
    documents = transferable_documents(case)
    agreement = escalation.agreement_relied_on(case)
    form = ArbitrationAgreementForm(version=case.version)
    form.offer_documents(documents)
    if not form.is_submitted() and agreement.is_new_agreement:
        form.text.data = agreement.text
        form.document_id.data = str(agreement.document.id)
    if form.validate_on_submit():
        document = next(d for d in documents if str(d.id) == form.document_id.data)
        escalation.record_arbitration_agreement(current_user, case, form.text.data, document,
                                                expected_version=form.expected_version)
        return _to_arbitration_page(case, _("The parties' new arbitration agreement was "
                                            "recorded; the escalation relies on it."))
    return render_form("arbitration/escalation/agreement.html", form, case=case,
                       title=case_title(case), agreement=agreement, documents=documents)


# --- escalation -----------------------------------------------------------------------------


@bp.route("/cases/<int:case_id>/arbitration/escalate", methods=["GET", "POST"])
@login_required
def escalate(case_id: int):
    """The clause check, the amount in dispute (in RMB at the rate entered) and SCIA's fees
    with the working; escalating refers the dispute to SCIA and generates the referral. A clause
    that fails the check blocks the escalation (409, with the reason)."""
    case = get_case_for_action(current_user, case_id, Action.ESCALATE_TO_SCIA)
    form = EscalateForm(version=case.version)
    form.ask_rate_for(case.currency.value if case.currency is not None else None)
    if form.is_submitted() and not form.previewing:
        escalation.require_agreement_naming_scia(case)
    if form.validate_on_submit():
        if not form.previewing:
            escalation.escalate_to_scia(current_user, case, form.rmb_rate.data,
                                        expected_version=form.expected_version)
            return _to_arbitration_page(case, _(
                "The dispute was escalated to SCIA arbitration and the referral generated; "
                "everyone on the case was told."))
        # A preview refuses nothing: the page is shown with the fees at the rate entered.
        return render_template(ESCALATE_PAGE, form=form, **_escalate_context(case, form))
    return render_form(ESCALATE_PAGE, form, **_escalate_context(case, form))


def _escalate_context(case: Case, form: EscalateForm) -> dict:
    """What the escalation page shows besides the form: the clause check, the claim and the
    fees at the rate entered (or for a claim in RMB)."""
    return {"case": case, "title": case_title(case), "overview": escalation_overview(case),
            "fees": _fees(case, form.rmb_rate.data)}


def _fees(case: Case, rate: Decimal | None) -> FeeCalculation | None:
    """SCIA's fees for the case's amount in dispute at ``rate``; ``None`` when they cannot be
    worked out yet (no rate for a claim in another currency, or no amount)."""
    if case.amount_in_dispute is None or case.currency is None:
        return None
    if escalation.needs_rate(case) and rate is None:
        return None
    try:
        return escalation.claim_fees(case.amount_in_dispute, case.currency.value, rate)
    except InvalidInput:
        return None


# --- the referral and its bundle ------------------------------------------------------------


@bp.route("/cases/<int:case_id>/arbitration/referral", methods=["GET", "POST"])
@login_required
def referral(case_id: int):
    """Generate the Referral to SCIA again (the registry, while the case is referred to SCIA):
    the new version supersedes the current one."""
    case = get_case_for_action(current_user, case_id, Action.ISSUE_REFERRAL)
    form = IssueReferralForm(version=case.version)
    if form.validate_on_submit():
        document = escalation.issue_referral(current_user, case,
                                             expected_version=form.expected_version)
        db.session.commit()
        flash(_("Version %(number)d of the Referral to SCIA was generated; the parties were "
                "told.", number=document.version_number), "success")
        return redirect(url_for("generated.case_documents", case_id=case.id))
    return render_form("arbitration/escalation/referral.html", form, case=case,
                       title=case_title(case), overview=escalation_overview(case))


@bp.get("/cases/<int:case_id>/arbitration/referral-bundle.zip")
@login_required
def referral_bundle(case_id: int):
    """The referral bundle for SCIA's online filing (the case's parties and the registry, once
    the referral is generated): the referral PDF, the documents marked for the case file and a
    manifest, as a zip attachment."""
    case = get_case_for(current_user, case_id)
    if not case_roles(current_user, case) & BUNDLE_ROLES:
        abort(403)
    document = current_referral(case)
    if document is None:
        raise IllegalTransition(_("There is no current Referral to SCIA for this case, so there "
                                  "is no bundle to download."))
    try:
        bundle = build_referral_bundle(case, document)
    except FileNotFoundError as missing:
        current_app.logger.error("referral bundle of case %s: %s", case.id, missing)
        abort(404)
    size = bundle.seek(0, 2)
    bundle.seek(0)
    response = send_file(bundle, mimetype="application/zip", as_attachment=True,
                         download_name=bundle_name(case), conditional=False, max_age=0)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    response.content_length = size
    return response


# --- what the arbitration page shows --------------------------------------------------------


@dataclass(frozen=True)
class EscalationOverview:
    """The escalation as the arbitration page shows it: the trigger, the agreement relied on
    with its clause check, the claim and the fees (once escalated), the current referral,
    whether the case file changed since it was generated, whether the viewer may download the
    bundle and generate the referral again."""

    case: Case
    trigger: EscalationTrigger | None
    agreement: AgreementRelied
    proceeding: SciaProceeding | None
    escalated: bool
    fees: FeeCalculation | None
    referral: GeneratedDocument | None
    referral_outdated: bool
    may_download_bundle: bool
    may_issue_referral: bool

    @property
    def check(self) -> ClauseCheck:
        """The clause check of the agreement relied on."""
        return self.agreement.check

    @property
    def trigger_label(self):
        """What triggered (or may trigger) the escalation, in words."""
        return TRIGGER_LABELS[self.trigger] if self.trigger is not None else None

    @property
    def shown(self) -> bool:
        """The arbitration page shows the escalation while the dispute may go to SCIA and once
        it went there by escalation."""
        return self.case.state in UNSETTLED_STATES or self.escalated


@bp.app_template_global()
def escalation_overview(case: Case) -> EscalationOverview:
    """The escalation of ``case`` for the arbitration page (see :class:`EscalationOverview`)."""
    proceeding = proceeding_for(case)
    escalated = escalation.escalated_on(case) is not None
    fees = None
    if escalated:
        try:
            fees = escalation.claim_fees(proceeding.claim_amount, proceeding.claim_currency,
                                         proceeding.rmb_rate)
        except InvalidInput:
            fees = None
    elif case.currency is not None and not escalation.needs_rate(case):
        fees = _fees(case, None)
    referral_document = current_referral(case) if escalated else None
    outdated = referral_document is not None and not referral_matches_case_file(
        case, referral_document)
    roles = case_roles(current_user, case)
    return EscalationOverview(
        case=case,
        trigger=escalation.escalation_trigger(case),
        agreement=escalation.agreement_relied_on(case),
        proceeding=proceeding,
        escalated=escalated,
        fees=fees,
        referral=referral_document,
        referral_outdated=outdated,
        may_download_bundle=referral_document is not None and not outdated
        and bool(roles & BUNDLE_ROLES),
        may_issue_referral=Action.ISSUE_REFERRAL in available_actions(case, roles),
    )
