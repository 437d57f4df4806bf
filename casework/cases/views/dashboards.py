"""Dashboards: each person's cases."""

from casework.cases.views import bp


@bp.route("/")
def dashboard():
    """Stub."""
    return "dashboard"
