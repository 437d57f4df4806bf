"""Document operations: who may upload when, and no file outlives a failed transaction."""

import io

import pytest

from casework.accounts.models import Role
from casework.cases.models import CaseState
from casework.documents.models import Document
from casework.documents.operations import replace_document, upload_document, withdraw_document
from casework.errors import IllegalTransition, InvalidInput, NotPermitted
from casework.extensions import db
from tests.documents.conftest import PDF, PNG, stored_files
from tests.factories import make_case, make_user


@pytest.fixture(autouse=True)
def _request(app):
    with app.test_request_context():
        yield


def test_claimant_uploads_to_a_draft(store_dir):
    case = make_case(CaseState.DRAFT)
    document = upload_document(case.created_by, case, io.BytesIO(PDF), "claim.pdf", "Claim")
    db.session.commit()
    assert document.lineage_id == document.id
    assert stored_files(store_dir) != []


@pytest.mark.parametrize("role", [Role.REGISTRAR, Role.MEDIATOR])
def test_others_may_not_upload_to_a_draft(role, store_dir):
    case = make_case(CaseState.DRAFT)
    with pytest.raises(NotPermitted):
        upload_document(make_user(role), case, io.BytesIO(PDF), "claim.pdf")
    assert stored_files(store_dir) == []


def test_respondent_does_not_see_a_draft_and_may_not_upload(store_dir):
    case = make_case(CaseState.DRAFT)
    respondent = make_user(Role.PARTY, organisation=case.respondent.organisation)
    with pytest.raises(NotPermitted):
        upload_document(respondent, case, io.BytesIO(PDF), "claim.pdf")


def test_registrar_and_respondent_upload_while_open():
    case = make_case(CaseState.MEDIATOR_APPOINTED)
    respondent = make_user(Role.PARTY, organisation=case.respondent.organisation)
    for actor in (respondent, make_user(Role.REGISTRAR)):
        upload_document(actor, case, io.BytesIO(PDF), "reply.pdf")
    assert db.session.scalar(db.select(db.func.count(Document.id))) == 2


def test_upload_in_a_closed_state_is_illegal():
    case = make_case(CaseState.REJECTED)
    with pytest.raises(IllegalTransition):
        upload_document(make_user(Role.REGISTRAR), case, io.BytesIO(PDF), "late.pdf")


def test_a_rolled_back_upload_leaves_no_file(store_dir):
    case = make_case(CaseState.FILED)
    upload_document(case.created_by, case, io.BytesIO(PDF), "claim.pdf")
    assert len(stored_files(store_dir)) == 1
    db.session.rollback()
    assert stored_files(store_dir) == []
    assert db.session.scalar(db.select(db.func.count(Document.id))) == 0


def test_a_committed_file_survives_a_later_rollback(store_dir):
    case = make_case(CaseState.FILED)
    upload_document(case.created_by, case, io.BytesIO(PDF), "claim.pdf")
    db.session.commit()
    upload_document(case.created_by, case, io.BytesIO(PDF), "again.pdf")  # same content
    upload_document(case.created_by, case, io.BytesIO(PNG), "photo.png")
    db.session.rollback()
    assert len(stored_files(store_dir)) == 1


def test_a_rolled_back_savepoint_removes_only_its_files(store_dir):
    case = make_case(CaseState.FILED)
    upload_document(case.created_by, case, io.BytesIO(PDF), "claim.pdf")
    savepoint = db.session.begin_nested()
    upload_document(case.created_by, case, io.BytesIO(PNG), "photo.png")
    savepoint.rollback()
    assert len(stored_files(store_dir)) == 1
    db.session.commit()
    assert len(stored_files(store_dir)) == 1


def test_a_session_closed_without_commit_leaves_no_file(store_dir):
    case = make_case(CaseState.FILED)
    upload_document(case.created_by, case, io.BytesIO(PDF), "claim.pdf")
    db.session.close()
    assert stored_files(store_dir) == []


def test_empty_file_name_is_refused(store_dir):
    case = make_case(CaseState.FILED)
    with pytest.raises(InvalidInput, match="no name"):
        upload_document(case.created_by, case, io.BytesIO(PDF), "")
    assert stored_files(store_dir) == []


def test_withdrawn_document_cannot_be_replaced_or_withdrawn_again():
    case = make_case(CaseState.FILED)
    document = upload_document(case.created_by, case, io.BytesIO(PDF), "claim.pdf")
    withdraw_document(case.created_by, document, "Wrong file")
    with pytest.raises(IllegalTransition):
        withdraw_document(case.created_by, document, "Again")
    with pytest.raises(IllegalTransition):
        replace_document(case.created_by, document, io.BytesIO(PDF), "claim.pdf")


def test_registrar_may_withdraw_a_party_document():
    case = make_case(CaseState.FILED)
    document = upload_document(case.created_by, case, io.BytesIO(PDF), "claim.pdf")
    registrar = make_user(Role.REGISTRAR)
    withdraw_document(registrar, document, "Filed in the wrong case")
    assert document.withdrawn_by_id == registrar.id
