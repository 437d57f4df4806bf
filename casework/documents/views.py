"""Document upload and download views."""

from flask import Blueprint

bp = Blueprint("documents", __name__)
