"""Generated-document records: versions, supersession, revocation, audit, storage, CHECKs."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from jinja2 import ChoiceLoader, FileSystemLoader
from pypdf import PdfReader

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.cases.models import CaseState
from casework.documents.generated.errors import RenderingRefused
from casework.documents.generated.issuing import issue_generated_document
from casework.documents.generated.operations import (
    current_generated_document,
    current_generated_documents,
    record_generated_document,
    revoke_generated_document,
)
from casework.documents.generated_models import (
    VERIFICATION_ALPHABET,
    GeneratedDocument,
    GeneratedDocumentKind,
    GeneratedDocumentStatus,
    new_verification_code,
)
from casework.documents.storage import current_store
from casework.errors import IllegalTransition, InvalidInput, NotPermitted
from casework.extensions import db
from tests.documents.conftest import stored_files
from tests.factories import make_case, make_user

AGREEMENT = GeneratedDocumentKind.SETTLEMENT_AGREEMENT


def issue(actor, case, pdf=b"%PDF-1.7\nagreement v1\n%%EOF\n", kind=AGREEMENT, code=None):
    return record_generated_document(
        actor, case, kind, pdf, verification_code=code or new_verification_code(),
        template="documents/pdf/settlement_agreement.html", template_version="1",
        snapshot={"terms": ["pay CNY 1,000.00"]},
    )


@pytest.fixture
def registrar():
    return make_user(Role.REGISTRAR)


@pytest.fixture
def case():
    return make_case(CaseState.SETTLED)


def test_verification_codes_are_random_and_unambiguous():
    codes = {new_verification_code() for _ in range(200)}
    assert len(codes) == 200
    assert all(len(code) == 12 and set(code) <= set(VERIFICATION_ALPHABET) for code in codes)
    assert not set("0O1IL") & set(VERIFICATION_ALPHABET)


def test_recording_stores_the_pdf_and_audits(registrar, case):
    pdf = b"%PDF-1.7\nagreement v1\n%%EOF\n"
    document = issue(registrar, case, pdf)
    assert document.version_number == 1
    assert document.status is GeneratedDocumentStatus.CURRENT
    assert document.size_bytes == len(pdf)
    with current_store().open(document.sha256) as stored:
        assert stored.read() == pdf
    assert document.input_snapshot == {"terms": ["pay CNY 1,000.00"]}
    entry = db.session.scalar(sa.select(AuditEntry).filter_by(action="generated_document_issued"))
    assert entry.case_id == case.id and entry.changes["sha256"] == document.sha256


def test_generating_again_supersedes_the_previous_version(registrar, case):
    first = issue(registrar, case)
    award = issue(registrar, case, b"%PDF-1.7\naward\n",
                  kind=GeneratedDocumentKind.CONSENT_AWARD_DRAFT)
    second = issue(registrar, case, b"%PDF-1.7\nagreement v2\n%%EOF\n")
    assert second.version_number == 2
    assert first.status is GeneratedDocumentStatus.SUPERSEDED
    assert first.superseded_by_id == second.id
    assert award.status is GeneratedDocumentStatus.CURRENT
    assert current_generated_document(case, AGREEMENT) == second
    assert current_generated_documents(case) == [award, second]  # by kind


def test_revoking_records_who_why_and_is_audited(registrar, case):
    document = issue(registrar, case)
    revoke_generated_document(registrar, document, "  Wrong payee account.  ")
    assert document.status is GeneratedDocumentStatus.REVOKED
    assert document.revocation_reason == "Wrong payee account."
    assert document.revoked_by_id == registrar.id
    assert current_generated_documents(case) == []
    assert db.session.scalar(
        sa.select(AuditEntry).filter_by(action="generated_document_revoked")).case_id == case.id
    with pytest.raises(IllegalTransition):
        revoke_generated_document(registrar, document, "again")


def test_regenerating_after_revocation_supersedes_the_revoked_one(registrar, case):
    revoked = issue(registrar, case)
    revoke_generated_document(registrar, revoked, "Typo in the payee name.")
    replacement = issue(registrar, case, b"%PDF-1.7\ncorrected\n")
    assert replacement.version_number == 2
    assert revoked.status is GeneratedDocumentStatus.REVOKED
    assert revoked.superseded_by_id == replacement.id
    assert current_generated_documents(case) == [replacement]


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
def test_revocation_needs_a_reasonable_reason(registrar, case, reason):
    document = issue(registrar, case)
    with pytest.raises(InvalidInput):
        revoke_generated_document(registrar, document, reason)
    assert document.revoked_at is None


@pytest.mark.parametrize("role", [Role.PARTY, Role.MEDIATOR, Role.ADMIN])
def test_only_the_registry_issues_and_revokes(registrar, case, role):
    outsider = make_user(role)
    with pytest.raises(NotPermitted):
        issue(outsider, case)
    document = issue(registrar, case)
    with pytest.raises(NotPermitted):
        revoke_generated_document(outsider, document, "no")
    assert db.session.scalar(sa.select(sa.func.count(GeneratedDocument.id))) == 1


def test_bad_input_is_refused_and_nothing_stored(registrar, case, store_dir):
    with pytest.raises(InvalidInput, match="not a PDF"):
        issue(registrar, case, b"<html>")
    used = issue(registrar, case).verification_code
    files = stored_files(store_dir)
    with pytest.raises(InvalidInput, match="already in use"):
        issue(registrar, case, b"%PDF-1.7\nother\n", code=used)
    for malformed in ("short", "O0I1LO0I1LO0", used + "A"):
        with pytest.raises(InvalidInput, match="not a verification code"):
            issue(registrar, case, b"%PDF-1.7\nother\n", code=malformed)
    with pytest.raises(InvalidInput, match="submitted case"):
        issue(registrar, make_case(CaseState.DRAFT))
    assert db.session.scalar(sa.select(sa.func.count(GeneratedDocument.id))) == 1
    assert stored_files(store_dir) == files


def test_checks_refuse_half_recorded_revocations(registrar, case):
    document = issue(registrar, case)
    db.session.commit()
    document.revoked_at = document.generated_at
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()



@pytest.fixture
def pdf_templates(app, tmp_path, monkeypatch):
    """Two PDF templates: ``sample.html`` (escaped payee, Chinese title) and ``hostile.html``
    (an image outside static/)."""
    folder = tmp_path / "templates" / "documents" / "pdf"
    folder.mkdir(parents=True)
    head = '{% extends "documents/pdf/_base.html" %}{% block content %}'
    (folder / "sample.html").write_text(
        head + '<p>{{ payee }}</p><p lang="zh-CN">和解协议</p>{% endblock %}', encoding="utf-8")
    (folder / "hostile.html").write_text(
        head + '<img src="file:///etc/passwd">{% endblock %}', encoding="utf-8")
    monkeypatch.setattr(app, "jinja_loader", ChoiceLoader(
        [FileSystemLoader(str(tmp_path / "templates")), app.jinja_loader]))
    monkeypatch.setattr(app.jinja_env, "cache", {})


def issue_from(registrar, case, template, snapshot):
    return issue_generated_document(
        registrar, case, AGREEMENT, template=f"documents/pdf/{template}", template_version="7",
        title="Settlement Agreement / 和解协议", context={"payee": snapshot.get("payee")},
        snapshot=snapshot,
        attachments={"settlement-terms.json": json.dumps(snapshot).encode()},
    )


def test_issuing_renders_attaches_and_records(registrar, case, pdf_templates):
    snapshot = {"payee": "Shenzhen Guangming LED Co., Ltd.", "amount": "1250000.00"}

    document = issue_from(registrar, case, "sample.html", snapshot)

    with current_store().open(document.sha256) as stored:
        reader = PdfReader(stored)
        text = "".join(page.extract_text() for page in reader.pages)
        attached = json.loads(reader.attachments["settlement-terms.json"][0])
    assert snapshot["payee"] in text and document.verification_code in text
    assert attached == snapshot == document.input_snapshot
    assert (document.template_name, document.template_version) == (
        "documents/pdf/sample.html", "7")


def test_refused_render_records_nothing(registrar, case, pdf_templates, store_dir):
    with pytest.raises(RenderingRefused, match="file:///etc/passwd"):
        issue_from(registrar, case, "hostile.html", {})
    assert db.session.scalar(sa.select(sa.func.count(GeneratedDocument.id))) == 0
    assert stored_files(store_dir) == []
