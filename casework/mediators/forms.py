"""Forms of the mediator panel and the mediator appointment."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Form,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, ValidationError

from casework.cases.forms import CaseChangeForm
from casework.i18n import TranslatedFormMeta
from casework.mediators.models import Disclosure, ProposalAnswer


class PanelFilterForm(Form):
    """Filters of the panel (a GET form: it changes nothing, so it has no CSRF token)."""

    Meta = TranslatedFormMeta

    language = SelectField(_l("Language"), choices=[], validate_choice=False)
    expertise = StringField(_l("Expertise"), validators=[Length(max=200)])
    nationality = StringField(_l("Nationality"), validators=[Length(max=100)])

    def filters(self) -> dict[str, str]:
        """The filter values, blank when not given."""
        return {
            "language": self.language.data or "",
            "expertise": self.expertise.data or "",
            "nationality": self.nationality.data or "",
        }


class MediatorProfileForm(FlaskForm):
    """A mediator's panel profile (``on_panel`` is removed for everyone but registrars)."""

    languages = StringField(
        _l("Languages"), validators=[InputRequired(), Length(max=200)],
        description=_l("Separate languages with commas, e.g. English, 中文."),
    )
    expertise = TextAreaField(
        _l("Expertise"), validators=[Length(max=2000)],
        description=_l("Areas of expertise, separated by commas, e.g. construction, shipping."),
    )
    nationality = StringField(_l("Nationality"), validators=[Length(max=100)])
    bio = TextAreaField(_l("Short biography"), validators=[Length(max=3000)])
    on_panel = BooleanField(_l("On the SIMC panel (may be proposed for cases)"))


class ProposeMediatorForm(CaseChangeForm):
    """The registrar's choice of a panel mediator (choices set by the view)."""

    mediator_id = RadioField(
        _l("Mediator"), coerce=int, choices=[],
        validators=[InputRequired(message=_l("Choose a mediator from the panel."))],
    )


class DisclosureForm(CaseChangeForm):
    """The proposed mediator's conflict disclosure."""

    disclosure = RadioField(
        _l("Disclosure"),
        choices=[
            (Disclosure.NONE.value, _l("I have no circumstances to disclose")),
            (Disclosure.CIRCUMSTANCES.value, _l("I disclose the circumstances described below")),
        ],
        validators=[InputRequired(message=_l("Choose one of the two statements."))],
    )
    circumstances = TextAreaField(
        _l("Circumstances"), validators=[Length(max=10000)],
        description=_l("Any circumstances likely to give rise to justifiable doubts as to your "
                       "impartiality or independence (required when you disclose "
                       "circumstances)."),
    )

    def validate_circumstances(self, field) -> None:
        """Circumstances disclosed must be described."""
        if self.disclosure.data == Disclosure.CIRCUMSTANCES and not (field.data or "").strip():
            raise ValidationError(_l("Describe the circumstances you disclose."))


class AnswerProposalForm(CaseChangeForm):
    """A side's acceptance of, or objection to, the proposed mediator."""

    side = HiddenField(_l("Side"), validators=[InputRequired()])
    answer = RadioField(
        _l("Your answer"),
        choices=[
            (ProposalAnswer.ACCEPT.value, _l("Accept the proposed mediator")),
            (ProposalAnswer.OBJECT.value, _l("Object to the proposed mediator")),
        ],
        validators=[InputRequired(message=_l("Choose whether you accept or object."))],
    )
    reasons = TextAreaField(
        _l("Reasons for the objection"), validators=[Length(max=10000)],
        description=_l("Required when you object."),
    )

    def validate_reasons(self, field) -> None:
        """An objection needs reasons."""
        if self.answer.data == ProposalAnswer.OBJECT and not (field.data or "").strip():
            raise ValidationError(_l("Give the reasons for the objection."))


class ConfirmAppointmentForm(CaseChangeForm):
    """The registrar's confirmation of the appointment."""
