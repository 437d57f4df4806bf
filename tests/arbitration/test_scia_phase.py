"""The SCIA case recorded by the registry: SCIA's case number and filing date, hearing dates,
SCIA's fees with their working on the arbitration page, and the parties' written consents to
the mediator acting as arbitrator."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa
from markupsafe import escape

from casework.accounts.models import Role, User
from casework.arbitration.models import (
    ArbitrationHearing,
    EscalationTrigger,
    MediatorConsent,
    SciaProceeding,
    SciaRoute,
)
from casework.audit.models import AuditEntry
from casework.cases.models import Case, CaseState, Currency
from casework.cases.simc_clock import simc_today
from casework.db import now_utc
from casework.documents.models import Document
from casework.documents.operations import upload_document, withdraw_document
from casework.extensions import db
from casework.notifications.models import OutboxMessage
from tests.factories import make_case, make_user

pytestmark = pytest.mark.usefixtures("quick_password_hashes", "store_dir")

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
MEDIATOR_NAME = "Tan Ai Ling"


@dataclass
class SciaScene:
    """A case at SCIA, its people and its proceeding."""

    case: Case
    proceeding: SciaProceeding
    registrar: User
    claimant: User
    respondent: User
    mediator: User


def scia_scene(state: CaseState = CaseState.REFERRED_TO_SCIA, *,
               claim: tuple | None = (Decimal("1000000.00"), "CNY", None),
               route: SciaRoute = SciaRoute.ESCALATION, **case_fields) -> SciaScene:
    """A case in ``state`` with a mediator and an SCIA proceeding that started ten days ago;
    ``claim`` is the (amount, currency, rate) recorded with the referral (``None``: none, as
    for a consent award request)."""
    mediator = make_user(Role.MEDIATOR, name=MEDIATOR_NAME)
    registrar = make_user(Role.REGISTRAR)
    case = make_case(state, mediator_id=mediator.id, **case_fields)
    respondent = make_user(Role.PARTY, organisation=case.respondent.organisation)
    amount, currency, rate = claim or (None, None, None)
    proceeding = SciaProceeding(
        case_id=case.id, route=route,
        trigger=EscalationTrigger.IMPASSE if route == SciaRoute.ESCALATION else None,
        started_at=now_utc() - timedelta(days=10), started_by_id=registrar.id,
        claim_amount=amount, claim_currency=currency, rmb_rate=rate,
        amount_rmb=None if amount is None else (amount if rate is None else amount * rate),
        escalated_at=now_utc() - timedelta(days=10) if route == SciaRoute.ESCALATION else None,
    )
    db.session.add(proceeding)
    db.session.commit()
    return SciaScene(case, proceeding, registrar, case.created_by, respondent, mediator)


def upload(scene: SciaScene, filename: str = "consent.pdf", case: Case | None = None) -> Document:
    """A document uploaded to the case by the registrar (mediation only: it need not travel)."""
    document = upload_document(scene.registrar, case or scene.case, io.BytesIO(PDF), filename,
                               "Written consent")
    db.session.commit()
    return document


def audit_actions(case: Case) -> list[str]:
    return list(db.session.scalars(
        sa.select(AuditEntry.action).filter_by(case_id=case.id).order_by(AuditEntry.id)))


def outbox(kind: str) -> list[str]:
    return sorted(db.session.scalars(sa.select(OutboxMessage.recipient).filter_by(kind=kind)))


def page(client, login, scene: SciaScene) -> str:
    """The SCIA case section of the arbitration page as the claimant sees it (signed in as the
    claimant from then on)."""
    login(scene.claimant)
    response = client.get(f"/cases/{scene.case.id}/arbitration")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    start = html.index('<section class="card scia-case"')
    return html[start:html.index("</section>", start)]


def details_form(scene: SciaScene, **fields) -> dict:
    return {"version": str(scene.case.version), "scia_reference": "SCIA-2026-SZ-0123",
            "scia_filed_on": simc_today().isoformat(), **fields}


# Fees on the arbitration page ----------------------------------------------------------------


@pytest.mark.parametrize(("amount", "band", "working", "total"), [
    ("5000000.00", "1,000,001 – 5,000,000",
     "Arbitration fee: 35,000 + 2.5% × (5,000,000 − 1,000,000) = 135,000.00.", "RMB 145,000.00"),
    ("5000001.00", "5,000,001 – 10,000,000",
     "Arbitration fee: 135,000 + 1.5% × (5,000,001 − 5,000,000) = 135,000.02.", "RMB 145,000.02"),
])
def test_the_page_shows_scias_fees_at_a_band_edge_with_the_working(
        client, login, amount, band, working, total):
    scene = scia_scene(claim=(Decimal(amount), "CNY", None))
    login(scene.claimant)

    shown = page(client, login, scene)

    assert f"Band of the SCIA fee table (RMB): {band}." in shown
    assert str(escape(working)) in shown
    assert "Filing fee (non-refundable): RMB 10,000.00." in shown
    assert total in shown
    assert "SCIA&#39;s own notice of payment decides" in shown  # the table's assumption


def test_the_fees_of_a_foreign_currency_claim_show_the_conversion(client, login):
    scene = scia_scene(claim=(Decimal("100000.00"), "USD", Decimal("7.1")))
    login(scene.registrar)

    shown = page(client, login, scene)

    assert ("Amount in dispute: USD 100,000.00 × 7.1 (the exchange rate entered) = "
            "RMB 710,000.00.") in shown
    assert "Arbitration fee: 3.5% × 710,000 = 24,850.00." in shown
    assert "RMB 34,850.00" in shown


def test_a_consent_award_case_needs_a_rate_for_its_foreign_amount(client, login):
    scene = scia_scene(CaseState.AWARD_REQUESTED, claim=None, route=SciaRoute.CONSENT_AWARD)
    login(scene.registrar)
    assert "the registry enters it with the SCIA case details" in page(client, login, scene)
    login(scene.registrar)

    form_page = client.get(f"/cases/{scene.case.id}/arbitration/scia").get_data(as_text=True)
    assert 'name="rmb_rate"' in form_page and "250000.00 SGD" in form_page
    missing = client.post(f"/cases/{scene.case.id}/arbitration/scia",
                          data=details_form(scene, rmb_rate=""))
    assert missing.status_code == 422
    assert "Exchange rate to RMB: Enter the exchange rate" in missing.get_data(as_text=True)

    response = client.post(f"/cases/{scene.case.id}/arbitration/scia",
                           data=details_form(scene, rmb_rate="5.4"))

    assert response.status_code == 302
    db.session.expire_all()
    assert (scene.proceeding.rmb_rate, scene.proceeding.amount_rmb) == (
        Decimal("5.4"), Decimal("1350000.00"))
    shown = page(client, login, scene)
    assert ("Amount in dispute: SGD 250,000.00 × 5.4 (the exchange rate entered) = "
            "RMB 1,350,000.00.") in shown
    assert "RMB 53,750.00" in shown  # 10,000 + 35,000 + 2.5% of 350,000


def test_a_referral_rate_is_not_changed_on_the_details_form(client, login):
    scene = scia_scene(claim=(Decimal("100000.00"), "USD", Decimal("7.1")))
    login(scene.registrar)

    form_page = client.get(f"/cases/{scene.case.id}/arbitration/scia").get_data(as_text=True)
    response = client.post(f"/cases/{scene.case.id}/arbitration/scia",
                           data=details_form(scene, rmb_rate="9"))

    assert 'name="rmb_rate"' not in form_page
    assert response.status_code == 302
    db.session.expire_all()
    assert scene.proceeding.rmb_rate == Decimal("7.1")


# The SCIA case details ------------------------------------------------------------------------


def test_the_registrar_records_the_scia_case_details(client, login):
    scene = scia_scene()
    login(scene.registrar)

    response = client.post(f"/cases/{scene.case.id}/arbitration/scia",
                           data=details_form(scene, scia_reference="  SCIA-2026-SZ-0123 "))

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{scene.case.id}/arbitration")
    db.session.expire_all()
    assert (scene.proceeding.scia_reference, scene.proceeding.scia_filed_on) == (
        "SCIA-2026-SZ-0123", simc_today())
    entry = db.session.scalars(sa.select(AuditEntry).filter_by(
        case_id=scene.case.id, action="scia_details_recorded")).one()
    assert entry.actor_id == scene.registrar.id
    assert entry.changes["scia_reference"] == [None, "SCIA-2026-SZ-0123"]
    assert entry.changes["scia_filed_on"] == [None, simc_today().isoformat()]
    assert outbox("scia_case_registered") == sorted([scene.claimant.email,
                                                     scene.respondent.email])
    assert "SCIA-2026-SZ-0123" in page(client, login, scene)


def test_the_parties_are_emailed_only_when_the_number_is_first_recorded(client, login):
    scene = scia_scene()
    login(scene.registrar)
    client.post(f"/cases/{scene.case.id}/arbitration/scia", data=details_form(scene))
    db.session.expire_all()

    response = client.post(f"/cases/{scene.case.id}/arbitration/scia",
                           data=details_form(scene, scia_reference="SCIA-2026-SZ-0124"))

    assert response.status_code == 302
    assert len(outbox("scia_case_registered")) == 2
    assert audit_actions(scene.case).count("scia_details_recorded") == 2
    entry = db.session.scalars(sa.select(AuditEntry).filter_by(
        case_id=scene.case.id, action="scia_details_recorded").order_by(AuditEntry.id.desc())
    ).first()
    assert entry.changes == {"scia_reference": ["SCIA-2026-SZ-0123", "SCIA-2026-SZ-0124"]}


@pytest.mark.parametrize(("fields", "message"), [
    ({"scia_filed_on": (simc_today() + timedelta(days=1)).isoformat()},
     "Filed with SCIA on: It cannot be in the future"),
    ({"scia_reference": "S" * 61}, "SCIA case number: Field cannot be longer than 60"),
    ({"scia_filed_on": "31/02/2026"}, "Filed with SCIA on: Not a valid date value"),
    ({"scia_filed_on": (simc_today() - timedelta(days=30)).isoformat()},
     "cannot be before"),
])
def test_bad_details_are_refused_and_nothing_is_stored(client, login, fields, message):
    scene = scia_scene()
    login(scene.registrar)

    response = client.post(f"/cases/{scene.case.id}/arbitration/scia",
                           data=details_form(scene, **fields))

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert (scene.proceeding.scia_reference, scene.proceeding.scia_filed_on) == (None, None)
    assert "scia_details_recorded" not in audit_actions(scene.case)
    assert outbox("scia_case_registered") == []


def test_details_can_be_recorded_while_the_award_is_awaited(client, login):
    scene = scia_scene(CaseState.IN_ARBITRATION)
    login(scene.registrar)

    response = client.post(f"/cases/{scene.case.id}/arbitration/scia", data=details_form(scene))

    assert response.status_code == 302
    db.session.expire_all()
    assert scene.proceeding.scia_reference == "SCIA-2026-SZ-0123"


def test_a_stale_details_form_is_refused(client, login):
    scene = scia_scene()
    login(scene.registrar)
    data = details_form(scene)
    scene.case.mediator_attributes = "Changed meanwhile."
    db.session.commit()

    response = client.post(f"/cases/{scene.case.id}/arbitration/scia", data=data)

    assert response.status_code == 409
    assert "changed by someone else" in response.get_data(as_text=True)
    db.session.expire_all()
    assert scene.proceeding.scia_reference is None


# Hearing dates --------------------------------------------------------------------------------


def test_the_registrar_adds_and_removes_scia_hearing_dates(client, login):
    scene = scia_scene(CaseState.IN_ARBITRATION)
    login(scene.registrar)
    held_on = simc_today() + timedelta(days=30)

    added = client.post(f"/cases/{scene.case.id}/arbitration/scia/hearings", data={
        "hearing-version": str(scene.case.version), "hearing-held_on": held_on.isoformat(),
        "hearing-description": "Hearing on the merits, SCIA Shenzhen",
    })

    assert added.status_code == 302
    hearing = db.session.scalars(sa.select(ArbitrationHearing)).one()
    assert (hearing.proceeding_id, hearing.held_on) == (scene.proceeding.id, held_on)
    assert "Hearing on the merits, SCIA Shenzhen" in page(client, login, scene)
    db.session.expire_all()
    login(scene.registrar)

    removed = client.post(
        f"/cases/{scene.case.id}/arbitration/scia/hearings/{hearing.id}/remove",
        data={"version": str(scene.case.version)})

    assert removed.status_code == 302
    assert db.session.scalars(sa.select(ArbitrationHearing)).all() == []
    assert audit_actions(scene.case)[-2:] == ["arbitration_hearing_added",
                                              "arbitration_hearing_removed"]
    assert "Hearing on the merits" not in page(client, login, scene)


def test_a_hearing_without_a_description_is_refused(client, login):
    scene = scia_scene()
    login(scene.registrar)

    response = client.post(f"/cases/{scene.case.id}/arbitration/scia/hearings", data={
        "hearing-version": str(scene.case.version),
        "hearing-held_on": simc_today().isoformat(), "hearing-description": " ",
    })

    assert response.status_code == 422
    assert "What the hearing is: Say what the hearing is." in response.get_data(as_text=True)
    assert db.session.scalars(sa.select(ArbitrationHearing)).all() == []


def test_another_cases_hearing_cannot_be_removed_here(client, login):
    scene, other = scia_scene(), scia_scene()
    hearing = ArbitrationHearing(proceeding_id=other.proceeding.id, held_on=simc_today(),
                                 description="Other case's hearing")
    db.session.add(hearing)
    db.session.commit()
    login(scene.registrar)

    response = client.post(
        f"/cases/{scene.case.id}/arbitration/scia/hearings/{hearing.id}/remove",
        data={"version": str(scene.case.version)})

    assert response.status_code == 404
    assert db.session.get(ArbitrationHearing, hearing.id) is not None


# Consents to the mediator acting as arbitrator -------------------------------------------------


def consent_form(scene: SciaScene, party, document: Document, **fields) -> dict:
    return {"version": str(scene.case.version), "case_party_id": str(party.id),
            "document_id": str(document.id), "given_on": simc_today().isoformat(), **fields}


def test_the_registrar_records_a_partys_written_consent(client, login):
    scene = scia_scene()
    document = upload(scene)
    login(scene.registrar)

    form_page = client.get(f"/cases/{scene.case.id}/arbitration/mediator-consent")
    response = client.post(f"/cases/{scene.case.id}/arbitration/mediator-consent",
                           data=consent_form(scene, scene.case.claimant, document))

    assert form_page.status_code == 200 and "consent.pdf" in form_page.get_data(as_text=True)
    assert response.status_code == 302
    consent = db.session.scalars(sa.select(MediatorConsent)).one()
    assert (consent.proceeding_id, consent.case_party_id, consent.document_id,
            consent.given_on, consent.recorded_by_id) == (
        scene.proceeding.id, scene.case.claimant.id, document.id, simc_today(),
        scene.registrar.id)
    assert "mediator_consent_recorded" in audit_actions(scene.case)
    shown = page(client, login, scene)
    assert f"/documents/{document.id}" in shown
    assert f"Consent not recorded for: {scene.case.respondent.organisation.name_en}" in shown


def test_a_second_consent_of_the_same_party_is_refused(client, login):
    scene = scia_scene()
    document = upload(scene)
    login(scene.registrar)
    client.post(f"/cases/{scene.case.id}/arbitration/mediator-consent",
                data=consent_form(scene, scene.case.claimant, document))
    db.session.expire_all()

    response = client.post(f"/cases/{scene.case.id}/arbitration/mediator-consent",
                           data=consent_form(scene, scene.case.claimant, document))

    assert response.status_code == 409
    assert "is already recorded" in response.get_data(as_text=True)
    assert len(db.session.scalars(sa.select(MediatorConsent)).all()) == 1


@pytest.mark.parametrize("problem", ["withdrawn", "other_case", "replaced", "future", "party"])
def test_a_consent_with_a_bad_document_date_or_party_is_refused(client, login, problem):
    scene = scia_scene()
    document = upload(scene)
    party = scene.case.claimant
    fields = {}
    if problem == "withdrawn":
        withdraw_document(scene.registrar, document, "Uploaded by mistake.")
        db.session.commit()
    elif problem == "other_case":
        document = upload(scene, case=make_case(CaseState.REFERRED_TO_SCIA))
    elif problem == "replaced":
        document.lineage_id = document.id
        newer = Document(case_id=scene.case.id, lineage_id=document.id, version_number=2,
                         sha256="0" * 64, size_bytes=1, media_type="application/pdf",
                         filename="consent.pdf", uploaded_by_id=scene.registrar.id,
                         uploaded_at=now_utc())
        db.session.add(newer)
        db.session.commit()
    elif problem == "future":
        fields["given_on"] = (simc_today() + timedelta(days=1)).isoformat()
    else:
        party = make_case(CaseState.REFERRED_TO_SCIA).claimant
    login(scene.registrar)

    response = client.post(f"/cases/{scene.case.id}/arbitration/mediator-consent",
                           data=consent_form(scene, party, document, **fields))

    assert response.status_code == 422
    expected = {
        "withdrawn": "was withdrawn", "other_case": "Choose a document uploaded to this case.",
        "replaced": "is no longer the current one", "future": "Consent given on: It cannot be",
        "party": "Choose one of the parties of this case.",
    }[problem]
    assert expected in response.get_data(as_text=True)
    assert db.session.scalars(sa.select(MediatorConsent)).all() == []
    assert "mediator_consent_recorded" not in audit_actions(scene.case)


def test_without_a_mediator_there_is_no_consent_to_record(client, login):
    scene = scia_scene()
    scene.case.mediator_id = None
    db.session.commit()
    document = upload(scene)
    login(scene.registrar)

    form_page = client.get(f"/cases/{scene.case.id}/arbitration/mediator-consent")
    response = client.post(f"/cases/{scene.case.id}/arbitration/mediator-consent",
                           data=consent_form(scene, scene.case.claimant, document))

    assert form_page.status_code == 409
    assert response.status_code == 409
    assert "This case had no mediator" in response.get_data(as_text=True)
    assert db.session.scalars(sa.select(MediatorConsent)).all() == []


# Who may do it, and when ------------------------------------------------------------------------

PAGES = ("scia", "mediator-consent", "tribunal")


@pytest.mark.parametrize("who", ["claimant", "respondent", "mediator"])
def test_only_the_registry_records_the_scia_case(client, login, who):
    scene = scia_scene()
    login(getattr(scene, who))
    for tail in PAGES:
        assert client.get(f"/cases/{scene.case.id}/arbitration/{tail}").status_code == 403
        assert client.post(f"/cases/{scene.case.id}/arbitration/{tail}",
                           data={"version": str(scene.case.version)}).status_code == 403


def test_outsiders_and_strangers(client, login):
    scene = scia_scene()
    for tail in PAGES:
        response = client.get(f"/cases/{scene.case.id}/arbitration/{tail}")
        assert response.status_code == 302 and "/login" in response.headers["Location"]
    login(make_case(CaseState.REFERRED_TO_SCIA).created_by)
    for tail in PAGES:
        assert client.get(f"/cases/{scene.case.id}/arbitration/{tail}").status_code == 403
    login(scene.registrar)
    for tail in PAGES:
        assert client.get(f"/cases/999999/arbitration/{tail}").status_code == 404


def test_consents_and_the_tribunal_are_for_a_case_referred_to_scia_only(client, login):
    scene = scia_scene(CaseState.IN_ARBITRATION)
    login(scene.registrar)
    for tail in ("mediator-consent", "tribunal"):
        response = client.get(f"/cases/{scene.case.id}/arbitration/{tail}")
        assert response.status_code == 409
        assert "is not possible while the case is" in response.get_data(as_text=True)


def test_a_case_without_an_scia_proceeding_answers_409(client, login):
    registrar = make_user(Role.REGISTRAR)
    case = make_case(CaseState.REFERRED_TO_SCIA, currency=Currency.SGD)
    login(registrar)
    for tail in PAGES:
        response = client.get(f"/cases/{case.id}/arbitration/{tail}")
        assert response.status_code == 409
        assert "This case has no SCIA proceeding" in response.get_data(as_text=True)
