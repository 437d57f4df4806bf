"""The cases blueprint: dashboards, filing, respondent joining, the case page, registry work."""

from flask import Blueprint

bp = Blueprint("cases", __name__)

# The view modules register their routes on ``bp``.
from casework.cases.views import (  # noqa: E402, F401
    case_page,
    dashboards,
    filing,
    joining,
    registry,
)
