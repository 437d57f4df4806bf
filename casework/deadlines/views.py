"""Deadlines views (being built)."""

from flask import Blueprint

bp = Blueprint("deadlines", __name__)
