"""The profile page, changing one's password, and the language switcher."""

import pytest

from casework.accounts.models import Locale, Role
from casework.accounts.operations import update_profile
from casework.errors import InvalidInput
from casework.extensions import db
from tests.factories import PASSWORD, make_user


def test_profile_shows_current_settings(client, login):
    user = login(make_user(Role.PARTY, timezone="Asia/Shanghai"))
    db.session.commit()
    page = client.get("/profile").get_data(as_text=True)
    assert user.email in page
    assert f'value="{user.name}"' in page
    assert '<option selected value="Asia/Shanghai">' in page


def test_profile_update(client, login):
    user = login(make_user(Role.PARTY))
    db.session.commit()
    response = client.post("/profile", data={
        "name": "Wang Wei", "locale": "zh_Hans", "timezone": "Europe/London",
    })
    assert response.status_code == 302
    db.session.refresh(user)
    assert (user.name, user.locale, user.timezone) == ("Wang Wei", Locale.ZH, "Europe/London")


def test_profile_rejects_unknown_zone(client, login):
    user = login(make_user(Role.PARTY))
    db.session.commit()
    response = client.post("/profile", data={
        "name": "Wang Wei", "locale": "en", "timezone": "Asia/Atlantis",
    })
    assert response.status_code == 422
    assert "Time zone: Choose a time zone from the list" in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.timezone == "Asia/Singapore" and user.name != "Wang Wei"


@pytest.mark.parametrize("data, messages", [
    ({}, ["Full name: This field is required.", "Language: Not a valid choice.",
          "Time zone: This field is required."]),
    ({"name": "   ", "locale": "en", "timezone": "Asia/Shanghai"},
     ["Full name: This field is required."]),
    ({"name": "Wang Wei", "locale": "fr", "timezone": "Asia/Shanghai"},
     ["Language: Not a valid choice."]),
    ({"name": "Wang Wei", "locale": "zh_Hans"}, ["Time zone: This field is required."]),
])
def test_an_empty_or_invalid_profile_is_refused_and_changes_nothing(client, login, data,
                                                                     messages):
    user = login(make_user(Role.PARTY, name="Li Na", timezone="Asia/Singapore"))
    db.session.commit()

    response = client.post("/profile", data=data)

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    for message in messages:
        assert message in page
    db.session.expire_all()
    assert (user.name, user.locale, user.timezone) == ("Li Na", Locale.EN, "Asia/Singapore")


def test_change_password(client, login):
    user = login(make_user(Role.MEDIATOR))
    db.session.commit()
    response = client.post("/profile/password", data={
        "current_password": PASSWORD, "new_password": "a brand new secret",
        "confirm": "a brand new secret",
    })
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.check_password("a brand new secret")


@pytest.mark.parametrize("data, message", [
    ({"current_password": "not my password", "new_password": "a brand new secret",
      "confirm": "a brand new secret"},
     "Current password: The current password is not correct."),
    ({"current_password": PASSWORD, "new_password": "short", "confirm": "short"},
     "New password: Use at least 10 characters."),
    ({"current_password": PASSWORD, "new_password": "a brand new secret",
      "confirm": "another secret!"},
     "Repeat the new password: The passwords do not match."),
])
def test_change_password_errors(client, login, data, message):
    user = login(make_user(Role.MEDIATOR))
    db.session.commit()
    response = client.post("/profile/password", data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.session.refresh(user)
    assert user.check_password(PASSWORD)


def test_profile_requires_sign_in(client):
    assert client.get("/profile").status_code == 302
    assert client.post("/profile/password", data={}).status_code == 302


def test_language_switch_for_visitor_is_kept_in_session(client):
    assert '<html lang="en">' in client.get("/login").get_data(as_text=True)
    response = client.post("/language", data={"locale": "zh_Hans", "next": "/login?"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    with client.session_transaction() as session:
        assert session["locale"] == "zh_Hans"
    assert '<html lang="zh-CN">' in client.get("/login").get_data(as_text=True)


def test_language_switch_is_stored_on_the_user(client, login):
    user = login(make_user(Role.PARTY))
    db.session.commit()
    response = client.post("/language", data={"locale": "zh_Hans", "next": "/profile"})
    assert response.headers["Location"] == "/profile"
    db.session.refresh(user)
    assert user.locale == Locale.ZH
    assert '<html lang="zh-CN">' in client.get("/profile").get_data(as_text=True)
    client.post("/language", data={"locale": "en", "next": "/profile"})
    db.session.refresh(user)
    assert user.locale == Locale.EN


def test_language_switch_refuses_unknown_language_and_foreign_next(client):
    assert client.post("/language", data={"locale": "fr"}).status_code == 400
    response = client.post("/language", data={"locale": "en", "next": "https://evil.example"})
    assert response.headers["Location"] == "/"


def test_language_switch_is_post_only(client):
    assert client.get("/language").status_code == 405


def test_the_profile_operation_refuses_a_blank_name():
    user = make_user(Role.PARTY, name="Li Na")

    with pytest.raises(InvalidInput):
        update_profile(user, name="  ", locale="en", timezone="Asia/Singapore")

    assert user.name == "Li Na"
