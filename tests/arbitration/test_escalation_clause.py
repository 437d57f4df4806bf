"""The clause check on the escalation page: a clause naming SCIA (in English, in Chinese, by its
other registered names) lets the registrar escalate; a clause naming another institution or none
blocks the escalation (409, with the reason) until the parties' new arbitration agreement is
recorded."""

from __future__ import annotations

from decimal import Decimal

import pytest
from markupsafe import escape

from casework.arbitration.clause import check_clause
from casework.arbitration.models import SciaProceeding
from casework.arbitration.proceedings import proceeding_for
from casework.audit.models import AuditEntry
from casework.cases.models import CaseState, Currency
from casework.documents.generated_models import GeneratedDocument
from casework.documents.models import Circulation
from casework.extensions import db
from casework.notifications.models import OutboxMessage
from tests.arbitration.escalation_scenes import NEW_AGREEMENT, registrar, unsettled_case, upload

pytestmark = pytest.mark.usefixtures("quick_password_hashes", "store_dir")

NAMING_SCIA = {
    "english": ("Disputes shall be arbitrated by the Shenzhen Court of International "
                "Arbitration in accordance with its rules.",
                "Shenzhen Court of International Arbitration"),
    "chinese": ("凡因本合同引起的争议，均应提交深圳国际仲裁院仲裁。", "深圳国际仲裁院"),
    "former_english_name": ("Any dispute shall be submitted to the South China International "
                            "Economic and Trade Arbitration Commission for arbitration.",
                            "South China International Economic and Trade Arbitration "
                            "Commission"),
    "former_chinese_name": ("因本合同引起的争议提交华南国际经济贸易仲裁委员会仲裁。",
                            "华南国际经济贸易仲裁委员会"),
    "cietac_sub_commission": ("Disputes go to arbitration at the CIETAC South China "
                              "Sub-Commission.", "CIETAC South China Sub-Commission"),
    "shenzhen_arbitration_commission": ("Arbitration by the Shenzhen Arbitration Commission.",
                                        "Shenzhen Arbitration Commission"),
}
NOT_NAMING_SCIA = {
    "siac": "Any dispute shall be finally resolved by arbitration administered by SIAC.",
    "cietac": "Disputes shall be submitted to CIETAC in Beijing for arbitration.",
    "scia_and_icc": "Arbitration at SCIA under the ICC Rules of Arbitration.",
    "seat_only": "Any dispute shall be resolved by arbitration in Shenzhen.",
    "none": "The parties shall settle any dispute by friendly negotiation.",
}


def rmb_case(clause: str):
    """An unsettled case claiming RMB 800,000 (no exchange rate needed) under ``clause``."""
    return unsettled_case(clause_text=clause, currency=Currency.CNY,
                          amount_in_dispute=Decimal("800000.00"))


def escalate_url(case) -> str:
    return f"/cases/{case.id}/arbitration/escalate"


def nothing_recorded(case) -> bool:
    db.session.expire_all()
    return (
        case.state == CaseState.NOT_SETTLED
        and db.session.scalar(db.select(db.func.count()).select_from(SciaProceeding)) == 0
        and db.session.scalar(db.select(db.func.count()).select_from(GeneratedDocument)) == 0
        and db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 0
        and db.session.scalars(db.select(AuditEntry).filter_by(case_id=case.id)).all() == []
    )


@pytest.mark.parametrize(("clause", "name"), NAMING_SCIA.values(), ids=NAMING_SCIA.keys())
def test_a_clause_naming_scia_lets_the_registrar_escalate(client, login, clause, name):
    case = rmb_case(clause)
    login(registrar())

    page = client.get(escalate_url(case)).get_data(as_text=True)

    assert 'data-result="passes"' in page
    assert str(escape(f"names SCIA as “{name}”")) in page
    assert 'name="escalate"' in page
    response = client.post(escalate_url(case), data={"version": case.version, "escalate": "1"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    db.session.expire_all()
    assert case.state == CaseState.REFERRED_TO_SCIA
    assert proceeding_for(case).arbitration_agreement_text == clause


@pytest.mark.parametrize("clause", NOT_NAMING_SCIA.values(), ids=NOT_NAMING_SCIA.keys())
def test_a_clause_not_naming_scia_blocks_the_escalation(client, login, clause):
    case = rmb_case(clause)
    reason = str(check_clause(clause).reason)
    login(registrar())

    page = client.get(escalate_url(case))
    response = client.post(escalate_url(case), data={"version": case.version, "escalate": "1"})

    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'data-result="fails"' in text
    assert str(escape(reason)) in text
    assert "Escalation is blocked" in text
    assert 'name="escalate"' not in text
    assert f'href="/cases/{case.id}/arbitration/agreement"' in text
    assert f'href="/cases/{case.id}/arbitration/close"' in text
    assert response.status_code == 409
    refused = response.get_data(as_text=True)
    assert str(escape(reason)) in refused
    assert "the case can only be closed" in refused
    assert nothing_recorded(case)


def test_the_clause_check_also_blocks_a_claim_that_needs_a_rate(client, login):
    """The clause is checked before the rate: a blocked escalation answers 409 whatever else the
    form lacks."""
    case = unsettled_case(clause_text=NOT_NAMING_SCIA["siac"])
    login(registrar())

    response = client.post(escalate_url(case), data={"version": case.version, "escalate": "1"})

    assert response.status_code == 409
    assert nothing_recorded(case)


def test_the_parties_new_agreement_unblocks_the_escalation(client, login):
    case = rmb_case(NOT_NAMING_SCIA["siac"])
    clerk = login(registrar())
    agreement = upload(clerk, case, "new-arbitration-agreement.pdf", b"%PDF-1.4 signed",
                       "Arbitration agreement signed by both parties")
    upload(clerk, case, "without-prejudice-offer.pdf", b"%PDF-1.4 offer",
           "Offer", circulation=Circulation.MEDIATION_ONLY)

    form = client.get(f"/cases/{case.id}/arbitration/agreement").get_data(as_text=True)
    assert "new-arbitration-agreement.pdf" in form
    assert "without-prejudice-offer.pdf" not in form  # mediation only: it cannot travel
    response = client.post(f"/cases/{case.id}/arbitration/agreement", data={
        "version": case.version, "text": NEW_AGREEMENT, "document_id": str(agreement.id),
    })

    assert response.status_code == 302
    db.session.expire_all()
    proceeding = proceeding_for(case)
    assert (proceeding.arbitration_agreement_text, proceeding.arbitration_agreement_document_id,
            proceeding.amount_rmb, case.state) == (
        NEW_AGREEMENT, agreement.id, None, CaseState.NOT_SETTLED)
    entry = db.session.scalars(db.select(AuditEntry).filter_by(
        case_id=case.id, action="record_arbitration_agreement")).one()
    assert entry.actor_id == clerk.id
    page = client.get(escalate_url(case)).get_data(as_text=True)
    assert 'data-result="passes"' in page
    assert "new-arbitration-agreement.pdf" in page
    escalated = client.post(escalate_url(case), data={"version": case.version, "escalate": "1"})
    assert escalated.status_code == 302
    db.session.expire_all()
    assert case.state == CaseState.REFERRED_TO_SCIA
    assert proceeding_for(case).arbitration_agreement_document_id == agreement.id


def test_a_new_agreement_must_name_scia(client, login):
    case = rmb_case(NOT_NAMING_SCIA["siac"])
    clerk = login(registrar())
    document = upload(clerk, case, "agreement.pdf", b"%PDF-1.4 signed")
    version = case.version

    response = client.post(f"/cases/{case.id}/arbitration/agreement", data={
        "version": version, "text": NOT_NAMING_SCIA["cietac"], "document_id": str(document.id),
    })

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert str(escape(f"Text of the new arbitration agreement: "
                      f"{check_clause(NOT_NAMING_SCIA['cietac']).reason}")) in page
    db.session.expire_all()
    assert proceeding_for(case) is None
    assert case.version == version


def test_a_new_agreement_needs_a_document_of_the_case_file(client, login):
    case = rmb_case(NOT_NAMING_SCIA["siac"])
    clerk = login(registrar())
    offer = upload(clerk, case, "offer.pdf", b"%PDF-1.4 offer",
                   circulation=Circulation.MEDIATION_ONLY)

    without = client.post(f"/cases/{case.id}/arbitration/agreement", data={
        "version": case.version, "text": NEW_AGREEMENT, "document_id": ""})
    mediation_only = client.post(f"/cases/{case.id}/arbitration/agreement", data={
        "version": case.version, "text": NEW_AGREEMENT, "document_id": str(offer.id)})

    assert without.status_code == mediation_only.status_code == 422
    assert ("Document evidencing the agreement: Choose the uploaded document that evidences "
            "the agreement.") in without.get_data(as_text=True)
    assert "Document evidencing the agreement: Not a valid choice" in mediation_only.get_data(
        as_text=True)
    assert "No document of this case is marked for the case file yet" in without.get_data(
        as_text=True)
    db.session.expire_all()
    assert proceeding_for(case) is None


@pytest.mark.parametrize("state", [CaseState.IN_MEDIATION, CaseState.REFERRED_TO_SCIA])
def test_the_agreement_is_recorded_only_while_the_dispute_may_go_to_scia(client, login, state):
    case = unsettled_case(clause_text=NOT_NAMING_SCIA["siac"])
    case.state = state
    db.session.commit()
    login(registrar())

    response = client.post(f"/cases/{case.id}/arbitration/agreement", data={
        "version": case.version, "text": NEW_AGREEMENT, "document_id": "1"})

    assert response.status_code == 409
    assert proceeding_for(case) is None


def test_only_the_registry_records_the_agreement(client, login):
    case = rmb_case(NOT_NAMING_SCIA["siac"])
    document = upload(case.created_by, case, "agreement.pdf", b"%PDF-1.4 signed")
    login(case.created_by)

    assert client.get(f"/cases/{case.id}/arbitration/agreement").status_code == 403
    response = client.post(f"/cases/{case.id}/arbitration/agreement", data={
        "version": case.version, "text": NEW_AGREEMENT, "document_id": str(document.id)})

    assert response.status_code == 403
    assert proceeding_for(case) is None
