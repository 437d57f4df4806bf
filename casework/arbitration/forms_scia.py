"""Forms of the SCIA case pages: the SCIA case details, a hearing date, a party's consent to the
mediator acting as arbitrator, and the tribunal.

The forms check what was typed; the operations in :mod:`casework.arbitration.scia_phase` check
the rules again (and those only they can: the parties' consents, the documents of the case), so
no other path gets round them.
"""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, RadioField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from casework.arbitration.models import TribunalRole
from casework.arbitration.scia_phase import (
    MAX_HEARING_DESCRIPTION,
    MAX_NAME,
    MAX_REFERENCE,
    TribunalSeat,
)
from casework.cases.forms import CaseChangeForm
from casework.settlement.forms import PositiveNumberField


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class _DatedForm(CaseChangeForm):
    """A form with dates that cannot be in the future: ``today`` is Singapore's."""

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def not_future(self, field) -> None:
        """Refuse a date after today (in Singapore)."""
        if field.data is not None and field.data > self.today:
            raise ValidationError(_l("It cannot be in the future (today in Singapore is "
                                     "%(today)s).", today=self.today.isoformat()))


class SciaDetailsForm(_DatedForm):
    """SCIA's case number and filing date, and the exchange rate to RMB when the fees are
    computed from the case's amount in dispute in another currency (the view removes
    ``rmb_rate`` otherwise)."""

    scia_reference = StringField(
        _l("SCIA case number"), filters=[_strip],
        validators=[Optional(), Length(max=MAX_REFERENCE)],
        description=_l("As SCIA's notice of acceptance writes it, e.g. SCIA-2026-SZ-0123. The "
                       "parties are e-mailed when it is first recorded."),
    )
    scia_filed_on = DateField(
        _l("Filed with SCIA on"), validators=[Optional()],
        description=_l("The day the case was filed on SCIA's online platform."),
    )
    rmb_rate = PositiveNumberField(
        _l("Exchange rate to RMB"), places=6,
        validators=[InputRequired(_l("Enter the exchange rate (RMB for one unit of the "
                                     "currency)."))],
        description=_l("RMB for one unit of the currency of the amount in dispute, e.g. 5.4 for "
                       "SGD; SCIA's fees are computed from the amount in RMB."),
    )

    def validate_scia_filed_on(self, field) -> None:
        """Not in the future."""
        self.not_future(field)


class ArbitrationHearingForm(CaseChangeForm):
    """A hearing date SCIA notified (rendered with the prefix ``hearing``)."""

    held_on = DateField(_l("Hearing date"), validators=[InputRequired(_l("Give the date."))])
    description = StringField(
        _l("What the hearing is"), filters=[_strip],
        validators=[DataRequired(_l("Say what the hearing is.")),
                    Length(max=MAX_HEARING_DESCRIPTION)],
        description=_l("e.g. “Hearing on the merits, SCIA Shenzhen” or “Case management "
                       "conference (online)”."),
    )


class RemoveArbitrationHearingForm(CaseChangeForm):
    """Remove one recorded hearing date (the case version only)."""


class MediatorConsentForm(_DatedForm):
    """One party's written consent to the mediator acting as arbitrator (choices set by the
    view; the operation checks the party and the document belong to the case)."""

    case_party_id = RadioField(
        _l("Party"), coerce=int, choices=[], validate_choice=False,
        validators=[InputRequired(_l("Choose the party that consented."))],
    )
    document_id = RadioField(
        _l("Document evidencing the consent"), coerce=int, choices=[], validate_choice=False,
        validators=[InputRequired(_l("Choose the uploaded document that evidences the "
                                     "consent."))],
        description=_l("The party's signed, written consent, uploaded to the case first. It "
                       "stays where it is: it need not be marked for the case file."),
    )
    given_on = DateField(
        _l("Consent given on"), validators=[InputRequired(_l("Give the date."))],
        description=_l("The date of the written consent."),
    )

    def validate_given_on(self, field) -> None:
        """Not in the future."""
        self.not_future(field)


SOLE, THREE = "sole", "three"


class TribunalForm(_DatedForm):
    """The tribunal SCIA constituted: a sole arbitrator, or a presiding arbitrator and two
    co-arbitrators, with the date of appointment."""

    composition = RadioField(
        _l("Composition"),
        choices=[(SOLE, _l("A sole arbitrator")),
                 (THREE, _l("Three arbitrators: a presiding arbitrator and two co-arbitrators"))],
        validators=[InputRequired(_l("Choose the composition of the tribunal."))],
    )
    sole_name = StringField(_l("Sole arbitrator"), filters=[_strip],
                            validators=[Length(max=MAX_NAME)])
    sole_is_mediator = BooleanField(_l("The sole arbitrator is the case's mediator"))
    presiding_name = StringField(_l("Presiding arbitrator"), filters=[_strip],
                                 validators=[Length(max=MAX_NAME)])
    presiding_is_mediator = BooleanField(_l("The presiding arbitrator is the case's mediator"))
    first_co_arbitrator_name = StringField(_l("First co-arbitrator"), filters=[_strip],
                                           validators=[Length(max=MAX_NAME)])
    first_co_arbitrator_is_mediator = BooleanField(
        _l("The first co-arbitrator is the case's mediator"))
    second_co_arbitrator_name = StringField(_l("Second co-arbitrator"), filters=[_strip],
                                            validators=[Length(max=MAX_NAME)])
    second_co_arbitrator_is_mediator = BooleanField(
        _l("The second co-arbitrator is the case's mediator"))
    appointed_on = DateField(
        _l("Tribunal constituted on"), validators=[InputRequired(_l("Give the date."))],
        description=_l("The date of SCIA's notice of the constitution of the tribunal."),
    )

    _SEATS = {
        SOLE: (("sole", TribunalRole.SOLE),),
        THREE: (("presiding", TribunalRole.PRESIDING),
                ("first_co_arbitrator", TribunalRole.CO_ARBITRATOR),
                ("second_co_arbitrator", TribunalRole.CO_ARBITRATOR)),
    }

    def validate_appointed_on(self, field) -> None:
        """Not in the future."""
        self.not_future(field)

    def validate(self, extra_validators=None) -> bool:
        """The fields and the composition: every seat of the chosen composition named, the
        other composition's seats left empty."""
        valid = super().validate(extra_validators)
        if self.composition.data not in self._SEATS:
            return False
        for composition, seats in self._SEATS.items():
            for prefix, _role in seats:
                name = getattr(self, f"{prefix}_name")
                if composition == self.composition.data and not name.data:
                    name.errors.append(_l("Give the arbitrator's name."))
                    valid = False
                elif composition != self.composition.data and name.data:
                    name.errors.append(_l("Leave this empty: it is not a seat of the "
                                          "composition chosen."))
                    valid = False
        return valid

    def seats(self) -> list[TribunalSeat]:
        """The arbitrators entered, for :func:`~casework.arbitration.scia_phase.
        constitute_tribunal`."""
        return [
            TribunalSeat(getattr(self, f"{prefix}_name").data, role,
                         bool(getattr(self, f"{prefix}_is_mediator").data))
            for prefix, role in self._SEATS[self.composition.data]
        ]
