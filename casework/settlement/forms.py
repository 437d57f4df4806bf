"""Forms of the settlement pages: the general clauses, one obligation of each kind, removing an
obligation and approving the terms.

The forms check the format of what is typed (numbers, dates, the instalment lines); whether the
terms could be enforced is the enforceability check's business, shown on the settlement page, so
an obligation may be saved while it is still incomplete.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from casework.cases.forms import CaseChangeForm
from casework.settlement.editing import (
    AMOUNT_LIMIT,
    CLAUSE_FIELDS,
    ScheduleError,
    clauses_of,
    format_instalments,
    parse_instalments,
)
from casework.settlement.labels import (
    CURRENCY_LABELS,
    LANGUAGE_PRECEDENCE_LABELS,
    SCHEDULE_PROBLEM_LABELS,
)
from casework.settlement.terms import (
    DeliveryObligation,
    Obligation,
    Party,
    PaymentObligation,
    PerformanceObligation,
    SettlementTerms,
)

MAX_TEXT = 20000
MAX_LINE = 500


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _text(label, *, description=None, max_length: int = MAX_TEXT) -> TextAreaField:
    return TextAreaField(label, validators=[Optional(), Length(max=max_length)],
                         filters=[_strip], description=description)


def _line(label, *, description=None) -> StringField:
    return StringField(label, validators=[Optional(), Length(max=MAX_LINE)], filters=[_strip],
                       description=description)


class PositiveNumberField(StringField):
    """A number typed as text (``40000``, ``40,000.50``) read into a ``Decimal``: greater than
    zero, below one trillion, with at most ``places`` decimal places."""

    def __init__(self, label=None, validators=None, places: int = 2, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.places = places

    def process_formdata(self, valuelist):
        self.data = None
        text = (valuelist[0] if valuelist else "").strip().replace(",", "").replace(" ", "")
        if not text:
            return
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(_l("Enter a number, such as 40000 or 40,000.50.")) from None
        if not number.is_finite():
            raise ValueError(_l("Enter a number, such as 40000 or 40,000.50."))
        if number <= 0:
            raise ValueError(_l("It must be greater than zero."))
        if number >= AMOUNT_LIMIT:
            raise ValueError(_l("It must be below one trillion (1,000,000,000,000)."))
        if number != number.quantize(Decimal(1).scaleb(-self.places)):
            raise ValueError(_l("It may have at most %(places)s decimal places.",
                                places=self.places))
        self.data = number

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return str(self.data) if self.data is not None else ""


def _plain_number(number: Decimal) -> Decimal:
    """``number`` without trailing zeros after the decimal point (``4.000`` -> ``4``)."""
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


class SettlementChangeForm(CaseChangeForm):
    """A form that changes the settlement terms: it also carries the settlement version it was
    rendered with (empty before the first), so a change made meanwhile is not overwritten."""

    settlement_version = HiddenField(_l("Settlement version"))

    def validate_settlement_version(self, field) -> None:
        """Empty or a whole number."""
        if field.data and not str(field.data).isdigit():
            raise ValidationError(_l("The form is damaged; reload the page."))

    @property
    def expected_number(self) -> int | None:
        """The settlement version the form was rendered with (``None``: no terms yet)."""
        return int(self.settlement_version.data) if self.settlement_version.data else None


class ClausesForm(SettlementChangeForm):
    """The general clauses of the settlement, each in English and Chinese."""

    recitals_en = _text(_l("Recitals (English)"),
                        description=_l("The dispute and the mediation that settled it."))
    recitals_zh = _text(_l("Recitals (Chinese)"))
    costs_en = _text(_l("Costs (English)"),
                     description=_l("Who bears the costs of the mediation and of the parties."))
    costs_zh = _text(_l("Costs (Chinese)"))
    confidentiality_en = _text(_l("Confidentiality (English)"))
    confidentiality_zh = _text(_l("Confidentiality (Chinese)"))
    governing_law_en = _text(_l("Governing law (English)"))
    governing_law_zh = _text(_l("Governing law (Chinese)"))
    dispute_clause_en = _text(_l("Dispute clause (English)"),
                              description=_l("Arbitration at the Shenzhen Court of International "
                                             "Arbitration, so the terms can become an award."))
    dispute_clause_zh = _text(_l("Dispute clause (Chinese)"))
    language_precedence = SelectField(
        _l("If the texts differ"),
        choices=[(value.value, label) for value, label in LANGUAGE_PRECEDENCE_LABELS.items()],
        validators=[InputRequired(_l("Choose which text prevails."))],
    )
    effective_date = DateField(
        _l("Effective date"), validators=[Optional()],
        description=_l("Leave empty if the agreement takes effect when the last party signs."),
    )

    def fill_from(self, terms: SettlementTerms) -> None:
        """Show the general clauses of ``terms`` (on a page that was not submitted)."""
        for name, value in clauses_of(terms).items():
            getattr(self, name).data = getattr(value, "value", value)

    def clauses(self) -> dict[str, object]:
        """The clauses as entered (see :func:`casework.settlement.editing.with_clauses`)."""
        return {name: getattr(self, name).data for name in CLAUSE_FIELDS}


class ObligationForm(SettlementChangeForm):
    """What every obligation states: who owes it (obligor) and to whom (obligee)."""

    obligor = SelectField(_l("Owed by (obligor)"),
                          validators=[InputRequired(_l("Choose the party who owes it."))])
    obligee = SelectField(_l("Owed to (obligee)"),
                          validators=[InputRequired(_l("Choose the party to whom it is owed."))])

    def offer_parties(self, parties: tuple[Party, ...]) -> None:
        """Offer the settlement's parties as obligor and obligee."""
        choices = [(party.key, f"{party.short_name_en} / {party.short_name_zh}")
                   for party in parties]
        self.obligor.choices = choices
        self.obligee.choices = choices

    def fill_from(self, obligation: Obligation) -> None:
        """Show ``obligation`` (on a page that was not submitted)."""
        for name in obligation.__dataclass_fields__:
            if name in self._fields:
                getattr(self, name).data = getattr(obligation, name)


class PaymentForm(ObligationForm):
    """A payment: the amount and currency, a due date or an instalment schedule, the account to
    pay into and the interest on late payment."""

    amount = PositiveNumberField(
        _l("Amount"), validators=[InputRequired(_l("Give the amount."))],
        description=_l("The total to be paid, with at most two decimal places."),
    )
    currency = SelectField(
        _l("Currency"), choices=list(CURRENCY_LABELS.items()),
        validators=[InputRequired(_l("Choose the currency."))],
    )
    due_date = DateField(
        _l("Due date"), validators=[Optional()],
        description=_l("For payment in one sum; leave empty when paid by instalments."),
    )
    instalments = TextAreaField(
        _l("Instalment schedule"), validators=[Optional(), Length(max=MAX_TEXT)],
        description=_l("One instalment per line: the due date (YYYY-MM-DD), a space, the "
                       "amount — for example “2027-01-31 40000.00”. The instalments must add "
                       "up to the amount."),
    )
    payee_account = _line(_l("Account to pay into"),
                          description=_l("The bank, branch and account number of the payee."))
    late_interest_en = _text(_l("Interest on late payment (English)"))
    late_interest_zh = _text(_l("Interest on late payment (Chinese)"))

    def validate_instalments(self, field) -> None:
        """Every non-empty line is ``YYYY-MM-DD amount``; each bad line is named."""
        try:
            parse_instalments(field.data or "")
        except ScheduleError as error:
            field.errors.extend(
                _l("line %(line)s: %(problem)s", line=e.line,
                   problem=SCHEDULE_PROBLEM_LABELS[e.problem])
                for e in error.errors
            )

    def fill_from(self, obligation: Obligation) -> None:
        """Show the payment, its schedule as lines of text."""
        super().fill_from(obligation)
        self.instalments.data = format_instalments(obligation.instalments)

    def obligation(self) -> PaymentObligation:
        """The payment as entered."""
        return PaymentObligation(
            obligor=self.obligor.data, obligee=self.obligee.data,
            amount=self.amount.data.quantize(Decimal("0.01")), currency=self.currency.data,
            due_date=self.due_date.data,
            instalments=parse_instalments(self.instalments.data or ""),
            payee_account=self.payee_account.data or "",
            late_interest_en=self.late_interest_en.data or "",
            late_interest_zh=self.late_interest_zh.data or "",
        )


class DeliveryForm(ObligationForm):
    """Delivery of a specific thing: what, how much, where and by when."""

    thing_en = _text(_l("Thing to deliver (English)"), max_length=MAX_LINE * 4,
                     description=_l("Identify it so that nothing else could be meant: model, "
                                    "serial numbers, where it is held."))
    thing_zh = _text(_l("Thing to deliver (Chinese)"), max_length=MAX_LINE * 4)
    quantity = PositiveNumberField(_l("Quantity"), places=3,
                                   validators=[InputRequired(_l("Give the quantity."))])
    unit_en = _line(_l("Unit (English)"), description=_l("For example “sets”, “tonnes”."))
    unit_zh = _line(_l("Unit (Chinese)"), description=_l("For example “套”, “吨”."))
    place_en = _line(_l("Place of delivery (English)"))
    place_zh = _line(_l("Place of delivery (Chinese)"))
    delivery_date = DateField(_l("Deliver by"), validators=[Optional()])

    def obligation(self) -> DeliveryObligation:
        """The delivery as entered."""
        return DeliveryObligation(
            obligor=self.obligor.data, obligee=self.obligee.data,
            thing_en=self.thing_en.data or "", thing_zh=self.thing_zh.data or "",
            quantity=_plain_number(self.quantity.data), unit_en=self.unit_en.data or "",
            unit_zh=self.unit_zh.data or "", place_en=self.place_en.data or "",
            place_zh=self.place_zh.data or "", delivery_date=self.delivery_date.data,
        )


class PerformanceForm(ObligationForm):
    """An act to perform or abstain from: its object, the standard it must meet, its scope and
    the deadline."""

    object_en = _text(_l("The act (English)"),
                      description=_l("The specific act, not “continue to perform the "
                                     "contract”."))
    object_zh = _text(_l("The act (Chinese)"))
    standard_en = _text(_l("Standard it must meet (English)"))
    standard_zh = _text(_l("Standard it must meet (Chinese)"))
    scope_en = _text(_l("Scope (English)"))
    scope_zh = _text(_l("Scope (Chinese)"))
    deadline = DateField(_l("Deadline"), validators=[Optional()])

    def obligation(self) -> PerformanceObligation:
        """The act as entered."""
        return PerformanceObligation(
            obligor=self.obligor.data, obligee=self.obligee.data,
            object_en=self.object_en.data or "", object_zh=self.object_zh.data or "",
            standard_en=self.standard_en.data or "", standard_zh=self.standard_zh.data or "",
            scope_en=self.scope_en.data or "", scope_zh=self.scope_zh.data or "",
            deadline=self.deadline.data,
        )


OBLIGATION_FORMS: dict[str, type[ObligationForm]] = {
    "payment": PaymentForm,
    "delivery": DeliveryForm,
    "performance": PerformanceForm,
}


class RemoveObligationForm(SettlementChangeForm):
    """Remove one obligation (the versions and the CSRF token only)."""


class ApproveForm(CaseChangeForm):
    """A party's authorised signatory approves one exact version of the terms."""

    terms_sha256 = HiddenField(_l("Version fingerprint"),
                               validators=[DataRequired(_l("The form is damaged; reload the "
                                                           "page."))])
    confirm = BooleanField(
        _l("I approve these terms as the authorised signatory of my party"),
        validators=[DataRequired(_l("Tick the box to confirm your approval."))],
    )
