"""Forms of the escalation pages: a party's withdrawal from the mediation, the parties' new
arbitration agreement, the escalation (with the exchange rate) and generating the referral
again."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from casework.arbitration.clause import check_clause
from casework.arbitration.escalation import MAX_AGREEMENT_CHARS, MAX_REASONS_CHARS
from casework.cases.forms import CaseChangeForm

RATE_PLACES = 6
RATE_LIMIT = Decimal("1000000")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class WithdrawFromMediationForm(CaseChangeForm):
    """A party withdraws from the mediation, giving its reasons."""

    reasons = TextAreaField(
        _l("Reasons for withdrawing from the mediation"),
        validators=[DataRequired(message=_l("Give the reasons for withdrawing from the "
                                             "mediation.")),
                    Length(max=MAX_REASONS_CHARS)],
        filters=[_strip],
        description=_l("Everyone on the case is told, with these reasons. They are not part of "
                       "anything sent to SCIA."),
    )


class ArbitrationAgreementForm(CaseChangeForm):
    """The parties' new arbitration agreement: its text and the document that evidences it."""

    text = TextAreaField(
        _l("Text of the new arbitration agreement"),
        validators=[DataRequired(message=_l("Enter the text of the parties' new arbitration "
                                             "agreement.")),
                    Length(max=MAX_AGREEMENT_CHARS)],
        filters=[_strip],
        description=_l("As the parties signed it. It must name SCIA (深圳国际仲裁院) or one of "
                       "its registered names as the only arbitration institution."),
    )
    document_id = SelectField(
        _l("Document evidencing the agreement"),
        validators=[InputRequired(message=_l("Choose the uploaded document that evidences "
                                             "the agreement."))],
        description=_l("Only current documents of the case marked for the case file are "
                       "offered: the agreement travels to SCIA with the referral."),
    )

    def offer_documents(self, documents) -> None:
        """Offer ``documents`` (the case's transferable documents) to choose from."""
        self.document_id.choices = [("", _l("Choose a document"))] + [
            (str(document.id), f"{document.filename} — {document.description}"
             if document.description else document.filename)
            for document in documents
        ]

    def validate_text(self, field) -> None:
        """The agreement must name SCIA unambiguously (the clause check says why not)."""
        check = check_clause(field.data or "")
        if not check.names_scia:
            raise ValidationError(check.reason)


class RateField(StringField):
    """An exchange rate typed as text (``7.1234``) read into a ``Decimal`` above zero, with at
    most six decimal places."""

    def process_formdata(self, valuelist):
        self.data = None
        self.text = (valuelist[0] if valuelist else "").strip().replace(",", "")
        if not self.text:
            return
        try:
            number = Decimal(self.text)
        except InvalidOperation:
            number = None
        if (number is None or not number.is_finite() or number <= 0 or number >= RATE_LIMIT
                or -number.as_tuple().exponent > RATE_PLACES):
            raise ValueError(_l("Enter the rate as a number greater than zero with at most six "
                                "decimal places, such as 7.1234."))
        self.data = number

    def _value(self):
        return getattr(self, "text", None) or (f"{self.data:f}" if self.data is not None else "")


class EscalateForm(CaseChangeForm):
    """The escalation: for a claim in another currency than RMB, the exchange rate to RMB."""

    rate_needed = False  # set by ask_rate_for
    rmb_rate = RateField(_l("Exchange rate to RMB"))
    preview = SubmitField(_l("Show the fees at this rate"))
    escalate = SubmitField(_l("Escalate to SCIA and generate the referral"))

    def ask_rate_for(self, currency: str | None) -> None:
        """Require the rate (labelled with the currency) when the claim is not in RMB."""
        self.rate_needed = currency is not None and currency != "CNY"
        if self.rate_needed:
            self.rmb_rate.label.text = _l("Exchange rate: RMB for one %(currency)s",
                                          currency=currency)

    def validate_rmb_rate(self, field) -> None:
        """A claim in another currency than RMB needs the rate."""
        if self.rate_needed and field.data is None and not field.errors:
            raise ValidationError(_l("Enter the exchange rate to convert the amount in dispute "
                                     "to RMB; it must be greater than zero."))

    @property
    def previewing(self) -> bool:
        """Whether the registrar asked only to see the fees at the rate entered."""
        return bool(self.preview.data)


class IssueReferralForm(CaseChangeForm):
    """Generate the referral to SCIA again."""
