"""The case page: the facts of a case, its parties, its timeline and the viewer's next steps."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask import render_template
from flask_babel import format_currency, format_decimal
from flask_babel import gettext as _
from flask_login import current_user, login_required

from casework.cases import queries
from casework.cases.joining import invitation_resendable, invitation_status, latest_invitation
from casework.cases.next_steps import action_url
from casework.cases.permissions import case_roles, get_case_for
from casework.cases.registry import (
    acknowledgement_action,
    acknowledgement_commences,
    simc_today,
)
from casework.cases.views import bp
from casework.cases.workflow import ACTION_LABELS, Action, CaseRole, available_actions
from casework.deadlines.window import window_expired
from casework.hearings.confidential_permissions import can_view_audit_entry
from casework.settlement.operations import settlement_for

_ACKNOWLEDGEMENTS = {Action.ACKNOWLEDGE, Action.ACKNOWLEDGE_AND_COMMENCE}


@dataclass(frozen=True)
class NextStep:
    """One thing the viewer may do now, and where to do it."""

    action: Action
    label: str
    url: str


def next_steps(case, user) -> list[NextStep]:
    """The viewer's available actions on ``case`` as links.

    Of the two acknowledgements only the one that applies to the case is offered, ending
    the mediation only once its window has expired, and recording performance only when there
    is a settlement to perform (not after an award made on an escalated dispute).
    """
    steps = []
    applicable_acknowledgement = acknowledgement_action(case)
    for action in available_actions(case, case_roles(user, case)):
        if action in _ACKNOWLEDGEMENTS and action != applicable_acknowledgement:
            continue
        if action == Action.END_MEDIATION and not window_expired(case, simc_today()):
            continue
        if action == Action.RECORD_PERFORMANCE and settlement_for(case) is None:
            continue
        steps.append(NextStep(action, ACTION_LABELS[action], action_url(action, case)))
    return steps


def format_money(amount: Decimal | None, currency) -> str:
    """``amount`` after its ISO currency code, digits grouped for the viewer's locale
    (e.g. ``SGD 250,000.00``); "" when there is no amount."""
    if amount is None:
        return ""
    code = getattr(currency, "value", currency)
    if not code:
        return format_decimal(amount, format="#,##0.00")
    return format_currency(amount, code, format="¤¤\u00a0#,##0.00")


def case_title(case) -> str:
    """The case reference, or "Draft #id" before submission."""
    return case.reference or _("Draft #%(id)s", id=case.id)


@bp.route("/cases/<int:case_id>")
@login_required
def view_case(case_id: int):
    """Show the case to anyone on it (drafts: the claimant only); the timeline leaves out
    entries about confidential material the viewer may not see."""
    case = get_case_for(current_user, case_id)
    roles = case_roles(current_user, case)
    registry_sees_invitation = CaseRole.REGISTRAR in roles and case.respondent is not None
    invitation = latest_invitation(case) if registry_sees_invitation else None
    return render_template(
        "cases/case.html",
        case=case,
        title=case_title(case),
        roles=roles,
        steps=next_steps(case, current_user),
        timeline=[
            entry for entry in queries.case_timeline(case.id)
            if can_view_audit_entry(current_user, case, entry)
        ],
        acknowledgement_commences=acknowledgement_commences(case),
        money=format_money,
        show_invitation=registry_sees_invitation,
        invitation=invitation,
        invitation_status=invitation_status(invitation) if invitation else None,
        invitation_resendable=invitation_resendable(case),
    )
