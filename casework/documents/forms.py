"""Forms for uploading, replacing and withdrawing documents."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired, MultipleFileField
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length

from casework.cases.forms import CaseChangeForm
from casework.documents.filetypes import ACCEPTED_EXTENSIONS
from casework.documents.operations import MAX_DESCRIPTION_CHARS

_ACCEPT = ",".join(ACCEPTED_EXTENSIONS)


def _description_field():
    return TextAreaField(
        _l("Description"), validators=[Length(max=MAX_DESCRIPTION_CHARS)],
        description=_l("What the document is, e.g. “Supply contract of 3 March 2025”."),
    )


class UploadForm(CaseChangeForm):
    """One or more files with one description."""

    files = MultipleFileField(
        _l("Files"),
        validators=[FileRequired(_l("Choose at least one file."))],
        render_kw={"accept": _ACCEPT},
    )
    description = _description_field()


class ReplaceForm(CaseChangeForm):
    """A new version of a document."""

    file = FileField(
        _l("New version"),
        validators=[FileRequired(_l("Choose the file."))],
        render_kw={"accept": _ACCEPT},
    )
    description = _description_field()


class WithdrawForm(CaseChangeForm):
    """Withdraw a document, with the reason."""

    reason = TextAreaField(
        _l("Reason for withdrawing"),
        validators=[DataRequired(_l("Give the reason for withdrawing the document.")),
                    Length(max=2000)],
    )
