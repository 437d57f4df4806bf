"""Demo cases of the SCIA phase (used by ``seed-demo``), driven through the real operations:
an escalated dispute before SCIA, one before a constituted tribunal, a consent award requested,
an award issued with the first instalment paid, and a declined dispute closed by the registry."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from casework.arbitration import award, closing, escalation, performance, scia_phase
from casework.arbitration.models import TribunalRole
from casework.documents.generated.operations import current_generated_document
from casework.documents.generated_models import GeneratedDocumentKind
from casework.documents.storage import current_store

DEMO_ARBITRATOR = "王芳 Wang Fang"


def scia_reference(case, today: date) -> str:
    """The SCIA case number the demo registry records for ``case``."""
    return f"SCIA-{today.year}-SZ-{case.id:04d}"


def escalate(case, registrar, rmb_rate: Decimal | None, *, today: date,
             constitute: bool) -> None:
    """Refer the unsettled ``case`` to SCIA; with ``constitute``, record SCIA's case number
    and a sole arbitrator too (the case is then in arbitration)."""
    escalation.escalate_to_scia(registrar, case, rmb_rate, expected_version=case.version)
    if not constitute:
        return
    scia_phase.record_scia_details(
        registrar, case, scia_phase.SciaDetails(scia_reference(case, today), today),
        today=today, expected_version=case.version)
    scia_phase.constitute_tribunal(
        registrar, case, [scia_phase.TribunalSeat(DEMO_ARBITRATOR, TribunalRole.SOLE)], today,
        today=today, expected_version=case.version)


def request_and_record_award(case, registrar, *, today: date, record: bool) -> None:
    """Request the consent award on ``case``'s signed settlement; with ``record``, record the
    award (the demo stands the draft in for SCIA's signed and sealed award) and the first
    instalment received."""
    award.request_consent_award(registrar, case, today, expected_version=case.version,
                                today=today)
    if not record:
        return
    draft = current_generated_document(case, GeneratedDocumentKind.CONSENT_AWARD_DRAFT)
    with current_store().open(draft.sha256) as signed_award:
        award.record_award(
            registrar, case, signed_award, "scia-consent-award-signed-and-sealed.pdf",
            award_date=today, received_on=today, scia_reference=scia_reference(case, today),
            expected_version=case.version, today=today)
    performance.record_payment(
        registrar, case, obligation=1, instalment=1, amount=Decimal("500000.00"),
        received_on=today, note="Telegraphic transfer received in the claimant's CNY account.",
        expected_version=case.version, today=today)


def close_declined(case, registrar) -> None:
    """Close a dispute the respondent declined to mediate."""
    closing.close_case(
        registrar, case, "The respondent declined to mediate and the contract has no clause "
        "naming SCIA; the claimant will bring its claim before the Singapore courts.",
        expected_version=case.version)
