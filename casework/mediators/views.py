"""Mediator panel and appointment views."""

from flask import Blueprint

bp = Blueprint("mediators", __name__)


@bp.route("/mediators")
def panel():
    """Stub."""
    return "panel"
