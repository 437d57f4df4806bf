"""Forms for filing a Request for Mediation, joining a case as respondent and answering it.

The filing form validates in two modes (:func:`validate_filing`): a *draft* checks only what was
entered (a blank field is fine, a wrong one is not); *complete* also requires every field that
submission needs, each error naming its field.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    FormField,
    HiddenField,
    MultipleFileField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import Email, Length, Optional, Regexp

from casework.cases.filing import (
    FIELD_LABELS,
    REQUIRED_FOR_SUBMISSION,
    RequestDetails,
    SupportingDocument,
    check_amount,
)
from casework.cases.forms import CaseChangeForm
from casework.cases.joining import CounselDetails
from casework.cases.labels import LANGUAGE_LABELS, VENUE_LABELS
from casework.cases.models import Case, CaseLanguage, Currency, RespondentAnswer, Venue
from casework.documents.labels import CIRCULATION_LABELS
from casework.documents.models import Circulation
from casework.errors import InvalidInput
from casework.parties.forms import OrganisationSubForm, organisation_data
from casework.parties.models import Jurisdiction

_CHOOSE = ("", _l("— choose —"))
LANGUAGE_CHOICES = [_CHOOSE] + [(code.value, label) for code, label in LANGUAGE_LABELS.items()]
VENUE_CHOICES = [_CHOOSE] + [(code.value, label) for code, label in VENUE_LABELS.items()]
CURRENCY_CHOICES = [_CHOOSE] + [(c.value, c.value) for c in Currency]


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class AmountField(StringField):
    """An amount of money typed as text (``250000``, ``250,000.50``) read into a ``Decimal``:
    positive, with at most two decimal places."""

    def process_formdata(self, valuelist):
        self.data = None
        text = (valuelist[0] if valuelist else "").strip().replace(",", "").replace(" ", "")
        if not text:
            return
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValueError(_l("Enter a number, such as 250000 or 250,000.50.")) from None
        try:
            check_amount(amount)
        except InvalidInput as error:
            raise ValueError(error.message) from None
        self.data = amount.quantize(Decimal("0.01"))

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return f"{self.data:.2f}" if self.data is not None else ""


class CurrencyField(SelectField):
    """One of the currencies accepted for the amount in dispute."""

    def __init__(self, label=None, **kwargs):
        super().__init__(label, choices=CURRENCY_CHOICES, validate_choice=False, **kwargs)

    def pre_validate(self, form):
        if self.data and self.data not in {c.value for c in Currency}:
            raise ValidationError(_l("Choose one of SGD, CNY, USD, HKD or EUR."))


class FilingForm(FlaskForm):
    """The Request for Mediation. ``claimant_organisation`` is removed (see
    :func:`prepare_filing_form`) when the filer already represents an organisation; a new
    request has no ``version`` yet, a draft being edited carries it."""

    version = HiddenField(validators=[Optional(), Regexp(r"^\d+$")])
    claimant_organisation = FormField(OrganisationSubForm, label=_l("Your organisation"))
    counsel_name = StringField(
        FIELD_LABELS["counsel_name"], filters=[_strip], validators=[Length(max=200)]
    )
    counsel_firm = StringField(
        FIELD_LABELS["counsel_firm"], filters=[_strip], validators=[Length(max=200)]
    )
    counsel_email = StringField(
        FIELD_LABELS["counsel_email"], filters=[_strip],
        validators=[Optional(), Email(), Length(max=254)],
    )
    respondent_organisation = FormField(
        OrganisationSubForm, label=FIELD_LABELS["respondent_organisation"]
    )
    respondent_contact_name = StringField(
        FIELD_LABELS["respondent_contact_name"], filters=[_strip], validators=[Length(max=200)],
        description=_l("The person at the respondent who receives the invitation to join."),
    )
    respondent_contact_email = StringField(
        FIELD_LABELS["respondent_contact_email"], filters=[_strip],
        validators=[Optional(), Email(), Length(max=254)],
    )
    dispute_summary = TextAreaField(
        FIELD_LABELS["dispute_summary"], filters=[_strip], validators=[Length(max=20000)],
        description=_l("What the dispute is about and what you claim."),
    )
    amount_in_dispute = AmountField(
        FIELD_LABELS["amount_in_dispute"],
        description=_l("A positive amount with at most two decimal places."),
    )
    currency = CurrencyField(FIELD_LABELS["currency"])
    clause_text = TextAreaField(
        FIELD_LABELS["clause_text"], filters=[_strip], validators=[Length(max=20000)],
        description=_l("Copy the clause of the contract (or the agreement to mediate) word for "
                       "word."),
    )
    clause_names_scia = BooleanField(
        FIELD_LABELS["clause_names_scia"],
        description=_l("Only a clause naming SCIA lets a settlement become an SCIA award."),
    )
    prior_agreement_to_mediate = BooleanField(FIELD_LABELS["prior_agreement_to_mediate"])
    preferred_language = SelectField(
        FIELD_LABELS["preferred_language"], choices=LANGUAGE_CHOICES
    )
    preferred_venue = SelectField(FIELD_LABELS["preferred_venue"], choices=VENUE_CHOICES)
    mediator_attributes = TextAreaField(
        FIELD_LABELS["mediator_attributes"], filters=[_strip], validators=[Length(max=5000)],
        description=_l("Languages, expertise, nationality (often a neutral one), availability."),
    )
    documents = MultipleFileField(_l("Supporting documents"))
    document_description = StringField(
        _l("Description of the documents"), filters=[_strip], validators=[Length(max=2000)]
    )
    document_circulation = RadioField(
        _l("Circulation of the documents"),
        choices=[(value.value, text) for value, text in CIRCULATION_LABELS.items()],
        validators=[Optional()],
    )
    save_draft = SubmitField(_l("Save draft"))
    review = SubmitField(_l("Review and submit"))

    @property
    def expected_version(self) -> int | None:
        """The draft's version when the form was rendered (``None`` for a new request)."""
        return int(self.version.data) if self.version.data else None

    def validate_documents(self, field) -> None:
        """Chosen files need their marking: for the case file or mediation only."""
        if _chosen_files(field) and not self.document_circulation.data:
            raise ValidationError(_l(
                "Choose the circulation of the documents: “For the case file” or “Mediation "
                "only”."
            ))


def prepare_filing_form(form: FilingForm, user) -> FilingForm:
    """Drop the claimant organisation block when ``user`` already represents one (it is shown
    read-only instead)."""
    if user.organisation_id is not None:
        del form.claimant_organisation
    return form


def validate_filing(form: FilingForm, *, complete: bool) -> bool:
    """Validate ``form``: a draft only what was entered, a complete request also every field
    submission needs. The filer's own organisation, when entered here, must always be complete
    (the draft belongs to it)."""
    form.validate()
    for field in form:
        if field.name in ("claimant_organisation", "version"):
            continue
        if not complete:
            _drop_errors_of_blank(field)
        elif field.name in REQUIRED_FOR_SUBMISSION and _is_blank(field):
            field.errors = [_l("This is required.")]
    return not form.errors


def _is_blank(field) -> bool:
    """Whether nothing was entered in ``field`` (for sub-forms: in any of their fields)."""
    if isinstance(field, FormField):
        return all(_is_blank(sub) for sub in field.form)
    if isinstance(field, FieldList):
        return all(_is_blank(entry) for entry in field.entries)
    if field.type in {"SubmitField", "CSRFTokenField"}:
        return True
    if field.raw_data:
        return not any(str(value).strip() for value in field.raw_data if value is not None)
    return field.data in (None, "", False, [])


def _drop_errors_of_blank(field) -> None:
    """In a draft, a field left blank is not an error (a field filled in wrongly still is)."""
    if isinstance(field, FormField):
        for sub in field.form:
            _drop_errors_of_blank(sub)
        return
    if isinstance(field, FieldList):
        for entry in field.entries:
            _drop_errors_of_blank(entry)
        if _is_blank(field):
            field.errors = [e for e in field.errors if isinstance(e, dict)]
        return
    if _is_blank(field):
        field.errors = []


def _filled_organisation_data(form_field: FormField) -> dict:
    """The particulars entered in an organisation block; in a draft the jurisdiction may still
    be blank, and then the number is kept as typed."""
    inner = form_field.form
    if inner.jurisdiction.data in {j.value for j in Jurisdiction}:
        return organisation_data(form_field)
    data = {name: (inner[name].data or "") for name in (
        "name_en", "name_zh", "short_name_en", "short_name_zh", "registry_number",
        "domicile_en", "domicile_zh", "legal_representative", "legal_representative_title",
    )}
    data["jurisdiction"] = ""
    data["signatories"] = [
        {"name": row["name"], "title": row["title"] or "", "email": row["email"] or ""}
        for row in (entry.form.data for entry in inner.signatories.entries)
        if row["name"]
    ]
    data["checksum_override_reason"] = None
    return data


def request_details(form: FilingForm) -> RequestDetails:
    """The validated filing form as plain data for the filing operations."""
    return RequestDetails(
        dispute_summary=form.dispute_summary.data or "",
        amount_in_dispute=form.amount_in_dispute.data,
        currency=Currency(form.currency.data) if form.currency.data else None,
        clause_text=form.clause_text.data or "",
        clause_names_scia=bool(form.clause_names_scia.data),
        prior_agreement_to_mediate=bool(form.prior_agreement_to_mediate.data),
        preferred_language=(
            CaseLanguage(form.preferred_language.data) if form.preferred_language.data else None
        ),
        preferred_venue=Venue(form.preferred_venue.data) if form.preferred_venue.data else None,
        mediator_attributes=form.mediator_attributes.data or "",
        respondent_contact_name=form.respondent_contact_name.data or "",
        respondent_contact_email=form.respondent_contact_email.data or "",
        respondent_details=_filled_organisation_data(form.respondent_organisation),
        counsel_name=form.counsel_name.data or "",
        counsel_firm=form.counsel_firm.data or "",
        counsel_email=form.counsel_email.data or "",
    )


def claimant_organisation_data(form: FilingForm) -> dict | None:
    """The filer's organisation particulars, when entered on the form."""
    if "claimant_organisation" not in form:
        return None
    return organisation_data(form.claimant_organisation)


def supporting_documents(form: FilingForm) -> list[SupportingDocument]:
    """The files chosen in the form (a file input left empty sends none)."""
    return [
        SupportingDocument(
            stream=upload.stream, filename=upload.filename,
            circulation=Circulation(form.document_circulation.data),
        )
        for upload in _chosen_files(form.documents)
    ]


def _chosen_files(field) -> list:
    """The files chosen in a file field (a file input left empty sends none)."""
    return [upload for upload in (field.data or []) if getattr(upload, "filename", "")]


def filing_form_data(case: Case) -> dict:
    """A draft's stored values as ``data=`` for :class:`FilingForm`."""
    claimant = case.claimant
    return {
        "version": case.version,
        "counsel_name": claimant.counsel_name,
        "counsel_firm": claimant.counsel_firm,
        "counsel_email": claimant.counsel_email,
        "respondent_organisation": dict(case.respondent_details or {}),
        "respondent_contact_name": case.respondent_contact_name,
        "respondent_contact_email": case.respondent_contact_email,
        "dispute_summary": case.dispute_summary,
        "amount_in_dispute": case.amount_in_dispute,
        "currency": case.currency.value if case.currency else "",
        "clause_text": case.clause_text,
        "clause_names_scia": case.clause_names_scia,
        "prior_agreement_to_mediate": case.prior_agreement_to_mediate,
        "preferred_language": case.preferred_language.value if case.preferred_language else "",
        "preferred_venue": case.preferred_venue.value if case.preferred_venue else "",
        "mediator_attributes": case.mediator_attributes,
    }


class SubmitRequestForm(CaseChangeForm):
    """Submit the reviewed Request for Mediation."""


class JoinCaseForm(FlaskForm):
    """The respondent confirms its particulars and names its counsel."""

    organisation = FormField(OrganisationSubForm, label=_l("Your organisation"))
    counsel_name = StringField(
        _l("Counsel: name"), filters=[_strip], validators=[Length(max=200)]
    )
    counsel_firm = StringField(
        _l("Counsel: law firm"), filters=[_strip], validators=[Length(max=200)]
    )
    counsel_email = StringField(
        _l("Counsel: e-mail"), filters=[_strip], validators=[Optional(), Email(), Length(max=254)]
    )

    def counsel(self) -> CounselDetails:
        """The counsel entered, as plain data."""
        return CounselDetails(
            name=self.counsel_name.data or "",
            firm=self.counsel_firm.data or "",
            email=self.counsel_email.data or "",
        )


class RespondForm(CaseChangeForm):
    """The respondent's answer: agree to mediate, or decline with reasons."""

    answer = RadioField(
        _l("Your answer"),
        choices=[
            (RespondentAnswer.AGREE.value, _l("We agree to mediate at SIMC")),
            (RespondentAnswer.DECLINE.value, _l("We decline to mediate")),
        ],
        validate_choice=False,
    )
    reasons = TextAreaField(
        _l("Reasons for declining"), filters=[_strip], validators=[Length(max=10000)]
    )

    def validate_answer(self, field) -> None:
        """An answer must be chosen."""
        if field.data not in {a.value for a in RespondentAnswer}:
            raise ValidationError(_l("Choose whether you agree or decline."))

    def validate_reasons(self, field) -> None:
        """Declining needs reasons."""
        if self.answer.data == RespondentAnswer.DECLINE.value and not field.data:
            raise ValidationError(_l("Give your reasons for declining."))


class ResendInvitationForm(CaseChangeForm):
    """The registry sends the respondent a new invitation, optionally to a corrected address."""

    email = StringField(
        _l("Send to (leave blank for the current contact e-mail)"), filters=[_strip],
        validators=[Optional(), Email(), Length(max=254)],
    )
