"""The mediator panel and mediator profiles."""

import re

import pytest

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.cases.models import CaseState
from casework.errors import NotPermitted
from casework.extensions import db
from casework.mediators import panel
from casework.mediators.models import MediatorProfile
from tests.factories import make_case, make_org, make_user
from tests.mediators.helpers import audit_actions, make_mediator


def listed(response) -> set[int]:
    """Ids of the mediators in the panel table of a page."""
    return {int(i) for i in re.findall(r'data-mediator="(\d+)"', response.get_data(as_text=True))}


def test_panel_lists_active_panel_mediators_with_their_current_cases(client, login, registrar):
    busy = make_mediator(name="Alice Busy", bio="Former judge of the Singapore High Court.")
    idle = make_mediator(name="Bob Idle")
    off = make_mediator(name="Carol Off", on_panel=False)
    gone = make_mediator(name="Dan Gone")
    gone.active = False
    make_case(CaseState.MEDIATOR_APPOINTED, mediator=busy)
    make_case(CaseState.MEDIATOR_APPOINTED, mediator=busy)
    make_case(CaseState.WITHDRAWN, mediator_id=busy.id)  # closed: not current
    db.session.commit()
    login(registrar)

    response = client.get("/mediators")

    assert response.status_code == 200
    assert listed(response) == {busy.id, idle.id}
    html = response.get_data(as_text=True)
    assert "Former judge of the Singapore High Court." in html
    assert "Carol Off" in html  # in the "not on the panel" list, to be put on it
    assert "Dan Gone" not in html
    assert off.id not in listed(response)
    entries = {e.mediator.id: e for e in panel.panel_mediators()}
    assert entries[busy.id].current_cases == 2
    assert entries[idle.id].current_cases == 0


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("language=中文", {"zh"}),
        ("language=english", {"en", "zh"}),
        ("expertise=shipp", {"en"}),
        ("nationality=SINGAP", {"zh"}),
        ("language=English&nationality=malay", {"en"}),
        ("nationality=French", set()),
    ],
)
def test_panel_filters(client, login, registrar, query, expected):
    mediators = {
        "en": make_mediator(languages="English", expertise="Shipping, insurance",
                            nationality="Malaysian"),
        "zh": make_mediator(languages="English, 中文", expertise="Construction",
                            nationality="Singaporean"),
    }
    login(registrar)

    response = client.get(f"/mediators?{query}")

    assert response.status_code == 200
    assert listed(response) == {mediators[key].id for key in expected}


def test_language_filter_offers_the_panel_languages(client, login, registrar):
    make_mediator(languages="English, Bahasa Melayu")
    make_mediator(languages="english，中文")
    login(registrar)

    html = client.get("/mediators").get_data(as_text=True)

    assert panel.panel_languages() == ["Bahasa Melayu", "English", "中文"]
    for language in ("Bahasa Melayu", "English", "中文"):
        assert f'<option value="{language}">' in html


@pytest.mark.parametrize("role", [Role.PARTY, Role.MEDIATOR, Role.ADMIN])
def test_panel_is_for_registrars_only(client, login, role):
    login(make_user(role, organisation=make_org() if role == Role.PARTY else None))
    db.session.commit()
    assert client.get("/mediators").status_code == 403


def test_panel_needs_sign_in(client):
    response = client.get("/mediators")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_profile_page_for_registrars_and_the_mediator_themself(client, login, registrar):
    mediator = make_mediator(nationality="Malaysian", bio="Construction disputes since 1999.")
    for viewer in (registrar, mediator):
        login(viewer)
        response = client.get(f"/mediators/{mediator.id}")
        assert response.status_code == 200
        assert "Construction disputes since 1999." in response.get_data(as_text=True)


def test_mediators_are_led_to_their_own_profile(client, login, registrar):
    mediator = make_mediator()
    login(mediator)
    link = f'href="/mediators/{mediator.id}"'
    assert link in client.get("/").get_data(as_text=True).split("</nav>")[0]
    assert link in client.get("/profile").get_data(as_text=True).split("<main>")[1]
    login(registrar)
    assert "Your panel profile" not in client.get("/profile").get_data(as_text=True)


@pytest.mark.parametrize("who", ["party", "other_mediator"])
def test_profile_page_refused_to_others(client, login, who):
    mediator = make_mediator()
    viewer = make_user(Role.PARTY, organisation=make_org()) if who == "party" else make_mediator()
    db.session.commit()
    login(viewer)
    assert client.get(f"/mediators/{mediator.id}").status_code == 403
    assert client.get(f"/mediators/{mediator.id}/edit").status_code == 403


def test_profile_of_a_user_who_is_not_a_mediator_is_404(client, login, registrar):
    login(registrar)
    assert client.get(f"/mediators/{registrar.id}").status_code == 404
    assert client.get("/mediators/999999").status_code == 404


def _profile_form(**fields):
    form = {"languages": "English, 中文, English", "expertise": "Shipping",
            "nationality": "Malaysian", "bio": "Maritime arbitrator."}
    form.update(fields)
    return form


def test_mediator_edits_own_profile_but_not_panel_membership(client, login):
    mediator = make_mediator(on_panel=True)
    login(mediator)

    page = client.get(f"/mediators/{mediator.id}/edit").get_data(as_text=True)
    assert 'name="on_panel"' not in page
    response = client.post(f"/mediators/{mediator.id}/edit", data=_profile_form(on_panel=""))

    assert response.status_code == 302
    db.session.expire_all()
    profile = mediator.mediator_profile
    assert profile.languages == "English, 中文"
    assert (profile.expertise, profile.nationality, profile.bio) == (
        "Shipping", "Malaysian", "Maritime arbitrator.")
    assert profile.on_panel is True
    entry = db.session.scalars(db.select(AuditEntry)).one()
    assert (entry.action, entry.actor_id) == ("mediator_profile_updated", mediator.id)
    assert entry.changes["expertise"] == ["Construction", "Shipping"]


def test_registrar_edits_a_profile_and_takes_the_mediator_off_the_panel(client, login, registrar):
    mediator = make_mediator(on_panel=True)
    login(registrar)

    response = client.post(f"/mediators/{mediator.id}/edit", data=_profile_form())

    assert response.status_code == 302
    db.session.expire_all()
    assert mediator.mediator_profile.on_panel is False
    assert mediator.mediator_profile.expertise == "Shipping"
    assert audit_actions() == ["mediator_profile_updated"]
    assert panel.panel_mediators() == []


def test_party_cannot_edit_a_profile(client, login):
    mediator = make_mediator(expertise="Construction")
    login(make_user(Role.PARTY, organisation=make_org()))
    db.session.commit()

    response = client.post(f"/mediators/{mediator.id}/edit", data=_profile_form())

    assert response.status_code == 403
    db.session.expire_all()
    assert mediator.mediator_profile.expertise == "Construction"
    assert audit_actions() == []


def _without_profile():
    mediator = make_user(Role.MEDIATOR)
    db.session.delete(mediator.mediator_profile)
    db.session.commit()
    db.session.expire_all()
    return mediator


def test_first_edit_by_the_mediator_creates_a_profile_off_the_panel(client, login):
    mediator = _without_profile()
    login(mediator)
    assert "no profile yet" in client.get(f"/mediators/{mediator.id}").get_data(as_text=True)

    response = client.post(f"/mediators/{mediator.id}/edit", data=_profile_form())

    assert response.status_code == 302
    profile = db.session.scalars(db.select(MediatorProfile).filter_by(user_id=mediator.id)).one()
    assert (profile.languages, profile.on_panel) == ("English, 中文", False)
    assert audit_actions() == ["mediator_profile_updated"]


def test_first_edit_by_a_registrar_can_put_the_mediator_on_the_panel(client, login, registrar):
    mediator = _without_profile()
    login(registrar)

    client.post(f"/mediators/{mediator.id}/edit", data=_profile_form(on_panel="y"))

    assert [e.mediator.id for e in panel.panel_mediators()] == [mediator.id]


def test_profile_needs_a_language(client, login):
    mediator = make_mediator(languages="English")
    login(mediator)

    response = client.post(f"/mediators/{mediator.id}/edit", data=_profile_form(languages=""))

    assert response.status_code == 422
    assert "Languages: This field is required." in response.get_data(as_text=True)
    db.session.expire_all()
    assert mediator.mediator_profile.languages == "English"
    assert audit_actions() == []


def test_profile_with_only_separators_is_refused(client, login):
    mediator = make_mediator(languages="English")
    login(mediator)

    response = client.post(f"/mediators/{mediator.id}/edit", data=_profile_form(languages=", ，"))

    assert response.status_code == 422
    assert "Languages: Give at least one language." in response.get_data(as_text=True)
    db.session.expire_all()
    assert mediator.mediator_profile.languages == "English"


def test_only_a_registrar_may_change_panel_membership():
    mediator = make_mediator()
    with pytest.raises(NotPermitted):
        panel.update_mediator_profile(
            mediator, mediator, languages="English", expertise="", nationality="", bio="",
            on_panel=False,
        )
    assert mediator.mediator_profile.on_panel is True
