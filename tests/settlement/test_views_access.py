"""Who sees a case's settlement: both parties, the assigned mediator and the registry — never
another case's party or a mediator not on the case; and the case page links to it once settled."""

import pytest

from casework.accounts.models import Locale, Role
from casework.cases.models import CaseState
from casework.extensions import db
from casework.mediators.models import MediatorProposal
from tests.factories import make_case, make_user
from tests.settlement.helpers import draft_terms, settled_scene

pytestmark = pytest.mark.usefixtures("quick_password_hashes")

PAGES = ("", "/clauses", "/obligations/new/payment", "/obligations/1", "/approve")


def test_the_parties_the_mediator_and_the_registry_see_the_settlement(client, login):
    scene = settled_scene()
    version = draft_terms(scene)
    for user in (scene.claimant, scene.respondent, scene.mediator, scene.registrar):
        login(user)
        page = client.get(f"/cases/{scene.case.id}/settlement")
        assert page.status_code == 200, user.role
        assert version.terms_sha256 in page.get_data(as_text=True)


@pytest.mark.parametrize("outsider", ["other_party", "unassigned_mediator"])
def test_outsiders_are_refused_every_settlement_page(client, login, outsider):
    scene = settled_scene()
    version = draft_terms(scene)
    user = (make_case(CaseState.SETTLED).created_by if outsider == "other_party"
            else make_user(Role.MEDIATOR))
    db.session.commit()
    login(user)

    for tail in PAGES:
        page = client.get(f"/cases/{scene.case.id}/settlement{tail}")
        assert page.status_code == 403, tail
        assert version.terms_sha256 not in page.get_data(as_text=True)
    assert client.post(f"/cases/{scene.case.id}/settlement/approve", data={
        "version": scene.case.version, "terms_sha256": version.terms_sha256, "confirm": "y",
    }).status_code == 403


def test_a_pending_proposed_mediator_does_not_see_the_settlement(client, login):
    scene = settled_scene()
    draft_terms(scene)
    candidate = make_user(Role.MEDIATOR)
    db.session.add(MediatorProposal(case_id=scene.case.id, mediator_id=candidate.id,
                                    proposed_by_id=scene.registrar.id,
                                    proposed_at=scene.case.submitted_at,
                                    objection_deadline=scene.case.submitted_at))
    db.session.commit()
    login(candidate)

    assert client.get(f"/cases/{scene.case.id}").status_code == 200  # on the case ...
    assert client.get(f"/cases/{scene.case.id}/settlement").status_code == 403  # ... not this


def test_anonymous_visitors_are_sent_to_sign_in(client):
    scene = settled_scene()
    for tail in PAGES:
        response = client.get(f"/cases/{scene.case.id}/settlement{tail}")
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_missing_case_is_not_found(client, login):
    login(make_user(Role.REGISTRAR))
    db.session.commit()
    assert client.get("/cases/999999/settlement").status_code == 404


def test_the_case_page_links_to_the_settlement_once_settled(client, login):
    scene = settled_scene()
    earlier = make_case(CaseState.MEDIATOR_APPOINTED, claimant_user=scene.claimant,
                        claimant_org=scene.case.claimant.organisation)
    login(scene.claimant)

    settled = client.get(f"/cases/{scene.case.id}").get_data(as_text=True)
    appointed = client.get(f"/cases/{earlier.id}").get_data(as_text=True)

    assert f'href="/cases/{scene.case.id}/settlement"' in settled
    assert f'href="/cases/{earlier.id}/settlement"' not in appointed


def test_before_the_settlement_only_the_drafters_may_start_drafting(client, login):
    scene = settled_scene()
    login(scene.claimant)
    party_view = client.get(f"/cases/{scene.case.id}/settlement").get_data(as_text=True)
    login(scene.registrar)
    registry_view = client.get(f"/cases/{scene.case.id}/settlement").get_data(as_text=True)

    assert "No terms drafted yet" in party_view and "Start drafting" not in party_view
    assert "Start drafting" in registry_view


def test_drafting_is_refused_while_the_case_is_not_settled(client, login):
    case = make_case(CaseState.IN_MEDIATION, mediator_id=make_user(Role.MEDIATOR).id)
    login(case.mediator)

    page = client.get(f"/cases/{case.id}/settlement/clauses")
    response = client.post(f"/cases/{case.id}/settlement/clauses", data={
        "version": case.version, "settlement_version": "", "language_precedence": "zh"})

    assert page.status_code == response.status_code == 409
    assert "is not possible while the case is" in response.get_data(as_text=True)


def test_the_pages_are_shown_in_chinese_too(client, login):
    scene = settled_scene()
    draft_terms(scene)
    scene.mediator.locale = scene.respondent.locale = Locale.ZH
    db.session.commit()

    login(scene.mediator)
    for tail in ("", "/clauses", "/obligations/2", "/obligations/new/delivery"):
        assert client.get(f"/cases/{scene.case.id}/settlement{tail}").status_code == 200, tail
    login(scene.respondent)
    page = client.get(f"/cases/{scene.case.id}/settlement/approve")
    assert page.status_code == 200
    assert 'lang="zh' in page.get_data(as_text=True)
