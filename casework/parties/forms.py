"""Forms for an organisation's registered particulars, standalone or embedded in another form.

``OrganisationSubForm`` holds the fields and their validation; embed it with
``FormField(OrganisationSubForm)`` (e.g. the respondent block of the filing form).
``OrganisationForm`` is the same as a standalone Flask-WTF form (with CSRF). Render either with
the ``organisation_fields`` macro in ``templates/parties/_organisation_fields.html`` and turn the
validated form into plain data for the operations with :func:`organisation_data`.

Checksum overrides: a registry number that fails only its check character is an error unless
the form's ``allow_checksum_override`` is set (registrars; see :func:`configure_checksum_override`)
and "accept despite the checksum" is ticked with a reason, or the number is the organisation's
own already-accepted number (``overridden_number``).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    SelectField,
    StringField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import DataRequired, Email, Length, Optional

from casework.accounts.models import Role
from casework.i18n import TranslatedFormMeta
from casework.parties.identifiers import check_registry_number
from casework.parties.models import Jurisdiction, Organisation

SIGNATORY_ROWS = 3

JURISDICTION_CHOICES = [
    (Jurisdiction.CN.value, _l("Mainland China (Unified Social Credit Code)")),
    (Jurisdiction.SG.value, _l("Singapore (UEN)")),
    (Jurisdiction.OTHER.value, _l("Elsewhere")),
]


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class SignatorySubForm(Form):
    """One authorised signatory row; a row left blank is ignored."""

    Meta = TranslatedFormMeta

    name = StringField(_l("Name"), filters=[_strip], validators=[Length(max=200)])
    title = StringField(_l("Title"), filters=[_strip], validators=[Length(max=200)])
    email = StringField(
        _l("E-mail"), filters=[_strip], validators=[Optional(), Email(), Length(max=254)]
    )

    def validate_name(self, field) -> None:
        """A row with a title or e-mail needs the signatory's name."""
        if not field.data and (self.title.data or self.email.data):
            raise ValidationError(_l("Enter the signatory's name."))


class RegistryNumber:
    """Validates the registry number against the form's ``jurisdiction`` field.

    Length, alphabet and format problems are always errors. A checksum problem is an error
    unless the form accepts it (see the module docstring).
    """

    def __call__(self, form, field) -> None:
        if form.jurisdiction.data not in {j.value for j in Jurisdiction}:
            return  # the jurisdiction field reports its own error
        check = check_registry_number(form.jurisdiction.data, field.data or "")
        messages = [problem.message for problem in check.hard_problems]
        if not messages and check.checksum_problems and not checksum_accepted(form, check.number):
            messages = [problem.message for problem in check.checksum_problems]
            if form.allow_checksum_override:
                messages.append(_l(
                    "If the number is right as registered, tick “Accept despite the checksum” "
                    "and give the reason."
                ))
            else:
                messages.append(_l(
                    "Please check the number against the business licence or registry extract. "
                    "If it is right as registered, contact the SIMC registry."
                ))
        if messages:
            field.errors.extend(messages[:-1])
            raise ValidationError(messages[-1])


def checksum_accepted(form, number: str) -> bool:
    """Whether ``form`` accepts a checksum failure of ``number``: it is the organisation's own,
    already accepted number, or a registrar ticked "accept despite the checksum"."""
    if form.overridden_number and number == form.overridden_number:
        return True
    return bool(form.allow_checksum_override and form.accept_checksum.data)


class OrganisationSubForm(Form):
    """An organisation's registered particulars and authorised signatories (no CSRF: embed it
    as a ``FormField`` in a Flask-WTF form, or use :class:`OrganisationForm`)."""

    Meta = TranslatedFormMeta

    # Set per request by the view (see :func:`configure_checksum_override`).
    allow_checksum_override = False
    overridden_number: str | None = None

    name_en = StringField(
        _l("Registered name (English)"), filters=[_strip],
        validators=[DataRequired(), Length(max=300)],
    )
    name_zh = StringField(
        _l("Registered name (Chinese)"), filters=[_strip], validators=[Length(max=300)],
        description=_l("Required for organisations registered in mainland China."),
    )
    short_name_en = StringField(
        _l("Short name (English)"), filters=[_strip], validators=[Length(max=100)],
        description=_l("The defined name used after the first mention, e.g. “Supplier”."),
    )
    short_name_zh = StringField(
        _l("Short name (Chinese)"), filters=[_strip], validators=[Length(max=100)]
    )
    jurisdiction = SelectField(
        _l("Registered in"), choices=JURISDICTION_CHOICES, validators=[DataRequired()]
    )
    registry_number = StringField(
        _l("Registry number"), filters=[_strip],
        validators=[DataRequired(), Length(max=64), RegistryNumber()],
        description=_l("Unified Social Credit Code (统一社会信用代码) for mainland China, "
                       "UEN for Singapore, otherwise the number as registered."),
    )
    domicile_en = TextAreaField(
        _l("Domicile (English)"), filters=[_strip], validators=[DataRequired(), Length(max=1000)]
    )
    domicile_zh = TextAreaField(
        _l("Domicile (Chinese)"), filters=[_strip], validators=[Length(max=1000)]
    )
    legal_representative = StringField(
        _l("Legal representative"), filters=[_strip], validators=[Length(max=200)],
        description=_l("Required for organisations registered in mainland China (法定代表人)."),
    )
    legal_representative_title = StringField(
        _l("Legal representative's title"), filters=[_strip], validators=[Length(max=200)]
    )
    signatories = FieldList(
        FormField(SignatorySubForm), label=_l("Authorised signatories"),
        min_entries=SIGNATORY_ROWS, max_entries=SIGNATORY_ROWS,
    )
    accept_checksum = BooleanField(_l("Accept despite the checksum"))
    checksum_override_reason = TextAreaField(
        _l("Reason for accepting the number"), filters=[_strip], validators=[Length(max=2000)]
    )

    def _registered_in_china(self) -> bool:
        return self.jurisdiction.data == Jurisdiction.CN.value

    def validate_name_zh(self, field) -> None:
        """A mainland Chinese organisation's legal name is its Chinese name."""
        if self._registered_in_china() and not field.data:
            raise ValidationError(
                _l("Enter the Chinese registered name of an organisation registered in China.")
            )

    def validate_legal_representative(self, field) -> None:
        """PRC law requires the legal representative of a mainland Chinese entity."""
        if self._registered_in_china() and not field.data:
            raise ValidationError(
                _l("Enter the legal representative of an organisation registered in China.")
            )

    def validate_legal_representative_title(self, field) -> None:
        """The legal representative's title is required with their name."""
        if self.legal_representative.data and not field.data:
            raise ValidationError(_l("Enter the legal representative's title."))

    def validate_signatories(self, field) -> None:
        """At least one authorised signatory is required."""
        if not any(entry.form.data["name"] for entry in field.entries):
            raise ValidationError(_l("Enter at least one authorised signatory."))

    def validate_checksum_override_reason(self, field) -> None:
        """Accepting a number despite its checksum needs a recorded reason."""
        if self.allow_checksum_override and self.accept_checksum.data and not field.data:
            raise ValidationError(
                _l("Give the reason for accepting the number despite its checksum.")
            )


class OrganisationForm(FlaskForm, OrganisationSubForm):
    """The organisation's particulars as a standalone form (with CSRF)."""


def configure_checksum_override(form, actor, organisation: Organisation | None = None) -> None:
    """Let registrars override a failing checksum on ``form`` and keep an organisation's
    already-accepted number acceptable when it is not changed."""
    form = _inner(form)
    form.allow_checksum_override = actor.role == Role.REGISTRAR
    if organisation is not None and organisation.checksum_override_reason:
        form.overridden_number = organisation.registry_number


def organisation_data(form) -> dict:
    """The validated form's particulars as plain, JSON-serialisable data for the operations.

    ``form`` may be an :class:`OrganisationForm`, an :class:`OrganisationSubForm` or the
    ``FormField`` embedding one. ``checksum_override_reason`` is set only when a registrar
    accepted a number that fails its checksum.
    """
    form = _inner(form)
    check = check_registry_number(form.jurisdiction.data, form.registry_number.data)
    override = None
    if (
        check.fails_only_checksum
        and form.allow_checksum_override
        and form.accept_checksum.data
        and check.number != form.overridden_number
    ):
        override = form.checksum_override_reason.data
    return {
        "name_en": form.name_en.data,
        "name_zh": form.name_zh.data or "",
        "short_name_en": form.short_name_en.data or "",
        "short_name_zh": form.short_name_zh.data or "",
        "jurisdiction": check.jurisdiction.value,
        "registry_number": check.number,
        "domicile_en": form.domicile_en.data,
        "domicile_zh": form.domicile_zh.data or "",
        "legal_representative": form.legal_representative.data or "",
        "legal_representative_title": form.legal_representative_title.data or "",
        "signatories": [
            {"name": row["name"], "title": row["title"] or "", "email": row["email"] or ""}
            for row in (entry.form.data for entry in form.signatories.entries)
            if row["name"]
        ],
        "checksum_override_reason": override,
    }


def organisation_form_data(organisation: Organisation) -> dict:
    """An organisation's particulars as ``data=`` for the form (a dict from
    :func:`organisation_data` can be passed as ``data=`` directly)."""
    return {
        **organisation.particulars(),
        "signatories": [
            {"name": s.name, "title": s.title, "email": s.email} for s in organisation.signatories
        ],
    }


def _inner(form):
    return form.form if isinstance(form, FormField) else form
