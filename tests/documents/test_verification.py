"""Public verification: /verify/<code> shows status but never content, and checks uploads."""

from __future__ import annotations

import io

import pytest

from casework.accounts.models import Role
from casework.cases.models import CaseState
from casework.documents.generated.furniture import furniture_context
from casework.documents.generated.operations import (
    record_generated_document,
    revoke_generated_document,
)
from casework.documents.generated.rendering import render_pdf
from casework.documents.generated.signing import sign_document
from casework.documents.generated_models import GeneratedDocumentKind, new_verification_code
from casework.extensions import db
from tests.documents.certificates import HOLDER, configure_signing, write_pkcs12
from tests.factories import make_case, make_user

SECRET_TERM = "Pay CNY 1,250,000.00 to account 6222-0000"


def issue(registrar, case, pdf, kind=GeneratedDocumentKind.SETTLEMENT_AGREEMENT, code=None):
    document = record_generated_document(
        registrar, case, kind, pdf, verification_code=code or new_verification_code(),
        template="documents/pdf/settlement_agreement.html", template_version="1",
        snapshot={"term": SECRET_TERM},
    )
    db.session.commit()
    return document


@pytest.fixture
def registrar():
    return make_user(Role.REGISTRAR)


@pytest.fixture
def case():
    return make_case(CaseState.SETTLED)


def check(client, code, data: bytes):
    return client.post(f"/verify/{code}", data={"file": (io.BytesIO(data), "copy.pdf")},
                       content_type="multipart/form-data")


def test_current_document_page_shows_facts_not_content(client, registrar, case):
    document = issue(registrar, case, b"%PDF-1.7\n" + SECRET_TERM.encode())
    response = client.get(f"/verify/{document.verification_code}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    for fact in ("Settlement Agreement", case.reference, document.sha256, "Current"):
        assert fact in page
    assert SECRET_TERM not in page
    assert "6222" not in page


def test_codes_are_accepted_in_lower_case_with_hyphens(client, registrar, case):
    document = issue(registrar, case, b"%PDF-1.7\nx")
    code = document.verification_code.lower()
    assert client.get(f"/verify/{code[:4]}-{code[4:8]}-{code[8:]}").status_code == 200


def test_superseded_and_revoked_statuses(client, registrar, case):
    first = issue(registrar, case, b"%PDF-1.7\nv1")
    second = issue(registrar, case, b"%PDF-1.7\nv2")
    assert "Superseded by a later version" in client.get(
        f"/verify/{first.verification_code}").get_data(as_text=True)
    revoke_generated_document(registrar, second, "Wrong payee account.")
    db.session.commit()
    page = client.get(f"/verify/{second.verification_code}").get_data(as_text=True)
    assert "Revoked" in page
    assert "Wrong payee account." not in page


def test_unknown_code_is_404(client):
    assert client.get("/verify/NOSUCHCODE22").status_code == 404
    assert check(client, "NOSUCHCODE22", b"%PDF-1.7").status_code == 404


def test_identical_upload_names_the_document_and_its_status(client, registrar, case):
    first = issue(registrar, case, b"%PDF-1.7\nv1")
    second = issue(registrar, case, b"%PDF-1.7\nv2")
    response = check(client, second.verification_code, b"%PDF-1.7\nv1")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "byte-identical to Settlement Agreement version 1" in page
    assert case.reference in page and "Superseded by a later version" in page
    assert first.sha256 in page


def test_rendered_pdf_with_one_byte_changed_is_not_ours(app, client, registrar, case):
    code = new_verification_code()
    html = app.jinja_env.from_string(
        '{% extends "documents/pdf/_base.html" %}{% block content %}<p>Terms</p>{% endblock %}'
    ).render(**furniture_context(case_reference=case.reference, verification_code=code,
                                 title="Settlement Agreement"))
    pdf = render_pdf(html, attachments={"settlement-terms.json": b"{}"},
                     title="Settlement Agreement", lang="en")
    issue(registrar, case, pdf, code=code)
    assert "verification-match" in check(client, code, pdf).get_data(as_text=True)
    altered = bytearray(pdf)
    altered[len(pdf) // 2] ^= 0x01
    page = check(client, code, bytes(altered)).get_data(as_text=True)
    assert "not issued by this system" in page
    assert "verification-match" not in page


def test_upload_without_a_file_names_the_problem(client, registrar, case):
    document = issue(registrar, case, b"%PDF-1.7\nv1")
    response = client.post(f"/verify/{document.verification_code}", data={})
    assert response.status_code == 422
    assert "Choose the PDF to check." in response.get_data(as_text=True)


def test_upload_needs_the_csrf_token(app, client, registrar, case, monkeypatch):
    document = issue(registrar, case, b"%PDF-1.7\nv1")
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    response = check(client, document.verification_code, b"%PDF-1.7\nv1")
    assert response.status_code == 400
    assert "byte-identical" not in response.get_data(as_text=True)


# --- digital signatures -------------------------------------------------------------------------


def rendered(app, case, code) -> bytes:
    html = app.jinja_env.from_string(
        '{% extends "documents/pdf/_base.html" %}{% block content %}<p>{{ term }}</p>'
        '{% endblock %}'
    ).render(term=SECRET_TERM, **furniture_context(
        case_reference=case.reference, verification_code=code, title="Settlement Agreement"))
    return render_pdf(html, attachments={"settlement-terms.json": b"{}"},
                      title="Settlement Agreement", lang="en")


def issue_signed(app, registrar, case, *, alter=False):
    """Issue a rendered document signed with the configured certificate (with one byte of the
    signed content changed afterwards when ``alter``: a damaged record)."""
    code = new_verification_code()
    pdf, signed_by = sign_document(rendered(app, case, code))
    if alter:
        pdf = bytearray(pdf)
        pdf[len(pdf) // 3] ^= 0x01
        pdf = bytes(pdf)
    document = record_generated_document(
        registrar, case, GeneratedDocumentKind.SETTLEMENT_AGREEMENT, pdf, verification_code=code,
        template="documents/pdf/settlement_agreement.html", template_version="1",
        snapshot={"term": SECRET_TERM}, signed_by=signed_by,
    )
    db.session.commit()
    return document, pdf


@pytest.fixture
def signing(app, monkeypatch, tmp_path):
    configure_signing(app, monkeypatch, write_pkcs12(tmp_path / "registry.p12"))


def test_signed_document_names_its_signer_and_a_copy_is_validated(
        app, client, registrar, case, signing):
    document, pdf = issue_signed(app, registrar, case)
    page = client.get(f"/verify/{document.verification_code}").get_data(as_text=True)
    assert f"Digitally signed by {HOLDER} (PAdES)" in page

    page = check(client, document.verification_code, pdf).get_data(as_text=True)
    assert "byte-identical to Settlement Agreement version 1" in page
    assert (f"Its digital signature by {HOLDER} is intact: the file has not changed since it "
            "was signed, and the signature was made with this registry") in page
    assert SECRET_TERM not in page and "6222" not in page


def test_a_changed_copy_of_a_signed_document_is_not_ours(app, client, registrar, case, signing):
    document, pdf = issue_signed(app, registrar, case)
    altered = bytearray(pdf)
    altered[len(pdf) // 3] ^= 0x01
    page = check(client, document.verification_code, bytes(altered)).get_data(as_text=True)
    assert "not issued by this system" in page
    assert "digital signature by" not in page


def test_signature_by_a_certificate_no_longer_configured_is_intact_but_unknown(
        app, client, registrar, case, signing, monkeypatch, tmp_path):
    document, pdf = issue_signed(app, registrar, case)
    configure_signing(app, monkeypatch, write_pkcs12(tmp_path / "renewed.p12"))
    page = check(client, document.verification_code, pdf).get_data(as_text=True)
    assert f"Its digital signature by {HOLDER} is intact" in page
    assert "not made with the signing certificate this registry uses now" in page


def test_a_damaged_signed_record_is_reported_not_intact(app, client, registrar, case, signing):
    document, pdf = issue_signed(app, registrar, case, alter=True)
    page = check(client, document.verification_code, pdf).get_data(as_text=True)
    assert "byte-identical" in page
    assert "Its digital signature is not intact" in page


def test_unsigned_documents_say_so(app, client, registrar, case, monkeypatch, tmp_path):
    document = issue(registrar, case, b"%PDF-1.7\nv1")
    unsigned = "Not digitally signed: this registry issues documents without a digital signature"
    assert unsigned in client.get(f"/verify/{document.verification_code}").get_data(as_text=True)
    page = check(client, document.verification_code, b"%PDF-1.7\nv1").get_data(as_text=True)
    assert "byte-identical" in page and unsigned in page
    assert "is intact" not in page

    configure_signing(app, monkeypatch, write_pkcs12(tmp_path / "registry.p12"))
    page = client.get(f"/verify/{document.verification_code}").get_data(as_text=True)
    assert ("Not digitally signed: it was issued while this registry issued documents without "
            "a digital signature") in page
