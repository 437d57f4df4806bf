"""Self-registration of party representatives."""

import pytest

from casework.accounts.models import Locale, Role, User
from casework.audit.models import AuditEntry
from casework.extensions import db
from tests.factories import make_user

GOOD = {
    "name": "Li Na",
    "email": "Li.Na@Example.CN",
    "password": "a long enough secret",
    "confirm": "a long enough secret",
    "locale": "zh_Hans",
    "timezone": "Asia/Shanghai",
}


def register(client, query="", **changes):
    return client.post(f"/register{query}", data={**GOOD, **changes})


def users():
    return list(db.session.scalars(db.select(User)))


def test_registration_page_offers_languages_and_zones(client):
    page = client.get("/register").get_data(as_text=True)
    assert '<option value="zh_Hans">简体中文</option>' in page
    assert '<option selected value="Asia/Singapore">' in page
    assert "America/New_York" in page


def test_registration_creates_signed_in_party(client):
    response = register(client)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    user = db.session.scalar(db.select(User))
    assert user.email == "li.na@example.cn"
    assert user.role == Role.PARTY
    assert user.locale == Locale.ZH
    assert user.timezone == "Asia/Shanghai"
    assert user.check_password("a long enough secret")
    with client.session_transaction() as session:
        assert session["_user_id"] == str(user.id)
    entry = db.session.scalar(db.select(AuditEntry))
    assert entry.action == "account_registered" and entry.case_id is None


def test_registration_prefills_email_and_follows_next(client):
    page = client.get("/register?email=li.na%40example.cn&next=/join/abc").get_data(as_text=True)
    assert 'value="li.na@example.cn"' in page
    assert 'value="/join/abc"' in page
    response = register(client, next="/join/abc")
    assert response.headers["Location"] == "/join/abc"


def test_registration_ignores_foreign_next(client):
    response = register(client, next="https://evil.example/")
    assert response.headers["Location"] == "/"


def test_role_cannot_be_chosen_by_registrant(client):
    register(client, role="registrar")
    assert db.session.scalar(db.select(User)).role == Role.PARTY


@pytest.mark.parametrize("changes, message", [
    ({"password": "short", "confirm": "short"}, "Password: Use at least 10 characters."),
    ({"confirm": "something different"}, "Repeat the password: The passwords do not match."),
    ({"timezone": "Mars/Olympus_Mons"}, "Time zone: Choose a time zone from the list"),
    ({"timezone": ""}, "Time zone: This field is required."),
    ({"email": "not-an-address"}, "E-mail: Invalid email address."),
    ({"name": ""}, "Full name: This field is required."),
    ({"locale": "fr"}, "Language: Not a valid choice."),
])
def test_bad_input_is_named_and_nothing_stored(client, changes, message):
    response = register(client, **changes)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert users() == []


def test_duplicate_email_is_refused(client):
    make_user(Role.PARTY, email="li.na@example.cn")
    db.session.commit()
    response = register(client)
    assert response.status_code == 422
    assert "E-mail: An account with this e-mail address already exists." in (
        response.get_data(as_text=True))
    assert len(users()) == 1


def test_signed_in_user_is_sent_on(client, login):
    login(make_user(Role.PARTY))
    db.session.commit()
    response = client.get("/register?next=/cases/4")
    assert response.headers["Location"] == "/cases/4"

