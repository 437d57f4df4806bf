"""Forms of the deadlines area: calendar closures and the mediation window."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from casework.cases.forms import CaseChangeForm
from casework.parties.labels import JURISDICTION_LABELS
from casework.parties.models import Jurisdiction


class ClosureForm(FlaskForm):
    """A registrar closes a day on one jurisdiction's business calendar."""

    jurisdiction = SelectField(
        _l("Calendar"),
        choices=[(j.value, JURISDICTION_LABELS[j]) for j in (Jurisdiction.SG, Jurisdiction.CN)],
        validators=[InputRequired(_l("Choose the calendar."))],
    )
    day = DateField(_l("Closed on"), validators=[InputRequired(_l("Give the date."))])
    reason = StringField(
        _l("Reason"),
        validators=[DataRequired(_l("Give the reason for the closure.")), Length(max=300)],
        description=_l("Shown wherever a deadline moves because of the closure, e.g. "
                       "“Typhoon signal 8”."),
    )


class RemoveClosureForm(FlaskForm):
    """Reopen a closed day (the CSRF token only)."""


class ExtendWindowForm(CaseChangeForm):
    """A registrar extends the mediation window."""

    new_end = DateField(
        _l("New last day of the window"),
        validators=[InputRequired(_l("Give the new last day."))],
        description=_l("A working day in Singapore, after the current end."),
    )
    reason = TextAreaField(
        _l("Reason for the extension"),
        validators=[DataRequired(_l("Give the reason for the extension.")), Length(max=5000)],
        description=_l("Recorded on the case and sent to the parties and the mediator."),
    )


class EndMediationForm(CaseChangeForm):
    """A registrar ends the mediation once its window has expired."""
