"""The base of every form that changes a case: it carries the case version it was rendered with.

The view passes the version as ``expected_version`` to the operation, which refuses a stale form
(:class:`casework.errors.StaleCase`, HTTP 409) through :func:`casework.cases.workflow.check`.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField
from wtforms.validators import InputRequired, ValidationError


class CaseChangeForm(FlaskForm):
    """A form that changes a case: it carries the case version it was rendered with."""

    version = HiddenField(_l("Case version"), validators=[InputRequired()])

    def validate_version(self, field) -> None:
        """The version must be a whole number (it is compared with the case's version)."""
        if not str(field.data).isdigit():
            raise ValidationError(_l("The form is damaged; reload the page."))

    @property
    def expected_version(self) -> int:
        """The case version the form was rendered with."""
        return int(self.version.data)
