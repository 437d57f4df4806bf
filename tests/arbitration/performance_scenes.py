"""Builders for the performance, closing and enforcement-pack tests: a signed settlement taken
on to a consent award recorded by SCIA (the SCIA proceeding and the uploaded award built
directly, so these tests do not depend on how the award is recorded), and reading a pack."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import date

from casework.arbitration.models import SciaProceeding, SciaRoute
from casework.cases.models import Case, CaseState
from casework.db import now_utc
from casework.documents.models import Circulation, Document
from casework.documents.operations import upload_document
from casework.extensions import db
from casework.settlement.terms import SettlementTerms
from tests.settlement.helpers import SettledScene, signed_scene
from tests.settlement.samples import VALID_TERMS

AWARD_PDF = b"%PDF-1.7\n% the signed and sealed consent award\n%%EOF\n"
SCIA_REFERENCE = "SCIA-2026-SZ-0042"
AWARD_DATE = date(2026, 12, 1)
AWARD_RECEIVED_ON = date(2026, 12, 3)
CLAUSE_RELIED_ON = ("Any dispute shall be referred to mediation at SIMC and, failing "
                    "settlement, to arbitration at the Shenzhen Court of International "
                    "Arbitration (深圳国际仲裁院).")


def _award_document(scene: SettledScene, stored: bool) -> Document:
    """The signed award as uploaded by the registrar: through the document store (``stored``),
    or only its record (no file kept, for tests that check the store stays empty)."""
    if stored:
        return upload_document(scene.registrar, scene.case, io.BytesIO(AWARD_PDF), "award.pdf",
                               "The consent award", circulation=Circulation.CASE_FILE)
    document = Document(
        case_id=scene.case.id, sha256=hashlib.sha256(AWARD_PDF).hexdigest(),
        size_bytes=len(AWARD_PDF), media_type="application/pdf", filename="award.pdf",
        description="The consent award", uploaded_by_id=scene.registrar.id,
        uploaded_at=now_utc(), circulation=Circulation.CASE_FILE,
    )
    db.session.add(document)
    db.session.flush()
    document.lineage_id = document.id
    return document


def add_award(scene: SettledScene, state: CaseState = CaseState.AWARD_ISSUED, *,
              stored: bool = True) -> SciaProceeding:
    """Record, directly, the consent award SCIA made on the scene's signed settlement (the
    signed award uploaded by the registrar; its file kept in the store when ``stored``) and move
    the case to ``state``: *award requested* has the proceeding without the award yet."""
    case = scene.case
    proceeding = SciaProceeding(
        case_id=case.id, route=SciaRoute.CONSENT_AWARD, trigger=None,
        started_by_id=scene.registrar.id, arbitration_agreement_text=CLAUSE_RELIED_ON,
        scia_reference=SCIA_REFERENCE, consent_award_requested_on=date(2026, 11, 2),
    )
    if state != CaseState.AWARD_REQUESTED:
        proceeding.award_document_id = _award_document(scene, stored).id
        proceeding.award_date = AWARD_DATE
        proceeding.award_received_on = AWARD_RECEIVED_ON
    db.session.add(proceeding)
    case.state = state
    db.session.commit()
    return proceeding


def settlement_case_in(state: CaseState, terms: SettlementTerms = VALID_TERMS, *,
                       stored: bool = True) -> SettledScene:
    """A signed settlement on ``terms`` in ``state``: *settlement signed*, *award requested*
    or *award issued* (with the award, its file stored when ``stored``)."""
    scene = signed_scene(terms)
    if state != CaseState.SETTLEMENT_SIGNED:
        add_award(scene, state, stored=stored)
    return scene


def performance_case(state: CaseState) -> Case:
    """A case where performance of the sample settlement can be recorded, in ``state``, with
    nothing in the document store."""
    return settlement_case_in(state, stored=False).case


def read_zip(data: bytes) -> dict[str, bytes]:
    """The members of a zip by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def manifest_of(members: dict[str, bytes]) -> dict:
    """The pack's manifest."""
    return json.loads(members["manifest.json"])
