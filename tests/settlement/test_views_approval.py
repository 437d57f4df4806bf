"""Approving the settlement through its page: the exact version (sha256), the confirmation, the
last approval signing the settlement, an edit clearing approvals, signatories only."""

from dataclasses import replace

import pytest
from markupsafe import escape

from casework.accounts.models import Role
from casework.cases.models import CaseState
from casework.extensions import db
from casework.settlement import operations
from casework.settlement.models import SettlementApproval
from tests.factories import make_user
from tests.settlement.helpers import approve, draft_terms, settled_scene
from tests.settlement.samples import VALID_TERMS

pytestmark = pytest.mark.usefixtures("quick_password_hashes")


def _approve_url(case) -> str:
    return f"/cases/{case.id}/settlement/approve"


def _approval_form(case, version, **changes) -> dict:
    data = {"version": str(case.version), "terms_sha256": version.terms_sha256, "confirm": "y"}
    data.update(changes)
    return data


def _approvals() -> list[SettlementApproval]:
    return db.session.scalars(db.select(SettlementApproval)).all()


def _row(page: str, side: str) -> str:
    """The approvals table row of ``side`` on the settlement page."""
    start = page.index(f'<tr data-side="{side}"')
    return page[start:page.index("</tr>", start)]


def test_the_approval_page_shows_the_exact_version_and_asks_for_confirmation(client, login):
    scene = settled_scene()
    version = draft_terms(scene)
    login(scene.respondent)

    page = client.get(_approve_url(scene.case))

    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert version.terms_sha256 in html
    assert f'name="terms_sha256" type="hidden" value="{version.terms_sha256}"' in html
    organisation = scene.case.respondent.organisation.name_en
    assert (f"I approve these terms on behalf of {organisation} as its authorised signatory"
            in html)
    assert "These terms pass the enforceability check." in html
    assert "人民币叁佰贰拾伍元零肆分" in html  # the terms themselves are shown


def test_approving_without_the_confirmation_is_refused_and_stores_nothing(client, login):
    scene = settled_scene()
    version = draft_terms(scene)
    login(scene.claimant)

    response = client.post(_approve_url(scene.case),
                           data=_approval_form(scene.case, version, confirm=""))

    assert response.status_code == 422
    assert "Tick the box to confirm your approval." in response.get_data(as_text=True)
    assert _approvals() == []


def test_both_approvals_sign_the_settlement(client, login):
    scene = settled_scene()
    version = draft_terms(scene)

    login(scene.claimant)
    first = client.post(_approve_url(scene.case), data=_approval_form(scene.case, version))
    assert first.status_code == 302
    db.session.expire_all()
    assert scene.case.state == CaseState.SETTLED
    page = client.get(f"/cases/{scene.case.id}/settlement").get_data(as_text=True)
    assert 'data-approved="yes"' in _row(page, "claimant")
    assert "Tan Wei Ming, Director" in _row(page, "claimant")
    assert version.terms_sha256 in _row(page, "claimant")
    assert 'data-approved="no"' in _row(page, "respondent")
    assert "Review and approve these terms" not in page  # the claimant's party has approved
    again = client.get(_approve_url(scene.case)).get_data(as_text=True)
    assert "approved this version for your party" in again and 'name="confirm"' not in again

    login(scene.respondent)
    second = client.post(_approve_url(scene.case), data=_approval_form(scene.case, version),
                         follow_redirects=True)

    assert "the settlement is signed" in second.get_data(as_text=True)
    db.session.expire_all()
    assert scene.case.state == CaseState.SETTLEMENT_SIGNED
    assert sorted((a.side.value, a.user_id, a.terms_sha256) for a in _approvals()) == [
        ("claimant", scene.claimant.id, version.terms_sha256),
        ("respondent", scene.respondent.id, version.terms_sha256),
    ]
    # Once signed nobody drafts or approves any more: no buttons, and the pages are refused.
    login(scene.mediator)
    signed = client.get(f"/cases/{scene.case.id}/settlement").get_data(as_text=True)
    assert "Edit the general clauses" not in signed and "/remove" not in signed
    assert client.get(f"/cases/{scene.case.id}/settlement/clauses").status_code == 409


def test_an_edit_after_an_approval_makes_a_new_version_that_is_not_approved(client, login):
    scene = settled_scene()
    first = draft_terms(scene)
    approve(scene, scene.claimant)
    login(scene.mediator)

    response = client.post(f"/cases/{scene.case.id}/settlement/obligations/4/remove",
                           data={"version": scene.case.version, "settlement_version": "1"})

    assert response.status_code == 302
    db.session.expire_all()
    current = operations.settlement_for(scene.case).current_version
    assert current.number == 2 and current.terms_sha256 != first.terms_sha256
    page = client.get(f"/cases/{scene.case.id}/settlement").get_data(as_text=True)
    assert 'data-approved="no"' in _row(page, "claimant")
    assert 'data-approved="no"' in _row(page, "respondent")
    assert "No longer counts: a later version was saved." in page  # version 1's approval

    # The claimant's signatory, still holding the old page, cannot approve the old version.
    login(scene.claimant)
    stale = client.post(_approve_url(scene.case), data=_approval_form(scene.case, first))
    assert stale.status_code == 409
    assert "changed since you read them" in stale.get_data(as_text=True)
    # The respondent's approval of the new version alone does not sign the settlement.
    login(scene.respondent)
    assert client.post(_approve_url(scene.case),
                       data=_approval_form(scene.case, current)).status_code == 302
    db.session.expire_all()
    assert scene.case.state == CaseState.SETTLED


def test_a_party_user_who_is_not_a_signatory_is_told_why_and_refused(client, login):
    scene = settled_scene()
    version = draft_terms(scene)
    colleague = login(make_user(Role.PARTY, organisation=scene.case.claimant.organisation))
    settlement_page = client.get(f"/cases/{scene.case.id}/settlement").get_data(as_text=True)
    assert "Review and approve these terms" not in settlement_page
    assert "Only your party's authorised signatory" in settlement_page

    page = client.get(_approve_url(scene.case))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Only an authorised signatory of the party" in html
    assert "Tan Wei Ming (Director)" in html  # who can approve instead
    assert 'name="confirm"' not in html

    response = client.post(_approve_url(scene.case), data=_approval_form(scene.case, version))

    assert response.status_code == 403
    assert "Only an authorised signatory of the party" in response.get_data(as_text=True)
    assert _approvals() == [] and colleague.organisation_id == scene.case.claimant.organisation_id


def test_staff_cannot_approve_and_parties_cannot_draft(client, login):
    scene = settled_scene()
    version = draft_terms(scene)
    for staff in (scene.mediator, scene.registrar):
        login(staff)
        assert client.get(_approve_url(scene.case)).status_code == 403
        assert client.post(_approve_url(scene.case),
                           data=_approval_form(scene.case, version)).status_code == 403
    login(scene.claimant)
    page = client.get(f"/cases/{scene.case.id}/settlement").get_data(as_text=True)
    assert "Review and approve these terms" in page and "Edit the general clauses" not in page
    assert client.get(f"/cases/{scene.case.id}/settlement/clauses").status_code == 403
    assert client.post(f"/cases/{scene.case.id}/settlement/obligations/1/remove", data={
        "version": scene.case.version, "settlement_version": "1"}).status_code == 403
    assert _approvals() == []
    assert operations.settlement_for(scene.case).current_version.number == 1


def test_nothing_to_approve_before_the_terms_are_drafted(client, login):
    scene = settled_scene()
    login(scene.claimant)

    page = client.get(_approve_url(scene.case))
    response = client.post(_approve_url(scene.case), data={
        "version": scene.case.version, "terms_sha256": "0" * 64, "confirm": "y"})

    assert page.status_code == 200
    assert "There are no settlement terms to approve yet" in page.get_data(as_text=True)
    assert response.status_code == 409
    assert _approvals() == []


def test_a_stale_case_version_is_refused(client, login):
    scene = settled_scene()
    version = draft_terms(scene)
    login(scene.claimant)
    data = _approval_form(scene.case, version)
    scene.case.mediator_attributes = "Changed meanwhile."
    db.session.commit()

    response = client.post(_approve_url(scene.case), data=data)

    assert response.status_code == 409
    assert "changed by someone else" in response.get_data(as_text=True)
    assert _approvals() == []


def test_the_approval_page_reflects_another_version_than_the_sample(client, login):
    scene = settled_scene()
    draft_terms(scene)
    second = draft_terms(scene, replace(VALID_TERMS, costs_en="The respondent bears all costs."))
    login(scene.claimant)

    html = client.get(_approve_url(scene.case)).get_data(as_text=True)

    assert "Version 2" in html and second.terms_sha256 in html
    assert str(escape("The respondent bears all costs.")) in html
