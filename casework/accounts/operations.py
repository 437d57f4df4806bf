"""Account operations: registration, user administration, passwords and reset links.

Like every operation in Casework these take the acting user and plain data, write audit
entries and outbox e-mails into the current transaction, ``flush()`` and never commit.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta
from functools import cache

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from werkzeug.security import check_password_hash, generate_password_hash

from casework.accounts.models import AccountToken, Locale, Role, TokenPurpose, User
from casework.audit.log import record
from casework.db import now_utc
from casework.errors import DomainError, InvalidInput, NotPermitted
from casework.extensions import db
from casework.i18n import is_valid_zone
from casework.notifications.outbox import enqueue_for_user

MIN_PASSWORD_LENGTH = 10


@cache
def _no_account_hash() -> str:
    """Checked when no account matches, so a failed sign-in takes as long either way."""
    return generate_password_hash(secrets.token_urlsafe(16))


class ResetLinkInvalid(DomainError):
    """A password link that is unknown (404) or used, expired or for a closed account (410)."""

    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


# --- policy ---------------------------------------------------------------------------------


def can_manage_users(actor) -> bool:
    """Whether ``actor`` may open user administration (registrars and admins)."""
    return bool(
        actor is not None
        and actor.is_authenticated
        and actor.active
        and actor.role in (Role.REGISTRAR, Role.ADMIN)
    )


def assignable_roles(actor) -> list[Role]:
    """Roles ``actor`` may give an account: an admin any, a registrar mediator or registrar.

    ``actor`` ``None`` is the operator at the command line, who may create any role.
    """
    if actor is None or (can_manage_users(actor) and actor.role == Role.ADMIN):
        return list(Role)
    if can_manage_users(actor):
        return [Role.MEDIATOR, Role.REGISTRAR]
    return []


def can_manage_user(actor, target: User) -> bool:
    """Whether ``actor`` may deactivate or reactivate ``target`` (never themselves).

    Registrars manage every account except admins'; admins manage all accounts.
    """
    if not can_manage_users(actor) or target.id == actor.id:
        return False
    return actor.role == Role.ADMIN or target.role != Role.ADMIN


def can_change_role(actor, target: User) -> bool:
    """Whether ``actor`` may change ``target``'s role (only between roles ``actor`` assigns)."""
    return can_manage_user(actor, target) and target.role in assignable_roles(actor)


# --- look-ups -------------------------------------------------------------------------------


def normalise_email(email: str) -> str:
    """The stored form of an e-mail address: trimmed and lower-case."""
    return email.strip().lower()


def find_user_by_email(email: str) -> User | None:
    """The account registered with ``email`` (compared case-insensitively), if any."""
    return db.session.scalar(
        db.select(User).filter(sa.func.lower(User.email) == normalise_email(email))
    )


def authenticate(email: str, password: str) -> User | None:
    """The account whose e-mail and password match, active or not; ``None`` if they do not."""
    user = find_user_by_email(email)
    if user is None:
        check_password_hash(_no_account_hash(), password)
        return None
    return user if user.check_password(password) else None


# --- accounts -------------------------------------------------------------------------------


def _check_new_account(email: str, name: str, password: str | None, locale: str,
                       timezone: str) -> None:
    try:
        validate_email(email.strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise InvalidInput(_("%(email)s is not a valid e-mail address.", email=email)) from error
    if not name.strip():
        raise InvalidInput(_("A name is required."))
    if find_user_by_email(email) is not None:
        raise InvalidInput(_("An account with the e-mail address %(email)s already exists.",
                             email=normalise_email(email)))
    if password is not None and len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(_("The password must have at least %(n)d characters.",
                             n=MIN_PASSWORD_LENGTH))
    if locale not in {item.value for item in Locale}:
        raise InvalidInput(_("Unknown language %(locale)s.", locale=locale))
    if not is_valid_zone(timezone):
        raise InvalidInput(_("Unknown time zone %(zone)s.", zone=timezone))


def register_party(*, name: str, email: str, password: str, locale: str, timezone: str) -> User:
    """Create a party representative's account from the public registration form.

    Self-registration only ever creates the party role; staff accounts are made by an admin
    or registrar (:func:`create_user`).
    """
    _check_new_account(email, name, password, locale, timezone)
    user = User(
        email=normalise_email(email),
        name=name.strip(),
        role=Role.PARTY,
        locale=Locale(locale),
        timezone=timezone,
        active=True,
    )
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    record(user, "account_registered", f"{user.email} registered as a party representative",
           case=None, changes={"role": [None, Role.PARTY.value]})
    db.session.flush()
    return user


def create_user(actor, *, email: str, name: str, role: Role, locale: str = Locale.EN.value,
                timezone: str = "Asia/Singapore", password: str | None = None,
                organisation_id: int | None = None) -> User:
    """Create an account for someone else (``actor`` ``None``: the operator's command line).

    With ``password`` the account gets that temporary password; without one the new user is
    e-mailed a single-use link (``account_created``) to choose their own. A mediator also gets
    an empty panel profile so the registry can propose them.
    """
    if role not in assignable_roles(actor):
        raise NotPermitted(_("You may not create an account with the role %(role)s.",
                             role=role.value))
    _check_new_account(email, name, password, locale, timezone)
    if organisation_id is not None:
        from casework.parties.models import Organisation

        if db.session.get(Organisation, organisation_id) is None:
            raise InvalidInput(_("There is no organisation with id %(id)s.", id=organisation_id))
    user = User(
        email=normalise_email(email),
        name=name.strip(),
        role=role,
        locale=Locale(locale),
        timezone=timezone,
        organisation_id=organisation_id,
        active=True,
    )
    user.set_password(password if password is not None else secrets.token_urlsafe(32))
    db.session.add(user)
    db.session.flush()
    if role == Role.MEDIATOR:
        _ensure_panel_profile(user)
    record(actor, "account_created", f"Account {user.email} created with role {role.value}",
           case=None, changes={"user_id": [None, user.id], "role": [None, role.value]})
    if password is None:
        token = _issue_token(user, timedelta(days=current_app.config["INVITATION_DAYS"]))
        enqueue_for_user("account_created", user, link=_reset_link(token),
                         expires_days=current_app.config["INVITATION_DAYS"])
    db.session.flush()
    return user


def _ensure_panel_profile(user: User) -> None:
    from casework.mediators.models import MediatorProfile

    if user.mediator_profile is None:
        db.session.add(MediatorProfile(user=user))
    else:
        user.mediator_profile.on_panel = True


def change_role(actor, user: User, role: Role) -> None:
    """Give ``user`` another role; a new mediator joins the panel, a former one leaves it."""
    if not can_change_role(actor, user) or role not in assignable_roles(actor):
        raise NotPermitted(_("You may not give this account the role %(role)s.", role=role.value))
    old = user.role
    if old == role:
        return
    user.role = role
    if role == Role.MEDIATOR:
        _ensure_panel_profile(user)
    elif user.mediator_profile is not None:
        user.mediator_profile.on_panel = False
    record(actor, "role_changed", f"Role of {user.email} changed from {old.value} to {role.value}",
           case=None, changes={"user_id": user.id, "role": [old.value, role.value]})
    db.session.flush()


def deactivate_user(actor, user: User) -> None:
    """Close ``user``'s account: they can no longer sign in or reset their password."""
    if user.id == actor.id:
        raise InvalidInput(_("You cannot deactivate your own account."))
    if not can_manage_user(actor, user):
        raise NotPermitted(_("You may not deactivate this account."))
    if not user.active:
        return
    user.active = False
    record(actor, "account_deactivated", f"Account {user.email} deactivated",
           case=None, changes={"user_id": user.id, "active": [True, False]})
    db.session.flush()


def reactivate_user(actor, user: User) -> None:
    """Reopen a deactivated account."""
    if not can_manage_user(actor, user):
        raise NotPermitted(_("You may not reactivate this account."))
    if user.active:
        return
    user.active = True
    record(actor, "account_reactivated", f"Account {user.email} reactivated",
           case=None, changes={"user_id": user.id, "active": [False, True]})
    db.session.flush()


def update_profile(user: User, *, name: str, locale: str, timezone: str) -> None:
    """Change the user's own name, language and time zone."""
    if not (name or "").strip():
        raise InvalidInput(_("Enter your name."))
    if locale not in {item.value for item in Locale}:
        raise InvalidInput(_("Unknown language %(locale)s.", locale=locale))
    if not is_valid_zone(timezone):
        raise InvalidInput(_("Unknown time zone %(zone)s.", zone=timezone))
    user.name = name.strip()
    user.locale = Locale(locale)
    user.timezone = timezone
    db.session.flush()


def set_language(user: User, locale: str) -> None:
    """Remember the interface language ``user`` chose."""
    user.locale = Locale(locale)
    db.session.flush()


def change_password(user: User, *, current_password: str, new_password: str) -> None:
    """Replace the user's password after checking the current one."""
    if not user.check_password(current_password):
        raise InvalidInput(_("The current password is not correct."))
    if len(new_password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(_("The password must have at least %(n)d characters.",
                             n=MIN_PASSWORD_LENGTH))
    user.set_password(new_password)
    record(user, "password_changed", f"{user.email} changed their password", case=None)
    db.session.flush()


# --- single-use password links --------------------------------------------------------------


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _reset_link(token: str) -> str:
    return f"{current_app.config['BASE_URL'].rstrip('/')}/password/reset/{token}"


def _issue_token(user: User, lifetime: timedelta) -> str:
    """Store a new token's hash for ``user`` and return the token itself (for the e-mail only)."""
    token = secrets.token_urlsafe(32)
    now = now_utc()
    db.session.add(AccountToken(
        user_id=user.id,
        purpose=TokenPurpose.PASSWORD_RESET,
        token_hash=_hash_token(token),
        created_at=now,
        expires_at=now + lifetime,
    ))
    return token


def request_password_reset(email: str) -> None:
    """E-mail a single-use reset link to the active account with ``email``, if there is one.

    The caller answers the same way whether or not an account exists.
    """
    user = find_user_by_email(email)
    if user is None or not user.active:
        return
    hours = current_app.config["PASSWORD_RESET_HOURS"]
    token = _issue_token(user, timedelta(hours=hours))
    enqueue_for_user("password_reset", user, link=_reset_link(token), expires_hours=hours)
    db.session.flush()


def load_reset_token(token: str, *, now: datetime | None = None) -> AccountToken:
    """The stored token matching a link, if it can still be used; else :class:`ResetLinkInvalid`."""
    stored = db.session.scalar(
        db.select(AccountToken).filter_by(token_hash=_hash_token(token),
                                          purpose=TokenPurpose.PASSWORD_RESET)
    )
    if stored is None:
        raise ResetLinkInvalid(_("This password link is not valid. Check that you copied the "
                                 "whole link, or ask for a new one."), 404)
    if stored.used_at is not None:
        raise ResetLinkInvalid(_("This password link has already been used. Ask for a new one "
                                 "if you need to change your password again."), 410)
    if stored.expires_at <= (now or now_utc()):
        raise ResetLinkInvalid(_("This password link has expired. Ask for a new one."), 410)
    if not stored.user.active:
        raise ResetLinkInvalid(_("This account has been deactivated. Contact the SIMC registry."),
                               410)
    return stored


def reset_password(token: str, new_password: str) -> User:
    """Set a new password through an e-mailed link; the link and every other open one expire."""
    stored = load_reset_token(token)
    if len(new_password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(_("The password must have at least %(n)d characters.",
                             n=MIN_PASSWORD_LENGTH))
    user = stored.user
    now = now_utc()
    user.set_password(new_password)
    db.session.execute(
        sa.update(AccountToken)
        .where(AccountToken.user_id == user.id, AccountToken.used_at.is_(None))
        .values(used_at=now)
    )
    record(user, "password_reset", f"{user.email} set a new password through an e-mailed link",
           case=None)
    db.session.flush()
    return user
