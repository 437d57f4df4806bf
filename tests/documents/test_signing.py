"""PAdES signing of generated documents: signed when a certificate is configured (keeping PDF/A-3b
and the embedded terms), unsigned otherwise, a clear refusal for a broken certificate."""

from __future__ import annotations

import io
import json
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa
from jinja2 import ChoiceLoader, FileSystemLoader
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import SignatureCoverageLevel, validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader, PdfWriter

from casework.accounts.models import Role
from casework.cases.models import CaseState
from casework.documents.generated import issuing
from casework.documents.generated.errors import SigningCertificateUnusable
from casework.documents.generated.issuing import issue_generated_document
from casework.documents.generated.signing import (
    SignatureOutcome,
    load_signing_certificate,
    sign_document,
    validate_signature,
)
from casework.documents.generated_models import GeneratedDocument, GeneratedDocumentKind
from casework.documents.storage import current_store
from casework.extensions import db
from casework.health import check_signing_certificate
from tests.documents.certificates import HOLDER, configure_signing, write_pkcs12
from tests.documents.conftest import stored_files
from tests.factories import make_case, make_user
from tests.settlement.helpers import signed_scene

TERMS = {"obligations": [{"amount": "1250000.00", "currency": "CNY"}]}


@pytest.fixture
def registrar():
    return make_user(Role.REGISTRAR)


@pytest.fixture
def case():
    return make_case(CaseState.SETTLEMENT_SIGNED)


@pytest.fixture
def pdf_template(app, tmp_path, monkeypatch):
    """``documents/pdf/signing-sample.html``: a bilingual page on the PDF base template."""
    folder = tmp_path / "templates" / "documents" / "pdf"
    folder.mkdir(parents=True)
    (folder / "signing-sample.html").write_text(
        '{% extends "documents/pdf/_base.html" %}{% block content %}'
        '<p>Settlement Agreement</p><p lang="zh-CN">和解协议</p>{% endblock %}', encoding="utf-8")
    monkeypatch.setattr(app, "jinja_loader", ChoiceLoader(
        [FileSystemLoader(str(tmp_path / "templates")), app.jinja_loader]))
    monkeypatch.setattr(app.jinja_env, "cache", {})


@pytest.fixture
def certificate(app, tmp_path, monkeypatch):
    """A configured signing certificate (self-signed, in a PKCS#12 file)."""
    path = write_pkcs12(tmp_path / "registry.p12")
    configure_signing(app, monkeypatch, path)
    return path


def issue(registrar, case):
    return issue_generated_document(
        registrar, case, GeneratedDocumentKind.SETTLEMENT_AGREEMENT,
        template="documents/pdf/signing-sample.html", template_version="1",
        title="Settlement Agreement / 和解协议", context={}, snapshot=TERMS,
        attachments={"settlement-terms.json": json.dumps(TERMS).encode()},
    )


def stored_pdf(document) -> bytes:
    with current_store().open(document.sha256) as stored:
        return stored.read()


def pyhanko_status(pdf: bytes):
    """pyHanko's verdict on the only signature of ``pdf``, trusting the configured
    certificate."""
    signatures = PdfFileReader(io.BytesIO(pdf)).embedded_signatures
    assert len(signatures) == 1
    root = load_signing_certificate().signer.signing_cert
    # In a thread of its own: pyHanko's synchronous API refuses to run inside the event loop the
    # browser tests' Playwright session keeps running in this thread.
    with ThreadPoolExecutor(max_workers=1) as worker:
        status = worker.submit(validate_pdf_signature, signatures[0], ValidationContext(
            trust_roots=[root], allow_fetching=False)).result()
    return signatures[0], status


def blank_pdf() -> bytes:
    """A one-page PDF (no render needed to test signing and validation alone)."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def document_count() -> int:
    return db.session.scalar(sa.select(sa.func.count(GeneratedDocument.id)))


def test_issued_document_carries_an_intact_pades_signature(
        registrar, case, pdf_template, certificate):
    document = issue(registrar, case)

    pdf = stored_pdf(document)
    signature, status = pyhanko_status(pdf)
    assert status.intact and status.valid and status.trusted
    assert status.coverage is SignatureCoverageLevel.ENTIRE_FILE
    assert status.bottom_line
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert signature.signed_revision == 1  # an incremental update on the rendered PDF
    field = PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/AcroForm"]["/Fields"][0].get_object()
    assert [float(v) for v in field["/Rect"]] == [0, 0, 0, 0]  # invisible
    assert document.signed_by == HOLDER == status.signing_cert.subject.native["common_name"]


def test_signing_keeps_the_pdfa_identification_and_the_attached_terms(
        registrar, case, pdf_template, certificate):
    document = issue(registrar, case)

    reader = PdfReader(io.BytesIO(stored_pdf(document)))
    xmp = reader.xmp_metadata
    assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("3", "B")
    assert json.loads(reader.attachments["settlement-terms.json"][0]) == TERMS
    # PDF/A: the Info dictionary agrees with the XMP metadata.
    assert reader.metadata["/Producer"] == xmp.pdf_producer
    assert "Settlement Agreement" in reader.pages[0].extract_text()


def test_without_a_certificate_documents_are_issued_unsigned(
        client, registrar, case, pdf_template):
    document = issue(registrar, case)
    db.session.commit()

    pdf = stored_pdf(document)
    assert document.signed_by is None
    assert PdfFileReader(io.BytesIO(pdf)).embedded_signatures == []
    assert PdfReader(io.BytesIO(pdf)).xmp_metadata.pdfaid_part == "3"
    page = client.get(f"/verify/{document.verification_code}").get_data(as_text=True)
    assert ("Not digitally signed: this registry issues documents without a digital signature"
            in page)


def break_by_missing_file(app, monkeypatch, tmp_path):
    configure_signing(app, monkeypatch, tmp_path / "absent.p12")
    return "cannot be read"


def break_by_wrong_password(app, monkeypatch, tmp_path):
    configure_signing(app, monkeypatch, write_pkcs12(tmp_path / "registry.p12"), "not-it")
    return "password (CASEWORK_SIGNING_PASSWORD) is wrong"


def break_by_not_a_pkcs12(app, monkeypatch, tmp_path):
    path = tmp_path / "registry.p12"
    path.write_bytes(b"-----BEGIN CERTIFICATE-----\n")
    configure_signing(app, monkeypatch, path)
    return "not a PKCS#12 file"


def break_by_missing_key(app, monkeypatch, tmp_path):
    configure_signing(app, monkeypatch, write_pkcs12(tmp_path / "registry.p12", with_key=False))
    return "both a certificate and its private key"


def break_by_expiry(app, monkeypatch, tmp_path):
    configure_signing(app, monkeypatch, write_pkcs12(
        tmp_path / "registry.p12", valid_from_days=-30, valid_until_days=-2))
    return "The signing certificate expired on"


def break_by_future_validity(app, monkeypatch, tmp_path):
    configure_signing(app, monkeypatch, write_pkcs12(
        tmp_path / "registry.p12", valid_from_days=3, valid_until_days=30))
    return "is not valid before"


MISCONFIGURATIONS = [break_by_missing_file, break_by_wrong_password, break_by_not_a_pkcs12,
                     break_by_missing_key, break_by_expiry, break_by_future_validity]


@pytest.mark.parametrize("misconfigure", MISCONFIGURATIONS)
def test_an_unusable_certificate_is_refused_clearly(
        app, monkeypatch, tmp_path, misconfigure):
    message = misconfigure(app, monkeypatch, tmp_path)

    with pytest.raises(SigningCertificateUnusable, match=re.escape(message)) as refused:
        sign_document(blank_pdf())
    assert refused.value.status == 503
    assert str(tmp_path) not in refused.value.message  # the page does not show server paths
    result = check_signing_certificate()
    assert (result.name, result.ok) == ("signing certificate", False)
    assert message in result.detail


@pytest.mark.parametrize("misconfigure", [break_by_missing_file, break_by_wrong_password])
def test_issuing_with_an_unusable_certificate_records_and_stores_nothing(
        app, monkeypatch, tmp_path, registrar, case, pdf_template, store_dir, misconfigure):
    message = misconfigure(app, monkeypatch, tmp_path)

    with pytest.raises(SigningCertificateUnusable, match=re.escape(message)):
        issue(registrar, case)
    assert document_count() == 0
    assert stored_files(store_dir) == []


def test_the_generate_page_explains_an_unusable_certificate_and_records_nothing(
        app, client, login, monkeypatch, tmp_path, store_dir):
    scene = signed_scene()
    message = break_by_wrong_password(app, monkeypatch, tmp_path)
    monkeypatch.setattr(issuing, "render_pdf", lambda html, **options: blank_pdf())
    login(scene.registrar)

    response = client.post(f"/cases/{scene.case.id}/generated-documents", data={
        "kind": GeneratedDocumentKind.SETTLEMENT_AGREEMENT.value,
        "version": str(scene.case.version)})

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert document_count() == 0
    assert stored_files(store_dir) == []


def test_certificate_without_a_common_name_signs_under_its_full_subject(
        app, monkeypatch, tmp_path):
    configure_signing(app, monkeypatch, write_pkcs12(tmp_path / "p.p12", common_name=None))
    assert load_signing_certificate().holder == (
        "C=SG,O=Singapore International Mediation Centre")


def test_validation_tells_intact_altered_foreign_and_unsigned_files(
        app, monkeypatch, tmp_path, certificate):
    unsigned = blank_pdf()
    signed, holder = sign_document(unsigned)
    assert validate_signature(io.BytesIO(signed)).outcome is SignatureOutcome.INTACT
    assert validate_signature(io.BytesIO(signed)).signer == holder == HOLDER
    assert validate_signature(io.BytesIO(unsigned)).outcome is SignatureOutcome.UNSIGNED

    altered = bytearray(signed)
    altered[len(unsigned) // 2] ^= 0x01  # inside the signed byte range
    assert validate_signature(io.BytesIO(bytes(altered))).outcome is SignatureOutcome.NOT_INTACT

    configure_signing(app, monkeypatch, write_pkcs12(tmp_path / "other.p12", common_name="Other"))
    assert validate_signature(io.BytesIO(signed)).outcome is (
        SignatureOutcome.INTACT_UNKNOWN_SIGNER)
    monkeypatch.setitem(app.config, "SIGNING_PKCS12", "")
    assert validate_signature(io.BytesIO(signed)).outcome is (
        SignatureOutcome.INTACT_UNKNOWN_SIGNER)


def test_check_reports_the_configured_certificate(runner, certificate):
    result = check_signing_certificate()
    assert result.ok
    assert f"signs as {HOLDER} (PAdES), valid until" in result.detail
    output = runner.invoke(args=["casework", "check"]).output
    assert f"[ok ] signing certificate: signs as {HOLDER}" in output


def test_check_reports_unsigned_issuing_when_nothing_is_configured(runner):
    result = check_signing_certificate()
    assert result.ok and result.detail.startswith("not configured")


def test_check_fails_on_a_wrong_password(app, runner, monkeypatch, tmp_path):
    break_by_wrong_password(app, monkeypatch, tmp_path)
    result = runner.invoke(args=["casework", "check"])
    assert result.exit_code == 1
    assert "[FAIL] signing certificate:" in result.output
    assert "registry.p12" in result.output  # the operator is told which file
