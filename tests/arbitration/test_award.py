"""The consent award: requesting it from SCIA with the current Draft Consent Award, and recording
the award SCIA issued (the PDF, its dates, SCIA's case number) — who may, when, what is stored
and who is told."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from casework.accounts.models import Role
from casework.arbitration.award import (
    consent_award_draft,
    record_award,
    request_consent_award,
)
from casework.arbitration.models import SciaProceeding, SciaRoute
from casework.arbitration.proceedings import proceeding_for
from casework.audit.models import AuditEntry
from casework.cases.models import CaseState, Currency
from casework.cases.simc_clock import simc_today
from casework.documents.generated.operations import revoke_generated_document
from casework.documents.generated_models import GeneratedDocumentKind
from casework.documents.models import Circulation, Document
from casework.errors import IllegalTransition, InvalidInput, NotPermitted
from casework.extensions import db
from casework.notifications.models import OutboxMessage
from casework.settlement.issuing import issue_settlement_document
from tests.arbitration.award_helpers import (
    PDF,
    SCIA_REFERENCE,
    SENT_ON,
    awarded_scene,
    draft_scene,
    in_arbitration_case,
    requested_scene,
)
from tests.factories import make_case, make_user, stored_files
from tests.settlement.helpers import signed_scene
from tests.settlement.pdf_tools import compact, pdf_text, stored_pdf

pytestmark = pytest.mark.usefixtures("quick_password_hashes", "store_dir")

AWARD_DATE = date(2026, 11, 20)
RECEIVED_ON = date(2026, 11, 23)


def _count(model, **filters) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).filter_by(**filters))


def _outbox(kind: str) -> list[OutboxMessage]:
    return list(db.session.scalars(
        sa.select(OutboxMessage).filter_by(kind=kind).order_by(OutboxMessage.recipient)))


def _audit(case, action: str) -> list[AuditEntry]:
    return list(db.session.scalars(sa.select(AuditEntry).filter_by(case_id=case.id,
                                                                  action=action)))


def _award_form(version: int, *, file=None, award_date=AWARD_DATE, received_on=RECEIVED_ON,
                reference=SCIA_REFERENCE) -> dict:
    return {
        "version": str(version),
        "award_file": file or (io.BytesIO(PDF), "award.pdf"),
        "award_date": award_date.isoformat(),
        "received_on": received_on.isoformat(),
        "scia_reference": reference,
    }


# Requesting the consent award ----------------------------------------------------------------


def test_the_request_opens_the_consent_award_proceeding_and_tells_the_parties_and_mediator():
    scene = draft_scene()
    case = scene.case
    case.amount_in_dispute, case.currency = Decimal("880000.00"), Currency.CNY
    db.session.commit()

    proceeding = request_consent_award(scene.registrar, case, SENT_ON,
                                       expected_version=case.version)
    db.session.commit()

    assert case.state == CaseState.AWARD_REQUESTED
    assert proceeding_for(case) is proceeding
    assert (proceeding.route, proceeding.trigger) == (SciaRoute.CONSENT_AWARD, None)
    assert proceeding.arbitration_agreement_text == (
        "Disputes shall be submitted to the Shenzhen Court of International Arbitration.\n\n"
        "争议提交深圳国际仲裁院仲裁。")
    assert (proceeding.claim_amount, proceeding.claim_currency, proceeding.amount_rmb) == (
        Decimal("880000.00"), "CNY", Decimal("880000.00"))
    assert proceeding.consent_award_requested_on == SENT_ON
    assert proceeding.started_by_id == scene.registrar.id
    assert proceeding.scia_reference is None and proceeding.award_date is None
    (entry,) = _audit(case, "request_consent_award")
    assert entry.actor_id == scene.registrar.id
    assert entry.changes["consent_award_requested_on"] == [None, "2026-11-02"]
    assert entry.changes["draft_consent_award"]["version_number"] == 1
    messages = _outbox("consent_award_requested")
    assert {m.recipient for m in messages} == {
        scene.claimant.email, scene.respondent.email, scene.mediator.email}
    assert len(messages) == 3
    assert messages[0].subject == f"Consent award requested from SCIA: {case.reference}"
    assert "November 2, 2026" in messages[0].body
    assert "Draft Consent Award (version 1)" in messages[0].body


def test_a_claim_in_another_currency_waits_for_a_rate_before_its_rmb_amount():
    scene = requested_scene()
    proceeding = proceeding_for(scene.case)
    assert (proceeding.claim_amount, proceeding.claim_currency) == (Decimal("250000.00"), "SGD")
    assert proceeding.amount_rmb is None and proceeding.rmb_rate is None


def _assert_nothing_requested(case) -> None:
    db.session.expire_all()
    assert case.state == CaseState.SETTLEMENT_SIGNED
    assert _count(SciaProceeding) == 0
    assert _audit(case, "request_consent_award") == []
    assert _outbox("consent_award_requested") == []


def test_the_request_is_refused_without_a_draft_consent_award():
    scene = signed_scene()
    with pytest.raises(IllegalTransition) as refused:
        request_consent_award(scene.registrar, scene.case, SENT_ON, expected_version=None)
    assert refused.value.status == 409
    assert "Generate the Draft Consent Award first" in str(refused.value.message)
    _assert_nothing_requested(scene.case)


def test_the_request_is_refused_once_the_draft_was_revoked():
    scene = draft_scene()
    revoke_generated_document(scene.registrar, consent_award_draft(scene.case),
                              "Wrong party name.")
    db.session.commit()
    assert consent_award_draft(scene.case) is None

    with pytest.raises(IllegalTransition):
        request_consent_award(scene.registrar, scene.case, SENT_ON, expected_version=None)
    _assert_nothing_requested(scene.case)


def test_a_request_dated_in_the_future_is_refused():
    scene = draft_scene()
    with pytest.raises(InvalidInput):
        request_consent_award(scene.registrar, scene.case, date(2026, 12, 1),
                              expected_version=None, today=date(2026, 11, 30))
    _assert_nothing_requested(scene.case)


@pytest.mark.parametrize("who", ["claimant", "respondent", "mediator"])
def test_only_the_registry_requests_the_consent_award(who):
    scene = draft_scene()
    with pytest.raises(NotPermitted):
        request_consent_award(getattr(scene, who), scene.case, SENT_ON, expected_version=None)
    _assert_nothing_requested(scene.case)


def test_the_request_page_shows_the_draft_and_records_the_request(client, login):
    scene = draft_scene()
    login(scene.registrar)
    page = client.get(f"/cases/{scene.case.id}/arbitration/consent-award/request")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert consent_award_draft(scene.case).verification_code in text
    assert f'value="{simc_today().isoformat()}"' in text  # sent today, unless changed

    response = client.post(f"/cases/{scene.case.id}/arbitration/consent-award/request",
                           data={"version": scene.case.version, "sent_on": "2026-11-02"})

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{scene.case.id}/arbitration")
    db.session.expire_all()
    assert scene.case.state == CaseState.AWARD_REQUESTED
    assert proceeding_for(scene.case).consent_award_requested_on == SENT_ON


def test_the_request_page_without_a_draft_says_to_generate_it_and_refuses(client, login):
    scene = signed_scene()
    login(scene.registrar)
    url = f"/cases/{scene.case.id}/arbitration/consent-award/request"

    page = client.get(url).get_data(as_text=True)
    response = client.post(url, data={"version": scene.case.version, "sent_on": "2026-11-02"})

    assert "no current Draft Consent Award" in page
    assert f"/cases/{scene.case.id}/generated-documents" in page
    assert 'name="sent_on"' not in page
    assert response.status_code == 409
    assert "Generate the Draft Consent Award first" in response.get_data(as_text=True)
    _assert_nothing_requested(scene.case)


def test_a_request_dated_tomorrow_is_refused_on_the_form(client, login):
    scene = draft_scene()
    login(scene.registrar)
    response = client.post(
        f"/cases/{scene.case.id}/arbitration/consent-award/request",
        data={"version": scene.case.version,
              "sent_on": (simc_today() + timedelta(days=1)).isoformat()})
    assert response.status_code == 422
    assert ("Request sent on: The date the request was sent cannot be in the future."
            in response.get_data(as_text=True))
    _assert_nothing_requested(scene.case)


def test_the_request_page_is_refused_to_others_in_the_wrong_state_and_when_missing(
        client, login):
    scene = draft_scene()
    url = f"/cases/{scene.case.id}/arbitration/consent-award/request"
    login(scene.claimant)
    assert client.get(url).status_code == 403
    assert client.post(url, data={"version": scene.case.version,
                                  "sent_on": "2026-11-02"}).status_code == 403
    login(make_case(CaseState.SETTLEMENT_SIGNED).created_by)
    assert client.get(url).status_code == 403  # another case's party
    login(scene.registrar)
    assert client.get("/cases/999999/arbitration/consent-award/request").status_code == 404
    settled = make_case(CaseState.SETTLED)
    db.session.commit()
    assert client.get(
        f"/cases/{settled.id}/arbitration/consent-award/request").status_code == 409
    _assert_nothing_requested(scene.case)


# Recording the award -------------------------------------------------------------------------


def test_recording_the_award_stores_the_pdf_for_the_case_file_and_tells_everyone(
        client, login, store_dir):
    scene = requested_scene()
    case = scene.case
    login(scene.registrar)

    response = client.post(f"/cases/{case.id}/arbitration/award", data=_award_form(case.version))

    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    db.session.expire_all()
    assert case.state == CaseState.AWARD_ISSUED
    proceeding = proceeding_for(case)
    assert (proceeding.award_date, proceeding.award_received_on, proceeding.scia_reference) == (
        AWARD_DATE, RECEIVED_ON, SCIA_REFERENCE)
    document = proceeding.award_document
    assert (document.filename, document.media_type, document.circulation) == (
        "award.pdf", "application/pdf", Circulation.CASE_FILE)
    assert document.uploaded_by_id == scene.registrar.id and document.case_id == case.id
    assert len(stored_files(store_dir)) == 1
    (entry,) = _audit(case, "record_award")
    assert entry.changes["scia_reference"] == [None, SCIA_REFERENCE]
    assert entry.changes["award_document_id"] == [None, document.id]
    assert [e.action for e in _audit(case, "document_uploaded")] == ["document_uploaded"]
    messages = _outbox("award_recorded")
    assert {m.recipient for m in messages} == {
        scene.claimant.email, scene.respondent.email, scene.mediator.email,
        scene.registrar.email}
    body = messages[0].body
    assert messages[0].subject == f"Award recorded: {case.reference}"
    assert f"SCIA case {SCIA_REFERENCE}" in body
    for label in ("Request to correct the award", "Application to set the award aside",
                  "Application for enforcement in mainland China"):
        assert label in body
    assert "Wednesday, December 23, 2026" in body  # correction: 30 days from 23 November
    assert "within 3 months of receiving it" in body  # made after 1 March 2026


def test_the_award_of_an_escalated_arbitration_is_recorded_too():
    case, registrar = in_arbitration_case()
    record_award(registrar, case, io.BytesIO(PDF), "award.pdf", award_date=AWARD_DATE,
                 received_on=RECEIVED_ON, scia_reference=SCIA_REFERENCE,
                 expected_version=case.version)
    db.session.commit()
    assert case.state == CaseState.AWARD_ISSUED
    assert proceeding_for(case).award_document.filename == "award.pdf"


def _assert_nothing_recorded(case, store_dir) -> None:
    """No award on the case, no document, no stored file, nobody told."""
    db.session.expire_all()
    assert case.state == CaseState.AWARD_REQUESTED
    proceeding = proceeding_for(case)
    assert (proceeding.award_date, proceeding.award_received_on,
            proceeding.award_document_id) == (None, None, None)
    assert _count(Document) == 0
    assert stored_files(store_dir) == []
    assert _audit(case, "record_award") == []
    assert _outbox("award_recorded") == []


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("award.docx", b"PK\x03\x04 not really a document", "The award must be a PDF file"),
    ("award.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "The award must be a PDF file"),
    ("award.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "its content is PNG"),
    ("award.pdf", b"<html><body>award</body></html>", "HTML (a web page)"),
])
def test_an_award_that_is_not_a_pdf_is_refused_and_nothing_is_stored(
        client, login, store_dir, name, content, problem):
    scene = requested_scene()
    login(scene.registrar)

    response = client.post(f"/cases/{scene.case.id}/arbitration/award",
                           data=_award_form(scene.case.version,
                                            file=(io.BytesIO(content), name)))

    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "Signed and sealed award (PDF): " in text and problem in text
    _assert_nothing_recorded(scene.case, store_dir)


def test_an_award_received_before_it_was_made_is_refused(client, login, store_dir):
    scene = requested_scene()
    login(scene.registrar)

    response = client.post(f"/cases/{scene.case.id}/arbitration/award", data=_award_form(
        scene.case.version, award_date=AWARD_DATE, received_on=AWARD_DATE - timedelta(days=1)))

    assert response.status_code == 422
    assert ("Award received on: The award cannot have been received before the date it was "
            "made." in response.get_data(as_text=True))
    _assert_nothing_recorded(scene.case, store_dir)
    with pytest.raises(InvalidInput):
        record_award(scene.registrar, scene.case, io.BytesIO(PDF), "award.pdf",
                     award_date=AWARD_DATE, received_on=AWARD_DATE - timedelta(days=1),
                     scia_reference=SCIA_REFERENCE, expected_version=None)
    _assert_nothing_recorded(scene.case, store_dir)


@pytest.mark.parametrize(("award_date", "received_on"), [
    (date(2026, 12, 1), date(2026, 12, 1)),
    (date(2026, 11, 20), date(2026, 12, 1)),
])
def test_award_dates_in_the_future_are_refused(store_dir, award_date, received_on):
    scene = requested_scene()
    with pytest.raises(InvalidInput):
        record_award(scene.registrar, scene.case, io.BytesIO(PDF), "award.pdf",
                     award_date=award_date, received_on=received_on,
                     scia_reference=SCIA_REFERENCE, expected_version=None,
                     today=date(2026, 11, 30))
    _assert_nothing_recorded(scene.case, store_dir)


def test_scia_case_number_is_required_until_recorded(client, login, store_dir):
    scene = requested_scene()
    login(scene.registrar)
    url = f"/cases/{scene.case.id}/arbitration/award"

    refused = client.post(url, data=_award_form(scene.case.version, reference=" "))

    assert refused.status_code == 422
    assert ("SCIA case number: Give SCIA&#39;s case number, as printed on the award."
            in refused.get_data(as_text=True))
    _assert_nothing_recorded(scene.case, store_dir)

    proceeding_for(scene.case).scia_reference = "SCIA-2026-0007"
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert 'name="scia_reference"' not in page and "SCIA-2026-0007" in page
    assert client.post(url, data=_award_form(scene.case.version, reference="")).status_code == 302
    db.session.expire_all()
    assert proceeding_for(scene.case).scia_reference == "SCIA-2026-0007"
    assert "scia_reference" not in _audit(scene.case, "record_award")[0].changes


def test_a_different_scia_case_number_is_not_changed_by_the_award(store_dir):
    scene = requested_scene()
    proceeding_for(scene.case).scia_reference = "SCIA-2026-0007"
    db.session.commit()
    with pytest.raises(InvalidInput) as refused:
        record_award(scene.registrar, scene.case, io.BytesIO(PDF), "award.pdf",
                     award_date=AWARD_DATE, received_on=RECEIVED_ON,
                     scia_reference="SCIA-2026-9999", expected_version=None)
    assert "already recorded as SCIA-2026-0007" in str(refused.value.message)
    _assert_nothing_recorded(scene.case, store_dir)


def test_the_award_page_is_refused_to_others_in_the_wrong_state_and_when_missing(
        client, login, store_dir):
    scene = requested_scene()
    url = f"/cases/{scene.case.id}/arbitration/award"
    for user in (scene.claimant, scene.respondent, scene.mediator):
        login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, data=_award_form(scene.case.version)).status_code == 403
    login(make_user(Role.MEDIATOR))
    assert client.get(url).status_code == 403  # a mediator not on the case
    login(scene.registrar)
    assert client.get("/cases/999999/arbitration/award").status_code == 404
    _assert_nothing_recorded(scene.case, store_dir)

    signed = draft_scene()  # the consent award is not requested yet
    login(signed.registrar)
    response = client.post(f"/cases/{signed.case.id}/arbitration/award",
                           data=_award_form(signed.case.version))
    assert response.status_code == 409
    assert _count(Document) == 0


def test_a_stale_award_form_is_refused(client, login, store_dir):
    scene = requested_scene()
    login(scene.registrar)
    version = scene.case.version
    scene.case.mediator_attributes = "Changed by someone else meanwhile."
    db.session.commit()

    response = client.post(f"/cases/{scene.case.id}/arbitration/award", data=_award_form(version))

    assert response.status_code == 409
    _assert_nothing_recorded(scene.case, store_dir)


# The award on the arbitration page ----------------------------------------------------------


def test_the_arbitration_page_shows_the_request_the_award_and_the_deadlines(client, login):
    scene = awarded_scene(AWARD_DATE, RECEIVED_ON)
    document = proceeding_for(scene.case).award_document
    login(scene.respondent)

    page = client.get(f"/cases/{scene.case.id}/arbitration")

    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Consent award on the signed settlement" in text
    assert "November 2, 2026" in text  # requested
    assert SCIA_REFERENCE in text
    assert "November 20, 2026" in text and "November 23, 2026" in text
    assert f"/documents/{document.id}/download" in text
    assert client.get(f"/documents/{document.id}/download").data == PDF
    for kind in ("correction", "set_aside", "enforcement"):
        assert f'data-deadline="{kind}"' in text
    assert "Wednesday, December 23, 2026" in text
    assert "Starts Nov 23, 2026 (receipt of the award) + 30 days = Dec 23, 2026." in text
    assert "must be made within 3 months of receiving it" in text
    assert "from the due date of the last instalment" in text


def test_before_the_request_the_arbitration_page_has_no_award_section(client, login):
    scene = draft_scene()
    login(scene.registrar)
    text = client.get(f"/cases/{scene.case.id}/arbitration").get_data(as_text=True)
    assert 'id="arbitration-award"' not in text
    assert f"/cases/{scene.case.id}/arbitration/consent-award/request" in text  # next step

    requested = requested_scene()
    text = client.get(f"/cases/{requested.case.id}/arbitration").get_data(as_text=True)
    assert 'id="arbitration-award"' in text and "No award yet" in text
    assert f"/cases/{requested.case.id}/arbitration/award" in text  # next step


# The Draft Consent Award prints SCIA's case number once there is one -------------------------


def test_a_draft_consent_award_generated_after_scia_assigned_its_number_prints_it():
    scene = requested_scene()
    proceeding_for(scene.case).scia_reference = SCIA_REFERENCE
    db.session.commit()

    draft = issue_settlement_document(scene.registrar, scene.case,
                                      GeneratedDocumentKind.CONSENT_AWARD_DRAFT,
                                      expected_version=scene.case.version)
    db.session.commit()

    assert draft.version_number == 2
    assert draft.input_snapshot["case"]["scia_reference"] == SCIA_REFERENCE
    assert compact(f"SCIA case number: {SCIA_REFERENCE} 仲裁案号：{SCIA_REFERENCE}") in pdf_text(
        stored_pdf(draft))
