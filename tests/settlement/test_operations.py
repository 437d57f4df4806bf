"""Saving versions of the settlement terms and approving them."""

from dataclasses import replace
from decimal import Decimal

import pytest
import sqlalchemy as sa

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.cases.models import CaseState
from casework.errors import IllegalTransition, NotPermitted, StaleCase
from casework.extensions import db
from casework.notifications.models import OutboxMessage
from casework.settlement import operations
from casework.settlement.models import SettlementApproval, SettlementVersion, terms_digest
from casework.settlement.terms import SettlementTerms
from tests.factories import make_case, make_user
from tests.settlement.helpers import approve, draft_terms, settled_scene
from tests.settlement.samples import LUMP_SUM, VALID_TERMS, with_obligation


def _count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def test_first_draft_takes_the_parties_from_the_registry_and_proposes_the_scia_clause():
    scene = settled_scene()
    terms = operations.first_draft(scene.case)
    claimant, respondent = terms.parties
    organisation = scene.case.claimant.organisation
    assert (claimant.key, claimant.name_en, claimant.registry_number, claimant.jurisdiction) == (
        "claimant", organisation.name_en, organisation.registry_number, "SG")
    assert respondent.jurisdiction == "CN" and respondent.legal_representative == "王伟"
    assert "深圳国际仲裁院" in terms.dispute_clause_zh
    assert "Shenzhen Court of International Arbitration" in terms.dispute_clause_en
    assert terms.obligations == ()
    assert scene.case.reference in terms.recitals_en and scene.case.reference in terms.recitals_zh


def test_saving_makes_numbered_versions_with_the_hash_of_their_json():
    scene = settled_scene()
    first = draft_terms(scene)
    second = draft_terms(scene, with_obligation(LUMP_SUM))
    assert (first.number, second.number) == (1, 2)
    assert second.terms_sha256 == terms_digest(second.terms_json)
    assert second.terms.obligations == (LUMP_SUM,)
    # The parties always come from the registry, whatever the form sent.
    assert second.terms.parties[0].registry_number == scene.case.claimant.organisation.registry_number
    assert db.session.scalar(sa.select(AuditEntry).filter_by(
        action="settlement_terms_saved").order_by(AuditEntry.id.desc())).changes["version"] == [1, 2]


def test_saving_identical_terms_adds_no_version():
    scene = settled_scene()
    first = draft_terms(scene)
    again = draft_terms(scene)
    assert again.id == first.id and _count(SettlementVersion) == 1


def test_a_stale_version_number_is_refused_and_nothing_is_saved():
    scene = settled_scene()
    draft_terms(scene)
    with pytest.raises(StaleCase):
        operations.save_terms(scene.mediator, scene.case, VALID_TERMS, expected_number=None)
    db.session.rollback()
    assert _count(SettlementVersion) == 1


def test_only_the_mediator_and_registry_draft_and_only_while_settled():
    scene = settled_scene()
    with pytest.raises(NotPermitted):
        operations.save_terms(scene.claimant, scene.case, VALID_TERMS, expected_number=None)
    other_case = make_case(CaseState.NOT_SETTLED)
    registrar = make_user(Role.REGISTRAR)
    with pytest.raises(IllegalTransition):
        operations.save_terms(registrar, other_case, VALID_TERMS, expected_number=None)


def test_the_last_approval_signs_the_settlement_and_everyone_is_told():
    scene = settled_scene()
    version = draft_terms(scene)
    first = approve(scene, scene.claimant)
    assert scene.case.state == CaseState.SETTLED
    assert (first.signatory_name, first.terms_sha256) == ("Tan Wei Ming", version.terms_sha256)
    approve(scene, scene.respondent)
    assert scene.case.state == CaseState.SETTLEMENT_SIGNED
    kinds = set(db.session.scalars(sa.select(OutboxMessage.kind)))
    assert {"settlement_terms_changed", "settlement_approved", "settlement_signed"} <= kinds


def test_an_edit_clears_the_approvals():
    scene = settled_scene()
    draft_terms(scene)
    approve(scene, scene.claimant)
    changed = replace(VALID_TERMS, costs_en="The respondent bears the costs.",
                      costs_zh="费用由被申请人承担。")
    draft_terms(scene, changed)
    assert [entry.approval for entry in operations.approvals_needed(scene.case)] == [None, None]
    approve(scene, scene.respondent)
    assert scene.case.state == CaseState.SETTLED  # the claimant's approval was of version 1


def test_approving_an_outdated_hash_is_refused():
    scene = settled_scene()
    old = draft_terms(scene)
    draft_terms(scene, with_obligation(LUMP_SUM))
    with pytest.raises(IllegalTransition, match="changed since you read them"):
        operations.approve_settlement(scene.claimant, scene.case, old.terms_sha256,
                                      expected_version=None)


def test_unenforceable_terms_cannot_be_approved():
    scene = settled_scene()
    vague = replace(LUMP_SUM, amount=Decimal("0"))
    version = draft_terms(scene, with_obligation(vague))
    with pytest.raises(IllegalTransition, match="definite amount") as refused:
        operations.approve_settlement(scene.claimant, scene.case, version.terms_sha256,
                                      expected_version=None)
    assert "给付金额不明确" in str(refused.value)
    db.session.rollback()
    assert _count(SettlementApproval) == 0


def test_no_terms_yet_cannot_be_approved():
    scene = settled_scene()
    with pytest.raises(IllegalTransition, match="no settlement terms"):
        operations.approve_settlement(scene.claimant, scene.case, "0" * 64,
                                      expected_version=None)


def test_a_party_user_who_is_not_a_signatory_cannot_approve():
    scene = settled_scene()
    version = draft_terms(scene)
    counsel = make_user(Role.PARTY, organisation=scene.case.claimant.organisation)
    with pytest.raises(NotPermitted, match="authorised signatory"):
        operations.approve_settlement(counsel, scene.case, version.terms_sha256,
                                      expected_version=None)


def test_a_party_approves_a_version_once():
    scene = settled_scene()
    draft_terms(scene)
    approve(scene, scene.claimant)
    with pytest.raises(IllegalTransition, match="already approved"):
        approve(scene, scene.claimant)


def test_terms_round_trip_through_the_version():
    scene = settled_scene()
    version = draft_terms(scene)
    assert SettlementTerms.from_json(version.terms_json) == version.terms
