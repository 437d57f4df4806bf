"""Registry work on filings."""

from casework.cases.views import bp


@bp.route("/registry")
def registry_queue():
    """Stub."""
    return "queue"
