"""The operation that issues the settlement documents: who may, when, from which terms; what it
records and who is told."""

from __future__ import annotations

from dataclasses import replace

import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.cases.models import CaseState
from casework.documents.generated_models import (
    GeneratedDocument,
    GeneratedDocumentKind,
    GeneratedDocumentStatus,
)
from casework.errors import IllegalTransition, InvalidInput, NotPermitted, StaleCase
from casework.extensions import db
from casework.notifications.models import OutboxMessage
from casework.settlement.issuing import issue_settlement_document
from casework.settlement.models import SettlementApproval, SettlementVersion, terms_digest
from casework.settlement.operations import settlement_for
from tests.factories import make_case, make_user, stored_files
from tests.settlement.helpers import approve, draft_terms, settled_scene, signed_scene
from tests.settlement.pdf_tools import embedded_files, stored_pdf
from tests.settlement.samples import LUMP_SUM, with_obligation

AGREEMENT = GeneratedDocumentKind.SETTLEMENT_AGREEMENT
AWARD = GeneratedDocumentKind.CONSENT_AWARD_DRAFT


@pytest.fixture(autouse=True)
def store_dir(app, tmp_path, monkeypatch):
    """Each test gets an empty document store."""
    root = tmp_path / "store"
    monkeypatch.setitem(app.config, "STORAGE_DIR", str(root))
    return root


def _count(model, **filters) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).filter_by(**filters))


def assert_nothing_issued(store_dir) -> None:
    assert _count(GeneratedDocument) == 0
    assert _count(OutboxMessage, kind="settlement_document_issued") == 0
    assert _count(AuditEntry, action="generated_document_issued") == 0
    assert stored_files(store_dir) == []


def add_version(scene, terms, *, approved: bool) -> SettlementVersion:
    """A further version of the terms written straight to the database (as if approved under
    earlier rules), bypassing the drafting and approval checks."""
    settlement = settlement_for(scene.case)
    terms_json = terms.to_json()
    version = SettlementVersion(
        settlement=settlement, number=settlement.current_version.number + 1,
        terms_json=terms_json, terms_sha256=terms_digest(terms_json),
        created_by_id=scene.mediator.id,
    )
    db.session.add(version)
    if approved:
        for case_party, user in ((scene.case.claimant, scene.claimant),
                                 (scene.case.respondent, scene.respondent)):
            db.session.add(SettlementApproval(
                version=version, case_party_id=case_party.id,
                organisation_id=case_party.organisation_id, side=case_party.side,
                user_id=user.id, signatory_name=user.name, signatory_title="Director",
                terms_sha256=version.terms_sha256,
            ))
    db.session.commit()
    return version


def test_issuing_again_supersedes_and_everyone_on_the_settlement_is_told():
    scene = signed_scene()
    case = scene.case

    first = issue_settlement_document(scene.registrar, case, AGREEMENT,
                                      expected_version=case.version)
    second = issue_settlement_document(scene.registrar, case, AGREEMENT,
                                       expected_version=case.version)

    assert (first.version_number, second.version_number) == (1, 2)
    assert first.status is GeneratedDocumentStatus.SUPERSEDED
    assert first.superseded_by_id == second.id
    assert second.status is GeneratedDocumentStatus.CURRENT
    assert first.verification_code != second.verification_code
    assert case.state == CaseState.SETTLEMENT_SIGNED
    version = settlement_for(case).current_version
    assert embedded_files(stored_pdf(second)) == {
        "settlement-terms.json": [version.terms_json.encode()]}
    assert _count(AuditEntry, action="generated_document_issued") == 2
    messages = db.session.scalars(sa.select(OutboxMessage).filter_by(
        kind="settlement_document_issued").order_by(OutboxMessage.id)).all()
    expected = {scene.claimant.email, scene.respondent.email, scene.mediator.email}
    assert {m.recipient for m in messages[:3]} == {m.recipient for m in messages[3:]} == expected
    assert len(messages) == 6
    assert messages[-1].subject == f"Settlement Agreement issued: {case.reference}"
    assert second.verification_code in messages[-1].body
    assert f"/verify/{second.verification_code}" in messages[-1].body


@pytest.mark.parametrize("who", ["mediator", "claimant", "respondent", "admin"])
def test_only_the_registry_may_issue(store_dir, who):
    scene = signed_scene()
    actor = make_user(Role.ADMIN) if who == "admin" else getattr(scene, who)
    with pytest.raises(NotPermitted) as refused:
        issue_settlement_document(actor, scene.case, AGREEMENT, expected_version=None)
    assert refused.value.status == 403
    assert_nothing_issued(store_dir)


def test_not_before_every_party_has_approved(store_dir):
    scene = settled_scene()
    draft_terms(scene)
    approve(scene, scene.claimant)
    assert scene.case.state == CaseState.SETTLED
    with pytest.raises(IllegalTransition) as refused:
        issue_settlement_document(scene.registrar, scene.case, AWARD, expected_version=None)
    assert refused.value.status == 409
    assert_nothing_issued(store_dir)


def test_a_stale_form_is_refused(store_dir):
    scene = signed_scene()
    with pytest.raises(StaleCase):
        issue_settlement_document(scene.registrar, scene.case, AGREEMENT,
                                  expected_version=scene.case.version - 1)
    assert_nothing_issued(store_dir)


def test_terms_that_fail_the_enforceability_check_are_refused(store_dir):
    scene = signed_scene()
    add_version(scene, with_obligation(replace(LUMP_SUM, due_date=None)), approved=True)

    with pytest.raises(IllegalTransition) as refused:
        issue_settlement_document(scene.registrar, scene.case, AGREEMENT, expected_version=None)
    assert refused.value.status == 409
    assert "(1) The payment states neither a due date nor an instalment schedule." in str(
        refused.value.message)
    with force_locale("zh_Hans"), pytest.raises(IllegalTransition) as refused_zh:
        issue_settlement_document(scene.registrar, scene.case, AGREEMENT, expected_version=None)
    assert "(1) 未载明付款期限或分期付款安排。" in str(refused_zh.value.message)
    assert_nothing_issued(store_dir)


def test_a_version_not_approved_by_every_party_is_refused(store_dir):
    scene = signed_scene()
    add_version(scene, with_obligation(LUMP_SUM), approved=False)
    with pytest.raises(IllegalTransition, match="has not been approved by") as refused:
        issue_settlement_document(scene.registrar, scene.case, AWARD, expected_version=None)
    message = str(refused.value.message)
    assert scene.case.claimant.organisation.name_en in message
    assert scene.case.respondent.organisation.name_en in message
    assert_nothing_issued(store_dir)


def test_a_signed_case_without_settlement_terms_is_refused(store_dir):
    case = make_case(CaseState.SETTLEMENT_SIGNED)
    with pytest.raises(IllegalTransition, match="no settlement terms"):
        issue_settlement_document(make_user(Role.REGISTRAR), case, AGREEMENT,
                                  expected_version=None)
    assert_nothing_issued(store_dir)


def test_only_settlement_documents_are_issued_this_way(store_dir):
    scene = signed_scene()
    with pytest.raises(InvalidInput):
        issue_settlement_document(scene.registrar, scene.case, GeneratedDocumentKind.REFERRAL,
                                  expected_version=None)
    assert_nothing_issued(store_dir)

