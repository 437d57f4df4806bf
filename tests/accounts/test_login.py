"""Signing in and out: generic errors, inactive accounts, safe ``next`` redirects."""

import pytest

from casework.accounts.models import Role
from casework.accounts.views import safe_next
from casework.extensions import db
from tests.factories import PASSWORD, make_user


def sign_in(client, email, password, next_url=None):
    data = {"email": email, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/login", data=data)


def signed_in_user_id(client):
    with client.session_transaction() as session:
        return session.get("_user_id")


def test_login_page_renders(client):
    response = client.get("/login?next=/cases/7")
    assert response.status_code == 200
    assert b'name="next"' in response.data and b'value="/cases/7"' in response.data


def test_login_succeeds_with_email_in_any_case(client):
    user = make_user(Role.PARTY, email="li.na@example.cn")
    db.session.commit()
    response = sign_in(client, "  Li.Na@Example.CN ", PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"
    assert signed_in_user_id(client) == str(user.id)


@pytest.mark.parametrize("email, password", [
    ("li.na@example.cn", "wrong password!"),
    ("nobody@example.cn", PASSWORD),
])
def test_login_failure_gives_one_generic_error(client, email, password):
    make_user(Role.PARTY, email="li.na@example.cn")
    db.session.commit()
    response = sign_in(client, email, password)
    assert response.status_code == 422
    assert "E-mail or password is incorrect." in response.get_data(as_text=True)
    assert signed_in_user_id(client) is None


def test_inactive_account_is_refused(client):
    user = make_user(Role.MEDIATOR)
    user.active = False
    db.session.commit()
    response = sign_in(client, user.email, PASSWORD)
    assert response.status_code == 422
    assert "deactivated" in response.get_data(as_text=True)
    assert signed_in_user_id(client) is None


def test_deactivated_user_is_signed_out_on_next_request(client, login):
    user = login(make_user(Role.PARTY))
    db.session.commit()
    assert client.get("/profile").status_code == 200
    user.active = False
    db.session.commit()
    response = client.get("/profile")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_relative_next_is_followed(client):
    user = make_user(Role.REGISTRAR)
    db.session.commit()
    response = sign_in(client, user.email, PASSWORD, next_url="/cases/12?tab=documents")
    assert response.headers["Location"] == "/cases/12?tab=documents"


@pytest.mark.parametrize("next_url", [
    "https://evil.example/phish",
    "//evil.example/phish",
    "/\\evil.example",
    "javascript:alert(1)",
    "evil.example",
    "/ok\r\nLocation: https://evil.example",
])
def test_foreign_next_is_ignored(client, next_url):
    user = make_user(Role.PARTY)
    db.session.commit()
    response = sign_in(client, user.email, PASSWORD, next_url=next_url)
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location == "/"


def test_safe_next_rules():
    assert safe_next("/cases/3") == "/cases/3"
    assert safe_next("/login?") == "/login"
    assert safe_next(None) is None
    assert safe_next("") is None
    assert safe_next("http://localhost/cases/3") is None
    assert safe_next("//localhost/cases/3") is None
    assert safe_next("/\\localhost") is None


def test_login_required_pages_send_to_login_with_next(client):
    response = client.get("/profile")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login?next=%2Fprofile"


def test_logout_is_post_only_and_signs_out(client, login):
    login(make_user(Role.PARTY))
    db.session.commit()
    assert client.get("/logout").status_code == 405
    response = client.post("/logout")
    assert response.status_code == 302
    assert signed_in_user_id(client) is None


def test_logout_requires_csrf_token(app, client, login):
    login(make_user(Role.PARTY))
    db.session.commit()
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        response = client.post("/logout")
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
    assert response.status_code == 400
    assert signed_in_user_id(client) is not None

