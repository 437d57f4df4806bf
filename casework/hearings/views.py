"""Hearings views (being built)."""

from flask import Blueprint

bp = Blueprint("hearings", __name__)
