"""Every (state, action) pair of the workflow table, through the action's endpoint.

Illegal pairs are refused with 409 and change nothing; legal ones work for every role allowed;
a user on the case without an allowed role gets 403; a stale form gets 409. Cases are built in
their state by the factories (see ``workflow_payloads``), so each test makes only a request or
two: the action's form (GET) and the action (POST).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from markupsafe import escape

from casework.arbitration.models import PerformanceRecord, SciaRoute, TribunalRole
from casework.arbitration.proceedings import proceeding_for
from casework.arbitration.referral import current_referral
from casework.cases.models import CaseState, MediationResult, RespondentAnswer
from casework.cases.permissions import case_roles
from casework.cases.registry import simc_today
from casework.cases.workflow import (
    ACTION_LABELS,
    STATE_LABELS,
    TRANSITIONS,
    Action,
    CaseRole,
    Transition,
)
from casework.deadlines.models import WindowExtension
from casework.documents.generated_models import GeneratedDocument, GeneratedDocumentKind
from casework.documents.models import Document
from casework.extensions import db
from casework.hearings.confidential_models import PrivateSubmission
from casework.hearings.models import Hearing, HearingStatus
from casework.mediators.models import Disclosure, ProposalAnswer, ProposalStatus
from casework.settlement.operations import settlement_for
from tests.arbitration.escalation_scenes import NEW_AGREEMENT
from tests.cases.workflow_payloads import (
    CLOSING_REASON,
    DISPUTE_SUMMARY,
    FIRST_SESSION_MINUTES,
    OPEN_PAGE_ACTIONS,
    PAYMENT_NOTE,
    PRIVATE_MESSAGE,
    SCIA_REFERENCE,
    SETTLEMENT_RECITALS,
    TRIBUNAL_ARBITRATOR,
    WINDOW_EXTENSION_REASON,
    Scene,
    acting_role,
    action_path,
    audit_entries,
    build_scene,
    case_hearing,
    latest_proposal,
    payload,
    pending_proposal,
    snapshot,
    unauthorised_role,
)
from tests.factories import stored_files

pytestmark = pytest.mark.usefixtures("quick_password_hashes", "store_dir")

ILLEGAL = [(state, action) for state in CaseState for action in Action
           if (state, action) not in TRANSITIONS]
LEGAL = list(TRANSITIONS.values())
LEGAL_BY_ROLE = [(t, role) for t in LEGAL for role in sorted(t.roles)]


def pair_id(state: CaseState, action: Action) -> str:
    return f"{state.value}-{action.value}"


def post(client, action: Action, scene: Scene, data: dict):
    return client.post(action_path(action, scene.case), data=data)


# 1. Illegal moves ---------------------------------------------------------------------------


def hidden_from_actor(state: CaseState, action: Action) -> bool:
    """A draft is the claimant's own: registrars and the respondent do not see it at all, so an
    action only they may take is refused on a draft by the access check (403) before the state
    is looked at."""
    return state == CaseState.DRAFT and acting_role(action) in (
        CaseRole.REGISTRAR, CaseRole.RESPONDENT,
    )


@pytest.mark.parametrize(
    ("state", "action"), ILLEGAL, ids=[pair_id(state, action) for state, action in ILLEGAL]
)
def test_an_illegal_move_is_refused_and_changes_nothing(
    client, login, store_dir, state, action
):
    scene = build_scene(state, action)
    actor = login(scene.person(acting_role(action)))
    data = payload(action, scene, actor)
    before = snapshot(scene.case)

    form_page = client.get(action_path(action, scene.case))
    response = post(client, action, scene, data)

    expected = 403 if hidden_from_actor(state, action) else 409
    open_page = action in OPEN_PAGE_ACTIONS and not hidden_from_actor(state, action)
    assert form_page.status_code == (200 if open_page else expected)
    assert response.status_code == expected, response.get_data(as_text=True)[:2000]
    if expected == 409:
        page = response.get_data(as_text=True)
        assert "is not possible while the case is" in page
        assert str(escape(str(ACTION_LABELS[action]))) in page
        assert str(escape(str(STATE_LABELS[state]))) in page
    assert snapshot(scene.case) == before
    assert stored_files(store_dir) == []


# 2. Legal moves -----------------------------------------------------------------------------

# The audit entry each action writes.
AUDIT_ACTIONS = {
    Action.EDIT_DRAFT: "draft_edited",
    Action.SUBMIT: "request_submitted",
    Action.RECORD_FEE_PAYMENT: "record_fee_payment",
    Action.REQUEST_INFO: "request_info",
    Action.PROVIDE_INFO: "provide_info",
    Action.REJECT: "reject",
    Action.ACKNOWLEDGE: "acknowledge",
    Action.ACKNOWLEDGE_AND_COMMENCE: "acknowledge_and_commence",
    Action.RESPONDENT_AGREE: "respondent_agreed",
    Action.RESPONDENT_DECLINE: "respondent_declined",
    Action.PROPOSE_MEDIATOR: "propose_mediator",
    Action.FILE_DISCLOSURE: "file_disclosure",
    Action.ANSWER_PROPOSAL: "answer_proposal",
    Action.CONFIRM_APPOINTMENT: "confirm_appointment",
    Action.UPLOAD_DOCUMENT: "document_uploaded",
    Action.WITHDRAW: "withdraw",
    Action.EXTEND_MEDIATION_WINDOW: "extend_mediation_window",
    Action.END_MEDIATION: "end_mediation",
    Action.SEND_PRIVATE_SUBMISSION: "private_submission_sent",
    Action.MANAGE_HEARINGS: "schedule_hearing",
    Action.HOLD_FIRST_SESSION: "hold_first_session",
    Action.RECORD_SETTLEMENT: "record_settlement",
    Action.RECORD_IMPASSE: "record_impasse",
    Action.ISSUE_SETTLEMENT_DOCUMENTS: "generated_document_issued",
    Action.DRAFT_SETTLEMENT: "settlement_terms_saved",
    Action.APPROVE_SETTLEMENT: "settlement_approved",
    Action.RECORD_SCIA_DETAILS: "scia_details_recorded",
    Action.RECORD_MEDIATOR_CONSENT: "mediator_consent_recorded",
    Action.CONSTITUTE_TRIBUNAL: "tribunal_constituted",
    Action.REQUEST_CONSENT_AWARD: "request_consent_award",
    Action.RECORD_AWARD: "record_award",
    Action.RECORD_PERFORMANCE: "record_performance",
    Action.CLOSE_CASE: "close_case",
    Action.WITHDRAW_FROM_MEDIATION: "withdraw_from_mediation",
    Action.RECORD_ARBITRATION_AGREEMENT: "record_arbitration_agreement",
    Action.ESCALATE_TO_SCIA: "escalate_to_scia",
    Action.ISSUE_REFERRAL: "generated_document_issued",
}


def _answers(scene: Scene) -> list[tuple]:
    """Who answered the pending proposal, and how."""
    return [(r.answered_by_id, r.answer) for r in pending_proposal(scene.case).responses]


def _confirmed(scene: Scene) -> bool:
    """The proposed mediator is the case's mediator and the proposal is confirmed."""
    proposal = latest_proposal(scene.case)
    return (proposal.status == ProposalStatus.CONFIRMED
            and scene.case.mediator_id == proposal.mediator_id)


# What each action leaves on the case (activities keep the state, so this is what shows them).
EFFECTS = {
    Action.EDIT_DRAFT: lambda scene, actor: scene.case.dispute_summary == DISPUTE_SUMMARY,
    Action.SUBMIT: lambda scene, actor: (
        scene.case.reference is not None
        and scene.case.respondent.organisation_id == scene.respondent_org.id
    ),
    Action.RECORD_FEE_PAYMENT: lambda scene, actor: (
        (scene.case.fee_paid_on, scene.case.fee_payment_reference) == (simc_today(), "TT-88")
    ),
    Action.REQUEST_INFO: lambda scene, actor: (
        scene.case.info_request == "Please file the signed contract."
    ),
    Action.PROVIDE_INFO: lambda scene, actor: scene.case.info_response == "Filed as document 2.",
    Action.REJECT: lambda scene, actor: scene.case.rejection_reasons == "Outside SIMC's remit.",
    Action.ACKNOWLEDGE: lambda scene, actor: (
        scene.case.acknowledged_on == simc_today() and scene.case.commencement_date is None
    ),
    Action.ACKNOWLEDGE_AND_COMMENCE: lambda scene, actor: (
        scene.case.acknowledged_on == simc_today() == scene.case.commencement_date
    ),
    Action.RESPONDENT_AGREE: lambda scene, actor: (
        scene.case.respondent_answer == RespondentAnswer.AGREE
    ),
    Action.RESPONDENT_DECLINE: lambda scene, actor: (
        scene.case.respondent_answer == RespondentAnswer.DECLINE
        and scene.case.decline_reasons == "We prefer court."
    ),
    Action.PROPOSE_MEDIATOR: lambda scene, actor: (
        pending_proposal(scene.case).mediator_id == scene.candidate.id
    ),
    Action.FILE_DISCLOSURE: lambda scene, actor: (
        pending_proposal(scene.case).disclosure == Disclosure.NONE
    ),
    Action.ANSWER_PROPOSAL: lambda scene, actor: (
        _answers(scene) == [(actor.id, ProposalAnswer.ACCEPT)]
    ),
    Action.CONFIRM_APPOINTMENT: lambda scene, actor: _confirmed(scene),
    Action.UPLOAD_DOCUMENT: lambda scene, actor: [
        (d.filename, d.uploaded_by_id)
        for d in db.session.scalars(db.select(Document).filter_by(case_id=scene.case.id))
    ] == [("contract.pdf", actor.id)],
    Action.WITHDRAW: lambda scene, actor: (
        scene.case.withdrawal_reasons == "Settled between the parties."
    ),
    Action.EXTEND_MEDIATION_WINDOW: lambda scene, actor: [
        (e.reason, e.extended_by_id)
        for e in db.session.scalars(db.select(WindowExtension).filter_by(case_id=scene.case.id))
    ] == [(WINDOW_EXTENSION_REASON, actor.id)],
    Action.END_MEDIATION: lambda scene, actor: (
        (scene.case.mediation_result, scene.case.mediation_ended_on)
        == (MediationResult.WINDOW_EXPIRED, simc_today())
    ),
    Action.SEND_PRIVATE_SUBMISSION: lambda scene, actor: [
        (s.author_id, s.message, [d.filename for d in s.documents])
        for s in db.session.scalars(db.select(PrivateSubmission).filter_by(case_id=scene.case.id))
    ] == [(actor.id, PRIVATE_MESSAGE, ["our-position.pdf"])],
    Action.MANAGE_HEARINGS: lambda scene, actor: [
        (h.status, h.scheduled_by_id)
        for h in db.session.scalars(db.select(Hearing).filter_by(case_id=scene.case.id))
    ] == [(HearingStatus.SCHEDULED, actor.id)],
    Action.HOLD_FIRST_SESSION: lambda scene, actor: (
        (case_hearing(scene.case).status, case_hearing(scene.case).minutes)
        == (HearingStatus.HELD, FIRST_SESSION_MINUTES)
    ),
    Action.RECORD_SETTLEMENT: lambda scene, actor: (
        (scene.case.mediation_result, scene.case.mediation_ended_on)
        == (MediationResult.SETTLED_IN_FULL, simc_today())
    ),
    Action.RECORD_IMPASSE: lambda scene, actor: (
        (scene.case.mediation_result, scene.case.mediation_ended_on)
        == (MediationResult.IMPASSE, simc_today())
    ),
    # The settlement agreement (once the consent award is requested, its draft exists too).
    Action.ISSUE_SETTLEMENT_DOCUMENTS: lambda scene, actor: [
        (d.version_number, d.generated_by_id)
        for d in db.session.scalars(db.select(GeneratedDocument).filter_by(
            case_id=scene.case.id, kind=GeneratedDocumentKind.SETTLEMENT_AGREEMENT))
    ] == [(1, actor.id)],
    Action.DRAFT_SETTLEMENT: lambda scene, actor: [
        (v.number, v.created_by_id, v.terms.recitals_en)
        for v in settlement_for(scene.case).versions
    ] == [(1, actor.id, SETTLEMENT_RECITALS)],
    Action.APPROVE_SETTLEMENT: lambda scene, actor: (
        actor.id in [a.user_id for a in settlement_for(scene.case).current_version.approvals]
        and len(settlement_for(scene.case).current_version.approvals) == 2
    ),
    Action.RECORD_PERFORMANCE: lambda scene, actor: [
        (r.obligation_number, r.instalment_number, r.amount, r.note, r.recorded_by_id)
        for r in db.session.scalars(db.select(PerformanceRecord).filter_by(case_id=scene.case.id))
    ] == [(1, None, Decimal("100.00"), PAYMENT_NOTE, actor.id)],
    Action.CLOSE_CASE: lambda scene, actor: (
        scene.case.closed_at is not None
        and [entry.changes["closed_reason"] for entry in audit_entries(scene.case)
             if entry.action == "close_case"] == [[None, CLOSING_REASON]]
    ),
    Action.RECORD_SCIA_DETAILS: lambda scene, actor: (
        (proceeding_for(scene.case).scia_reference, proceeding_for(scene.case).scia_filed_on)
        == (SCIA_REFERENCE, simc_today())
    ),
    Action.RECORD_MEDIATOR_CONSENT: lambda scene, actor: [
        (c.case_party_id, c.recorded_by_id) for c in proceeding_for(scene.case).consents
    ] == [(scene.case.claimant.id, actor.id)],
    Action.CONSTITUTE_TRIBUNAL: lambda scene, actor: [
        (m.name, m.role, m.is_mediator) for m in proceeding_for(scene.case).tribunal
    ] == [(TRIBUNAL_ARBITRATOR, TribunalRole.SOLE, False)],
    Action.REQUEST_CONSENT_AWARD: lambda scene, actor: (
        (proceeding_for(scene.case).route, proceeding_for(scene.case).started_by_id,
         proceeding_for(scene.case).consent_award_requested_on)
        == (SciaRoute.CONSENT_AWARD, actor.id, simc_today())
    ),
    Action.RECORD_AWARD: lambda scene, actor: (
        (proceeding_for(scene.case).award_document.filename,
         proceeding_for(scene.case).award_document.uploaded_by_id,
         proceeding_for(scene.case).award_received_on)
        == ("award.pdf", actor.id, simc_today() - timedelta(days=1))
    ),
    Action.WITHDRAW_FROM_MEDIATION: lambda scene, actor: (
        (scene.case.mediation_result, scene.case.mediation_ended_on)
        == (MediationResult.PARTY_WITHDREW, simc_today())
    ),
    Action.RECORD_ARBITRATION_AGREEMENT: lambda scene, actor: (
        (proceeding_for(scene.case).arbitration_agreement_text,
         proceeding_for(scene.case).arbitration_agreement_document.filename)
        == (NEW_AGREEMENT, "new-arbitration-agreement.pdf")
    ),
    Action.ESCALATE_TO_SCIA: lambda scene, actor: (
        (proceeding_for(scene.case).started_by_id, proceeding_for(scene.case).amount_rmb,
         current_referral(scene.case).generated_by_id)
        == (actor.id, Decimal("1350000.00"), actor.id)
    ),
    Action.ISSUE_REFERRAL: lambda scene, actor: [
        (d.version_number, d.generated_by_id)
        for d in db.session.scalars(db.select(GeneratedDocument).filter_by(
            case_id=scene.case.id, kind=GeneratedDocumentKind.REFERRAL))
    ] == [(1, actor.id)],
}


def legal_id(transition: Transition, role: CaseRole) -> str:
    return f"{pair_id(transition.source, transition.action)}-{role.value}"


@pytest.mark.parametrize(
    ("transition", "role"), LEGAL_BY_ROLE, ids=[legal_id(t, r) for t, r in LEGAL_BY_ROLE]
)
def test_a_legal_move_works_through_its_endpoint(client, login, transition, role):
    scene = build_scene(transition.source, transition.action)
    actor = login(scene.person(role))
    data = payload(transition.action, scene, actor)
    earlier_entries = len(audit_entries(scene.case))
    form_page = client.get(action_path(transition.action, scene.case))
    assert form_page.status_code == 200
    assert f'name="version" type="hidden" value="{data["version"]}"' in form_page.get_data(
        as_text=True
    )

    response = post(client, transition.action, scene, data)

    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    db.session.expire_all()
    assert scene.case.state == transition.target
    new_entries = audit_entries(scene.case)[earlier_entries:]
    assert (AUDIT_ACTIONS[transition.action], actor.id) in [
        (entry.action, entry.actor_id) for entry in new_entries
    ]
    assert EFFECTS[transition.action](scene, actor)


# 3. Wrong role ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "transition", LEGAL, ids=[pair_id(t.source, t.action) for t in LEGAL]
)
def test_someone_on_the_case_without_an_allowed_role_is_refused(
    client, login, store_dir, transition
):
    scene = build_scene(transition.source, transition.action)
    outsider = login(scene.person(unauthorised_role(transition.source, transition.roles)))
    assert not case_roles(outsider, scene.case) & transition.roles
    data = payload(transition.action, scene, outsider)
    before = snapshot(scene.case)

    form_page = client.get(action_path(transition.action, scene.case))
    response = post(client, transition.action, scene, data)

    assert form_page.status_code == (200 if transition.action in OPEN_PAGE_ACTIONS else 403)
    assert response.status_code == 403
    assert snapshot(scene.case) == before
    assert stored_files(store_dir) == []


# 4. Stale forms -----------------------------------------------------------------------------

STALE = [
    (CaseState.DRAFT, Action.EDIT_DRAFT),
    (CaseState.DRAFT, Action.SUBMIT),
    (CaseState.FILED, Action.REQUEST_INFO),
    (CaseState.FILED, Action.RECORD_FEE_PAYMENT),
    (CaseState.FILED, Action.ACKNOWLEDGE_AND_COMMENCE),
    (CaseState.AWAITING_RESPONDENT, Action.RESPONDENT_AGREE),
    (CaseState.COMMENCED, Action.PROPOSE_MEDIATOR),
    (CaseState.COMMENCED, Action.UPLOAD_DOCUMENT),
    (CaseState.MEDIATOR_PROPOSED, Action.FILE_DISCLOSURE),
    (CaseState.MEDIATOR_PROPOSED, Action.ANSWER_PROPOSAL),
    (CaseState.MEDIATOR_PROPOSED, Action.CONFIRM_APPOINTMENT),
    (CaseState.MEDIATOR_APPOINTED, Action.WITHDRAW),
    (CaseState.COMMENCED, Action.EXTEND_MEDIATION_WINDOW),
    (CaseState.MEDIATOR_APPOINTED, Action.END_MEDIATION),
    (CaseState.AWARD_ISSUED, Action.RECORD_PERFORMANCE),
    (CaseState.NOT_SETTLED, Action.CLOSE_CASE),
    (CaseState.REFERRED_TO_SCIA, Action.RECORD_SCIA_DETAILS),
    (CaseState.REFERRED_TO_SCIA, Action.RECORD_MEDIATOR_CONSENT),
    (CaseState.REFERRED_TO_SCIA, Action.CONSTITUTE_TRIBUNAL),
    (CaseState.IN_MEDIATION, Action.WITHDRAW_FROM_MEDIATION),
    (CaseState.DECLINED, Action.RECORD_ARBITRATION_AGREEMENT),
    (CaseState.NOT_SETTLED, Action.ESCALATE_TO_SCIA),
    (CaseState.REFERRED_TO_SCIA, Action.ISSUE_REFERRAL),
]


@pytest.mark.parametrize(
    ("state", "action"), STALE, ids=[pair_id(state, action) for state, action in STALE]
)
def test_a_stale_form_is_refused_and_changes_nothing(client, login, store_dir, state, action):
    scene = build_scene(state, action)
    actor = login(scene.person(acting_role(action, TRANSITIONS[state, action].roles)))
    data = payload(action, scene, actor)
    scene.case.mediator_attributes = "Changed by someone else meanwhile."
    db.session.commit()
    assert scene.case.version == int(data["version"]) + 1
    before = snapshot(scene.case)

    response = post(client, action, scene, data)

    assert response.status_code == 409
    assert "changed by someone else" in response.get_data(as_text=True)
    assert snapshot(scene.case) == before
    assert stored_files(store_dir) == []
