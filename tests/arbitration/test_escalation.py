"""Escalating an unsettled dispute to SCIA: the trigger, the amount in dispute in RMB at the rate
entered (required for a foreign-currency claim), the fees, what is recorded and who is told, the
referral notice deadline, generating the referral again — and who may, when."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from markupsafe import escape

from casework.accounts.models import Role
from casework.arbitration.escalation import escalation_trigger
from casework.arbitration.models import EscalationTrigger, SciaProceeding
from casework.arbitration.proceedings import proceeding_for
from casework.arbitration.referral import REFERRAL_ATTACHMENT, current_referral
from casework.audit.models import AuditEntry
from casework.cases.models import CaseState, Currency, MediationResult
from casework.cases.simc_clock import simc_today
from casework.deadlines.calendars import calendar_for
from casework.deadlines.case_deadlines import DeadlineStatus, deadlines_for
from casework.deadlines.models import ReminderKind
from casework.deadlines.reminders import queue_reminders
from casework.deadlines.rules import REFERRAL_NOTICE
from casework.documents.generated_models import GeneratedDocument, GeneratedDocumentKind
from casework.documents.models import Circulation
from casework.extensions import db
from casework.notifications.models import OutboxMessage
from casework.parties.models import Jurisdiction
from tests.arbitration.escalation_scenes import (
    NEW_AGREEMENT,
    SIAC_CLAUSE,
    escalated_case,
    registrar,
    unsettled_case,
    upload,
)
from tests.factories import make_case, make_user, stored_files
from tests.settlement.pdf_tools import embedded_files, pdf_text, stored_pdf

pytestmark = pytest.mark.usefixtures("quick_password_hashes", "store_dir")

RATE_LABEL = "Exchange rate: RMB for one USD"


def escalate_url(case) -> str:
    return f"/cases/{case.id}/arbitration/escalate"


def usd_case(**fields):
    """An unsettled case claiming USD 250,000 after an impasse, with its mediator."""
    mediator = make_user(Role.MEDIATOR)
    return unsettled_case(currency=Currency.USD, mediator_id=mediator.id, **fields)


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def unchanged(case, version: int) -> bool:
    db.session.expire_all()
    return (case.state, case.version) == (CaseState.NOT_SETTLED, version) and all(
        count(model) == 0 for model in (SciaProceeding, GeneratedDocument, OutboxMessage))


# --- the exchange rate ----------------------------------------------------------------------


@pytest.mark.parametrize("rate", ["", "   ", "0", "-7.1", "seven", "7.1234567", "NaN"])
def test_a_usd_claim_needs_a_valid_rate_and_nothing_is_stored_without_it(client, login,
                                                                         store_dir, rate):
    case = usd_case()
    login(registrar())
    version = case.version

    response = client.post(escalate_url(case), data={
        "version": version, "rmb_rate": rate, "escalate": "1"})

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert f"{RATE_LABEL}: " in page
    assert 'class="field  has-error"' in page
    assert unchanged(case, version)
    assert stored_files(store_dir) == []


def test_the_page_shows_the_amount_in_rmb_at_the_rate_entered(client, login):
    case = usd_case()
    login(registrar())

    form = client.get(escalate_url(case)).get_data(as_text=True)
    preview = client.post(escalate_url(case), data={
        "version": case.version, "rmb_rate": "7.1", "preview": "1"})

    assert "USD 250,000.00" in form
    assert RATE_LABEL in form
    assert "Enter the exchange rate to see SCIA" in form
    assert preview.status_code == 200
    page = preview.get_data(as_text=True)
    assert "RMB 1,775,000.00" in page
    assert ("Amount in dispute: USD 250,000.00 × 7.1 (the exchange rate entered) = "
            "RMB 1,775,000.00.") in page
    assert str(escape("Arbitration fee: 35,000 + 2.5% × (1,775,000 − 1,000,000) = 54,375.00.")
               ) in page
    assert "RMB 64,375.00" in page  # with the RMB 10,000 filing fee
    assert unchanged(case, case.version)


def test_a_usd_claim_is_escalated_at_the_rate_entered(client, login):
    case = usd_case()
    clerk = login(registrar())
    respondent = make_user(Role.PARTY, organisation=case.respondent.organisation)
    db.session.commit()

    response = client.post(escalate_url(case), data={
        "version": case.version, "rmb_rate": "7.1", "escalate": "1"})

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{case.id}/arbitration")
    db.session.expire_all()
    assert case.state == CaseState.REFERRED_TO_SCIA
    proceeding = proceeding_for(case)
    assert (proceeding.trigger, proceeding.claim_amount, proceeding.claim_currency,
            proceeding.rmb_rate, proceeding.amount_rmb, proceeding.started_by_id) == (
        EscalationTrigger.IMPASSE, Decimal("250000.00"), "USD", Decimal("7.1"),
        Decimal("1775000.00"), clerk.id)
    assert proceeding.arbitration_agreement_text == case.clause_text
    entry = db.session.scalars(db.select(AuditEntry).filter_by(
        case_id=case.id, action="escalate_to_scia")).one()
    assert entry.actor_id == clerk.id
    assert entry.changes["state"] == ["not_settled", "referred_to_scia"]
    assert entry.changes["amount_rmb"] == "1775000.00"
    referral = current_referral(case)
    assert (referral.kind, referral.version_number, referral.generated_by_id) == (
        GeneratedDocumentKind.REFERRAL, 1, clerk.id)
    pdf = stored_pdf(referral)
    text = pdf_text(pdf)
    assert "USD250,000.00" in text
    assert "1USD=人民币7.1元" in text
    assert "¥1,775,000.00" in text
    assert "人民币壹佰柒拾柒万伍仟元整" in text
    assert "¥64,375.00" in text
    [attached] = embedded_files(pdf)[REFERRAL_ATTACHMENT]
    assert b'"amount_rmb": "1775000.00"' in attached
    messages = db.session.scalars(db.select(OutboxMessage).filter_by(
        case_id=case.id, kind="escalated_to_scia")).all()
    assert {m.recipient for m in messages} >= {
        case.created_by.email, respondent.email, clerk.email, case.mediator.email}
    assert all("RMB 1,775,000.00" in m.body and referral.verification_code in m.body
               for m in messages)
    page = client.get(f"/cases/{case.id}/arbitration").get_data(as_text=True)
    assert "RMB 1,775,000.00 at 7.1 RMB for one USD" in page
    assert f"verification code {referral.verification_code}" in page
    case_page = client.get(f"/cases/{case.id}")
    assert case_page.status_code == 200
    assert "Referral notice to SCIA" in case_page.get_data(as_text=True)


# --- the trigger ----------------------------------------------------------------------------


@pytest.mark.parametrize(("result", "trigger"), [
    (MediationResult.IMPASSE, EscalationTrigger.IMPASSE),
    (MediationResult.WINDOW_EXPIRED, EscalationTrigger.WINDOW_EXPIRED),
    (MediationResult.PARTY_WITHDREW, EscalationTrigger.PARTY_WITHDREW),
])
def test_the_trigger_is_how_the_mediation_ended(result, trigger):
    assert escalation_trigger(unsettled_case(result)) == trigger


def test_a_respondent_that_declined_triggers_the_escalation(client, login):
    case = make_case(CaseState.DECLINED, currency=Currency.CNY, respondent_answered_on=simc_today())
    assert escalation_trigger(case) == EscalationTrigger.RESPONDENT_DECLINED
    login(registrar())

    page = client.get(escalate_url(case)).get_data(as_text=True)
    response = client.post(escalate_url(case), data={"version": case.version, "escalate": "1"})

    assert "The respondent declined to mediate" in page
    assert response.status_code == 302
    db.session.expire_all()
    assert proceeding_for(case).trigger == EscalationTrigger.RESPONDENT_DECLINED
    assert "被申请人于" in pdf_text(stored_pdf(current_referral(case)))


def test_a_mediation_without_a_recorded_result_is_not_escalated(client, login):
    case = make_case(CaseState.NOT_SETTLED, currency=Currency.CNY)
    login(registrar())

    page = client.get(escalate_url(case)).get_data(as_text=True)
    response = client.post(escalate_url(case), data={"version": case.version, "escalate": "1"})

    assert "The mediation has no recorded result" in page
    assert response.status_code == 409
    assert unchanged(case, case.version)


# --- who may, when --------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["claimant", "respondent", "mediator"])
def test_only_the_registry_escalates(client, login, who):
    case = usd_case()
    people = {
        "claimant": case.created_by,
        "respondent": make_user(Role.PARTY, organisation=case.respondent.organisation),
        "mediator": case.mediator,
    }
    db.session.commit()
    login(people[who])

    assert client.get(escalate_url(case)).status_code == 403
    response = client.post(escalate_url(case), data={
        "version": case.version, "rmb_rate": "7.1", "escalate": "1"})

    assert response.status_code == 403
    assert unchanged(case, case.version)


@pytest.mark.parametrize("state", [CaseState.IN_MEDIATION, CaseState.SETTLEMENT_SIGNED,
                                   CaseState.REFERRED_TO_SCIA])
def test_escalation_is_refused_in_other_states(client, login, state):
    case = make_case(state)
    login(registrar())

    response = client.post(escalate_url(case), data={
        "version": case.version, "rmb_rate": "7.1", "escalate": "1"})

    assert response.status_code == 409
    assert "is not possible while the case is" in response.get_data(as_text=True)
    assert count(SciaProceeding) == 0


def test_a_stale_form_is_refused(client, login):
    case = usd_case()
    login(registrar())
    version = case.version
    case.mediator_attributes = "Changed meanwhile."
    db.session.commit()

    response = client.post(escalate_url(case), data={
        "version": version, "rmb_rate": "7.1", "escalate": "1"})

    assert response.status_code == 409
    assert "changed by someone else" in response.get_data(as_text=True)
    assert count(SciaProceeding) == 0


def test_recording_a_new_agreement_makes_an_earlier_escalation_form_stale(client, login):
    case = unsettled_case(clause_text=SIAC_CLAUSE, currency=Currency.CNY)
    clerk = login(registrar())
    document = upload(clerk, case, "agreement.pdf", b"%PDF-1.4 signed")
    loaded_with = case.version
    client.post(f"/cases/{case.id}/arbitration/agreement", data={
        "version": case.version, "text": NEW_AGREEMENT, "document_id": str(document.id)})

    response = client.post(escalate_url(case), data={"version": loaded_with, "escalate": "1"})

    assert response.status_code == 409
    db.session.expire_all()
    assert case.state == CaseState.NOT_SETTLED


# --- the referral notice deadline -----------------------------------------------------------


def test_the_referral_notice_runs_from_the_escalation(client, login):
    case = unsettled_case(currency=Currency.CNY)
    assert REFERRAL_NOTICE.key not in [d.key for d in deadlines_for(case)]
    login(registrar())

    client.post(escalate_url(case), data={"version": case.version, "escalate": "1"})

    db.session.expire_all()
    [notice] = [d for d in deadlines_for(case) if d.key == REFERRAL_NOTICE.key]
    calendar = calendar_for(Jurisdiction.CN)
    assert notice.due_date.start == simc_today()
    assert notice.due == calendar.add_working_days(simc_today(), REFERRAL_NOTICE.length)
    assert notice.due_date.calendar.jurisdiction == Jurisdiction.CN
    assert notice.status == DeadlineStatus.UPCOMING
    proceeding = proceeding_for(case)
    proceeding.scia_filed_on = simc_today() + timedelta(days=1)
    db.session.commit()
    [met] = [d for d in deadlines_for(case) if d.key == REFERRAL_NOTICE.key]
    assert (met.status, met.met_on) == (DeadlineStatus.MET, simc_today() + timedelta(days=1))


def test_the_registry_is_reminded_of_the_referral_notice():
    case = escalated_case()
    clerk = registrar()
    [notice] = [d for d in deadlines_for(case) if d.key == REFERRAL_NOTICE.key]

    queued = queue_reminders(notice.due)

    assert (case.id, REFERRAL_NOTICE.key, clerk.id, ReminderKind.DUE_TODAY) in [
        (q.case.id, q.deadline.key, q.recipient.id, q.kind) for q in queued]


def test_a_recorded_agreement_alone_starts_no_referral_notice(client, login):
    case = unsettled_case(clause_text=SIAC_CLAUSE)
    clerk = login(registrar())
    document = upload(clerk, case, "agreement.pdf", b"%PDF-1.4 signed")
    client.post(f"/cases/{case.id}/arbitration/agreement", data={
        "version": case.version, "text": NEW_AGREEMENT, "document_id": str(document.id)})

    db.session.expire_all()
    assert proceeding_for(case) is not None
    assert REFERRAL_NOTICE.key not in [d.key for d in deadlines_for(case)]


# --- generating the referral again ----------------------------------------------------------


def test_the_registry_generates_the_referral_again(client, login):
    case = escalated_case()
    clerk = login(registrar())
    client.post(f"/cases/{case.id}/arbitration/referral", data={"version": case.version})
    first = current_referral(case)
    upload(case.created_by, case, "late-exhibit.pdf", b"%PDF-1.4 late exhibit", "Exhibit C-9")

    response = client.post(f"/cases/{case.id}/arbitration/referral",
                           data={"version": case.version})

    assert response.status_code == 302
    db.session.expire_all()
    second = current_referral(case)
    assert (first.version_number, second.version_number, second.generated_by_id) == (
        1, 2, clerk.id)
    assert first.superseded_by_id == second.id
    assert "late-exhibit.pdf" in pdf_text(stored_pdf(second))
    assert "late-exhibit.pdf" not in pdf_text(stored_pdf(first))
    told = db.session.scalars(db.select(OutboxMessage).filter_by(
        case_id=case.id, kind="referral_issued")).all()
    assert case.created_by.email in {m.recipient for m in told}


def test_the_referral_is_not_generated_again_once_its_agreement_no_longer_travels(client, login):
    case = escalated_case()
    clerk = login(registrar())
    document = upload(clerk, case, "agreement.pdf", b"%PDF-1.4 signed")
    proceeding = proceeding_for(case)
    proceeding.arbitration_agreement_text = NEW_AGREEMENT
    proceeding.arbitration_agreement_document_id = document.id
    document.circulation = Circulation.MEDIATION_ONLY
    db.session.commit()

    response = client.post(f"/cases/{case.id}/arbitration/referral",
                           data={"version": case.version})

    assert response.status_code == 409
    assert "agreement.pdf" in response.get_data(as_text=True)
    assert count(GeneratedDocument) == 0


def test_only_the_registry_generates_the_referral_of_a_referred_case(client, login):
    referred = escalated_case()
    unsettled = unsettled_case()
    clerk = registrar()
    login(referred.created_by)
    assert client.post(f"/cases/{referred.id}/arbitration/referral",
                       data={"version": referred.version}).status_code == 403
    login(clerk)
    assert client.post(f"/cases/{unsettled.id}/arbitration/referral",
                       data={"version": unsettled.version}).status_code == 409
    assert count(GeneratedDocument) == 0
