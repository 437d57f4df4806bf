"""Settlement pages: the terms with their enforceability check and approvals, drafting them (the
general clauses, one obligation at a time) and a party's approval.

The settlement is seen by the case's parties, its mediator and the registry. The mediator or
the registry drafts while the case is settled; every saved change is a new version (approvals
of earlier versions no longer count). A party's authorised signatory approves one exact version.
Each page loads the case (404), checks the viewer (403) and the action (403 role / 409 state),
then calls one operation.
"""

from __future__ import annotations

from decimal import Decimal

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casework.cases.models import Case, CaseState
from casework.cases.permissions import case_roles, get_case_for, get_case_for_action
from casework.cases.views.case_page import case_title
from casework.cases.workflow import Action, CaseRole, available_actions
from casework.errors import NotPermitted, StaleCase
from casework.extensions import db
from casework.settlement import editing, labels, operations
from casework.settlement.chinese_amounts import amount_in_chinese_capitals, format_figures
from casework.settlement.dates import chinese_date, english_date
from casework.settlement.enforceability import check_enforceability
from casework.settlement.forms import (
    OBLIGATION_FORMS,
    ApproveForm,
    ClausesForm,
    RemoveObligationForm,
)
from casework.settlement.terms import SettlementTerms
from casework.web import render_form

bp = Blueprint("settlement", __name__)

VIEWING_ROLES = frozenset({CaseRole.CLAIMANT, CaseRole.RESPONDENT, CaseRole.MEDIATOR,
                           CaseRole.REGISTRAR})
"""Who sees a case's settlement: its parties, its mediator and the registry."""

SETTLEMENT_STATES = frozenset({CaseState.SETTLED, CaseState.SETTLEMENT_SIGNED})
"""States in which the case page links to the settlement even before anything is drafted."""


# Template helpers --------------------------------------------------------------------------


def figures(amount: Decimal, currency: str) -> str:
    """The amount in figures as the documents print it (``¥1,409.50``, ``SGD 1,409.50``), or
    as typed when it is not a definite sum (the enforceability check says why)."""
    try:
        return format_figures(amount, currency)
    except (TypeError, ValueError):
        return f"{currency} {amount}".strip()


def capitals(amount: Decimal, currency: str) -> str:
    """A renminbi amount in Chinese capitals (大写); "" for other currencies or an amount that
    cannot be written so."""
    if currency != "CNY":
        return ""
    try:
        return amount_in_chinese_capitals(amount)
    except (TypeError, ValueError):
        return ""


def settlement_panel_visible(case: Case) -> bool:
    """Whether the case page links the signed-in viewer to the settlement."""
    if not case_roles(current_user, case) & VIEWING_ROLES:
        return False
    return case.state in SETTLEMENT_STATES or operations.settlement_for(case) is not None


@bp.app_context_processor
def _settlement_helpers() -> dict:
    """What the settlement pages and the case page's settlement panel use."""
    return {
        "settlement_panel_visible": settlement_panel_visible,
        "settlement_figures": figures,
        "settlement_capitals": capitals,
        "settlement_obligation_kind": editing.kind_of,
        "english_date": english_date,
        "chinese_date": chinese_date,
        "OBLIGATION_KIND_LABELS": labels.OBLIGATION_KIND_LABELS,
        "ADD_OBLIGATION_LABELS": labels.ADD_OBLIGATION_LABELS,
        "LANGUAGE_PRECEDENCE_LABELS": labels.LANGUAGE_PRECEDENCE_LABELS,
    }


# Loading -----------------------------------------------------------------------------------


def _case_for_viewing(case_id: int) -> Case:
    """Load the case (404) and check the viewer may see its settlement (403)."""
    case = get_case_for(current_user, case_id)
    if not case_roles(current_user, case) & VIEWING_ROLES:
        abort(403)
    return case


def _current(case: Case):
    """The case's current settlement version, or ``None`` before the first."""
    settlement = operations.settlement_for(case)
    return settlement.current_version if settlement is not None else None


def _drafting(case_id: int):
    """For a drafting page: the case (checked for ``DRAFT_SETTLEMENT``), its current version
    (or ``None``) and the terms being drafted (the first draft before any version). A submitted
    form loaded with another version is refused before it is read: its obligation numbers
    may no longer mean the same obligations."""
    case = get_case_for_action(current_user, case_id, Action.DRAFT_SETTLEMENT)
    version = _current(case)
    if request.method == "POST":
        loaded_with = request.form.get("settlement_version", "")
        if loaded_with != (str(version.number) if version is not None else ""):
            raise StaleCase(_("The settlement terms were changed by someone else — reload the "
                              "page and make your change again."))
    terms = version.terms if version is not None else operations.first_draft(case)
    return case, version, terms


def _versions(case: Case, version) -> dict:
    """The hidden versions a drafting form is rendered with."""
    return {"version": case.version, "settlement_version": version.number if version else ""}


def _save(case: Case, form, terms: SettlementTerms):
    """Save ``terms`` as the next version, commit and return to the settlement page."""
    saved = operations.save_terms(
        current_user, case, terms, expected_number=form.expected_number,
        expected_version=form.expected_version,
    )
    db.session.commit()
    if saved.number == form.expected_number:
        flash(_("Nothing changed: the terms are as they were."), "info")
    else:
        flash(_("Saved as version %(number)s of the settlement terms. Any earlier approvals no "
                "longer count; everyone on the case was told.", number=saved.number), "success")
    return redirect(url_for("settlement.show", case_id=case.id))


# The settlement page -----------------------------------------------------------------------


@bp.route("/cases/<int:case_id>/settlement")
@login_required
def show(case_id: int):
    """The current terms side by side in English and Chinese, the enforceability check, each
    party's approval of this version, the version history, and what the viewer may do."""
    case = _case_for_viewing(case_id)
    settlement = operations.settlement_for(case)
    version = settlement.current_version if settlement is not None else None
    terms = version.terms if version is not None else None
    actions = available_actions(case, case_roles(current_user, case))
    approvals = operations.approvals_needed(case) if version is not None else []
    own_party_approved = any(entry.approval is not None for entry in approvals
                             if entry.organisation.id == current_user.organisation_id)
    may_approve = Action.APPROVE_SETTLEMENT in actions and version is not None
    is_signatory = operations.signatory_for(current_user, case) is not None
    return render_template(
        "settlement/show.html",
        case=case,
        title=case_title(case),
        settlement=settlement,
        version=version,
        terms=terms,
        failures=check_enforceability(terms) if terms is not None else [],
        approvals=approvals,
        can_draft=Action.DRAFT_SETTLEMENT in actions,
        can_approve=may_approve and is_signatory and not own_party_approved,
        not_a_signatory=may_approve and not is_signatory,
    )


# Drafting ----------------------------------------------------------------------------------


@bp.route("/cases/<int:case_id>/settlement/clauses", methods=["GET", "POST"])
@login_required
def edit_clauses(case_id: int):
    """Draft the general clauses (mediator or registry, case settled): recitals, costs,
    confidentiality, governing law, dispute clause, which language prevails, effective date.
    Before the first version the form starts from the usual clauses (``first_draft``)."""
    case, version, terms = _drafting(case_id)
    form = ClausesForm(**_versions(case, version))
    if form.validate_on_submit():
        return _save(case, form, editing.with_clauses(terms, form.clauses()))
    if not form.is_submitted():
        form.fill_from(terms)
    return render_form("settlement/clauses.html", form, case=case, title=case_title(case),
                       version=version)


@bp.route("/cases/<int:case_id>/settlement/obligations/new/<kind>", methods=["GET", "POST"])
@login_required
def new_obligation(case_id: int, kind: str):
    """Add an obligation of ``kind`` (payment, delivery, performance) as the last one."""
    case, version, terms = _drafting(case_id)
    if kind not in OBLIGATION_FORMS:
        abort(404)
    form = OBLIGATION_FORMS[kind](**_versions(case, version))
    form.offer_parties(terms.parties)
    if form.validate_on_submit():
        return _save(case, form, editing.add_obligation(terms, form.obligation()))
    return render_form("settlement/obligation.html", form, case=case, title=case_title(case),
                       version=version, kind=kind, number=len(terms.obligations) + 1,
                       adding=True)


def _obligation(terms: SettlementTerms, number: int):
    """Obligation ``number`` of ``terms`` (404 if there is none)."""
    try:
        return editing.obligation_at(terms, number)
    except editing.NoSuchObligation:
        abort(404)


@bp.route("/cases/<int:case_id>/settlement/obligations/<int:number>", methods=["GET", "POST"])
@login_required
def edit_obligation(case_id: int, number: int):
    """Change obligation ``number`` (same kind, same number)."""
    case, version, terms = _drafting(case_id)
    obligation = _obligation(terms, number)
    kind = editing.kind_of(obligation)
    form = OBLIGATION_FORMS[kind](**_versions(case, version))
    form.offer_parties(terms.parties)
    if form.validate_on_submit():
        return _save(case, form, editing.replace_obligation(terms, number, form.obligation()))
    if not form.is_submitted():
        form.fill_from(obligation)
    return render_form("settlement/obligation.html", form, case=case, title=case_title(case),
                       version=version, kind=kind, number=number, adding=False)


@bp.route("/cases/<int:case_id>/settlement/obligations/<int:number>/remove", methods=["POST"])
@login_required
def remove_obligation(case_id: int, number: int):
    """Remove obligation ``number``; the later ones move up a number."""
    case, _version, terms = _drafting(case_id)
    _obligation(terms, number)
    form = RemoveObligationForm()
    if not form.validate_on_submit():
        abort(400)
    return _save(case, form, editing.remove_obligation(terms, number))


# Approval ----------------------------------------------------------------------------------


def _not_a_signatory() -> NotPermitted:
    return NotPermitted(_("Only an authorised signatory of the party, as recorded in the party "
                          "registry, can approve the settlement terms for it."))


@bp.route("/cases/<int:case_id>/settlement/approve", methods=["GET", "POST"])
@login_required
def approve(case_id: int):
    """A party's authorised signatory approves the current version (its sha256) for the party;
    the approval that completes the set moves the case to settlement signed. Anyone else on a
    party's side is told why they cannot approve."""
    case = get_case_for_action(current_user, case_id, Action.APPROVE_SETTLEMENT)
    version = _current(case)
    signatory = operations.signatory_for(current_user, case)
    if signatory is None and request.method == "POST":
        raise _not_a_signatory()
    form = ApproveForm(version=case.version,
                       terms_sha256=version.terms_sha256 if version is not None else "")
    organisation = current_user.organisation
    form.confirm.label.text = _(
        "I approve these terms on behalf of %(organisation)s as its authorised signatory",
        organisation=organisation.display_name(str(get_locale())),
    )
    if form.validate_on_submit():
        operations.approve_settlement(current_user, case, form.terms_sha256.data,
                                      expected_version=form.expected_version)
        db.session.commit()
        if case.state == CaseState.SETTLEMENT_SIGNED:
            flash(_("Approved. Every party has now approved these terms: the settlement is "
                    "signed."), "success")
        else:
            flash(_("Approved. The settlement is signed once every party has approved this "
                    "version."), "success")
        return redirect(url_for("settlement.show", case_id=case.id))
    terms = version.terms if version is not None else None
    approvals = operations.approvals_needed(case) if version is not None else []
    own = next((entry for entry in approvals
                if entry.organisation.id == current_user.organisation_id), None)
    return render_form(
        "settlement/approve.html", form, case=case, title=case_title(case), version=version,
        terms=terms, failures=check_enforceability(terms) if terms is not None else [],
        approvals=approvals, own=own, signatory=signatory, organisation=organisation,
        can_draft=False,
        not_a_signatory=str(_not_a_signatory().message),
    )
