"""Forms for uploading, replacing, marking and withdrawing documents."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired, MultipleFileField
from wtforms import RadioField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from casework.cases.forms import CaseChangeForm
from casework.documents.filetypes import ACCEPTED_EXTENSIONS
from casework.documents.labels import CIRCULATION_LABELS
from casework.documents.models import Circulation
from casework.documents.operations import MAX_DESCRIPTION_CHARS

_ACCEPT = ",".join(ACCEPTED_EXTENSIONS)


def _description_field():
    return TextAreaField(
        _l("Description"), validators=[Length(max=MAX_DESCRIPTION_CHARS)],
        description=_l("What the document is, e.g. “Supply contract of 3 March 2025”."),
    )


def circulation_field():
    """The required choice of how far a document may travel (no choice is preselected)."""
    return RadioField(
        _l("Circulation"),
        choices=[(value.value, text) for value, text in CIRCULATION_LABELS.items()],
        validators=[InputRequired(_l("Choose “For the case file” or “Mediation only”."))],
    )


class CirculationMixin:
    """The chosen marking of a form with a ``circulation`` field."""

    @property
    def chosen_circulation(self) -> Circulation:
        """The marking chosen in the form."""
        return Circulation(self.circulation.data)


class UploadForm(CirculationMixin, CaseChangeForm):
    """One or more files with one description and one marking."""

    files = MultipleFileField(
        _l("Files"),
        validators=[FileRequired(_l("Choose at least one file."))],
        render_kw={"accept": _ACCEPT},
    )
    description = _description_field()
    circulation = circulation_field()


class ReplaceForm(CirculationMixin, CaseChangeForm):
    """A new version of a document (its marking preselected as the document's)."""

    file = FileField(
        _l("New version"),
        validators=[FileRequired(_l("Choose the file."))],
        render_kw={"accept": _ACCEPT},
    )
    description = _description_field()
    circulation = circulation_field()


class MarkForm(CirculationMixin, CaseChangeForm):
    """Mark a document for the case file or mediation only."""

    circulation = circulation_field()


class WithdrawForm(CaseChangeForm):
    """Withdraw a document, with the reason."""

    reason = TextAreaField(
        _l("Reason for withdrawing"),
        validators=[DataRequired(_l("Give the reason for withdrawing the document.")),
                    Length(max=2000)],
    )
