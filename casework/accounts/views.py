"""Accounts: sign in/out, registration, password reset, profile, language, user administration."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from casework.accounts import operations
from casework.accounts.forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    LoginForm,
    NewUserForm,
    ProfileForm,
    RegistrationForm,
    ResetPasswordForm,
    RoleForm,
)
from casework.accounts.labels import ROLE_LABELS
from casework.accounts.models import Locale, Role, User
from casework.errors import InvalidInput
from casework.extensions import db
from casework.i18n import SUPPORTED
from casework.web import render_form

bp = Blueprint("accounts", __name__)

USERS_PER_PAGE = 50


def safe_next(target: str | None) -> str | None:
    """``target`` if it is a path on this site (no scheme, host or ``//``), else ``None``.

    Guards every ``next`` parameter against being used as an open redirect.
    """
    if not target or not target.startswith("/") or target.startswith("//"):
        return None
    if "\\" in target or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target.rstrip("?") or "/"


def _after_sign_in(next_url: str | None):
    return redirect(safe_next(next_url) or url_for("cases.dashboard"))


# --- sign in / out --------------------------------------------------------------------------


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Public: sign in with e-mail and password, then go to a safe ``next`` or the dashboard."""
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if current_user.is_authenticated:
        return _after_sign_in(form.next.data)
    error = None
    if form.validate_on_submit():
        user = operations.authenticate(form.email.data, form.password.data)
        if user is None:
            error = _("E-mail or password is incorrect.")
        elif not user.active:
            error = _("This account has been deactivated. Contact the SIMC registry.")
        else:
            login_user(user)
            session["locale"] = user.locale.value
            return _after_sign_in(form.next.data)
    return render_form("accounts/login.html", form, error=error)


@bp.route("/logout", methods=["POST"])
def logout():
    """Anyone (POST with CSRF): sign out, keeping the interface in the same language."""
    if current_user.is_authenticated:
        session["locale"] = current_user.locale.value
    logout_user()
    flash(_("You have signed out."), "success")
    return redirect(url_for("accounts.login"))


# --- registration ---------------------------------------------------------------------------


@bp.route("/register", methods=["GET", "POST"])
def register():
    """Public: a party representative registers (``?email=`` prefills, ``?next=`` follows)."""
    form = RegistrationForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
        form.email.data = request.args.get("email", "")
        form.locale.data = str(get_locale()) if str(get_locale()) in SUPPORTED else Locale.EN.value
        form.timezone.data = "Asia/Shanghai" if form.locale.data == Locale.ZH else "Asia/Singapore"
    if current_user.is_authenticated:
        return _after_sign_in(form.next.data)
    if form.validate_on_submit():
        try:
            user = operations.register_party(
                name=form.name.data, email=form.email.data, password=form.password.data,
                locale=form.locale.data, timezone=form.timezone.data,
            )
        except InvalidInput as error:
            db.session.rollback()
            form.email.errors.append(error.message)
        else:
            db.session.commit()
            login_user(user)
            session["locale"] = user.locale.value
            flash(_("Welcome, %(name)s. Your account has been created.", name=user.name),
                  "success")
            return _after_sign_in(form.next.data)
    return render_form("accounts/register.html", form)


# --- passwords ------------------------------------------------------------------------------


@bp.route("/password/forgot", methods=["GET", "POST"])
def forgot_password():
    """Public: e-mail a reset link; the answer never reveals whether the account exists."""
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        operations.request_password_reset(form.email.data)
        db.session.commit()
        return render_template("accounts/reset_sent.html", email=form.email.data.strip())
    return render_form("accounts/forgot_password.html", form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    """Public: choose a new password through an e-mailed single-use link."""
    try:
        operations.load_reset_token(token)
    except operations.ResetLinkInvalid as error:
        response = render_template("accounts/reset_link_invalid.html", message=error.message)
        return response, error.status, {"Referrer-Policy": "no-referrer"}
    form = ResetPasswordForm()
    if form.validate_on_submit():
        operations.reset_password(token, form.password.data)
        db.session.commit()
        if current_user.is_authenticated:
            logout_user()
        flash(_("Your password has been changed. Sign in with your new password."), "success")
        return redirect(url_for("accounts.login"))
    page, status = render_form("accounts/reset_password.html", form, token=token)
    return page, status, {"Referrer-Policy": "no-referrer"}


# --- profile and language -------------------------------------------------------------------


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    """Signed-in users: change one's own name, language and time zone.

    Only a GET starts from the stored values: a submission is judged on what it sent, so an
    empty or partial one is refused rather than saving the old values back."""
    form = ProfileForm(data=_profile_data(current_user) if request.method == "GET" else None)
    if form.validate_on_submit():
        operations.update_profile(current_user, name=form.name.data, locale=form.locale.data,
                                  timezone=form.timezone.data)
        db.session.commit()
        session["locale"] = current_user.locale.value
        flash(_("Your profile has been saved."), "success")
        return redirect(url_for("accounts.profile"))
    return render_form("accounts/profile.html", form,
                       password_form=ChangePasswordForm(formdata=None))


def _profile_data(user: User) -> dict:
    """The profile form's starting values (enums as their stored codes)."""
    return {"name": user.name, "locale": user.locale.value, "timezone": user.timezone}


@bp.route("/profile/password", methods=["POST"])
@login_required
def change_password():
    """Signed-in users: change one's password, giving the current one."""
    password_form = ChangePasswordForm()
    if password_form.validate_on_submit():
        try:
            operations.change_password(current_user,
                                       current_password=password_form.current_password.data,
                                       new_password=password_form.new_password.data)
        except InvalidInput as error:
            db.session.rollback()
            password_form.current_password.errors.append(error.message)
        else:
            db.session.commit()
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("accounts.profile"))
    form = ProfileForm(formdata=None, data=_profile_data(current_user))
    return render_form("accounts/profile.html", form, password_form=password_form)


@bp.route("/language", methods=["POST"])
def set_language():
    """Public (POST with CSRF): switch the interface language, then return to a safe ``next``."""
    locale = request.form.get("locale", "")
    if locale not in SUPPORTED:
        abort(400)
    session["locale"] = locale
    if current_user.is_authenticated:
        operations.set_language(current_user, locale)
        db.session.commit()
    return redirect(safe_next(request.form.get("next")) or url_for("cases.dashboard"))


# --- user administration --------------------------------------------------------------------


def _require_user_admin() -> None:
    if not operations.can_manage_users(current_user):
        abort(403)


def _get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.route("/users")
@login_required
def users():
    """Registrars and admins: every account, with role, language and whether it is active."""
    _require_user_admin()
    query = db.select(User).order_by(User.active.desc(), User.role, User.name)
    role = request.args.get("role", "")
    if role in {r.value for r in Role}:
        query = query.filter(User.role == Role(role))
    search = request.args.get("q", "").strip()
    if search:
        pattern = f"%{search.lower()}%"
        query = query.filter(db.or_(db.func.lower(User.name).like(pattern),
                                    db.func.lower(User.email).like(pattern)))
    page = db.paginate(query, per_page=USERS_PER_PAGE, error_out=False)
    return render_template("accounts/users.html", page=page, role=role, search=search,
                           can_manage_user=operations.can_manage_user)


@bp.route("/users/new", methods=["GET", "POST"])
@login_required
def new_user():
    """Registrars (mediators, registrars) and admins (any role): create an account."""
    _require_user_admin()
    form = NewUserForm(operations.assignable_roles(current_user))
    if request.method == "GET":
        form.role.data = Role.MEDIATOR.value
        form.timezone.data = "Asia/Singapore"
    if form.validate_on_submit():
        temporary = form.setup.data == "password"
        try:
            user = operations.create_user(
                current_user, email=form.email.data, name=form.name.data,
                role=Role(form.role.data), locale=form.locale.data, timezone=form.timezone.data,
                password=form.temporary_password.data if temporary else None,
                organisation_id=form.organisation_id.data,
            )
        except InvalidInput as error:
            db.session.rollback()
            form.email.errors.append(error.message)
        else:
            db.session.commit()
            if temporary:
                flash(_("Account created for %(email)s. Give them the temporary password "
                        "yourself.", email=user.email), "success")
            else:
                flash(_("Account created. %(email)s has been e-mailed a link to choose a "
                        "password.", email=user.email), "success")
            return redirect(url_for("accounts.user_detail", user_id=user.id))
    return render_form("accounts/new_user.html", form)


@bp.route("/users/<int:user_id>")
@login_required
def user_detail(user_id: int):
    """Registrars and admins: one account, with its role and activation controls."""
    _require_user_admin()
    user = _get_user(user_id)
    role_form = None
    if operations.can_change_role(current_user, user):
        role_form = RoleForm(operations.assignable_roles(current_user), formdata=None,
                             data={"role": user.role.value})
    return render_template("accounts/user_detail.html", user=user, role_form=role_form,
                           can_manage=operations.can_manage_user(current_user, user))


@bp.route("/users/<int:user_id>/role", methods=["POST"])
@login_required
def change_role(user_id: int):
    """Admins (any role) and registrars (mediator/registrar): change another account's role."""
    _require_user_admin()
    user = _get_user(user_id)
    # Any role passes the form; the operation decides which ones this actor may give.
    form = RoleForm(list(Role))
    if not form.validate_on_submit():
        abort(400)
    operations.change_role(current_user, user, Role(form.role.data))
    db.session.commit()
    flash(_("The role of %(name)s is now %(role)s.", name=user.name,
            role=ROLE_LABELS[user.role]), "success")
    return redirect(url_for("accounts.user_detail", user_id=user.id))


@bp.route("/users/<int:user_id>/deactivate", methods=["POST"])
@login_required
def deactivate_user(user_id: int):
    """Registrars and admins: close another account (never one's own)."""
    _require_user_admin()
    user = _get_user(user_id)
    operations.deactivate_user(current_user, user)
    db.session.commit()
    flash(_("The account of %(name)s has been deactivated.", name=user.name), "success")
    return redirect(url_for("accounts.user_detail", user_id=user.id))


@bp.route("/users/<int:user_id>/reactivate", methods=["POST"])
@login_required
def reactivate_user(user_id: int):
    """Registrars and admins: reopen a deactivated account."""
    _require_user_admin()
    user = _get_user(user_id)
    operations.reactivate_user(current_user, user)
    db.session.commit()
    flash(_("The account of %(name)s has been reactivated.", name=user.name), "success")
    return redirect(url_for("accounts.user_detail", user_id=user.id))
