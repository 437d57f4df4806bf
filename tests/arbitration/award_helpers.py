"""Builders for the consent-award tests: a signed settlement with its Draft Consent Award, the
request for the consent award, the recorded award, and an escalated case in arbitration."""

from __future__ import annotations

import hashlib
import io
from datetime import date

from casework.accounts.models import Role, User
from casework.arbitration.award import record_award, request_consent_award
from casework.arbitration.models import EscalationTrigger, SciaProceeding, SciaRoute
from casework.cases.models import Case, CaseState
from casework.documents.generated_models import (
    GeneratedDocument,
    GeneratedDocumentKind,
    new_verification_code,
)
from casework.extensions import db
from casework.settlement.terms import SettlementTerms
from tests.factories import make_case, make_user
from tests.settlement.helpers import SettledScene, signed_scene
from tests.settlement.samples import VALID_TERMS

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
DRAFT_PDF = b"%PDF-1.7\n% a stand-in for the rendered Draft Consent Award\n%%EOF\n"
SCIA_REFERENCE = "SCIA-2026-0042"
SENT_ON = date(2026, 11, 2)


def add_draft(scene: SettledScene) -> GeneratedDocument:
    """The first Draft Consent Award of the scene's case, as the registrar generated it: its
    record only (no rendering, no stored file)."""
    draft = GeneratedDocument(
        case_id=scene.case.id, kind=GeneratedDocumentKind.CONSENT_AWARD_DRAFT, version_number=1,
        verification_code=new_verification_code(), sha256=hashlib.sha256(DRAFT_PDF).hexdigest(),
        size_bytes=len(DRAFT_PDF), template_name="documents/pdf/consent_award_draft.html",
        template_version="1", input_snapshot={}, generated_by_id=scene.registrar.id,
    )
    db.session.add(draft)
    db.session.commit()
    return draft


def draft_scene(terms: SettlementTerms = VALID_TERMS) -> SettledScene:
    """A signed settlement (``terms``) whose Draft Consent Award was generated."""
    scene = signed_scene(terms)
    add_draft(scene)
    return scene


def requested_scene(terms: SettlementTerms = VALID_TERMS) -> SettledScene:
    """A signed settlement (``terms``) whose consent award was requested on :data:`SENT_ON`."""
    scene = draft_scene(terms)
    request_consent_award(scene.registrar, scene.case, SENT_ON, expected_version=None)
    db.session.commit()
    assert scene.case.state == CaseState.AWARD_REQUESTED
    return scene


def awarded_scene(award_date: date, received_on: date,
                  terms: SettlementTerms = VALID_TERMS) -> SettledScene:
    """A consent award on ``terms`` made on ``award_date`` and received on ``received_on``."""
    scene = requested_scene(terms)
    record_award(scene.registrar, scene.case, io.BytesIO(PDF), "award.pdf",
                 award_date=award_date, received_on=received_on,
                 scia_reference=SCIA_REFERENCE, expected_version=None)
    db.session.commit()
    return scene


def add_escalated_proceeding(case: Case, registrar: User) -> SciaProceeding:
    """The SCIA proceeding an escalation of ``case`` after an impasse leaves (no settlement,
    no SCIA case number yet)."""
    proceeding = SciaProceeding(
        case_id=case.id, route=SciaRoute.ESCALATION, trigger=EscalationTrigger.IMPASSE,
        arbitration_agreement_text=case.clause_text, started_by_id=registrar.id,
        claim_amount=case.amount_in_dispute, claim_currency=case.currency.value,
    )
    db.session.add(proceeding)
    db.session.commit()
    return proceeding


def in_arbitration_case() -> tuple[Case, User]:
    """A case escalated to SCIA whose tribunal is constituted, and a registrar."""
    registrar = make_user(Role.REGISTRAR)
    case = make_case(CaseState.IN_ARBITRATION)
    add_escalated_proceeding(case, registrar)
    return case, registrar
