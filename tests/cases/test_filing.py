"""The Request for Mediation form: drafts (partial, resumable), validation, documents, escaping.

The helpers at the top build complete form data and complete drafts for the other filing and
joining tests.
"""

from __future__ import annotations

import hashlib
import html
import io
from decimal import Decimal

import pytest
import sqlalchemy as sa

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.cases.filing import RequestDetails, start_request_for_mediation
from casework.cases.models import Case, CaseLanguage, CaseState, Currency, Venue
from casework.documents.models import Document
from casework.extensions import db
from casework.parties.models import Jurisdiction, Organisation
from tests.factories import make_case, make_org, make_user, valid_uen, valid_uscc

SCRIPT = "<script>alert('x')</script>"
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def respondent_particulars(serial: int = 700) -> dict:
    """A Shenzhen respondent's particulars as plain data (``organisation_data`` shape)."""
    return {
        "name_en": f"Shenzhen Bright Lights {serial} Co., Ltd.",
        "name_zh": f"深圳光明{serial}有限公司",
        "short_name_en": "Bright Lights",
        "short_name_zh": "光明公司",
        "jurisdiction": Jurisdiction.CN.value,
        "registry_number": valid_uscc(serial),
        "domicile_en": "8 Keji Road, Nanshan District, Shenzhen",
        "domicile_zh": "深圳市南山区科技路8号",
        "legal_representative": "张伟",
        "legal_representative_title": "董事长",
        "signatories": [{"name": "Zhang Wei", "title": "Chairman", "email": ""}],
        "checksum_override_reason": None,
    }


def organisation_fields(prefix: str, particulars: dict) -> dict:
    """``particulars`` as the posted fields of an organisation block named ``prefix``."""
    fields = {
        f"{prefix}-{name}": value
        for name, value in particulars.items()
        if name not in ("signatories", "checksum_override_reason")
    }
    for index, row in enumerate(particulars["signatories"]):
        for key, value in row.items():
            fields[f"{prefix}-signatories-{index}-{key}"] = value
    return fields


def complete_form(serial: int = 700, **overrides) -> dict:
    """Every field of a complete Request for Mediation, as posted."""
    data = {
        "counsel_name": "Ms Tan Mei Ling",
        "counsel_firm": "Tan & Partners LLP",
        "counsel_email": "mei.ling@tanpartners.example",
        **organisation_fields("respondent_organisation", respondent_particulars(serial)),
        "respondent_contact_name": "Li Na",
        "respondent_contact_email": "li.na@brightlights.example.cn",
        "dispute_summary": "Unpaid invoices for LED panels delivered in 2026.",
        "amount_in_dispute": "250,000.50",
        "currency": "USD",
        "clause_text": "Disputes go to mediation at SIMC, then to arbitration at SCIA.",
        "clause_names_scia": "y",
        "preferred_language": "bilingual",
        "preferred_venue": "online",
        "mediator_attributes": "Construction expertise; neutral nationality.",
    }
    data.update(overrides)
    return data


def complete_details(serial: int = 700, **overrides) -> RequestDetails:
    """A complete Request for Mediation as plain data for the operations."""
    details = RequestDetails(
        dispute_summary="Unpaid invoices for LED panels delivered in 2026.",
        amount_in_dispute=Decimal("250000.00"),
        currency=Currency.SGD,
        clause_text="Disputes go to mediation at SIMC, then to arbitration at SCIA.",
        clause_names_scia=True,
        prior_agreement_to_mediate=False,
        preferred_language=CaseLanguage.BILINGUAL,
        preferred_venue=Venue.ONLINE,
        respondent_contact_name="Li Na",
        respondent_contact_email=f"li.na{serial}@brightlights.example.cn",
        respondent_details=respondent_particulars(serial),
        counsel_name="Ms Tan Mei Ling",
    )
    for name, value in overrides.items():
        setattr(details, name, value)
    return details


def make_draft(app, claimant_user=None, serial: int = 700, **overrides) -> Case:
    """A complete draft filed through the operation by ``claimant_user`` (made if not given)."""
    claimant_user = claimant_user or make_user(Role.PARTY, organisation=make_org(Jurisdiction.SG))
    case = start_request_for_mediation(claimant_user, complete_details(serial, **overrides))
    db.session.commit()
    return case


def case_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Case))


@pytest.fixture()
def claimant(login):
    """A signed-in party representative of a Singapore company."""
    return sign_in(login, make_user(Role.PARTY, organisation=make_org(Jurisdiction.SG)))


def sign_in(login, user):
    """Commit ``user`` (a refused request rolls back what is not committed) and sign in."""
    db.session.commit()
    return login(user)


# --- access -----------------------------------------------------------------------------------


def test_only_signed_in_party_representatives_may_file(client, login):
    response = client.get("/cases/new")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    sign_in(login, make_user(Role.REGISTRAR))
    assert client.get("/cases/new").status_code == 403
    assert client.post("/cases/new", data=complete_form(save_draft="y")).status_code == 403
    assert case_count() == 0


def test_the_form_shows_the_own_organisation_read_only_and_the_fee_table(client, claimant):
    response = client.get("/cases/new")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert claimant.organisation.name_en in page
    assert claimant.organisation.registry_number in page
    assert 'name="claimant_organisation-name_en"' not in page
    assert 'name="respondent_organisation-registry_number"' in page
    assert "Save draft" in page and "Review and submit" in page
    assert "Assumption" in page
    assert 'enctype="multipart/form-data"' in page


# --- drafts -----------------------------------------------------------------------------------


def test_a_partial_draft_is_saved_and_can_be_resumed(client, claimant):
    response = client.post("/cases/new", data={
        "dispute_summary": "Late delivery of LED panels.",
        "respondent_contact_name": "Li Na",
        "save_draft": "Save draft",
    })
    assert response.status_code == 302
    case = db.session.scalars(sa.select(Case)).one()
    assert response.headers["Location"].endswith(f"/cases/{case.id}/draft")
    assert case.state == CaseState.DRAFT
    assert case.reference is None
    assert case.dispute_summary == "Late delivery of LED panels."
    assert case.amount_in_dispute is None and case.currency is None
    assert case.claimant.organisation_id == claimant.organisation_id
    assert case.respondent is None
    assert case.created_by_id == claimant.id
    assert db.session.scalar(sa.select(AuditEntry).filter_by(case_id=case.id,
                                                             action="request_started"))

    # The dashboard lists the draft with the way back to it.
    assert f'href="/cases/{case.id}/draft"' in client.get("/").get_data(as_text=True)
    page = client.get(f"/cases/{case.id}/draft").get_data(as_text=True)
    assert "Late delivery of LED panels." in page
    assert 'value="Li Na"' in page

    response = client.post(f"/cases/{case.id}/draft", data={
        "version": str(case.version),
        "dispute_summary": "Late delivery of LED panels.",
        "respondent_contact_name": "Li Na",
        "amount_in_dispute": "1,200,000",
        "currency": "CNY",
        "save_draft": "Save draft",
    })
    assert response.status_code == 302
    db.session.expire_all()
    assert case.amount_in_dispute == Decimal("1200000.00")
    assert case.currency == Currency.CNY
    edit = db.session.scalar(sa.select(AuditEntry).filter_by(case_id=case.id,
                                                             action="draft_edited"))
    assert edit.changes["currency"] == [None, "CNY"]
    # The fee for the saved amount is shown with its working.
    page = client.get(f"/cases/{case.id}/draft").get_data(as_text=True)
    assert "CNY 1,200,000.00 × 0.18" in page


def test_a_draft_with_partial_respondent_particulars_is_saved(client, claimant):
    response = client.post("/cases/new", data={
        "respondent_organisation-name_en": "Shenzhen Bright Lights Co., Ltd.",
        "respondent_organisation-jurisdiction": "CN",
        "save_draft": "Save draft",
    })
    assert response.status_code == 302
    case = db.session.scalars(sa.select(Case)).one()
    assert case.respondent_details["name_en"] == "Shenzhen Bright Lights Co., Ltd."
    assert case.respondent_details["registry_number"] == ""
    # No organisation is registered for the respondent while the request is a draft.
    assert db.session.scalar(sa.select(Organisation).filter_by(
        name_en="Shenzhen Bright Lights Co., Ltd.")) is None


def test_drafts_are_the_claimants_own(client, login):
    case = make_case(CaseState.DRAFT)
    sign_in(login, make_user(Role.PARTY, organisation=case.respondent.organisation))
    assert client.get(f"/cases/{case.id}/draft").status_code == 403
    sign_in(login, make_user(Role.PARTY, organisation=make_org()))
    assert client.get(f"/cases/{case.id}/draft").status_code == 403
    assert client.post(f"/cases/{case.id}/draft",
                       data={"dispute_summary": "x", "save_draft": "y"}).status_code == 403
    assert client.get("/cases/999999/draft").status_code == 404
    db.session.expire_all()
    assert case.dispute_summary != "x"


def test_a_submitted_request_is_no_longer_editable(client, login):
    case = make_case(CaseState.FILED)
    login(case.created_by)
    assert client.get(f"/cases/{case.id}/draft").status_code == 409
    response = client.post(f"/cases/{case.id}/draft",
                           data={"dispute_summary": "changed", "save_draft": "y"})
    assert response.status_code == 409
    db.session.expire_all()
    assert case.dispute_summary != "changed"


def test_a_resumed_draft_shows_the_respondent_particulars(client, claimant, app):
    case = make_draft(app, claimant)
    page = client.get(f"/cases/{case.id}/draft").get_data(as_text=True)
    assert f'value="{valid_uscc(700)}"' in page
    assert 'value="Zhang Wei"' in page
    assert 'value="250000.00"' in page
    assert f'name="version" type="hidden" value="{case.version}"' in page
    # Saving it unchanged keeps every value.
    response = client.post(f"/cases/{case.id}/draft", data=complete_form(
        version=str(case.version), amount_in_dispute="250000.00", currency="SGD",
        save_draft="y"))
    assert response.status_code == 302
    db.session.expire_all()
    assert case.respondent_details == respondent_particulars(700)


def test_a_stale_draft_form_is_refused(client, claimant, app):
    case = make_draft(app, claimant)
    stale = case.version
    assert client.post(f"/cases/{case.id}/draft", data=complete_form(
        version=str(stale), dispute_summary="first", save_draft="y")).status_code == 302
    response = client.post(f"/cases/{case.id}/draft", data=complete_form(
        version=str(stale), dispute_summary="second", save_draft="y"))
    assert response.status_code == 409
    db.session.expire_all()
    assert case.dispute_summary == "first"


# --- the filer's own organisation -------------------------------------------------------------


SG_CLAIMANT = {
    "name_en": "Lumen Trading Pte. Ltd.",
    "name_zh": "",
    "short_name_en": "Lumen",
    "short_name_zh": "",
    "jurisdiction": "SG",
    "registry_number": valid_uen(4321),
    "domicile_en": "10 Anson Road, Singapore",
    "domicile_zh": "",
    "legal_representative": "",
    "legal_representative_title": "",
    "signatories": [{"name": "Tan Wei Ming", "title": "Director", "email": ""}],
}


def test_a_filer_without_organisation_registers_it_and_is_linked(client, login):
    user = sign_in(login, make_user(Role.PARTY))
    page = client.get("/cases/new").get_data(as_text=True)
    assert 'name="claimant_organisation-name_en"' in page
    response = client.post("/cases/new", data={
        **organisation_fields("claimant_organisation", SG_CLAIMANT),
        "dispute_summary": "Quality of goods",
        "save_draft": "y",
    })
    assert response.status_code == 302
    db.session.expire_all()
    organisation = db.session.scalar(sa.select(Organisation).filter_by(
        registry_number=SG_CLAIMANT["registry_number"]))
    assert organisation is not None
    assert user.organisation_id == organisation.id
    case = db.session.scalars(sa.select(Case)).one()
    assert case.claimant.organisation_id == organisation.id


def test_a_filer_without_organisation_must_give_it_even_for_a_draft(client, login):
    user = sign_in(login, make_user(Role.PARTY))
    response = client.post("/cases/new", data={"dispute_summary": "x", "save_draft": "y"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Registered name (English): This field is required." in page
    assert case_count() == 0
    db.session.expire_all()
    assert user.organisation_id is None


def test_an_organisation_already_represented_cannot_be_claimed_by_typing_its_number(
    client, login
):
    taken = make_org(Jurisdiction.SG, name_en=SCRIPT)
    make_user(Role.PARTY, organisation=taken)
    user = sign_in(login, make_user(Role.PARTY))
    response = client.post("/cases/new", data={
        **organisation_fields("claimant_organisation", {
            **SG_CLAIMANT, "registry_number": taken.registry_number}),
        "save_draft": "y",
    })
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Ask the SIMC registry to link your account" in page
    assert SCRIPT not in page  # the registered name in the message is escaped
    db.session.expire_all()
    assert user.organisation_id is None
    assert case_count() == 0


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("amount_in_dispute", "-5", "Amount in dispute: The amount in dispute must be greater "
                                    "than zero."),
        ("amount_in_dispute", "0", "greater than zero"),
        ("amount_in_dispute", "abc", "Amount in dispute: Enter a number"),
        ("amount_in_dispute", "1e5x", "Enter a number"),
        ("amount_in_dispute", "1000.123", "Amount in dispute: The amount in dispute may have at "
                                          "most two decimal places."),
        ("amount_in_dispute", "123456789012345678901234567.123", "is too large"),
        ("amount_in_dispute", "NaN", "must be a number"),
        ("currency", "JPY", "Currency: Choose one of SGD, CNY, USD, HKD or EUR."),
        ("respondent_contact_email", "not-an-email", "contact e-mail: Invalid email address."),
        ("counsel_email", "nobody@", "counsel: e-mail: Invalid email address."),
    ],
)
@pytest.mark.parametrize("button", ["save_draft", "review"])
def test_wrong_values_are_refused_with_a_message_and_nothing_stored(
    client, claimant, field, value, message, button
):
    response = client.post("/cases/new", data=complete_form(**{field: value, button: "y"}))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert case_count() == 0


def test_wrong_values_in_a_draft_leave_it_unchanged(client, claimant, app):
    case = make_draft(app, claimant)
    response = client.post(f"/cases/{case.id}/draft", data=complete_form(
        version=str(case.version), amount_in_dispute="-1", dispute_summary="changed",
        save_draft="y"))
    assert response.status_code == 422
    db.session.expire_all()
    assert case.amount_in_dispute == Decimal("250000.00")
    assert case.dispute_summary != "changed"


def test_an_invalid_respondent_uscc_gives_the_message(client, claimant):
    good = valid_uscc(700)
    wrong_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = client.post("/cases/new", data=complete_form(**{
        "respondent_organisation-registry_number": wrong_check, "save_draft": "y"}))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Registry number: the check character should be" in page
    assert case_count() == 0

    response = client.post("/cases/new", data=complete_form(**{
        "respondent_organisation-registry_number": "91440300ABC", "save_draft": "y"}))
    assert response.status_code == 422
    assert "must be 18 characters (you entered 11)" in response.get_data(as_text=True)
    assert case_count() == 0


def test_review_and_submit_requires_every_field_and_names_each_missing_one(client, claimant):
    response = client.post("/cases/new", data={"review": "Review and submit"})
    assert response.status_code == 422
    page = html.unescape(response.get_data(as_text=True))
    for label in (
        "Respondent's contact person",
        "Respondent's contact e-mail",
        "Summary of the dispute",
        "Amount in dispute",
        "Currency",
        "Dispute-resolution clause",
        "Preferred language of the mediation",
        "Preferred venue",
    ):
        assert f"{label}: This is required." in page
    assert "Registered name (English): This field is required." in page
    assert "Registry number: This field is required." in page
    assert case_count() == 0


def test_review_and_submit_with_a_complete_form_saves_and_goes_to_the_review(client, claimant):
    response = client.post("/cases/new", data=complete_form(review="Review and submit"))
    assert response.status_code == 302
    case = db.session.scalars(sa.select(Case)).one()
    assert response.headers["Location"].endswith(f"/cases/{case.id}/submit")
    assert case.state == CaseState.DRAFT
    assert case.amount_in_dispute == Decimal("250000.50")
    assert case.currency == Currency.USD
    assert case.clause_names_scia is True
    assert case.prior_agreement_to_mediate is False
    assert case.claimant.counsel_firm == "Tan & Partners LLP"
    assert case.respondent_details["registry_number"] == valid_uscc(700)
    assert case.respondent_details["signatories"] == [
        {"name": "Zhang Wei", "title": "Chairman", "email": ""}]


# --- documents and escaping -------------------------------------------------------------------


def test_supporting_documents_are_uploaded_with_the_draft(client, claimant):
    data = complete_form(save_draft="y", document_description="The supply contract",
                         document_circulation="case_file")
    data["documents"] = [(io.BytesIO(PDF), "contract.pdf"), (io.BytesIO(PDF + b" "), "po.pdf")]
    response = client.post("/cases/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    case = db.session.scalars(sa.select(Case)).one()
    documents = db.session.scalars(
        sa.select(Document).filter_by(case_id=case.id).order_by(Document.id)).all()
    assert [d.filename for d in documents] == ["contract.pdf", "po.pdf"]
    assert documents[0].sha256 == hashlib.sha256(PDF).hexdigest()
    assert documents[0].description == "The supply contract"
    page = client.get(f"/cases/{case.id}/draft").get_data(as_text=True)
    assert "contract.pdf" in page and "po.pdf" in page


def test_a_refused_document_stores_nothing(client, claimant):
    data = complete_form(save_draft="y", document_circulation="case_file")
    data["documents"] = [(io.BytesIO(b"MZ\x90\x00 not a document"), "tool.exe")]
    response = client.post("/cases/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "tool.exe" in response.get_data(as_text=True)
    assert case_count() == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Document)) == 0


def test_script_in_text_fields_is_shown_escaped(client, claimant):
    response = client.post("/cases/new", data=complete_form(
        dispute_summary=SCRIPT, clause_text=SCRIPT, mediator_attributes=SCRIPT,
        respondent_contact_name=SCRIPT, save_draft="y"))
    assert response.status_code == 302
    case = db.session.scalars(sa.select(Case)).one()
    assert case.dispute_summary == SCRIPT
    for url in (f"/cases/{case.id}/draft", f"/cases/{case.id}/submit"):
        page = client.get(url).get_data(as_text=True)
        assert SCRIPT not in page
        assert "&lt;script&gt;alert(" in page
