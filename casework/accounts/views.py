"""Accounts: sign in/out, registration, password reset, profile, user administration."""

from flask import Blueprint

bp = Blueprint("accounts", __name__)


@bp.route("/login")
def login():
    """Stub, replaced by the accounts work."""
    return "login"


@bp.route("/register")
def register():
    """Stub."""
    return "register"


@bp.route("/logout", methods=["POST"])
def logout():
    """Stub."""
    return "logout"


@bp.route("/profile")
def profile():
    """Stub."""
    return "profile"


@bp.route("/users")
def users():
    """Stub."""
    return "users"


@bp.route("/language", methods=["POST"])
def set_language():
    """Stub."""
    return "language"
