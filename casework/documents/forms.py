"""Forms for uploading, replacing and withdrawing documents."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired, MultipleFileField
from wtforms import HiddenField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from casework.documents.filetypes import ACCEPTED_EXTENSIONS
from casework.documents.operations import MAX_DESCRIPTION_CHARS

_ACCEPT = ",".join(ACCEPTED_EXTENSIONS)


class _CaseVersionForm(FlaskForm):
    """Carries the case version the form was rendered with (optimistic locking)."""

    version = HiddenField(_l("Case version"), validators=[InputRequired()])

    def validate_version(self, field) -> None:
        """The version must be a whole number (it is compared with the case's version)."""
        if not str(field.data).isdigit():
            raise ValidationError(_l("The form is damaged; reload the page."))

    @property
    def expected_version(self) -> int:
        """The case version the form was rendered with."""
        return int(self.version.data)


def _description_field():
    return TextAreaField(
        _l("Description"), validators=[Length(max=MAX_DESCRIPTION_CHARS)],
        description=_l("What the document is, e.g. “Supply contract of 3 March 2025”."),
    )


class UploadForm(_CaseVersionForm):
    """One or more files with one description."""

    files = MultipleFileField(
        _l("Files"),
        validators=[FileRequired(_l("Choose at least one file."))],
        render_kw={"accept": _ACCEPT},
    )
    description = _description_field()


class ReplaceForm(_CaseVersionForm):
    """A new version of a document."""

    file = FileField(
        _l("New version"),
        validators=[FileRequired(_l("Choose the file."))],
        render_kw={"accept": _ACCEPT},
    )
    description = _description_field()


class WithdrawForm(_CaseVersionForm):
    """Withdraw a document, with the reason."""

    reason = TextAreaField(
        _l("Reason for withdrawing"),
        validators=[DataRequired(_l("Give the reason for withdrawing the document.")),
                    Length(max=2000)],
    )
