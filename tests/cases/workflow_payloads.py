"""Scenes for the state x action tests: a case in a state, the people on it, and for each
workflow action the valid form it posts to its endpoint (``next_steps.ACTION_ENDPOINTS``).

Everything is built with the factories (no HTTP), committed so that a refused request's
rollback cannot undo it. People are made only when a test asks for them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import sqlalchemy as sa
from flask import current_app, url_for

from casework.accounts.models import Role, User
from casework.arbitration.models import (
    ArbitrationHearing,
    EscalationTrigger,
    MediatorConsent,
    PerformanceRecord,
    SciaProceeding,
    SciaRoute,
    TribunalMember,
)
from casework.audit.models import AuditEntry
from casework.cases.filing import submission_problems
from casework.cases.models import (
    Case,
    CaseLanguage,
    CaseParty,
    CaseState,
    MediationResult,
    PartySide,
    RespondentInvitation,
)
from casework.cases.next_steps import ACTION_ENDPOINTS
from casework.cases.registry import simc_today
from casework.cases.workflow import TRANSITIONS, Action, CaseRole
from casework.db import now_utc
from casework.deadlines.calendars import calendar_for
from casework.deadlines.models import WindowExtension
from casework.deadlines.window import mediation_window
from casework.documents.generated_models import GeneratedDocument
from casework.documents.models import Document
from casework.extensions import db
from casework.hearings.confidential_models import PrivateSubmission
from casework.hearings.models import (
    Hearing,
    HearingKind,
    HearingParticipant,
    HearingRevision,
    MediatorNote,
    ParticipantRole,
    VenueKind,
)
from casework.mediators.models import (
    Disclosure,
    MediatorProposal,
    ProposalAnswer,
    ProposalResponse,
    ProposalStatus,
)
from casework.notifications.models import OutboxMessage
from casework.parties.models import Jurisdiction, Organisation
from casework.settlement.models import Settlement, SettlementApproval, SettlementVersion
from casework.settlement.operations import approve_settlement, settlement_for
from tests.arbitration.award_helpers import draft_scene, requested_scene
from tests.arbitration.escalation_scenes import NEW_AGREEMENT, case_file_document, case_file_row
from tests.arbitration.performance_scenes import performance_case
from tests.factories import make_case, make_user
from tests.settlement.helpers import draft_terms, settled_scene, signed_scene

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DISPUTE_SUMMARY = "Unpaid invoices for LED panels delivered in 2026 (edited)."
WINDOW_EXTENSION_REASON = "The parties asked for two more weeks to settle."
PRIVATE_MESSAGE = "For the mediator only: we could accept SGD 180,000."
SETTLEMENT_RECITALS = "The parties settled their dispute at an SIMC mediation."
MEDIATION_WITHDRAWAL_REASONS = "We see no prospect of settling in this mediation."
PAYMENT_NOTE = "Bank transfer TT-2026-1130."
CLOSING_REASON = "The parties asked the registry to close the case."

# Who may take each action somewhere in the table.
ROLES_ANYWHERE: dict[Action, frozenset[CaseRole]] = {
    action: frozenset().union(*(t.roles for t in TRANSITIONS.values() if t.action == action))
    for action in Action
}
# Whom a test signs in as, among the roles allowed: the claimant first (the only one who sees a
# draft), then the registrar, the respondent, the proposed mediator, the appointed mediator.
_ACTOR_PREFERENCE = (
    CaseRole.CLAIMANT, CaseRole.REGISTRAR, CaseRole.RESPONDENT, CaseRole.PROPOSED_MEDIATOR,
    CaseRole.MEDIATOR,
)
# Actions whose endpoint is a page everyone on the case may see (the case's hearings, where the
# mediator records the first session; the case's generated documents, where the registrar
# generates them): its GET is not refused, only the POST is.
OPEN_PAGE_ACTIONS = frozenset({Action.HOLD_FIRST_SESSION, Action.ISSUE_SETTLEMENT_DOCUMENTS})
FIRST_SESSION_MINUTES = "First session: both sides presented their positions."
# Whom a test signs in as to be refused for want of a role (the first not allowed).
_OUTSIDER_PREFERENCE = (
    CaseRole.CLAIMANT, CaseRole.RESPONDENT, CaseRole.REGISTRAR, CaseRole.MEDIATOR,
    CaseRole.PROPOSED_MEDIATOR,
)


def acting_role(action: Action, allowed: frozenset[CaseRole] | None = None) -> CaseRole:
    """The role a test acts in for ``action``: one of ``allowed`` (default: anyone allowed
    anywhere in the table)."""
    allowed = ROLES_ANYWHERE[action] if allowed is None else allowed
    return next(role for role in _ACTOR_PREFERENCE if role in allowed)


def unauthorised_role(state: CaseState, allowed: frozenset[CaseRole]) -> CaseRole:
    """A role someone on a case in ``state`` plays without being ``allowed`` to act (the
    appointed mediator only exists once appointed)."""
    return next(
        role for role in _OUTSIDER_PREFERENCE
        if role not in allowed
        and (role != CaseRole.MEDIATOR or state == CaseState.MEDIATOR_APPOINTED)
    )


@dataclass
class Scene:
    """A case and the people on it, made on demand (each committed)."""

    case: Case
    respondent_org: Organisation
    people: dict[CaseRole, User] = field(default_factory=dict)
    candidate: User | None = None  # a panel mediator the registrar may propose

    def person(self, role: CaseRole) -> User:
        """The user playing ``role`` on the case (made, with what the role needs, if new)."""
        if role not in self.people:
            self.people[role] = self._make(role)
            db.session.commit()
        return self.people[role]

    def _make(self, role: CaseRole) -> User:
        case = self.case
        if role == CaseRole.CLAIMANT:
            return case.created_by
        if role == CaseRole.RESPONDENT:
            return make_user(Role.PARTY, organisation=self.respondent_org)
        if role == CaseRole.REGISTRAR:
            proposal = latest_proposal(case)
            return proposal.proposed_by if proposal is not None else make_user(Role.REGISTRAR)
        if role == CaseRole.MEDIATOR:  # give the case a mediator whatever the state
            if case.mediator is None:
                case.mediator = make_user(Role.MEDIATOR)
                db.session.flush()
            return case.mediator
        proposal = pending_proposal(case)
        if proposal is None:  # give the mediator the role whatever the state
            proposal = add_pending_proposal(case, make_user(Role.MEDIATOR),
                                            self.person(CaseRole.REGISTRAR))
        return proposal.mediator

    def proposable_mediator(self) -> User:
        """A panel mediator not proposed on the case before."""
        if self.candidate is None:
            self.candidate = make_user(Role.MEDIATOR, name="Candidate Mediator")
            db.session.commit()
        return self.candidate


def build_scene(state: CaseState, action: Action) -> Scene:
    """A case in ``state`` prepared so that ``action`` would succeed there if the table allowed
    it: an acknowledgement without a prior agreement to mediate awaits the respondent, a
    submission has a complete draft, a confirmation a filed disclosure and both acceptances,
    a window extension a commencement date, ending the mediation an expired window, and an
    approval of the settlement drafted, enforceable terms."""
    fields = {"prior_agreement_to_mediate": False} if action == Action.ACKNOWLEDGE else {}
    fields.update(_WINDOW_FIELDS.get(action, dict)())
    if action in ESCALATION_ACTIONS and state == CaseState.NOT_SETTLED:
        fields.update(mediation_result=MediationResult.IMPASSE, mediation_ended_on=simc_today())
    if (state, action) == (CaseState.SETTLEMENT_SIGNED, Action.ISSUE_SETTLEMENT_DOCUMENTS):
        case = signed_scene().case  # approved, enforceable terms to generate from
    elif (state, action) == (CaseState.SETTLEMENT_SIGNED, Action.REQUEST_CONSENT_AWARD):
        case = draft_scene().case  # a signed settlement and its Draft Consent Award to send
    elif (state, action) == (CaseState.AWARD_REQUESTED, Action.ISSUE_SETTLEMENT_DOCUMENTS):
        case = requested_scene().case  # the consent award requested on approved terms
    elif (state, action) == (CaseState.SETTLED, Action.APPROVE_SETTLEMENT):
        return drafted_settlement_scene()
    elif action == Action.RECORD_PERFORMANCE and state in PERFORMANCE_STATES:
        case = performance_case(state)  # the sample settlement signed, or awarded
    else:
        case = make_case(state, **fields)
    scene = Scene(case=case, respondent_org=case.respondent.organisation)
    if action == Action.SUBMIT and state == CaseState.DRAFT:
        complete_the_draft(scene)
    if action == Action.CONFIRM_APPOINTMENT and pending_proposal(case) is not None:
        disclose_and_accept(scene)
    if action == Action.HOLD_FIRST_SESSION:
        add_started_hearing(scene)
    if action in SCIA_CASE_ACTIONS:
        add_scia_proceeding(scene, with_consent_document=action == Action.RECORD_MEDIATOR_CONSENT)
    if action == Action.RECORD_AWARD:  # the proceeding the award is recorded in
        add_scia_proceeding(scene)
    if action == Action.ISSUE_REFERRAL:  # the escalated proceeding the referral is made from
        add_scia_proceeding(scene)
    if action == Action.RECORD_ARBITRATION_AGREEMENT:  # the document evidencing it
        case_file_row(case, "new-arbitration-agreement.pdf")
    return scene


# Actions escalating an unsettled dispute: a mediation that did not settle has its result (an
# impasse).
ESCALATION_ACTIONS = frozenset({Action.RECORD_ARBITRATION_AGREEMENT, Action.ESCALATE_TO_SCIA})


# States where performance of a settlement is recorded: the scene has a signed settlement.
PERFORMANCE_STATES = (CaseState.SETTLEMENT_SIGNED, CaseState.AWARD_REQUESTED,
                      CaseState.AWARD_ISSUED)


# Actions on the SCIA case itself: they need the case's SCIA proceeding (and a mediator).
SCIA_CASE_ACTIONS = frozenset({
    Action.RECORD_SCIA_DETAILS, Action.RECORD_MEDIATOR_CONSENT, Action.CONSTITUTE_TRIBUNAL,
})
SCIA_REFERENCE = "SCIA-2026-SZ-0123"
TRIBUNAL_ARBITRATOR = "Professor Li Hua"


def add_scia_proceeding(scene: Scene, *, with_consent_document: bool = False) -> None:
    """Give the case a mediator and its SCIA proceeding, started yesterday (built directly: the
    case may be in any state): a consent award request in a settlement state, else an
    escalation with its claim in RMB; optionally an uploaded document (no stored file) that
    can evidence a party's consent to the mediator acting as arbitrator."""
    case = scene.case
    scene.person(CaseRole.MEDIATOR)
    registrar = scene.person(CaseRole.REGISTRAR)
    consent_award = case.state in (CaseState.SETTLEMENT_SIGNED, CaseState.AWARD_REQUESTED,
                                   CaseState.AWARD_ISSUED)
    db.session.add(SciaProceeding(
        case_id=case.id, started_by_id=registrar.id, started_at=now_utc() - timedelta(days=1),
        route=SciaRoute.CONSENT_AWARD if consent_award else SciaRoute.ESCALATION,
        trigger=None if consent_award else EscalationTrigger.IMPASSE,
        claim_amount=None if consent_award else Decimal("1000000.00"),
        claim_currency=None if consent_award else "CNY",
        amount_rmb=None if consent_award else Decimal("1000000.00"),
        escalated_at=None if consent_award else now_utc() - timedelta(days=1),
    ))
    if with_consent_document:
        document = Document(
            case_id=case.id, sha256="c" * 64, size_bytes=len(PDF), media_type="application/pdf",
            filename="consent-to-mediator-as-arbitrator.pdf", uploaded_by_id=registrar.id,
            uploaded_at=now_utc(),
        )
        db.session.add(document)
        db.session.flush()
        document.lineage_id = document.id
    db.session.commit()


def consent_document(case: Case) -> Document:
    """The case's (first) uploaded document."""
    return db.session.scalars(
        sa.select(Document).filter_by(case_id=case.id).order_by(Document.id)
    ).first()


# The commencement date a window action needs: any for an extension, one long enough ago for
# the window to have expired for ending the mediation.
_WINDOW_FIELDS = {
    Action.EXTEND_MEDIATION_WINDOW: lambda: {"commencement_date": simc_today()},
    Action.END_MEDIATION: lambda: {"commencement_date": simc_today() - timedelta(days=100)},
}


def later_window_end(case: Case) -> date:
    """A Singapore working day two weeks or more after the end of the case's mediation window
    (or after today, if it has none or it has expired)."""
    window = mediation_window(case)
    start = max(window.end, simc_today()) if window is not None else simc_today()
    return calendar_for(Jurisdiction.SG).roll_forward(start + timedelta(days=14))[0]


def add_started_hearing(scene: Scene) -> Hearing:
    """A joint session of the case with its mediator and the claimant, started three hours ago
    and not yet recorded (built directly: the case may be in any state)."""
    case = scene.case
    mediator, claimant = scene.person(CaseRole.MEDIATOR), scene.person(CaseRole.CLAIMANT)
    starts_at = now_utc() - timedelta(hours=3)
    hearing = Hearing(
        case=case, kind=HearingKind.JOINT_SESSION, starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2), venue_kind=VenueKind.SINGAPORE,
        venue_zone="Asia/Singapore", language=CaseLanguage.EN, scheduled_by=mediator,
        participants=[
            HearingParticipant(user=mediator, role=ParticipantRole.MEDIATOR),
            HearingParticipant(user=claimant, role=ParticipantRole.CLAIMANT_REPRESENTATIVE),
        ],
    )
    db.session.add(hearing)
    db.session.commit()
    return hearing


def drafted_settlement_scene() -> Scene:
    """A settled case whose enforceable terms (the sample settlement) await approval, each party
    represented by its authorised signatory."""
    settled = settled_scene()
    draft_terms(settled)
    scene = Scene(case=settled.case, respondent_org=settled.case.respondent.organisation)
    scene.people.update({
        CaseRole.CLAIMANT: settled.claimant, CaseRole.RESPONDENT: settled.respondent,
        CaseRole.MEDIATOR: settled.mediator,
    })
    return scene


def _settlement_approval_form(scene: Scene, actor: User) -> dict:
    """The approval of the case's current settlement terms (if any) by ``actor``; when
    ``actor`` is a party, the other party's signatory has approved them already, so this
    approval completes the set."""
    settlement = settlement_for(scene.case)
    if settlement is None:  # a case in another state: nothing to approve
        return {"terms_sha256": "0" * 64, "confirm": "y"}
    version = settlement.current_version
    if actor.role == Role.PARTY:
        other = (CaseRole.RESPONDENT if _side_of(scene, actor) == PartySide.CLAIMANT
                 else CaseRole.CLAIMANT)
        approve_settlement(scene.person(other), scene.case, version.terms_sha256,
                           expected_version=None)
        db.session.commit()
    return {"terms_sha256": version.terms_sha256, "confirm": "y"}


def case_hearing(case: Case) -> Hearing:
    """The case's (first) hearing."""
    return db.session.scalars(
        sa.select(Hearing).filter_by(case_id=case.id).order_by(Hearing.id)
    ).first()


def complete_the_draft(scene: Scene) -> None:
    """Make the draft what a claimant leaves it before submission: the respondent's particulars
    as plain data (the factory's respondent organisation) and no respondent party yet."""
    case = scene.case
    case.respondent_details = organisation_particulars(scene.respondent_org)
    case.parties = [party for party in case.parties if party.side == PartySide.CLAIMANT]
    db.session.commit()
    assert submission_problems(case) == []


def disclose_and_accept(scene: Scene) -> None:
    """The pending proposal's mediator discloses nothing and both sides accept."""
    case = scene.case
    proposal = pending_proposal(case)
    proposal.disclosure = Disclosure.NONE
    proposal.disclosed_at = now_utc()
    for party, role in ((case.claimant, CaseRole.CLAIMANT), (case.respondent, CaseRole.RESPONDENT)):
        db.session.add(ProposalResponse(
            proposal=proposal, case_party=party, answered_by=scene.person(role),
            answered_at=now_utc(), answer=ProposalAnswer.ACCEPT,
        ))
    db.session.commit()


def add_pending_proposal(case: Case, mediator: User, registrar: User) -> MediatorProposal:
    """A pending proposal of ``mediator`` on ``case``."""
    proposal = MediatorProposal(
        case_id=case.id, mediator_id=mediator.id, proposed_by_id=registrar.id,
        proposed_at=now_utc(), objection_deadline=now_utc() + timedelta(days=7),
        status=ProposalStatus.PROPOSED,
    )
    db.session.add(proposal)
    db.session.flush()
    return proposal


def pending_proposal(case: Case) -> MediatorProposal | None:
    """The case's pending mediator proposal, if any."""
    return db.session.scalars(
        sa.select(MediatorProposal).filter_by(case_id=case.id, status=ProposalStatus.PROPOSED)
    ).first()


def latest_proposal(case: Case) -> MediatorProposal | None:
    """The case's newest mediator proposal, whatever its status."""
    return db.session.scalars(
        sa.select(MediatorProposal).filter_by(case_id=case.id)
        .order_by(MediatorProposal.id.desc())
    ).first()


def organisation_particulars(organisation: Organisation) -> dict:
    """``organisation``'s particulars as plain data (the ``organisation_data`` shape)."""
    return {
        "name_en": organisation.name_en,
        "name_zh": organisation.name_zh,
        "short_name_en": "Respondent",
        "short_name_zh": "被申请人",
        "jurisdiction": organisation.jurisdiction.value,
        "registry_number": organisation.registry_number,
        "domicile_en": organisation.domicile_en,
        "domicile_zh": organisation.domicile_zh,
        "legal_representative": organisation.legal_representative,
        "legal_representative_title": organisation.legal_representative_title,
        "signatories": [{"name": "Zhang Wei", "title": "Chairman", "email": ""}],
        "checksum_override_reason": None,
    }


def _organisation_fields(prefix: str, particulars: dict) -> dict:
    """``particulars`` as the posted fields of the organisation block ``prefix``."""
    fields = {
        f"{prefix}-{name}": value for name, value in particulars.items()
        if name not in ("signatories", "checksum_override_reason")
    }
    for index, row in enumerate(particulars["signatories"]):
        for key, value in row.items():
            fields[f"{prefix}-signatories-{index}-{key}"] = value
    return fields


def _draft_form(scene: Scene) -> dict:
    return {
        **_organisation_fields(
            "respondent_organisation", organisation_particulars(scene.respondent_org)
        ),
        "counsel_name": "Ms Tan Mei Ling",
        "respondent_contact_name": "Li Na",
        "respondent_contact_email": "li.na@brightlights.example.cn",
        "dispute_summary": DISPUTE_SUMMARY,
        "amount_in_dispute": "250,000.00",
        "currency": "SGD",
        "clause_text": "Disputes go to mediation at SIMC, then to arbitration at SCIA.",
        "clause_names_scia": "y",
        "preferred_language": "bilingual",
        "preferred_venue": "online",
        "save_draft": "Save draft",
    }


def payload(action: Action, scene: Scene, actor: User) -> dict:
    """The valid form ``actor`` posts to take ``action`` on the scene's case (fresh file
    streams each call), with the case's current version."""
    case = scene.case
    data: dict = {
        Action.EDIT_DRAFT: lambda: _draft_form(scene),
        Action.SUBMIT: dict,
        Action.RECORD_FEE_PAYMENT: lambda: {
            "paid_on": simc_today().isoformat(), "reference": "TT-88",
        },
        Action.REQUEST_INFO: lambda: {"request_text": "Please file the signed contract."},
        Action.PROVIDE_INFO: lambda: {"response_text": "Filed as document 2."},
        Action.REJECT: lambda: {"reasons": "Outside SIMC's remit."},
        Action.ACKNOWLEDGE: dict,
        Action.ACKNOWLEDGE_AND_COMMENCE: dict,
        Action.RESPONDENT_AGREE: lambda: {"answer": "agree"},
        Action.RESPONDENT_DECLINE: lambda: {"answer": "decline", "reasons": "We prefer court."},
        Action.PROPOSE_MEDIATOR: lambda: {"mediator_id": str(scene.proposable_mediator().id)},
        Action.FILE_DISCLOSURE: lambda: {"disclosure": Disclosure.NONE.value},
        Action.ANSWER_PROPOSAL: lambda: {
            "side": _side_of(scene, actor).value, "answer": ProposalAnswer.ACCEPT.value,
        },
        Action.CONFIRM_APPOINTMENT: dict,
        Action.UPLOAD_DOCUMENT: lambda: {
            "description": "The supply contract",
            "files": [(io.BytesIO(PDF), "contract.pdf")],
            "circulation": "case_file",
        },
        Action.WITHDRAW: lambda: {"reasons": "Settled between the parties."},
        Action.EXTEND_MEDIATION_WINDOW: lambda: {
            "new_end": later_window_end(case).isoformat(), "reason": WINDOW_EXTENSION_REASON,
        },
        Action.END_MEDIATION: dict,
        Action.MANAGE_HEARINGS: lambda: {
            "kind": "joint_session", "private_side": "",
            "day": (simc_today() + timedelta(days=14)).isoformat(),
            "start_time": "10:00", "end_time": "12:00", "venue_kind": "singapore",
            "venue_zone": "Asia/Singapore", "address": "Maxwell Chambers", "meeting_link": "",
            "language": "en", "interpretation": "", "participants": [str(case.created_by_id)],
        },
        Action.HOLD_FIRST_SESSION: lambda: {
            "hearing_id": str(case_hearing(case).id),
            "attended": [str(p.user_id) for p in case_hearing(case).participants],
            "minutes": FIRST_SESSION_MINUTES, "private_notes": "",
        },
        Action.RECORD_SETTLEMENT: lambda: {
            "result": "settled_in_full", "ended_on": simc_today().isoformat(),
        },
        Action.RECORD_IMPASSE: lambda: {"result": "impasse", "ended_on": simc_today().isoformat()},
        Action.SEND_PRIVATE_SUBMISSION: lambda: {
            "message": PRIVATE_MESSAGE, "files": [(io.BytesIO(PDF), "our-position.pdf")],
        },
        Action.ISSUE_SETTLEMENT_DOCUMENTS: lambda: {"kind": "settlement_agreement"},
        Action.DRAFT_SETTLEMENT: lambda: {
            "settlement_version": "", "recitals_en": SETTLEMENT_RECITALS,
            "recitals_zh": "双方当事人经新加坡国际调解中心调解，和解了争议。",
            "costs_en": "Each party bears its own costs.", "costs_zh": "双方各自承担己方费用。",
            "language_precedence": "zh", "effective_date": "",
        },
        Action.APPROVE_SETTLEMENT: lambda: _settlement_approval_form(scene, actor),
        Action.RECORD_PERFORMANCE: lambda: {  # part of the sample settlement's ¥325.04
            "record": "payment", "line": "1", "amount": "100.00",
            "received_on": simc_today().isoformat(), "note": PAYMENT_NOTE,
        },
        Action.CLOSE_CASE: lambda: {"reason": CLOSING_REASON},
        Action.RECORD_SCIA_DETAILS: lambda: {
            "scia_reference": SCIA_REFERENCE, "scia_filed_on": simc_today().isoformat(),
            "rmb_rate": "5.4",  # read only where the fees come from a foreign amount
        },
        Action.RECORD_MEDIATOR_CONSENT: lambda: {
            "case_party_id": str(case.claimant.id), "document_id": str(consent_document(case).id),
            "given_on": simc_today().isoformat(),
        },
        Action.REQUEST_CONSENT_AWARD: lambda: {"sent_on": simc_today().isoformat()},
        Action.RECORD_AWARD: lambda: {
            "award_file": (io.BytesIO(PDF), "award.pdf"),
            "award_date": (simc_today() - timedelta(days=3)).isoformat(),
            "received_on": (simc_today() - timedelta(days=1)).isoformat(),
            "scia_reference": SCIA_REFERENCE,
        },
        Action.CONSTITUTE_TRIBUNAL: lambda: {
            "composition": "sole", "sole_name": TRIBUNAL_ARBITRATOR,
            "appointed_on": simc_today().isoformat(),
        },
        Action.WITHDRAW_FROM_MEDIATION: lambda: {"reasons": MEDIATION_WITHDRAWAL_REASONS},
        Action.RECORD_ARBITRATION_AGREEMENT: lambda: {
            "text": NEW_AGREEMENT, "document_id": str(case_file_document(case).id),
        },
        Action.ESCALATE_TO_SCIA: lambda: {"rmb_rate": "5.4", "escalate": "1"},  # SGD 250,000
        Action.ISSUE_REFERRAL: dict,
    }[action]()
    data["version"] = str(case.version)
    return data


def _side_of(scene: Scene, actor: User) -> PartySide:
    """The side ``actor`` answers for (the claimant's users, else the respondent's)."""
    if actor.id == scene.case.created_by_id:
        return PartySide.CLAIMANT
    return PartySide.RESPONDENT


def action_path(action: Action, case: Case) -> str:
    """The path of ``action``'s endpoint for ``case``."""
    with current_app.test_request_context():
        return url_for(ACTION_ENDPOINTS[action], case_id=case.id)


# What a refused move must leave untouched ----------------------------------------------------

_COUNTED = (
    AuditEntry, OutboxMessage, Document, MediatorProposal, ProposalResponse,
    RespondentInvitation, CaseParty, Organisation, User, WindowExtension, PrivateSubmission,
    Hearing, HearingParticipant, HearingRevision, MediatorNote, GeneratedDocument,
    Settlement, SettlementVersion, SettlementApproval,
    SciaProceeding, MediatorConsent, TribunalMember, ArbitrationHearing, PerformanceRecord,
)


def _rows(model, **filters) -> list[dict]:
    table = model.__table__
    query = sa.select(table).order_by(table.c.id)
    for name, value in filters.items():
        query = query.where(table.c[name] == value)
    return [dict(row) for row in db.session.execute(query).mappings()]


def snapshot(case: Case) -> dict:
    """Everything a move on ``case`` could change, read from the database: the case row (every
    column), its parties and mediator proposals, and the row counts of the related tables."""
    (case_row,) = _rows(Case, id=case.id)
    return {
        "case": case_row,
        "parties": _rows(CaseParty, case_id=case.id),
        "proposals": _rows(MediatorProposal, case_id=case.id),
        "scia_proceedings": _rows(SciaProceeding, case_id=case.id),
        "counts": {
            model.__tablename__: db.session.scalar(
                sa.select(sa.func.count()).select_from(model.__table__)
            )
            for model in _COUNTED
        },
    }


def audit_entries(case: Case) -> list[AuditEntry]:
    """The audit entries of ``case``, oldest first."""
    return list(db.session.scalars(
        sa.select(AuditEntry).filter_by(case_id=case.id).order_by(AuditEntry.id)
    ))
