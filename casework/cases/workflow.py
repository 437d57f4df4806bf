"""The case state machine as data: ``(state, action) -> (next state, who may do it)``.

Guards, the "next steps" shown on the case page, the state x action tests and the diagram in
``docs/workflow.md`` are all derived from :data:`TRANSITIONS`. Self-loops are activities that
are allowed in a state without changing it (answering a proposal, recording a payment, ...).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from casework.cases.models import CaseState as S
from casework.errors import IllegalTransition, NotPermitted, StaleCase


class CaseRole(enum.StrEnum):
    """The part a user plays in one particular case."""

    CLAIMANT = "claimant"
    RESPONDENT = "respondent"
    REGISTRAR = "registrar"
    PROPOSED_MEDIATOR = "proposed_mediator"
    MEDIATOR = "mediator"


class Action(enum.StrEnum):
    """Everything that can be done to a case."""

    EDIT_DRAFT = "edit_draft"
    SUBMIT = "submit"
    RECORD_FEE_PAYMENT = "record_fee_payment"
    REQUEST_INFO = "request_info"
    PROVIDE_INFO = "provide_info"
    REJECT = "reject"
    ACKNOWLEDGE = "acknowledge"
    ACKNOWLEDGE_AND_COMMENCE = "acknowledge_and_commence"
    RESPONDENT_AGREE = "respondent_agree"
    RESPONDENT_DECLINE = "respondent_decline"
    PROPOSE_MEDIATOR = "propose_mediator"
    FILE_DISCLOSURE = "file_disclosure"
    ANSWER_PROPOSAL = "answer_proposal"
    CONFIRM_APPOINTMENT = "confirm_appointment"
    UPLOAD_DOCUMENT = "upload_document"
    WITHDRAW = "withdraw"
    MANAGE_HEARINGS = "manage_hearings"
    HOLD_FIRST_SESSION = "hold_first_session"
    SEND_PRIVATE_SUBMISSION = "send_private_submission"
    RECORD_SETTLEMENT = "record_settlement"
    RECORD_IMPASSE = "record_impasse"
    EXTEND_MEDIATION_WINDOW = "extend_mediation_window"
    END_MEDIATION = "end_mediation"
    DRAFT_SETTLEMENT = "draft_settlement"
    APPROVE_SETTLEMENT = "approve_settlement"
    ISSUE_SETTLEMENT_DOCUMENTS = "issue_settlement_documents"
    WITHDRAW_FROM_MEDIATION = "withdraw_from_mediation"
    RECORD_ARBITRATION_AGREEMENT = "record_arbitration_agreement"
    ESCALATE_TO_SCIA = "escalate_to_scia"
    ISSUE_REFERRAL = "issue_referral"
    RECORD_SCIA_DETAILS = "record_scia_details"
    RECORD_MEDIATOR_CONSENT = "record_mediator_consent"
    CONSTITUTE_TRIBUNAL = "constitute_tribunal"
    REQUEST_CONSENT_AWARD = "request_consent_award"
    RECORD_AWARD = "record_award"
    RECORD_PERFORMANCE = "record_performance"
    CLOSE_CASE = "close_case"


ACTION_LABELS = {
    Action.EDIT_DRAFT: _l("Edit the draft request"),
    Action.SUBMIT: _l("Submit the Request for Mediation"),
    Action.RECORD_FEE_PAYMENT: _l("Record filing fee payment"),
    Action.REQUEST_INFO: _l("Request more information"),
    Action.PROVIDE_INFO: _l("Provide the information requested"),
    Action.REJECT: _l("Reject the request"),
    Action.ACKNOWLEDGE: _l("Acknowledge the filing (await the respondent's agreement)"),
    Action.ACKNOWLEDGE_AND_COMMENCE: _l("Acknowledge and commence the mediation"),
    Action.RESPONDENT_AGREE: _l("Agree to mediate"),
    Action.RESPONDENT_DECLINE: _l("Decline to mediate"),
    Action.PROPOSE_MEDIATOR: _l("Propose a mediator"),
    Action.FILE_DISCLOSURE: _l("File the conflict disclosure"),
    Action.ANSWER_PROPOSAL: _l("Accept or object to the proposed mediator"),
    Action.CONFIRM_APPOINTMENT: _l("Confirm the mediator's appointment"),
    Action.UPLOAD_DOCUMENT: _l("Upload a document"),
    Action.WITHDRAW: _l("Withdraw the request"),
    Action.MANAGE_HEARINGS: _l("Schedule or manage hearings"),
    Action.HOLD_FIRST_SESSION: _l("Record the first session as held"),
    Action.SEND_PRIVATE_SUBMISSION: _l("Send the mediator a private submission"),
    Action.RECORD_SETTLEMENT: _l("Record a settlement"),
    Action.RECORD_IMPASSE: _l("Record that the mediation did not settle"),
    Action.EXTEND_MEDIATION_WINDOW: _l("Extend the mediation window"),
    Action.END_MEDIATION: _l("End the mediation (window expired)"),
    Action.DRAFT_SETTLEMENT: _l("Draft the settlement terms"),
    Action.APPROVE_SETTLEMENT: _l("Approve the settlement terms"),
    Action.ISSUE_SETTLEMENT_DOCUMENTS: _l("Generate the settlement agreement and consent award"),
    Action.WITHDRAW_FROM_MEDIATION: _l("Withdraw from the mediation"),
    Action.RECORD_ARBITRATION_AGREEMENT: _l("Record the parties' new arbitration agreement"),
    Action.ESCALATE_TO_SCIA: _l("Escalate the dispute to SCIA arbitration"),
    Action.ISSUE_REFERRAL: _l("Generate the referral to SCIA again"),
    Action.RECORD_SCIA_DETAILS: _l("Record the SCIA case details"),
    Action.RECORD_MEDIATOR_CONSENT: _l("Record a party's consent to the mediator as arbitrator"),
    Action.CONSTITUTE_TRIBUNAL: _l("Record the arbitral tribunal"),
    Action.REQUEST_CONSENT_AWARD: _l("Request the consent award from SCIA"),
    Action.RECORD_AWARD: _l("Record the award"),
    Action.RECORD_PERFORMANCE: _l("Record performance of the settlement"),
    Action.CLOSE_CASE: _l("Close the case"),
}

STATE_LABELS = {
    S.DRAFT: _l("Draft"),
    S.FILED: _l("Filed"),
    S.INFO_REQUESTED: _l("More information requested"),
    S.AWAITING_RESPONDENT: _l("Acknowledged, awaiting the respondent"),
    S.COMMENCED: _l("Mediation commenced"),
    S.MEDIATOR_PROPOSED: _l("Mediator proposed"),
    S.MEDIATOR_APPOINTED: _l("Mediator appointed"),
    S.IN_MEDIATION: _l("In mediation"),
    S.SETTLED: _l("Settled"),
    S.SETTLEMENT_SIGNED: _l("Settlement signed"),
    S.NOT_SETTLED: _l("Not settled"),
    S.REFERRED_TO_SCIA: _l("Referred to SCIA"),
    S.IN_ARBITRATION: _l("In arbitration at SCIA"),
    S.AWARD_REQUESTED: _l("Consent award requested"),
    S.AWARD_ISSUED: _l("Award issued"),
    S.CLOSED: _l("Closed"),
    S.DECLINED: _l("Declined by the respondent"),
    S.REJECTED: _l("Rejected by the registry"),
    S.WITHDRAWN: _l("Withdrawn"),
}


@dataclass(frozen=True)
class Transition:
    """One allowed move: from ``source`` by ``action`` to ``target``, for ``roles``."""

    source: S
    action: Action
    target: S
    roles: frozenset[CaseRole]


def _t(source: S, action: Action, target: S, *roles: CaseRole) -> Transition:
    return Transition(source, action, target, frozenset(roles))


R = CaseRole
OPEN_STATES = (
    S.FILED, S.INFO_REQUESTED, S.AWAITING_RESPONDENT, S.COMMENCED,
    S.MEDIATOR_PROPOSED, S.MEDIATOR_APPOINTED, S.IN_MEDIATION,
)
# States in which the mediation window (from the commencement date) runs.
WINDOW_STATES = (S.COMMENCED, S.MEDIATOR_PROPOSED, S.MEDIATOR_APPOINTED, S.IN_MEDIATION)
SESSION_STATES = (S.MEDIATOR_APPOINTED, S.IN_MEDIATION)
UNPAID_FEE_STATES = (S.FILED, S.INFO_REQUESTED, S.AWAITING_RESPONDENT, S.COMMENCED)
PARTIES = (R.CLAIMANT, R.RESPONDENT)
# States from which the dispute may go on to SCIA arbitration (the mediation did not settle).
UNSETTLED_STATES = (S.NOT_SETTLED, S.DECLINED)
# States of the SCIA phase and of a settlement on its way to an award, where documents are filed.
SCIA_STATES = (S.REFERRED_TO_SCIA, S.IN_ARBITRATION)
SETTLEMENT_STATES = (S.SETTLEMENT_SIGNED, S.AWARD_REQUESTED, S.AWARD_ISSUED)

_TABLE: list[Transition] = [
    _t(S.DRAFT, Action.EDIT_DRAFT, S.DRAFT, R.CLAIMANT),
    _t(S.DRAFT, Action.UPLOAD_DOCUMENT, S.DRAFT, R.CLAIMANT),
    _t(S.DRAFT, Action.SUBMIT, S.FILED, R.CLAIMANT),
    _t(S.FILED, Action.REQUEST_INFO, S.INFO_REQUESTED, R.REGISTRAR),
    _t(S.INFO_REQUESTED, Action.PROVIDE_INFO, S.FILED, R.CLAIMANT),
    _t(S.FILED, Action.REJECT, S.REJECTED, R.REGISTRAR),
    _t(S.INFO_REQUESTED, Action.REJECT, S.REJECTED, R.REGISTRAR),
    _t(S.FILED, Action.ACKNOWLEDGE, S.AWAITING_RESPONDENT, R.REGISTRAR),
    _t(S.FILED, Action.ACKNOWLEDGE_AND_COMMENCE, S.COMMENCED, R.REGISTRAR),
    _t(S.FILED, Action.RESPONDENT_AGREE, S.FILED, R.RESPONDENT),
    _t(S.INFO_REQUESTED, Action.RESPONDENT_AGREE, S.INFO_REQUESTED, R.RESPONDENT),
    _t(S.AWAITING_RESPONDENT, Action.RESPONDENT_AGREE, S.COMMENCED, R.RESPONDENT),
    _t(S.FILED, Action.RESPONDENT_DECLINE, S.DECLINED, R.RESPONDENT),
    _t(S.INFO_REQUESTED, Action.RESPONDENT_DECLINE, S.DECLINED, R.RESPONDENT),
    _t(S.AWAITING_RESPONDENT, Action.RESPONDENT_DECLINE, S.DECLINED, R.RESPONDENT),
    _t(S.COMMENCED, Action.PROPOSE_MEDIATOR, S.MEDIATOR_PROPOSED, R.REGISTRAR),
    _t(S.MEDIATOR_PROPOSED, Action.PROPOSE_MEDIATOR, S.MEDIATOR_PROPOSED, R.REGISTRAR),
    _t(S.MEDIATOR_PROPOSED, Action.FILE_DISCLOSURE, S.MEDIATOR_PROPOSED, R.PROPOSED_MEDIATOR),
    _t(S.MEDIATOR_PROPOSED, Action.ANSWER_PROPOSAL, S.MEDIATOR_PROPOSED, *PARTIES),
    _t(S.MEDIATOR_PROPOSED, Action.CONFIRM_APPOINTMENT, S.MEDIATOR_APPOINTED, R.REGISTRAR),
    _t(S.MEDIATOR_APPOINTED, Action.HOLD_FIRST_SESSION, S.IN_MEDIATION, R.MEDIATOR),
    _t(S.IN_MEDIATION, Action.RECORD_SETTLEMENT, S.SETTLED, R.MEDIATOR),
    _t(S.IN_MEDIATION, Action.RECORD_IMPASSE, S.NOT_SETTLED, R.MEDIATOR),
    _t(S.SETTLED, Action.DRAFT_SETTLEMENT, S.SETTLED, R.MEDIATOR, R.REGISTRAR),
    # Each party's authorised signatory approves; the approval that completes the set moves the
    # case on (earlier approvals keep it settled).
    _t(S.SETTLED, Action.APPROVE_SETTLEMENT, S.SETTLEMENT_SIGNED, *PARTIES),
    # Regenerated after the consent award request too, e.g. to print SCIA's case number.
    *[_t(s, Action.ISSUE_SETTLEMENT_DOCUMENTS, s, R.REGISTRAR)
      for s in (S.SETTLEMENT_SIGNED, S.AWARD_REQUESTED)],
    *[_t(s, Action.WITHDRAW_FROM_MEDIATION, S.NOT_SETTLED, *PARTIES) for s in WINDOW_STATES],
    *[_t(s, Action.RECORD_ARBITRATION_AGREEMENT, s, R.REGISTRAR) for s in UNSETTLED_STATES],
    *[_t(s, Action.ESCALATE_TO_SCIA, S.REFERRED_TO_SCIA, R.REGISTRAR) for s in UNSETTLED_STATES],
    _t(S.REFERRED_TO_SCIA, Action.ISSUE_REFERRAL, S.REFERRED_TO_SCIA, R.REGISTRAR),
    *[_t(s, Action.RECORD_SCIA_DETAILS, s, R.REGISTRAR)
      for s in (*SCIA_STATES, S.AWARD_REQUESTED)],
    _t(S.REFERRED_TO_SCIA, Action.RECORD_MEDIATOR_CONSENT, S.REFERRED_TO_SCIA, R.REGISTRAR),
    _t(S.REFERRED_TO_SCIA, Action.CONSTITUTE_TRIBUNAL, S.IN_ARBITRATION, R.REGISTRAR),
    _t(S.SETTLEMENT_SIGNED, Action.REQUEST_CONSENT_AWARD, S.AWARD_REQUESTED, R.REGISTRAR),
    *[_t(s, Action.RECORD_AWARD, S.AWARD_ISSUED, R.REGISTRAR)
      for s in (S.AWARD_REQUESTED, S.IN_ARBITRATION)],
    # Performance is recorded as it happens; once everything is performed the case closes.
    *[_t(s, Action.RECORD_PERFORMANCE, s, R.REGISTRAR) for s in SETTLEMENT_STATES],
    *[_t(s, Action.CLOSE_CASE, S.CLOSED, R.REGISTRAR)
      for s in (*UNSETTLED_STATES, *SCIA_STATES, S.AWARD_ISSUED)],
    *[_t(s, Action.UPLOAD_DOCUMENT, s, *PARTIES, R.REGISTRAR)
      for s in (*UNSETTLED_STATES, *SCIA_STATES, *SETTLEMENT_STATES)],
    *[_t(s, Action.MANAGE_HEARINGS, s, R.MEDIATOR) for s in SESSION_STATES],
    *[_t(s, Action.SEND_PRIVATE_SUBMISSION, s, *PARTIES) for s in SESSION_STATES],
    *[_t(s, Action.EXTEND_MEDIATION_WINDOW, s, R.REGISTRAR) for s in WINDOW_STATES],
    *[_t(s, Action.END_MEDIATION, S.NOT_SETTLED, R.REGISTRAR) for s in WINDOW_STATES],
    *[_t(s, Action.RECORD_FEE_PAYMENT, s, R.REGISTRAR) for s in UNPAID_FEE_STATES],
    *[_t(s, Action.UPLOAD_DOCUMENT, s, *PARTIES, R.REGISTRAR) for s in OPEN_STATES],
    *[_t(s, Action.WITHDRAW, S.WITHDRAWN, R.CLAIMANT) for s in OPEN_STATES],
]

TRANSITIONS: dict[tuple[S, Action], Transition] = {(t.source, t.action): t for t in _TABLE}
assert len(TRANSITIONS) == len(_TABLE), "duplicate (state, action) in the workflow table"


def transition_for(state: S, action: Action) -> Transition | None:
    """The transition for ``action`` from ``state``, or ``None`` if it is not allowed there."""
    return TRANSITIONS.get((state, action))


def check(
    case, action: Action, roles: set[CaseRole], expected_version: int | None = None
) -> Transition:
    """Return the transition if ``action`` is allowed now for someone with ``roles``.

    Raises :class:`NotPermitted` (403) when these roles may never take the action,
    :class:`StaleCase` (409) when ``expected_version`` (the version the actor's form was loaded
    with) is not the case's current version, :class:`IllegalTransition` (409) when the state
    does not allow the action, and :class:`NotPermitted` when it does but not for these roles.
    """
    if not any(t.roles & roles for t in _TABLE if t.action == action):
        raise _not_permitted(action)
    check_version(case, expected_version)
    found = transition_for(case.state, action)
    if found is None:
        raise IllegalTransition(
            _l(
                "“%(action)s” is not possible while the case is “%(state)s”.",
                action=ACTION_LABELS[action],
                state=STATE_LABELS[case.state],
            )
        )
    if not found.roles & roles:
        raise _not_permitted(action)
    return found


def check_version(case, expected_version: int | None) -> None:
    """Raise :class:`StaleCase` (409) when ``expected_version`` (the version the actor's form
    was loaded with) is not the case's current version; ``None`` skips the check."""
    if expected_version is not None and expected_version != case.version:
        raise StaleCase(
            _l("This case was changed by someone else — reload the page and try again.")
        )


def _not_permitted(action: Action) -> NotPermitted:
    return NotPermitted(
        _l(
            "You are not permitted to do this in this case: %(action)s.",
            action=ACTION_LABELS[action],
        )
    )


def available_actions(case, roles: set[CaseRole]) -> list[Action]:
    """The actions someone with ``roles`` may take on ``case`` now (its "next steps")."""
    return [
        t.action for t in _TABLE if t.source == case.state and t.roles & roles
    ]


def apply(case, transition: Transition) -> None:
    """Move ``case`` to the transition's target state (only operations call this)."""
    case.state = transition.target


def workflow_markdown() -> str:
    """The state machine as a Markdown page (``docs/workflow.md``): a diagram and the table."""
    diagram = ["stateDiagram-v2"]
    rows = []
    for t in _TABLE:
        roles = ", ".join(sorted(r.value for r in t.roles))
        if t.source != t.target:
            diagram.append(f"    {t.source.value} --> {t.target.value}: {t.action.value} ({roles})")
        rows.append(f"| `{t.source.value}` | `{t.action.value}` | `{t.target.value}` | {roles} |")
    nl = "\n"
    return f"""# The case workflow

Generated from `casework/cases/workflow.py` (the one table of allowed moves);
`tests/cases/test_workflow_table.py` fails when this page and the table disagree.
Regenerate with `flask --app app casework workflow-doc > docs/workflow.md`.

```mermaid
{nl.join(diagram)}
```

Every allowed `(state, action)` pair, including activities that keep the state (self-loops):

| from | action | to | who |
|---|---|---|---|
{nl.join(rows)}

Any other `(state, action)` pair is refused with HTTP 409 and changes nothing. Drafts are the
exception: only the claimant can see a draft, so anyone else is refused with 403 before its state is
looked at.
"""
