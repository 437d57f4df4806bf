"""Password reset by an e-mailed single-use link, end to end through a real SMTP server."""

import hashlib
import re
from datetime import timedelta

from casework.accounts.models import AccountToken, Locale, Role
from casework.accounts.operations import request_password_reset
from casework.audit.models import AuditEntry
from casework.db import now_utc
from casework.extensions import db
from casework.notifications.delivery import deliver_pending
from casework.notifications.models import OutboxMessage, OutboxStatus
from tests.factories import PASSWORD, make_user

LINK = re.compile(r"http://localhost/password/reset/(\S+)")
NEW_PASSWORD = "a fresh new password"


def outbox():
    return list(db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)))


def tokens():
    return list(db.session.scalars(db.select(AccountToken).order_by(AccountToken.id)))


def reset(client, token, password=NEW_PASSWORD, confirm=None):
    return client.post(f"/password/reset/{token}",
                       data={"password": password, "confirm": confirm or password})


def test_forgot_page_renders(client):
    assert b'name="email"' in client.get("/password/forgot").data


def test_full_reset_through_smtp(app, client, smtp_server):
    user = make_user(Role.PARTY, email="li.na@example.cn")
    db.session.commit()

    response = client.post("/password/forgot", data={"email": "LI.NA@example.cn"})
    assert response.status_code == 200
    assert "Check your e-mail" in response.get_data(as_text=True)
    [message] = outbox()
    assert (message.kind, message.recipient, message.status) == (
        "password_reset", "li.na@example.cn", OutboxStatus.PENDING)

    report = deliver_pending()
    assert (report.sent, report.failed, report.retrying) == (1, 0, 0)
    [email] = smtp_server.messages
    assert email["To"] == "li.na@example.cn"
    assert email["Subject"] == "Reset your SIMC Casework password"
    token = LINK.search(email.get_content()).group(1)

    [stored] = tokens()
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in stored.token_hash
    expected_expiry = now_utc() + timedelta(hours=app.config["PASSWORD_RESET_HOURS"])
    assert abs(stored.expires_at - expected_expiry) < timedelta(minutes=1)

    page = client.get(f"/password/reset/{token}")
    assert page.status_code == 200 and page.headers["Referrer-Policy"] == "no-referrer"
    response = reset(client, token)
    assert response.status_code == 302 and response.headers["Location"] == "/login"

    login = client.post("/login", data={"email": "li.na@example.cn", "password": NEW_PASSWORD})
    assert login.status_code == 302
    with client.session_transaction() as session:
        assert session["_user_id"] == str(user.id)
    client.post("/logout")
    refused = client.post("/login", data={"email": "li.na@example.cn", "password": PASSWORD})
    assert refused.status_code == 422

    again = client.get(f"/password/reset/{token}")
    assert again.status_code == 410
    assert "already been used" in again.get_data(as_text=True)
    assert reset(client, token, "yet another password").status_code == 410
    db.session.refresh(user)
    assert user.check_password(NEW_PASSWORD)
    assert db.session.scalar(db.select(AuditEntry)).action == "password_reset"


def test_unknown_address_gets_the_same_answer_and_no_mail(client):
    make_user(Role.PARTY, email="li.na@example.cn")
    db.session.commit()
    known = client.post("/password/forgot", data={"email": "li.na@example.cn"})
    unknown = client.post("/password/forgot", data={"email": "nobody@example.cn"})
    strip = lambda r: r.get_data(as_text=True).replace("nobody@example.cn", "li.na@example.cn")  # noqa: E731
    assert known.status_code == unknown.status_code == 200
    assert strip(known) == strip(unknown)
    assert [m.recipient for m in outbox()] == ["li.na@example.cn"]


def test_deactivated_account_gets_no_link(client):
    user = make_user(Role.PARTY)
    user.active = False
    db.session.commit()
    client.post("/password/forgot", data={"email": user.email})
    assert outbox() == [] and tokens() == []


def test_forgot_requires_an_address(client):
    response = client.post("/password/forgot", data={"email": "not an address"})
    assert response.status_code == 422
    assert "E-mail: Invalid email address." in response.get_data(as_text=True)


def _issue_link(user) -> str:
    request_password_reset(user.email)
    db.session.commit()
    return LINK.search(outbox()[-1].body).group(1)


def test_unknown_token_is_404(client):
    response = client.get("/password/reset/not-a-real-token")
    assert response.status_code == 404
    assert "not valid" in response.get_data(as_text=True)


def test_expired_token_is_410(app, client):
    user = make_user(Role.PARTY)
    token = _issue_link(user)
    stored = tokens()[0]
    stored.expires_at = now_utc() - timedelta(seconds=1)
    db.session.commit()
    response = client.get(f"/password/reset/{token}")
    assert response.status_code == 410
    assert "expired" in response.get_data(as_text=True)
    assert reset(client, token).status_code == 410
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_using_one_link_cancels_the_others(client):
    user = make_user(Role.PARTY)
    first = _issue_link(user)
    second = _issue_link(user)
    assert reset(client, second).status_code == 302
    assert client.get(f"/password/reset/{first}").status_code == 410
    assert all(t.used_at is not None for t in tokens())


def test_link_of_a_deactivated_account_is_refused(client):
    user = make_user(Role.PARTY)
    token = _issue_link(user)
    user.active = False
    db.session.commit()
    response = reset(client, token)
    assert response.status_code == 410
    assert "deactivated" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_bad_new_password_is_named_and_link_stays_usable(client):
    user = make_user(Role.PARTY)
    token = _issue_link(user)
    short = reset(client, token, "short")
    assert short.status_code == 422
    assert "New password: Use at least 10 characters." in short.get_data(as_text=True)
    mismatch = reset(client, token, NEW_PASSWORD, "something else entirely")
    assert "Repeat the new password: The passwords do not match." in (
        mismatch.get_data(as_text=True))
    assert tokens()[0].used_at is None
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_reset_mail_is_in_the_users_language(client):
    user = make_user(Role.PARTY, locale=Locale.ZH)
    request_password_reset(user.email)
    assert outbox()[0].locale == "zh_Hans"


def test_account_created_link_sets_the_first_password(client, login):
    login(make_user(Role.ADMIN))
    db.session.commit()
    client.post("/users/new", data={
        "name": "Chan", "email": "chan@simc.example", "role": "registrar", "locale": "en",
        "timezone": "Asia/Singapore", "setup": "email",
    })
    client.post("/logout")
    token = LINK.search(outbox()[0].body).group(1)
    assert reset(client, token).status_code == 302
    login_response = client.post("/login", data={"email": "chan@simc.example",
                                                 "password": NEW_PASSWORD})
    assert login_response.status_code == 302
