"""Where each action is done in the UI: the endpoint (taking ``case_id``) that shows its form.

The case page lists the viewer's available actions (from the workflow table) as links here.
"""

from __future__ import annotations

from flask import url_for

from casework.cases.workflow import Action

ACTION_ENDPOINTS: dict[Action, str] = {
    Action.EDIT_DRAFT: "cases.edit_draft",
    Action.SUBMIT: "cases.submit",
    Action.RECORD_FEE_PAYMENT: "cases.record_fee_payment",
    Action.REQUEST_INFO: "cases.request_info",
    Action.PROVIDE_INFO: "cases.provide_info",
    Action.REJECT: "cases.reject",
    Action.ACKNOWLEDGE: "cases.acknowledge",
    Action.ACKNOWLEDGE_AND_COMMENCE: "cases.acknowledge",
    Action.RESPONDENT_AGREE: "cases.respond",
    Action.RESPONDENT_DECLINE: "cases.respond",
    Action.PROPOSE_MEDIATOR: "mediators.propose",
    Action.FILE_DISCLOSURE: "mediators.disclose",
    Action.ANSWER_PROPOSAL: "mediators.answer_proposal",
    Action.CONFIRM_APPOINTMENT: "mediators.confirm_appointment",
    Action.UPLOAD_DOCUMENT: "documents.upload",
    Action.WITHDRAW: "cases.withdraw",
    Action.MANAGE_HEARINGS: "hearings.schedule",
    Action.HOLD_FIRST_SESSION: "hearings.case_hearings",
    Action.SEND_PRIVATE_SUBMISSION: "hearings.new_private_submission",
    Action.RECORD_SETTLEMENT: "hearings.record_result",
    Action.RECORD_IMPASSE: "hearings.record_result",
    Action.EXTEND_MEDIATION_WINDOW: "deadlines.extend_window",
    Action.END_MEDIATION: "deadlines.end_mediation",
    Action.DRAFT_SETTLEMENT: "settlement.edit_clauses",
    Action.APPROVE_SETTLEMENT: "settlement.approve",
    Action.ISSUE_SETTLEMENT_DOCUMENTS: "generated.case_documents",
    Action.WITHDRAW_FROM_MEDIATION: "arbitration.withdraw_from_mediation",
    Action.RECORD_ARBITRATION_AGREEMENT: "arbitration.arbitration_agreement",
    Action.ESCALATE_TO_SCIA: "arbitration.escalate",
    Action.ISSUE_REFERRAL: "arbitration.referral",
    Action.RECORD_SCIA_DETAILS: "arbitration.scia_details",
    Action.RECORD_MEDIATOR_CONSENT: "arbitration.mediator_consent",
    Action.CONSTITUTE_TRIBUNAL: "arbitration.tribunal",
    Action.REQUEST_CONSENT_AWARD: "arbitration.request_consent_award",
    Action.RECORD_AWARD: "arbitration.record_award",
    Action.RECORD_PERFORMANCE: "arbitration.performance",
    Action.CLOSE_CASE: "arbitration.close",
}


def action_url(action: Action, case) -> str:
    """The URL of the page where ``action`` is taken on ``case``."""
    return url_for(ACTION_ENDPOINTS[action], case_id=case.id)
