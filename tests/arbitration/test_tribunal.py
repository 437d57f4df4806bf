"""The arbitral tribunal: its composition, and the rule that the mediator sits on it only with the
written consent of every party, recorded — refused otherwise, on the page and in the operation."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from casework.arbitration.models import MediatorConsent, TribunalMember, TribunalRole
from casework.arbitration.scia_phase import (
    TribunalSeat,
    check_composition,
    constitute_tribunal,
    is_the_mediator,
)
from casework.cases.models import CaseState
from casework.cases.simc_clock import simc_today
from casework.errors import InvalidInput
from casework.extensions import db
from tests.arbitration.test_scia_phase import (
    MEDIATOR_NAME,
    SciaScene,
    audit_actions,
    outbox,
    scia_scene,
    upload,
)

pytestmark = pytest.mark.usefixtures("quick_password_hashes", "store_dir")

P, C, S = TribunalRole.PRESIDING, TribunalRole.CO_ARBITRATOR, TribunalRole.SOLE


def consent(scene: SciaScene, party) -> MediatorConsent:
    """The recorded written consent of ``party`` (built directly)."""
    document = upload(scene, f"consent-{party.side.value}.pdf")
    recorded = MediatorConsent(proceeding_id=scene.proceeding.id, case_party_id=party.id,
                               document_id=document.id, given_on=simc_today(),
                               recorded_by_id=scene.registrar.id)
    db.session.add(recorded)
    db.session.commit()
    return recorded


def sole_form(scene: SciaScene, name: str, *, ticked: bool = False, **fields) -> dict:
    data = {"version": str(scene.case.version), "composition": "sole", "sole_name": name,
            "appointed_on": simc_today().isoformat(), **fields}
    if ticked:
        data["sole_is_mediator"] = "y"
    return data


def post(client, scene: SciaScene, data: dict):
    return client.post(f"/cases/{scene.case.id}/arbitration/tribunal", data=data)


def nothing_stored(scene: SciaScene) -> bool:
    db.session.expire_all()
    return (db.session.scalars(sa.select(TribunalMember)).all() == []
            and scene.case.state == CaseState.REFERRED_TO_SCIA
            and "tribunal_constituted" not in audit_actions(scene.case)
            and outbox("scia_tribunal_constituted") == [])


# The mediator as arbitrator --------------------------------------------------------------------


def test_the_mediator_is_refused_without_any_consent(client, login):
    scene = scia_scene()
    login(scene.registrar)

    response = post(client, scene, sole_form(scene, MEDIATOR_NAME, ticked=True))

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert (f"Consent not recorded for: {scene.case.claimant.organisation.name_en}; "
            f"{scene.case.respondent.organisation.name_en}.") in page
    assert nothing_stored(scene)


def test_one_partys_consent_is_not_enough(client, login):
    scene = scia_scene()
    consent(scene, scene.case.claimant)
    login(scene.registrar)

    response = post(client, scene, sole_form(scene, MEDIATOR_NAME, ticked=True))

    assert response.status_code == 422
    assert (f"Consent not recorded for: {scene.case.respondent.organisation.name_en}. "
            in response.get_data(as_text=True))
    assert nothing_stored(scene)


def test_the_mediator_sits_with_every_partys_consent(client, login):
    scene = scia_scene()
    consent(scene, scene.case.claimant)
    consent(scene, scene.case.respondent)
    login(scene.registrar)

    response = post(client, scene, sole_form(scene, MEDIATOR_NAME, ticked=True))

    assert response.status_code == 302
    db.session.expire_all()
    assert scene.case.state == CaseState.IN_ARBITRATION
    [member] = db.session.scalars(sa.select(TribunalMember)).all()
    assert (member.name, member.role, member.is_mediator, member.appointed_on) == (
        MEDIATOR_NAME, S, True, simc_today())
    assert "tribunal_constituted" in audit_actions(scene.case)
    told = outbox("scia_tribunal_constituted")
    assert {scene.claimant.email, scene.respondent.email, scene.mediator.email,
            scene.registrar.email} <= set(told)


def test_the_mediator_is_recognised_by_name_without_the_tick(client, login):
    scene = scia_scene()
    consent(scene, scene.case.claimant)
    login(scene.registrar)

    response = post(client, scene, {
        "version": str(scene.case.version), "composition": "three",
        "presiding_name": "Professor Li Hua", "first_co_arbitrator_name": "  tan   AI ling ",
        "second_co_arbitrator_name": "Mr David Ong", "appointed_on": simc_today().isoformat(),
    })

    assert response.status_code == 422
    assert (f"Consent not recorded for: {scene.case.respondent.organisation.name_en}. "
            in response.get_data(as_text=True))
    assert nothing_stored(scene)


def test_name_matching_ignores_case_and_spacing_only():
    scene = scia_scene()
    assert is_the_mediator("tan ai  LING", scene.case)
    assert is_the_mediator("\tTan Ai Ling\n", scene.case)
    assert not is_the_mediator("Tan Ai Lin", scene.case)
    assert not is_the_mediator("", scene.case)


def test_the_operation_itself_refuses_the_mediator_without_consent():
    scene = scia_scene()
    consent(scene, scene.case.respondent)

    with pytest.raises(InvalidInput) as refused:
        constitute_tribunal(scene.registrar, scene.case, [TribunalSeat("TAN AI LING", S)],
                            simc_today(), today=simc_today())

    assert scene.case.claimant.organisation.name_en in str(refused.value.message)
    assert scene.case.respondent.organisation.name_en not in str(refused.value.message)
    db.session.rollback()
    assert nothing_stored(scene)


def test_a_tick_on_a_case_without_a_mediator_is_refused():
    scene = scia_scene()
    scene.case.mediator_id = None
    db.session.commit()

    with pytest.raises(InvalidInput, match="had no mediator"):
        constitute_tribunal(scene.registrar, scene.case,
                            [TribunalSeat("Ms Chen Jing", S, is_mediator=True)], simc_today(),
                            today=simc_today())


# The composition ---------------------------------------------------------------------------------


@pytest.mark.parametrize("roles", [[S], [P, C, C], [C, P, C]])
def test_good_compositions(roles):
    check_composition(roles)


@pytest.mark.parametrize("roles", [[], [S, S], [S, C], [P, C], [P, P, C], [P, C, C, C],
                                   [C, C, C], [S, P, C]])
def test_bad_compositions_are_refused(roles):
    with pytest.raises(InvalidInput, match="either one sole arbitrator"):
        check_composition(roles)


def test_three_arbitrators_are_recorded_in_their_seats(client, login):
    scene = scia_scene()
    login(scene.registrar)

    response = post(client, scene, {
        "version": str(scene.case.version), "composition": "three",
        "presiding_name": "Professor Li Hua", "first_co_arbitrator_name": "Ms Chen Jing",
        "second_co_arbitrator_name": "Mr David Ong",
        "appointed_on": (simc_today() - timedelta(days=1)).isoformat(),
    })

    assert response.status_code == 302
    members = db.session.scalars(sa.select(TribunalMember).order_by(TribunalMember.id)).all()
    assert [(m.name, m.role, m.is_mediator) for m in members] == [
        ("Professor Li Hua", P, False), ("Ms Chen Jing", C, False), ("Mr David Ong", C, False)]
    login(scene.claimant)
    page = client.get(f"/cases/{scene.case.id}/arbitration").get_data(as_text=True)
    assert "Professor Li Hua" in page and "Presiding arbitrator" in page


@pytest.mark.parametrize(("fields", "message"), [
    ({"composition": "three", "presiding_name": "Professor Li Hua",
      "first_co_arbitrator_name": "Ms Chen Jing"},
     "Second co-arbitrator: Give the arbitrator&#39;s name."),
    ({"composition": "sole", "sole_name": "Ms Chen Jing", "presiding_name": "Professor Li Hua"},
     "Presiding arbitrator: Leave this empty"),
    ({"composition": "", "sole_name": "Ms Chen Jing"},
     "Composition: Choose the composition of the tribunal."),
    ({"composition": "three", "presiding_name": "Ms Chen Jing",
      "first_co_arbitrator_name": "ms chen  jing", "second_co_arbitrator_name": "Mr David Ong"},
     "the names must differ"),
    ({"composition": "sole", "sole_name": "Ms Chen Jing",
      "appointed_on": (simc_today() + timedelta(days=1)).isoformat()},
     "Tribunal constituted on: It cannot be in the future"),
    ({"composition": "sole", "sole_name": "Ms Chen Jing",
      "appointed_on": (simc_today() - timedelta(days=30)).isoformat()},
     "cannot be before"),
])
def test_a_bad_tribunal_form_is_refused_and_nothing_is_stored(client, login, fields, message):
    scene = scia_scene()
    login(scene.registrar)
    data = {"version": str(scene.case.version), "appointed_on": simc_today().isoformat(),
            **fields}

    response = post(client, scene, data)

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert nothing_stored(scene)


def test_the_form_shows_whose_consent_is_missing(client, login):
    scene = scia_scene()
    consent(scene, scene.case.respondent)
    login(scene.registrar)

    page = client.get(f"/cases/{scene.case.id}/arbitration/tribunal").get_data(as_text=True)

    assert 'name="version" type="hidden"' in page
    assert (f"Consent not recorded for: {scene.case.claimant.organisation.name_en}</p>"
            in " ".join(page.split()))
