"""Forms of the performance pages: a payment received, a delivery or act performed, closing the
case with a reason, and the registry's button preparing the enforcement data sheet.

The payment and performance forms are on one page and post to one address; the hidden
``record`` field says which one was sent (:data:`RECORD_PAYMENT` or :data:`RECORD_ACT`).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from casework.arbitration.closing import MAX_REASON_CHARS
from casework.arbitration.performance import MAX_NOTE_CHARS
from casework.cases.forms import CaseChangeForm
from casework.cases.simc_clock import simc_today
from casework.settlement.forms import PositiveNumberField

RECORD_PAYMENT = "payment"
RECORD_ACT = "act"


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def line_value(obligation: int, instalment: int | None) -> str:
    """How a payment's choice names a single payment (``"1"``) or an instalment (``"2.3"``)."""
    return str(obligation) if instalment is None else f"{obligation}.{instalment}"


def _not_in_future(field) -> None:
    if field.data and field.data > simc_today():
        raise ValidationError(_l("The date cannot be in the future."))


class PaymentForm(CaseChangeForm):
    """A payment received against one single payment or instalment of the settlement."""

    record = HiddenField(default=RECORD_PAYMENT)
    line = SelectField(_l("Payment or instalment"),
                       validators=[InputRequired(_l("Choose what the payment was for."))])
    amount = PositiveNumberField(_l("Amount received"),
                                 validators=[InputRequired(_l("Give the amount received."))],
                                 description=_l("In the obligation's currency, for example "
                                                "40,000.00."))
    received_on = DateField(_l("Date received"),
                            validators=[InputRequired(_l("Give the date it was received."))])
    note = StringField(_l("Payment reference or note"), filters=[_strip],
                       validators=[Optional(), Length(max=MAX_NOTE_CHARS)],
                       description=_l("For example the bank's transaction reference."))

    def offer(self, choices: list[tuple[str, str]]) -> None:
        """Offer ``choices`` (value, label) of the payments and instalments still owed."""
        self.line.choices = choices

    def validate_received_on(self, field) -> None:
        """A payment cannot have been received after today (in Singapore)."""
        _not_in_future(field)

    @property
    def obligation_and_instalment(self) -> tuple[int, int | None]:
        """The obligation's number and the instalment's (``None``: a single payment)."""
        obligation, _, instalment = self.line.data.partition(".")
        return int(obligation), (int(instalment) if instalment else None)


class PerformedForm(CaseChangeForm):
    """A delivery or act of the settlement performed."""

    record = HiddenField(default=RECORD_ACT)
    obligation = SelectField(_l("Delivery or act"),
                             validators=[InputRequired(_l("Choose what was performed."))])
    performed_on = DateField(_l("Date performed"),
                             validators=[InputRequired(_l("Give the date it was performed."))])
    note = TextAreaField(_l("How the performance is known"), filters=[_strip],
                         validators=[DataRequired(_l("Say how the performance is known.")),
                                     Length(max=MAX_NOTE_CHARS)],
                         description=_l("For example: delivery note DN-1207 signed by the "
                                        "respondent on receipt."))

    def offer(self, choices: list[tuple[str, str]]) -> None:
        """Offer ``choices`` (value, label) of the deliveries and acts not yet performed."""
        self.obligation.choices = choices

    def validate_performed_on(self, field) -> None:
        """A performance cannot be dated after today (in Singapore)."""
        _not_in_future(field)


class CloseForm(CaseChangeForm):
    """The registry closes the case with a reason."""

    reason = TextAreaField(_l("Reason for closing the case"), filters=[_strip],
                           validators=[DataRequired(_l("Give the reason for closing the case.")),
                                       Length(max=MAX_REASON_CHARS)],
                           description=_l("Everyone on the case receives it by e-mail."))


class DataSheetForm(FlaskForm):
    """The registry prepares the enforcement application data sheet (a button)."""
