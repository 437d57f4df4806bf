"""Builders for the escalation tests (and the state x action scenes): unsettled cases, documents
of the case file, a case already escalated to SCIA."""

from __future__ import annotations

import hashlib
import io
from datetime import timedelta
from decimal import Decimal

from casework.accounts.models import Role, User
from casework.arbitration.models import EscalationTrigger, SciaProceeding, SciaRoute
from casework.cases.models import Case, CaseState, Currency, MediationResult
from casework.cases.simc_clock import simc_today
from casework.db import now_utc
from casework.documents.models import Circulation, Document
from casework.documents.operations import upload_document
from casework.extensions import db
from tests.factories import make_case, make_user

SCIA_CLAUSE = ("Any dispute shall be referred to mediation at SIMC and, failing settlement, to "
               "arbitration at the Shenzhen Court of International Arbitration.")
SIAC_CLAUSE = "Any dispute shall be finally resolved by arbitration administered by SIAC."
NEW_AGREEMENT = ("The parties agree that their dispute shall be submitted to the Shenzhen Court "
                 "of International Arbitration (深圳国际仲裁院) for arbitration in Shenzhen.")


def unsettled_case(result: MediationResult = MediationResult.IMPASSE, **fields) -> Case:
    """A case whose mediation commenced 40 days ago and ended yesterday with ``result``."""
    commenced = simc_today() - timedelta(days=40)
    values = {
        "acknowledged_on": commenced, "filing_date": commenced, "commencement_date": commenced,
        "mediation_result": result, "mediation_ended_on": simc_today() - timedelta(days=1),
    }
    values.update(fields)
    return make_case(CaseState.NOT_SETTLED, **values)


def upload(actor, case: Case, filename: str, content: bytes, description: str = "",
           circulation: Circulation = Circulation.CASE_FILE) -> Document:
    """``content`` uploaded to ``case`` by ``actor`` (committed), marked ``circulation``."""
    document = upload_document(actor, case, io.BytesIO(content), filename, description,
                               circulation=circulation)
    db.session.commit()
    return document


def case_file_row(case: Case, filename: str = "new-agreement.pdf") -> Document:
    """A document row of ``case`` marked for the case file, without a stored file (for scenes
    whose refused requests must leave the store empty)."""
    content = f"{filename} of case {case.id}".encode()
    document = Document(
        case_id=case.id, sha256=hashlib.sha256(content).hexdigest(), size_bytes=len(content),
        media_type="application/pdf", filename=filename, description="Signed agreement",
        uploaded_by_id=case.created_by_id, uploaded_at=now_utc(),
        circulation=Circulation.CASE_FILE,
    )
    db.session.add(document)
    db.session.flush()
    document.lineage_id = document.id
    db.session.commit()
    return document


def escalated_case(**fields) -> Case:
    """A case referred to SCIA after an impasse (SGD 250,000 at 5.4 = RMB 1,350,000), escalated
    under the clause as filed; no referral generated yet."""
    registrar = make_user(Role.REGISTRAR)
    case = unsettled_case(**fields)
    case.state = CaseState.REFERRED_TO_SCIA
    db.session.add(SciaProceeding(
        case=case, route=SciaRoute.ESCALATION, trigger=EscalationTrigger.IMPASSE,
        arbitration_agreement_text=case.clause_text, started_by_id=registrar.id,
        claim_amount=case.amount_in_dispute, claim_currency=Currency.SGD.value,
        rmb_rate=Decimal("5.4"), amount_rmb=case.amount_in_dispute * Decimal("5.4"),
        escalated_at=now_utc(),
    ))
    db.session.commit()
    return case


def registrar() -> User:
    """A registrar, committed (a refused request's rollback must not undo it)."""
    user = make_user(Role.REGISTRAR)
    db.session.commit()
    return user


def case_file_document(case: Case) -> Document:
    """The case's first document marked for the case file."""
    return db.session.scalars(
        db.select(Document).filter_by(case_id=case.id, circulation=Circulation.CASE_FILE)
        .order_by(Document.id)
    ).first()
