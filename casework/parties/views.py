"""Party registry views."""

from flask import Blueprint

bp = Blueprint("parties", __name__)


@bp.route("/organisations")
def organisations():
    """Stub."""
    return "orgs"
