"""Forms of the generated-documents pages: generate a document of a kind, revoke one."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length

from casework.cases.forms import CaseChangeForm
from casework.documents.generated.operations import MAX_REASON_CHARS
from casework.documents.generated_models import GeneratedDocumentKind

# The documents the registrar generates for a signed settlement, in the order they are shown.
SETTLEMENT_KINDS = (
    GeneratedDocumentKind.SETTLEMENT_AGREEMENT,
    GeneratedDocumentKind.CONSENT_AWARD_DRAFT,
)


class GenerateForm(CaseChangeForm):
    """Generate (or generate again) the case's document of one kind."""

    kind = HiddenField(
        _l("Document"),
        validators=[
            InputRequired(_l("Choose the document to generate.")),
            AnyOf([kind.value for kind in SETTLEMENT_KINDS],
                  message=_l("This is not a document the registry generates.")),
        ],
    )

    @property
    def chosen_kind(self) -> GeneratedDocumentKind:
        """The kind of document to generate (once the form is valid)."""
        return GeneratedDocumentKind(self.kind.data)


class RevokeForm(FlaskForm):
    """Revoke a generated document, with the reason (kept with the record, shown to the case)."""

    reason = TextAreaField(
        _l("Reason for revoking"),
        validators=[DataRequired(_l("Give the reason for revoking the document.")),
                    Length(max=MAX_REASON_CHARS)],
    )
