"""Translated messages that carry user input are escaped on pages."""

from flask import render_template_string
from flask_babel import lazy_gettext


def test_lazy_message_with_user_input_is_escaped(app):
    message = lazy_gettext("Unknown number %(number)s", number="<script>alert(1)</script>")
    with app.test_request_context():
        html = render_template_string("{{ message }}", message=message)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
