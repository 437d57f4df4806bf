"""The ``arbitration`` blueprint: the SCIA phase of a case. Its views live in
``views_<part>.py`` modules, collected by :mod:`casework.arbitration.views`."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("arbitration", __name__)
