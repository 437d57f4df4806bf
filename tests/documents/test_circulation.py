"""The confidentiality wall for uploaded documents: marked for the case file or mediation only at
upload, re-marked by the registrar or the uploading side, and only case-file documents travel."""

import io
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import render_template
from flask_login import login_user

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.cases.models import CaseState
from casework.documents.circulation import (
    mark_document,
    may_mark_document,
    may_travel,
    transferable_documents,
)
from casework.documents.models import Circulation, Document
from casework.documents.operations import replace_document, upload_document, withdraw_document
from casework.errors import IllegalTransition, NotPermitted, StaleCase
from casework.extensions import db
from casework.hearings.confidential import AttachedFile, send_private_submission
from casework.hearings.confidential_models import PrivateSubmission
from casework.parties.models import Jurisdiction
from tests.cases.test_filing import complete_form
from tests.documents.conftest import PDF, PNG, stored_files
from tests.factories import make_case, make_org, make_user

pytestmark = pytest.mark.usefixtures("quick_password_hashes")

CASE_FILE, MEDIATION_ONLY = Circulation.CASE_FILE, Circulation.MEDIATION_ONLY


def documents():
    return db.session.scalars(db.select(Document).order_by(Document.id)).all()


def audit(action):
    return db.session.scalars(db.select(AuditEntry).filter_by(action=action)).all()


def post_upload(client, case, circulation=None, files=(("claim.pdf", PDF),)):
    data = {"version": str(case.version), "description": "Evidence",
            "files": [(io.BytesIO(content), name) for name, content in files]}
    if circulation is not None:
        data["circulation"] = circulation
    return client.post(f"/cases/{case.id}/documents/upload", data=data,
                       content_type="multipart/form-data")


def post_replace(client, document, circulation=None, content=PDF + b"% v2\n"):
    data = {"version": str(document.case.version), "file": (io.BytesIO(content), "v2.pdf")}
    if circulation is not None:
        data["circulation"] = circulation
    return client.post(f"/documents/{document.id}/replace", data=data,
                       content_type="multipart/form-data")


def post_mark(client, document, circulation, version=None):
    data = {"version": str(document.case.version if version is None else version)}
    if circulation is not None:
        data["circulation"] = circulation
    return client.post(f"/documents/{document.id}/circulation", data=data)


def circulation_inputs(page: str) -> list[str]:
    return re.findall(r'<input[^>]*name="circulation"[^>]*>', page)


def add(user, case, name="claim.pdf", circulation=CASE_FILE, content=PDF) -> Document:
    document = upload_document(user, case, io.BytesIO(content), name, circulation=circulation)
    db.session.commit()
    return document


class Scene:
    """A case in mediation with each kind of person around it."""

    def __init__(self, state=CaseState.MEDIATOR_APPOINTED):
        claimant_org, respondent_org = make_org(), make_org(Jurisdiction.CN)
        self.claimant = make_user(Role.PARTY, organisation=claimant_org)
        self.colleague = make_user(Role.PARTY, organisation=claimant_org)
        self.respondent = make_user(Role.PARTY, organisation=respondent_org)
        self.mediator = make_user(Role.MEDIATOR)
        self.case = make_case(state, claimant_org=claimant_org, respondent_org=respondent_org,
                              claimant_user=self.claimant, mediator=self.mediator)
        self.case.mediator_id = self.mediator.id
        self.registrar = make_user(Role.REGISTRAR)
        self.other_mediator = make_user(Role.MEDIATOR)
        self.other_party = make_case(CaseState.MEDIATOR_APPOINTED).created_by
        db.session.commit()


@pytest.fixture()
def scene():
    return Scene()


def private_submission(app, scene, name="secret.pdf") -> PrivateSubmission:
    with app.test_request_context():
        submission = send_private_submission(
            scene.claimant, scene.case, "Our bottom line",
            [AttachedFile(io.BytesIO(PDF), name)], expected_version=scene.case.version,
        )
    db.session.commit()
    return submission


# --- marking at upload ------------------------------------------------------------------------


def test_the_upload_form_offers_both_markings_with_their_explanation(client, login, scene):
    login(scene.claimant)
    page = client.get(f"/cases/{scene.case.id}/documents/upload").get_data(as_text=True)
    inputs = circulation_inputs(page)
    assert [re.search(r'value="(\w+)"', i).group(1) for i in inputs] == [
        "case_file", "mediation_only"]
    assert all('type="radio"' in i and "checked" not in i for i in inputs)  # never preselected
    assert "For the case file" in page and "Mediation only" in page
    assert "Without prejudice: never included in an SCIA referral or bundle." in page
    assert "May travel to the arbitration phase" in page


@pytest.mark.parametrize("circulation", [CASE_FILE, MEDIATION_ONLY])
def test_an_upload_is_stored_with_the_chosen_marking(client, login, scene, circulation):
    login(scene.claimant)
    response = post_upload(client, scene.case, circulation.value,
                           files=[("claim.pdf", PDF), ("photo.png", PNG)])
    assert response.status_code == 302
    assert [d.circulation for d in documents()] == [circulation, circulation]
    assert [e.changes["circulation"] for e in audit("document_uploaded")] == [
        circulation.value, circulation.value]


@pytest.mark.parametrize("circulation", [None, "", "everywhere"])
def test_an_upload_without_a_valid_marking_is_refused_and_stores_nothing(
        client, login, scene, store_dir, circulation):
    login(scene.claimant)
    response = post_upload(client, scene.case, circulation)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Circulation: " in page
    assert documents() == []
    assert stored_files(store_dir) == []
    assert audit("document_uploaded") == []


def test_an_unmarked_upload_through_the_operation_stays_behind_the_wall(app, scene):
    document = upload_document(scene.claimant, scene.case, io.BytesIO(PDF), "claim.pdf")
    assert document.circulation == MEDIATION_ONLY


def test_a_row_stored_without_a_marking_is_mediation_only(scene):
    db.session.execute(sa.text(
        "INSERT INTO documents (case_id, version_number, sha256, size_bytes, media_type, "
        "filename, description, uploaded_by_id, uploaded_at) VALUES "
        "(:case, 1, :sha, 3, 'application/pdf', 'old.pdf', '', :user, '2026-01-05 08:00:00')"
    ), {"case": scene.case.id, "sha": "0" * 64, "user": scene.claimant.id})
    (document,) = documents()
    assert document.circulation == MEDIATION_ONLY


# --- private submissions ----------------------------------------------------------------------


def test_private_submission_documents_are_mediation_only(app, scene):
    submission = private_submission(app, scene)
    (document,) = submission.documents
    assert document.circulation == MEDIATION_ONLY
    assert not may_travel(document)


def test_a_forced_marking_on_a_private_document_is_ignored(app, scene):
    submission = private_submission(app, scene)
    with app.test_request_context():
        document = upload_document(
            scene.claimant, scene.case, io.BytesIO(PNG), "more.png",
            expected_version=scene.case.version, private_submission=submission,
            circulation=CASE_FILE,
        )
    assert document.circulation == MEDIATION_ONLY


def test_the_database_refuses_a_private_document_for_the_case_file(app, scene):
    (document,) = private_submission(app, scene).documents
    document.circulation = CASE_FILE
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_a_private_document_cannot_be_re_marked(app, client, login, scene):
    (document,) = private_submission(app, scene).documents
    with pytest.raises(NotPermitted):
        mark_document(scene.claimant, document, CASE_FILE)
    login(scene.claimant)
    assert post_mark(client, document, "case_file").status_code == 403
    for outsider in (scene.registrar, scene.respondent):  # it does not exist for them
        login(outsider)
        assert post_mark(client, document, "case_file").status_code == 404
    db.session.expire_all()
    assert document.circulation == MEDIATION_ONLY
    assert audit("document_circulation_changed") == []


# --- a new version ----------------------------------------------------------------------------


@pytest.mark.parametrize("circulation", [CASE_FILE, MEDIATION_ONLY])
def test_a_new_version_inherits_the_marking(scene, circulation):
    first = add(scene.claimant, scene.case, circulation=circulation)
    second = replace_document(scene.claimant, first, io.BytesIO(PDF + b"% v2\n"), "v2.pdf")
    assert second.circulation == circulation
    (entry,) = audit("document_replaced")
    assert entry.changes["circulation"] == [circulation.value, circulation.value]


def test_the_replace_form_preselects_the_current_marking(client, login, scene):
    document = add(scene.claimant, scene.case, circulation=MEDIATION_ONLY)
    login(scene.claimant)
    page = client.get(f"/documents/{document.id}/replace").get_data(as_text=True)
    assert ["checked" in i for i in circulation_inputs(page)] == [False, True]
    assert "Version 1 is marked “Mediation only”" in page


def test_the_uploader_may_change_the_marking_on_the_replace_form(client, login, scene):
    first = add(scene.claimant, scene.case, circulation=MEDIATION_ONLY)
    login(scene.claimant)
    assert post_replace(client, first, "case_file").status_code == 302
    old, new = documents()
    assert (old.circulation, new.circulation) == (MEDIATION_ONLY, CASE_FILE)
    (entry,) = audit("document_replaced")
    assert entry.changes["circulation"] == ["mediation_only", "case_file"]


def test_a_replacement_without_a_marking_is_refused(client, login, scene, store_dir):
    first = add(scene.claimant, scene.case)
    login(scene.claimant)
    response = post_replace(client, first, None)
    assert response.status_code == 422
    assert "Circulation: " in response.get_data(as_text=True)
    assert len(documents()) == 1
    assert len(stored_files(store_dir)) == 1


# --- re-marking -------------------------------------------------------------------------------


def test_the_uploader_re_marks_a_document_and_it_is_audited(client, login, scene):
    document = add(scene.claimant, scene.case, circulation=MEDIATION_ONLY)
    login(scene.claimant)
    response = post_mark(client, document, "case_file")
    assert response.status_code == 302
    db.session.expire_all()
    assert document.circulation == CASE_FILE
    (entry,) = audit("document_circulation_changed")
    assert entry.actor_id == scene.claimant.id and entry.case_id == scene.case.id
    assert entry.changes == {"document_id": document.id,
                             "circulation": ["mediation_only", "case_file"]}
    assert "claim.pdf" in entry.summary


def test_choosing_the_same_marking_records_nothing(scene):
    document = add(scene.claimant, scene.case, circulation=CASE_FILE)
    mark_document(scene.claimant, document, CASE_FILE)
    assert audit("document_circulation_changed") == []


@pytest.mark.parametrize("who", ["claimant", "colleague", "registrar"])
def test_the_uploading_side_and_the_registrar_may_re_mark(client, login, scene, who):
    document = add(scene.claimant, scene.case, circulation=CASE_FILE)
    login(getattr(scene, who))
    assert post_mark(client, document, "mediation_only").status_code == 302
    db.session.expire_all()
    assert document.circulation == MEDIATION_ONLY


@pytest.mark.parametrize(
    ("who", "status"),
    [("respondent", 403), ("mediator", 403), ("other_mediator", 403), ("other_party", 403)],
)
def test_anyone_else_is_refused(client, login, scene, who, status):
    document = add(scene.claimant, scene.case, circulation=MEDIATION_ONLY)
    login(getattr(scene, who))
    assert post_mark(client, document, "case_file").status_code == status
    db.session.expire_all()
    assert document.circulation == MEDIATION_ONLY
    assert audit("document_circulation_changed") == []


def test_an_anonymous_visitor_is_sent_to_sign_in(client, scene):
    document = add(scene.claimant, scene.case, circulation=MEDIATION_ONLY)
    response = post_mark(client, document, "case_file")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_registry_s_own_upload_is_re_marked_only_by_the_registry(scene):
    document = add(scene.registrar, scene.case, circulation=CASE_FILE)
    assert not may_mark_document(scene.claimant, document)
    assert not may_mark_document(scene.respondent, document)
    assert may_mark_document(make_user(Role.REGISTRAR), document)


def test_a_withdrawn_document_cannot_be_re_marked(client, login, scene):
    document = add(scene.claimant, scene.case, circulation=CASE_FILE)
    withdraw_document(scene.claimant, document, "Wrong file")
    db.session.commit()
    for user in (scene.claimant, scene.registrar):
        login(user)
        assert post_mark(client, document, "mediation_only").status_code == 409
    db.session.expire_all()
    assert document.circulation == CASE_FILE


def test_only_the_current_version_is_re_marked(scene):
    first = add(scene.claimant, scene.case, circulation=MEDIATION_ONLY)
    replace_document(scene.claimant, first, io.BytesIO(PDF + b"% v2\n"), "v2.pdf")
    with pytest.raises(IllegalTransition):
        mark_document(scene.registrar, first, CASE_FILE)


def test_after_the_mediation_only_the_registrar_may_re_mark(client, login, scene):
    document = add(scene.claimant, scene.case, circulation=MEDIATION_ONLY)
    scene.case.state = CaseState.NOT_SETTLED
    db.session.commit()
    login(scene.claimant)
    assert post_mark(client, document, "case_file").status_code == 409
    login(scene.registrar)
    assert post_mark(client, document, "case_file").status_code == 302
    db.session.expire_all()
    assert document.circulation == CASE_FILE


def test_a_mark_without_a_choice_is_refused(client, login, scene):
    document = add(scene.claimant, scene.case, circulation=MEDIATION_ONLY)
    login(scene.claimant)
    for choice in (None, "everywhere"):
        response = post_mark(client, document, choice)
        assert response.status_code == 422
        assert "Circulation: " in response.get_data(as_text=True)
    db.session.expire_all()
    assert document.circulation == MEDIATION_ONLY


def test_a_stale_mark_is_refused(client, login, scene):
    document = add(scene.claimant, scene.case, circulation=MEDIATION_ONLY)
    with pytest.raises(StaleCase):
        mark_document(scene.registrar, document, CASE_FILE,
                      expected_version=scene.case.version - 1)
    login(scene.claimant)
    assert post_mark(client, document, "case_file", version=scene.case.version - 1
                     ).status_code == 409
    db.session.expire_all()
    assert document.circulation == MEDIATION_ONLY


def test_the_case_page_shows_each_marking_and_the_mark_button(app, scene):
    add(scene.claimant, scene.case, "contract.pdf", circulation=CASE_FILE)
    add(scene.claimant, scene.case, "offer.png", circulation=MEDIATION_ONLY, content=PNG)
    pages = {}
    for who in ("claimant", "respondent"):
        with app.test_request_context():
            login_user(getattr(scene, who))
            pages[who] = render_template("documents/_case_documents.html", case=scene.case)
    for page in pages.values():
        assert 'circulation-case_file">For the case file<' in page
        assert 'circulation-mediation_only">Mediation only<' in page
    assert pages["claimant"].count("/circulation\"") == 2
    assert "Mark for the case file" in pages["claimant"]
    assert "Mark mediation only" in pages["claimant"]
    assert "/circulation\"" not in pages["respondent"]


# --- what may travel --------------------------------------------------------------------------


def test_only_current_shared_case_file_documents_travel_oldest_first(app, scene):
    contract = add(scene.claimant, scene.case, "contract.pdf", circulation=CASE_FILE)
    invoice = add(scene.respondent, scene.case, "invoice.pdf", circulation=CASE_FILE,
                  content=PDF + b"% invoice\n")
    offer = add(scene.claimant, scene.case, "offer.pdf", circulation=MEDIATION_ONLY,
                content=PDF + b"% offer\n")
    withdrawn = add(scene.claimant, scene.case, "wrong.png", circulation=CASE_FILE, content=PNG)
    withdraw_document(scene.claimant, withdrawn, "Wrong file")
    superseded = add(scene.claimant, scene.case, "statement.pdf", circulation=CASE_FILE,
                     content=PDF + b"% statement\n")
    current = replace_document(scene.claimant, superseded, io.BytesIO(PDF + b"% v2\n"),
                               "statement-v2.pdf")
    (private,) = private_submission(app, scene).documents
    elsewhere = make_case(CaseState.MEDIATOR_APPOINTED)
    add(elsewhere.created_by, elsewhere, "theirs.pdf", circulation=CASE_FILE)
    # Uploaded first, though stored last: the order is the upload time's.
    invoice.uploaded_at = contract.uploaded_at - timedelta(minutes=5)
    db.session.commit()

    assert transferable_documents(scene.case) == [invoice, contract, current]
    travelling = {contract.id, invoice.id, current.id}
    for document in (contract, invoice, offer, withdrawn, superseded, current, private):
        assert may_travel(document) is (document.id in travelling), document.filename


def test_re_marking_moves_a_document_across_the_wall(scene):
    document = add(scene.claimant, scene.case, circulation=MEDIATION_ONLY)
    assert transferable_documents(scene.case) == []
    mark_document(scene.registrar, document, CASE_FILE)
    assert transferable_documents(scene.case) == [document]
    mark_document(scene.registrar, document, MEDIATION_ONLY)
    assert transferable_documents(scene.case) == []


# --- documents filed with the Request for Mediation --------------------------------------------


def filing_data(**fields):
    data = complete_form(save_draft="y", document_description="The supply contract", **fields)
    data["documents"] = [(io.BytesIO(PDF), "contract.pdf")]
    return data


def test_files_filed_with_the_request_need_a_marking(client, login, store_dir):
    login(make_user(Role.PARTY, organisation=make_org()))
    response = client.post("/cases/new", data=filing_data(),
                           content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Choose the circulation of the documents" in response.get_data(as_text=True)
    assert documents() == []
    assert stored_files(store_dir) == []


def test_files_filed_with_the_request_keep_their_marking(client, login):
    login(make_user(Role.PARTY, organisation=make_org()))
    response = client.post("/cases/new", data=filing_data(document_circulation="mediation_only"),
                           content_type="multipart/form-data")
    assert response.status_code == 302
    (document,) = documents()
    assert document.circulation == MEDIATION_ONLY
