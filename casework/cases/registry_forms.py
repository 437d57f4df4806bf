"""Forms for registry work on a case and for the registrar's case search."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from casework.cases.forms import CaseChangeForm
from casework.cases.models import CaseState
from casework.cases.registry import simc_today
from casework.cases.workflow import STATE_LABELS


class AcknowledgeForm(CaseChangeForm):
    """Confirm the written acknowledgement of a filing."""


class RequestInfoForm(CaseChangeForm):
    """The registry asks the claimant for more information."""

    request_text = TextAreaField(
        _l("Information needed"),
        validators=[DataRequired(_l("Say what information is needed.")), Length(max=10000)],
        description=_l("The claimant sees this text and answers it."),
    )


class ProvideInfoForm(CaseChangeForm):
    """The claimant answers the registry's request for information."""

    response_text = TextAreaField(
        _l("Your answer"),
        validators=[DataRequired(_l("Give the information requested.")), Length(max=10000)],
    )


class RejectForm(CaseChangeForm):
    """The registry rejects a filing."""

    reasons = TextAreaField(
        _l("Reasons for the rejection"),
        validators=[DataRequired(_l("Give the reasons for the rejection.")), Length(max=10000)],
        description=_l("The parties receive these reasons by e-mail."),
    )


class FeePaymentForm(CaseChangeForm):
    """The registry records the filing fee payment."""

    paid_on = DateField(
        _l("Paid on"), validators=[InputRequired(_l("Give the payment date."))]
    )
    reference = StringField(
        _l("Payment reference"),
        validators=[DataRequired(_l("Give the payment reference.")), Length(max=100)],
    )

    def validate_paid_on(self, field) -> None:
        """A payment cannot be dated after today (in Singapore)."""
        if field.data and field.data > simc_today():
            raise ValidationError(_l("The payment date cannot be in the future."))


class WithdrawForm(CaseChangeForm):
    """The claimant withdraws the Request for Mediation."""

    reasons = TextAreaField(
        _l("Reasons for the withdrawal"),
        validators=[DataRequired(_l("Give the reasons for the withdrawal.")), Length(max=10000)],
        description=_l("Everyone on the case receives these reasons by e-mail."),
    )


def _state_choices() -> list[tuple[str, str]]:
    return [("", _l("Any state"))] + [
        (state.value, STATE_LABELS[state]) for state in CaseState if state != CaseState.DRAFT
    ]


class CaseSearchForm(FlaskForm):
    """The registrar's filters over all cases (a GET form: no CSRF token)."""

    class Meta:
        csrf = False

    state = SelectField(_l("State"), choices=_state_choices, validators=[Optional()])
    submitted_from = DateField(_l("Filed from"), validators=[Optional()])
    submitted_to = DateField(_l("Filed until"), validators=[Optional()])
    party = StringField(
        _l("Party name (English or Chinese)"), validators=[Optional(), Length(max=300)]
    )
    reference = StringField(_l("Reference"), validators=[Optional(), Length(max=20)])
    page = IntegerField(_l("Page"), validators=[Optional()])

    def validate_submitted_to(self, field) -> None:
        """The range must not end before it starts."""
        start = self.submitted_from.data
        if field.data and start and field.data < start:
            raise ValidationError(_l("The end of the range is before its start."))

    def validate_page(self, field) -> None:
        """Pages are numbered from 1."""
        if field.data is not None and field.data < 1:
            raise ValidationError(_l("Pages are numbered from 1."))
