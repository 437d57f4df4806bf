"""Forms of the consent award: the request sent to SCIA, and the award SCIA issued."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, StringField
from wtforms.validators import InputRequired, Length, ValidationError

from casework.arbitration.award import MAX_SCIA_REFERENCE_CHARS
from casework.cases.forms import CaseChangeForm
from casework.cases.simc_clock import simc_today
from casework.documents.filetypes import PDF


def _not_in_the_future(message):
    """A validator refusing a date after today in Singapore, with ``message``."""
    def check(form, field) -> None:
        if field.data and field.data > simc_today():
            raise ValidationError(message)
    return check


class RequestConsentAwardForm(CaseChangeForm):
    """The registry records that it sent SCIA the request for a consent award."""

    sent_on = DateField(
        _l("Request sent on"),
        default=simc_today,
        validators=[InputRequired(_l("Give the date the request was sent.")),
                    _not_in_the_future(_l("The date the request was sent cannot be in the "
                                          "future."))],
        description=_l("The date the registry sent SCIA the request with the Draft Consent "
                       "Award (Singapore date)."),
    )


class RecordAwardForm(CaseChangeForm):
    """The registry records the award SCIA issued: the signed and sealed PDF, its dates and,
    when none is recorded yet (``reference_needed``), SCIA's case number."""

    reference_needed = True

    award_file = FileField(
        _l("Signed and sealed award (PDF)"),
        validators=[FileRequired(_l("Choose the award's PDF file."))],
        render_kw={"accept": ",".join(PDF.extensions)},
    )
    award_date = DateField(
        _l("Award date"),
        validators=[InputRequired(_l("Give the date the award was made.")),
                    _not_in_the_future(_l("The award date cannot be in the future."))],
        description=_l("The date stated in the award: it decides whether the revised PRC "
                       "Arbitration Law (awards made from 1 March 2026) applies."),
    )
    received_on = DateField(
        _l("Award received on"),
        validators=[InputRequired(_l("Give the date the award was received.")),
                    _not_in_the_future(_l("The date the award was received cannot be in the "
                                          "future."))],
        description=_l("The correction and set-aside periods run from this date."),
    )
    scia_reference = StringField(
        _l("SCIA case number"),
        validators=[Length(max=MAX_SCIA_REFERENCE_CHARS)],
        description=_l("As printed on the award."),
    )

    def validate_scia_reference(self, field) -> None:
        """SCIA's case number is required until the case has one."""
        if self.reference_needed and not (field.data or "").strip():
            raise ValidationError(_l("Give SCIA's case number, as printed on the award."))

    def validate_received_on(self, field) -> None:
        """An award is received on or after the day it was made."""
        if field.data and self.award_date.data and field.data < self.award_date.data:
            raise ValidationError(_l("The award cannot have been received before the date it "
                                     "was made."))
