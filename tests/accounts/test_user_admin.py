"""User administration: who may list, create, change and (de)activate accounts."""

import pytest

from casework.accounts.models import AccountToken, Locale, Role, User
from casework.audit.models import AuditEntry
from casework.extensions import db
from casework.mediators.models import MediatorProfile
from casework.notifications.models import OutboxMessage
from tests.factories import make_org, make_user

NEW = {
    "name": "Chan Mei Ling",
    "email": "Mei.Ling@SIMC.example",
    "role": "mediator",
    "locale": "en",
    "timezone": "Asia/Singapore",
    "setup": "password",
    "temporary_password": "temporary secret 1",
}


def count(model):
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def audit_actions():
    return [e.action for e in db.session.scalars(db.select(AuditEntry).order_by(AuditEntry.id))]


@pytest.mark.parametrize("method, url", [
    ("get", "/users"),
    ("get", "/users/new"),
    ("post", "/users/new"),
    ("get", "/users/{id}"),
    ("post", "/users/{id}/role"),
    ("post", "/users/{id}/deactivate"),
    ("post", "/users/{id}/reactivate"),
])
@pytest.mark.parametrize("role", [Role.PARTY, Role.MEDIATOR])
def test_parties_and_mediators_are_refused(client, login, method, url, role):
    target = make_user(Role.PARTY)
    login(make_user(role))
    db.session.commit()
    response = getattr(client, method)(url.format(id=target.id), data={"role": "admin"})
    assert response.status_code == 403
    db.session.refresh(target)
    assert target.active and target.role == Role.PARTY


@pytest.mark.parametrize("url", ["/users", "/users/new"])
def test_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_list_shows_role_language_and_status(client, login):
    login(make_user(Role.REGISTRAR))
    closed = make_user(Role.PARTY, locale=Locale.ZH, name="Wang Fang")
    closed.active = False
    db.session.commit()
    page = client.get("/users").get_data(as_text=True)
    assert "Wang Fang" in page and "Party representative" in page
    assert "简体中文" in page and "Deactivated" in page
    filtered = client.get("/users?role=registrar").get_data(as_text=True)
    assert "Wang Fang" not in filtered
    searched = client.get("/users?q=wang").get_data(as_text=True)
    assert "Wang Fang" in searched


def test_registrar_form_offers_only_mediator_and_registrar(client, login):
    login(make_user(Role.REGISTRAR))
    db.session.commit()
    page = client.get("/users/new").get_data(as_text=True)
    assert 'value="mediator"' in page and 'value="registrar"' in page
    assert 'value="admin"' not in page and 'value="party"' not in page


def test_registrar_creates_mediator_with_temporary_password(client, login):
    registrar = login(make_user(Role.REGISTRAR))
    db.session.commit()
    response = client.post("/users/new", data=NEW)
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).filter_by(email="mei.ling@simc.example"))
    assert user.role == Role.MEDIATOR and user.check_password("temporary secret 1")
    assert response.headers["Location"] == f"/users/{user.id}"
    profile = db.session.scalar(db.select(MediatorProfile).filter_by(user_id=user.id))
    assert profile is not None and profile.on_panel
    entry = db.session.scalar(db.select(AuditEntry).filter_by(action="account_created"))
    assert entry.actor_id == registrar.id and entry.case_id is None
    assert entry.changes["role"] == [None, "mediator"]
    assert count(OutboxMessage) == 0


@pytest.mark.parametrize("role", ["admin", "party"])
def test_registrar_cannot_create_admins_or_parties(client, login, role):
    login(make_user(Role.REGISTRAR))
    db.session.commit()
    response = client.post("/users/new", data={**NEW, "role": role})
    assert response.status_code == 422
    assert "Role: Not a valid choice." in response.get_data(as_text=True)
    assert count(User) == 1


def test_admin_creates_admin_by_email_link(client, login):
    login(make_user(Role.ADMIN))
    db.session.commit()
    response = client.post("/users/new", data={**NEW, "role": "admin", "setup": "email",
                                               "temporary_password": ""})
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).filter_by(email="mei.ling@simc.example"))
    assert user.role == Role.ADMIN
    assert user.mediator_profile is None
    message = db.session.scalar(db.select(OutboxMessage))
    assert message.kind == "account_created" and message.recipient == user.email
    assert "http://localhost/password/reset/" in message.body
    token = db.session.scalar(db.select(AccountToken))
    assert token.user_id == user.id and token.used_at is None


def test_admin_creates_party_for_an_organisation(client, login):
    login(make_user(Role.ADMIN))
    organisation = make_org()
    db.session.commit()
    response = client.post("/users/new", data={**NEW, "role": "party",
                                               "organisation_id": str(organisation.id)})
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).filter_by(email="mei.ling@simc.example"))
    assert user.role == Role.PARTY and user.organisation_id == organisation.id


@pytest.mark.parametrize("changes, message", [
    ({"setup": "password", "temporary_password": ""},
     "Temporary password: Enter a temporary password, or choose to e-mail a link."),
    ({"temporary_password": "short"}, "Temporary password: Use at least 10 characters."),
    ({"timezone": "Nowhere/Place"}, "Time zone: Choose a time zone from the list"),
    ({"email": "admin@x"}, "E-mail: Invalid email address."),
])
def test_new_user_bad_input(client, login, changes, message):
    login(make_user(Role.ADMIN))
    db.session.commit()
    response = client.post("/users/new", data={**NEW, **changes})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert count(User) == 1 and count(MediatorProfile) == 0


def test_new_user_duplicate_email(client, login):
    login(make_user(Role.ADMIN))
    make_user(Role.MEDIATOR, email="mei.ling@simc.example")
    db.session.commit()
    response = client.post("/users/new", data=NEW)
    assert response.status_code == 422
    assert "E-mail: An account with this e-mail address already exists." in (
        response.get_data(as_text=True))
    assert count(User) == 2


def test_new_user_unknown_organisation(client, login):
    login(make_user(Role.ADMIN))
    db.session.commit()
    response = client.post("/users/new", data={**NEW, "role": "party",
                                               "organisation_id": "9999"})
    assert response.status_code == 422
    assert "Organisation: Not a valid choice." in response.get_data(as_text=True)
    assert count(User) == 1


def test_deactivate_and_reactivate(client, login):
    registrar = login(make_user(Role.REGISTRAR))
    mediator = make_user(Role.MEDIATOR)
    db.session.commit()
    assert client.post(f"/users/{mediator.id}/deactivate").status_code == 302
    db.session.refresh(mediator)
    assert not mediator.active
    assert client.post(f"/users/{mediator.id}/reactivate").status_code == 302
    db.session.refresh(mediator)
    assert mediator.active
    assert audit_actions() == ["account_deactivated", "account_reactivated"]
    entry = db.session.scalar(db.select(AuditEntry))
    assert entry.actor_id == registrar.id and entry.changes["active"] == [True, False]


def test_cannot_deactivate_yourself(client, login):
    admin = login(make_user(Role.ADMIN))
    db.session.commit()
    response = client.post(f"/users/{admin.id}/deactivate")
    assert response.status_code == 422
    assert "You cannot deactivate your own account." in response.get_data(as_text=True)
    db.session.refresh(admin)
    assert admin.active and audit_actions() == []


def test_registrar_cannot_deactivate_an_admin(client, login):
    login(make_user(Role.REGISTRAR))
    admin = make_user(Role.ADMIN)
    db.session.commit()
    assert client.post(f"/users/{admin.id}/deactivate").status_code == 403
    db.session.refresh(admin)
    assert admin.active


def test_unknown_user_is_404(client, login):
    login(make_user(Role.ADMIN))
    db.session.commit()
    assert client.get("/users/9999").status_code == 404
    assert client.post("/users/9999/deactivate").status_code == 404


def test_admin_changes_role_and_panel_follows(client, login):
    admin = login(make_user(Role.ADMIN))
    user = make_user(Role.REGISTRAR)
    db.session.commit()
    page = client.get(f"/users/{user.id}").get_data(as_text=True)
    assert f'action="/users/{user.id}/role"' in page
    assert client.post(f"/users/{user.id}/role", data={"role": "mediator"}).status_code == 302
    db.session.refresh(user)
    assert user.role == Role.MEDIATOR and user.mediator_profile.on_panel
    client.post(f"/users/{user.id}/role", data={"role": "registrar"})
    db.session.refresh(user)
    assert user.role == Role.REGISTRAR and not user.mediator_profile.on_panel
    entry = db.session.scalar(db.select(AuditEntry).filter_by(action="role_changed"))
    assert entry.actor_id == admin.id and entry.changes["role"] == ["registrar", "mediator"]


def test_registrar_cannot_promote_to_admin(client, login):
    login(make_user(Role.REGISTRAR))
    mediator = make_user(Role.MEDIATOR)
    db.session.commit()
    assert client.post(f"/users/{mediator.id}/role", data={"role": "admin"}).status_code == 403
    db.session.refresh(mediator)
    assert mediator.role == Role.MEDIATOR and audit_actions() == []


def test_nobody_changes_their_own_role(client, login):
    admin = login(make_user(Role.ADMIN))
    db.session.commit()
    assert f'action="/users/{admin.id}/role"' not in client.get(
        f"/users/{admin.id}").get_data(as_text=True)
    assert client.post(f"/users/{admin.id}/role", data={"role": "party"}).status_code == 403
    db.session.refresh(admin)
    assert admin.role == Role.ADMIN
