"""The form for a party's private submission to the mediator."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import MultipleFileField
from wtforms import TextAreaField
from wtforms.validators import Length

from casework.cases.forms import CaseChangeForm
from casework.documents.filetypes import ACCEPTED_EXTENSIONS
from casework.hearings.confidential import MAX_MESSAGE_CHARS, AttachedFile


class PrivateSubmissionForm(CaseChangeForm):
    """A message to the mediator and/or files; at least one of the two."""

    message = TextAreaField(
        _l("Message to the mediator"),
        validators=[Length(max=MAX_MESSAGE_CHARS)],
        description=_l("What you want the mediator alone to know, e.g. your room to settle."),
    )
    files = MultipleFileField(
        _l("Documents"), render_kw={"accept": ",".join(ACCEPTED_EXTENSIONS)},
        description=_l("Optional; choose several files at once if you need to."),
    )

    def attached_files(self) -> list[AttachedFile]:
        """The files chosen (a browser sends an empty part when none was)."""
        return [
            AttachedFile(stream=upload.stream, filename=upload.filename)
            for upload in self.files.data or []
            if upload and upload.filename
        ]

    def validate(self, extra_validators=None) -> bool:
        """The fields' own checks, then: a message or at least one document."""
        valid = super().validate(extra_validators)
        if not (self.message.data or "").strip() and not self.attached_files():
            self.message.errors = [
                *self.message.errors,
                _l("Write a message to the mediator or attach at least one document."),
            ]
            return False
        return valid
