"""Reviewing and submitting a Request for Mediation, and the filing receipt."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from casework.accounts.models import Locale, Role
from casework.audit.models import AuditEntry
from casework.cases.filing import IncompleteRequest, submit_request_for_mediation
from casework.cases.models import (
    Case,
    CaseLanguage,
    CaseState,
    Currency,
    PartySide,
    RespondentInvitation,
)
from casework.db import now_utc
from casework.documents.models import Document
from casework.extensions import db
from casework.notifications.models import OutboxMessage
from casework.parties.models import Jurisdiction, Organisation
from tests.cases.test_filing import (
    PDF,
    SCRIPT,
    complete_form,
    make_draft,
    respondent_particulars,
    sign_in,
)
from tests.factories import make_case, make_org, make_user, valid_uen, valid_uscc

SINGAPORE = ZoneInfo("Asia/Singapore")


def messages(kind: str) -> list[OutboxMessage]:
    return list(db.session.scalars(
        sa.select(OutboxMessage).filter_by(kind=kind).order_by(OutboxMessage.id)))


def test_the_review_page_shows_everything_and_the_fee(client, login, app):
    case = make_draft(app)
    sign_in(login, case.created_by)
    response = client.get(f"/cases/{case.id}/submit")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for text in (
        case.claimant.organisation.name_en,
        "Shenzhen Bright Lights 700 Co., Ltd.",
        valid_uscc(700),
        "Li Na",
        "Unpaid invoices for LED panels",
        "SGD\u00a0250,000.00",
        "Disputes go to mediation at SIMC",
        "Filing fee due on submission: SGD\u00a01,000.00",
        "in the band SGD 100,000.01 – 1,000,000.00",
    ):
        assert text in page, text
    assert "The request is not complete" not in page
    assert "disabled" not in page.split("Submit the Request for Mediation")[0].rsplit("<form", 1)[1]


def test_submit_files_the_case_numbers_it_and_tells_everyone(client, login, app):
    registrar = make_user(Role.REGISTRAR)
    case = make_draft(app)
    colleague = make_user(Role.PARTY, organisation=case.claimant.organisation)
    sign_in(login, case.created_by)
    response = client.post(f"/cases/{case.id}/submit", data={"version": str(case.version)})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{case.id}/receipt")
    db.session.expire_all()
    year = now_utc().astimezone(SINGAPORE).year
    assert case.state == CaseState.FILED
    assert case.reference == f"SIMC-{year}-0001"
    assert case.submitted_at is not None
    assert case.filing_fee == Decimal("1000.00")
    respondent = case.respondent
    assert respondent.organisation.registry_number == valid_uscc(700)
    assert respondent.organisation.name_zh == "深圳光明700有限公司"
    assert respondent.confirmed_at is None
    invitation = db.session.scalars(sa.select(RespondentInvitation)).one()
    assert invitation.case_id == case.id
    assert invitation.email == case.respondent_contact_email
    assert len(invitation.token_hash) == 64
    assert (invitation.expires_at - invitation.created_at).days == app.config["INVITATION_DAYS"]

    (invite,) = messages("respondent_invitation")
    assert invite.recipient == case.respondent_contact_email
    assert invite.locale == Locale.ZH.value  # the respondent is registered in mainland China
    assert case.reference in invite.subject
    assert "http://localhost/invitations/" in invite.body
    assert {m.recipient for m in messages("filing_received")} == {
        case.created_by.email, colleague.email}
    assert [m.recipient for m in messages("new_filing")] == [registrar.email]
    assert case.reference in messages("new_filing")[0].subject
    audit = db.session.scalar(sa.select(AuditEntry).filter_by(
        case_id=case.id, action="request_submitted"))
    assert audit.changes["reference"] == [None, case.reference]
    assert audit.actor_id == case.created_by_id


def test_references_follow_each_other(client, login, app):
    first, second = make_draft(app, serial=701), make_draft(app, serial=702)
    year = now_utc().astimezone(SINGAPORE).year
    for case in (first, second):
        sign_in(login, case.created_by)
        assert client.post(f"/cases/{case.id}/submit",
                           data={"version": str(case.version)}).status_code == 302
    db.session.expire_all()
    assert first.reference == f"SIMC-{year}-0001"
    assert second.reference == f"SIMC-{year}-0002"


def test_the_reference_year_is_the_submission_year_in_singapore(app):
    case = make_draft(app)
    submit_request_for_mediation(
        case.created_by, case, expected_version=case.version,
        now=datetime(2026, 12, 31, 16, 30, tzinfo=UTC),
    )
    assert case.reference == "SIMC-2027-0001"


def test_an_incomplete_draft_is_not_submitted_and_each_missing_field_is_named(client, login):
    case = make_case(CaseState.DRAFT, dispute_summary="", amount_in_dispute=None, currency=None,
                     preferred_venue=None, respondent_contact_email="")
    sign_in(login, case.created_by)
    page = client.get(f"/cases/{case.id}/submit").get_data(as_text=True)
    assert "The request is not complete" in page
    response = client.post(f"/cases/{case.id}/submit", data={"version": str(case.version)})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    for label in ("Summary of the dispute", "Amount in dispute", "Currency", "Preferred venue",
                  "contact e-mail"):
        assert f"{label}: this is required." in page
    assert "Respondent organisation — Registered name (English): This field is required." in page
    db.session.expire_all()
    assert case.state == CaseState.DRAFT
    assert case.reference is None
    assert db.session.scalar(sa.select(sa.func.count()).select_from(OutboxMessage)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RespondentInvitation)) == 0


def test_the_operation_refuses_an_incomplete_request(app):
    case = make_draft(app, preferred_language=None)
    with pytest.raises(IncompleteRequest) as refused:
        submit_request_for_mediation(case.created_by, case, expected_version=case.version)
    assert refused.value.problems == ["Preferred language of the mediation: this is required."]


def test_a_respondent_uscc_failing_its_check_is_caught_at_submission(client, login, app):
    particulars = respondent_particulars(703)
    number = particulars["registry_number"]
    particulars["registry_number"] = number[:-1] + ("0" if number[-1] != "0" else "1")
    case = make_draft(app, serial=703, respondent_details=particulars)
    sign_in(login, case.created_by)
    response = client.post(f"/cases/{case.id}/submit", data={"version": str(case.version)})
    assert response.status_code == 422
    assert ("Respondent organisation — Registry number: the check character should be"
            in response.get_data(as_text=True))
    db.session.expire_all()
    assert case.state == CaseState.DRAFT


def test_an_already_registered_respondent_is_reused(client, login, app):
    existing = make_org(Jurisdiction.CN, registry_number=valid_uscc(704))
    case = make_draft(app, serial=704)
    sign_in(login, case.created_by)
    assert client.post(f"/cases/{case.id}/submit",
                       data={"version": str(case.version)}).status_code == 302
    db.session.expire_all()
    assert case.respondent.organisation_id == existing.id
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Organisation).filter_by(
        registry_number=valid_uscc(704))) == 1


def test_the_respondent_cannot_be_the_claimant_itself(client, login, app):
    own = make_org(Jurisdiction.CN, registry_number=valid_uscc(705))
    claimant = make_user(Role.PARTY, organisation=own)
    case = make_draft(app, claimant, serial=705)
    sign_in(login, claimant)
    response = client.post(f"/cases/{case.id}/submit", data={"version": str(case.version)})
    assert response.status_code == 422
    assert "cannot be the claimant organisation itself" in response.get_data(as_text=True)
    db.session.expire_all()
    assert case.state == CaseState.DRAFT


def test_submit_access_state_and_version(client, login, app):
    case = make_draft(app)
    outsider = make_user(Role.PARTY, organisation=make_org())
    sign_in(login, outsider)
    assert client.post(f"/cases/{case.id}/submit",
                       data={"version": str(case.version)}).status_code == 403
    sign_in(login, make_user(Role.REGISTRAR))
    assert client.post(f"/cases/{case.id}/submit",
                       data={"version": str(case.version)}).status_code == 403
    sign_in(login, case.created_by)
    assert client.post(f"/cases/{case.id}/submit",
                       data={"version": str(case.version - 1)}).status_code == 409
    db.session.expire_all()
    assert case.state == CaseState.DRAFT
    filed = make_case(CaseState.FILED)
    sign_in(login, filed.created_by)
    assert client.post(f"/cases/{filed.id}/submit",
                       data={"version": str(filed.version)}).status_code == 409


def test_the_receipt_shows_the_filing_and_its_documents(client, login):
    sign_in(login, make_user(Role.PARTY, organisation=make_org()))
    data = complete_form(save_draft="y", document_description="Supply contract",
                         dispute_summary=SCRIPT, document_circulation="case_file")
    data["documents"] = [(io.BytesIO(PDF), "contract.pdf")]
    assert client.post("/cases/new", data=data,
                       content_type="multipart/form-data").status_code == 302
    case = db.session.scalars(sa.select(Case)).one()
    assert client.post(f"/cases/{case.id}/submit",
                       data={"version": str(case.version)}).status_code == 302
    db.session.expire_all()
    response = client.get(f"/cases/{case.id}/receipt")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert case.reference in page
    assert "contract.pdf" in page
    assert hashlib.sha256(PDF).hexdigest() in page
    assert "USD\u00a0250,000.50" in page
    assert "Tan &amp; Partners LLP" in page
    assert "Shenzhen Bright Lights 700 Co., Ltd." in page
    assert "Disputes go to mediation at SIMC" in page
    assert "SGD\u00a01,000.00" in page  # USD 250,000.50 x 1.30 = SGD 325,000.65: second band
    assert "How to pay" in page
    assert "(Asia/Singapore)" in page  # the submission time in the viewer's zone
    assert SCRIPT not in page and "&lt;script&gt;" in page
    assert db.session.scalars(sa.select(Document)).one().case_id == case.id


def test_the_receipt_exists_only_after_submission_and_for_those_on_the_case(client, login, app):
    draft = make_draft(app)
    sign_in(login, draft.created_by)
    assert client.get(f"/cases/{draft.id}/receipt").status_code == 404
    filed = make_case(CaseState.FILED)
    sign_in(login, make_user(Role.PARTY, organisation=make_org()))
    assert client.get(f"/cases/{filed.id}/receipt").status_code == 403
    sign_in(login, make_user(Role.PARTY, organisation=filed.respondent.organisation))
    assert client.get(f"/cases/{filed.id}/receipt").status_code == 200
    sign_in(login, make_user(Role.REGISTRAR))
    assert client.get(f"/cases/{filed.id}/receipt").status_code == 200


def test_a_respondent_outside_china_is_invited_in_english_unless_chinese_is_preferred(app):
    sg = {**respondent_particulars(706), "jurisdiction": "SG", "name_zh": "",
          "registry_number": valid_uen(706)}
    english = make_draft(app, serial=706, respondent_details=sg)
    chinese = make_draft(app, serial=707, preferred_language=CaseLanguage.ZH,
                         respondent_details={**sg, "registry_number": valid_uen(707)})
    for case in (english, chinese):
        submit_request_for_mediation(case.created_by, case, expected_version=case.version)
    locales = {m.case_id: m.locale for m in messages("respondent_invitation")}
    assert locales == {english.id: Locale.EN.value, chinese.id: Locale.ZH.value}
    assert english.currency == Currency.SGD
    assert english.respondent.side == PartySide.RESPONDENT
