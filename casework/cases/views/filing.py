"""Filing a Request for Mediation."""

from casework.cases.views import bp


@bp.route("/cases/new")
def new_filing():
    """Stub."""
    return "new"
