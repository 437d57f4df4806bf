"""Cases: dashboards, filing, the case page and registry work."""

from flask import Blueprint

bp = Blueprint("cases", __name__)


@bp.route("/")
def dashboard():
    """Stub."""
    return "dashboard"


@bp.route("/cases/new")
def new_filing():
    """Stub."""
    return "new"


@bp.route("/registry")
def registry_queue():
    """Stub."""
    return "queue"
