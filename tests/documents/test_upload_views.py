"""Uploading, downloading, replacing and withdrawing documents through the pages."""

import hashlib
import io

import pytest
from flask import render_template
from flask_login import login_user

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.cases.models import CaseState
from casework.documents.models import Document
from casework.documents.storage import DocumentStore
from casework.extensions import db
from tests.documents.conftest import DOCX, HTML, PDF, PNG, XLSX, stored_files
from tests.factories import make_case, make_user


def upload(client, case, files, description="", version=None, circulation="case_file"):
    data = {
        "description": description,
        "version": str(case.version if version is None else version),
        "files": [(io.BytesIO(content), name) for name, content in files],
        "circulation": circulation,
    }
    return client.post(
        f"/cases/{case.id}/documents/upload", data=data, content_type="multipart/form-data"
    )


def documents():
    return db.session.scalars(db.select(Document).order_by(Document.id)).all()


def audit(action):
    return db.session.scalars(db.select(AuditEntry).filter_by(action=action)).all()


@pytest.fixture()
def case():
    return make_case(CaseState.COMMENCED)


@pytest.fixture()
def claimant(case, login):
    return login(case.created_by)


def test_upload_form_is_shown_to_a_party(client, case, claimant):
    page = client.get(f"/cases/{case.id}/documents/upload")
    assert page.status_code == 200
    assert 'type="file"' in page.get_data(as_text=True)


def test_upload_of_each_accepted_type_records_its_sha256(client, case, claimant, store_dir):
    files = [("claim.pdf", PDF), ("site photo.png", PNG), ("合同.docx", DOCX),
             ("invoices.xlsx", XLSX)]
    response = upload(client, case, files, description="Evidence bundle")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{case.id}")
    stored = documents()
    assert [d.filename for d in stored] == ["claim.pdf", "site photo.png", "合同.docx",
                                            "invoices.xlsx"]
    store = DocumentStore(store_dir)
    for document, (_, content) in zip(stored, files, strict=True):
        assert document.sha256 == hashlib.sha256(content).hexdigest()
        assert document.size_bytes == len(content)
        assert document.version_number == 1 and document.lineage_id == document.id
        assert document.uploaded_by_id == claimant.id
        assert document.description == "Evidence bundle"
        assert store.path_for(document.sha256).read_bytes() == content
    assert [d.media_type for d in stored][:2] == ["application/pdf", "image/png"]
    assert len(audit("document_uploaded")) == 4
    assert not list((store_dir / ".incoming").iterdir())


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("claim.pdf", HTML, "“claim.pdf”: The file is named .pdf but its content is HTML"),
        ("../../etc/passwd.pdf", PDF, "contains a folder separator"),
        # Escaped as a browser sends it, so the server receives ..\x.pdf
        ("..\\\\x.pdf", PDF, "contains a folder separator"),
        ("..\\x.pdf", PDF, "contains “..”"),  # the server receives ..x.pdf
        ("notes.txt", b"plain text", "does not end in the extension of an accepted type"),
    ],
)
def test_refused_files_leave_no_row_and_no_file(client, case, claimant, store_dir, name, content,
                                                message):
    response = upload(client, case, [("good.pdf", PDF), (name, content)])
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert message in page
    assert documents() == []
    assert stored_files(store_dir) == []  # not even the good file uploaded alongside
    assert audit("document_uploaded") == []


def test_oversized_file_is_refused(app, client, case, claimant, store_dir, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_UPLOAD_BYTES", 1024)
    response = upload(client, case, [("big.pdf", PDF + b"0" * 2000)])
    assert response.status_code == 422
    assert "“big.pdf”: The file is larger than 1 KB" in response.get_data(as_text=True)
    assert documents() == []
    assert stored_files(store_dir) == []


def test_no_file_chosen_is_a_form_error(client, case, claimant):
    response = client.post(f"/cases/{case.id}/documents/upload",
                           data={"version": str(case.version), "description": "x"})
    assert response.status_code == 422
    assert "Files: Choose at least one file." in response.get_data(as_text=True)


def test_same_content_twice_is_stored_once(client, case, claimant, store_dir):
    upload(client, case, [("a.pdf", PDF)])
    upload(client, case, [("b.pdf", PDF)])
    assert len(documents()) == 2
    assert len(stored_files(store_dir)) == 1


def test_download_is_an_attachment_with_nosniff(client, case, claimant):
    upload(client, case, [("和解协议.pdf", PDF)])
    document = documents()[0]
    response = client.get(f"/documents/{document.id}/download")
    assert response.status_code == 200
    assert response.data == PDF
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''%E5%92%8C%E8%A7%A3%E5%8D%8F%E8%AE%AE.pdf" in disposition
    assert response.mimetype == "application/pdf"


def test_outsiders_never_get_the_bytes(client, case, claimant, login):
    upload(client, case, [("claim.pdf", PDF)])
    document = documents()[0]
    other_case = make_case(CaseState.COMMENCED)
    outsiders = [
        other_case.created_by,  # party of another case
        make_user(Role.MEDIATOR),  # a mediator not on this case
    ]
    db.session.commit()
    for outsider in outsiders:
        login(outsider)
        response = client.get(f"/documents/{document.id}/download")
        assert response.status_code == 403
        assert PDF not in response.data
        assert client.get(f"/cases/{case.id}/documents/upload").status_code == 403
        assert upload(client, case, [("x.pdf", PDF)]).status_code == 403
    with client.session_transaction() as session:
        session.clear()
    response = client.get(f"/documents/{document.id}/download")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    for url in (f"/cases/{case.id}/documents/upload", f"/documents/{document.id}/replace"):
        assert client.get(url).status_code == 302
    assert client.post(f"/documents/{document.id}/withdraw", data={"reason": "x"}).status_code == 302
    assert client.get("/documents/999999/download").status_code == 302
    assert len(documents()) == 1


def test_unknown_document_is_404(client, claimant):
    assert client.get("/documents/999999/download").status_code == 404


def test_respondent_and_registrar_may_download(client, case, claimant, login):
    upload(client, case, [("claim.pdf", PDF)])
    document = documents()[0]
    respondent = make_user(Role.PARTY, organisation=case.respondent.organisation)
    registrar = make_user(Role.REGISTRAR)
    db.session.commit()
    for user in (respondent, registrar):
        login(user)
        assert client.get(f"/documents/{document.id}/download").data == PDF


def test_upload_in_a_closed_case_is_409(client, login):
    closed = make_case(CaseState.WITHDRAWN)
    login(closed.created_by)
    assert upload(client, closed, [("claim.pdf", PDF)]).status_code == 409
    assert documents() == []


def test_stale_form_is_409(client, case, claimant):
    response = upload(client, case, [("claim.pdf", PDF)], version=case.version - 1)
    assert response.status_code == 409
    assert documents() == []


def test_replacement_creates_version_2_and_keeps_version_1(client, case, claimant, store_dir):
    upload(client, case, [("claim.pdf", PDF)])
    first = documents()[0]
    new_content = PDF + b"% amended\n"
    response = client.post(
        f"/documents/{first.id}/replace",
        data={"version": str(case.version), "description": "Amended claim",
              "circulation": "case_file", "file": (io.BytesIO(new_content), "claim-v2.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    first_again, second = documents()
    assert first_again.id == first.id and first_again.version_number == 1
    assert second.lineage_id == first.id and second.version_number == 2
    assert second.sha256 == hashlib.sha256(new_content).hexdigest()
    assert len(stored_files(store_dir)) == 2
    assert client.get(f"/documents/{first.id}/download").data == PDF
    [entry] = audit("document_replaced")
    assert entry.changes["version_number"] == [1, 2]
    # Only the current version may be replaced.
    assert client.get(f"/documents/{first.id}/replace").status_code == 409
    response = client.post(
        f"/documents/{first.id}/replace",
        data={"version": str(case.version), "circulation": "case_file",
              "file": (io.BytesIO(PDF), "again.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 409
    assert len(documents()) == 2


def test_replacement_with_bad_content_keeps_only_version_1(client, case, claimant, store_dir):
    upload(client, case, [("claim.pdf", PDF)])
    first = documents()[0]
    response = client.post(
        f"/documents/{first.id}/replace",
        data={"version": str(case.version), "circulation": "case_file",
              "file": (io.BytesIO(HTML), "claim.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    assert "its content is HTML" in response.get_data(as_text=True)
    assert len(documents()) == 1
    assert len(stored_files(store_dir)) == 1


def test_other_side_may_not_replace_or_withdraw(client, case, claimant, login):
    upload(client, case, [("claim.pdf", PDF)])
    document = documents()[0]
    respondent = make_user(Role.PARTY, organisation=case.respondent.organisation)
    db.session.commit()
    login(respondent)
    assert client.get(f"/documents/{document.id}/replace").status_code == 403
    response = client.post(f"/documents/{document.id}/withdraw",
                           data={"version": str(case.version), "reason": "Not theirs"})
    assert response.status_code == 403
    db.session.expire_all()
    assert document.withdrawn_at is None


def test_withdrawal_keeps_the_file_and_the_record(client, case, claimant, store_dir):
    upload(client, case, [("claim.pdf", PDF)])
    document = documents()[0]
    response = client.post(f"/documents/{document.id}/withdraw",
                           data={"version": str(case.version), "reason": "Wrong exhibit"})
    assert response.status_code == 302
    db.session.expire_all()
    assert document.withdrawn_at is not None
    assert document.withdrawn_by_id == claimant.id
    assert document.withdrawal_reason == "Wrong exhibit"
    assert client.get(f"/documents/{document.id}/download").data == PDF
    assert len(stored_files(store_dir)) == 1
    [entry] = audit("document_withdrawn")
    assert entry.changes["withdrawal_reason"] == [None, "Wrong exhibit"]


def test_withdrawal_needs_a_reason(client, case, claimant):
    upload(client, case, [("claim.pdf", PDF)])
    document = documents()[0]
    response = client.post(f"/documents/{document.id}/withdraw",
                           data={"version": str(case.version), "reason": " "})
    assert response.status_code == 422
    assert "Reason for withdrawing: Give the reason" in response.get_data(as_text=True)
    db.session.expire_all()
    assert document.withdrawn_at is None


def test_case_documents_section_escapes_and_marks_withdrawn(app, client, case, claimant):
    upload(client, case, [("claim.pdf", PDF)], description="<script>alert('x')</script>")
    upload(client, case, [("photo.png", PNG)])
    withdrawn = documents()[1]
    client.post(f"/documents/{withdrawn.id}/withdraw",
                data={"version": str(case.version), "reason": "Duplicate"})
    with app.test_request_context():
        login_user(claimant)
        html = render_template("documents/_case_documents.html", case=case)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "<del>" in html and "Duplicate" in html
    assert f'title="{documents()[0].sha256}"' in html
    assert f"/cases/{case.id}/documents/upload" in html
