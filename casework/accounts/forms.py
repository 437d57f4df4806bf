"""Forms for signing in, registering, passwords, the profile and user administration."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectField,
    StringField,
)
from wtforms.validators import (
    DataRequired,
    Email,
    EqualTo,
    InputRequired,
    Length,
    Optional,
    ValidationError,
)

from casework.accounts.labels import ROLE_LABELS
from casework.accounts.models import Locale, Role
from casework.accounts.operations import MIN_PASSWORD_LENGTH, find_user_by_email
from casework.extensions import db
from casework.i18n import LANGUAGE_NAMES, is_valid_zone, zone_names
from casework.parties.models import Organisation

_LONG_ENOUGH = Length(min=MIN_PASSWORD_LENGTH, message=_l("Use at least %(min)d characters."))


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _language_choices() -> list[tuple[str, str]]:
    return [(locale.value, LANGUAGE_NAMES[locale.value]) for locale in Locale]


def _id_or_none(value) -> int | None:
    return int(value) if value not in (None, "") else None


def _check_zone(form, field) -> None:
    if not is_valid_zone(field.data or ""):
        raise ValidationError(_l("Choose a time zone from the list, such as Asia/Singapore."))


def _check_email_free(form, field) -> None:
    if field.data and find_user_by_email(field.data) is not None:
        raise ValidationError(_l("An account with this e-mail address already exists. Sign in, "
                                 "or reset your password if you have forgotten it."))


class _PersonalSettings:
    """Name, language and time zone: shared by registration, profile and new-user forms."""

    name = StringField(
        _l("Full name"), filters=[_strip], validators=[DataRequired(), Length(max=200)]
    )
    locale = SelectField(_l("Language"), choices=_language_choices)
    timezone = SelectField(
        _l("Time zone"),
        choices=zone_names,
        validate_choice=False,
        validators=[DataRequired(), _check_zone],
        description=_l("Hearing times and deadlines are shown in this zone."),
    )


class LoginForm(FlaskForm):
    """Sign in with e-mail and password."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    next = HiddenField()


class RegistrationForm(_PersonalSettings, FlaskForm):
    """A party representative creates their own account."""

    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(), Email(), Length(max=254), _check_email_free],
    )
    password = PasswordField(
        _l("Password"),
        validators=[DataRequired(), _LONG_ENOUGH],
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords do not match."))],
    )
    next = HiddenField()


class ProfileForm(_PersonalSettings, FlaskForm):
    """A user's own name, language and time zone."""



class ChangePasswordForm(FlaskForm):
    """Change one's password, proving the current one."""

    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    new_password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), _LONG_ENOUGH],
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(),
                    EqualTo("new_password", message=_l("The passwords do not match."))],
    )


class ForgotPasswordForm(FlaskForm):
    """Ask for a password reset link."""

    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])


class ResetPasswordForm(FlaskForm):
    """Choose a new password through an e-mailed link."""

    password = PasswordField(
        _l("New password"),
        validators=[DataRequired(), _LONG_ENOUGH],
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords do not match."))],
    )


class NewUserForm(_PersonalSettings, FlaskForm):
    """An admin or registrar creates an account for someone else."""

    email = EmailField(
        _l("E-mail"),
        validators=[DataRequired(), Email(), Length(max=254), _check_email_free],
    )
    role = SelectField(_l("Role"), validators=[InputRequired()])
    organisation_id = SelectField(
        _l("Organisation"),
        coerce=_id_or_none,
        description=_l("Only for party representatives: the organisation they act for."),
    )
    setup = RadioField(
        _l("How will they sign in?"),
        choices=[
            ("email", _l("E-mail them a link to choose their own password")),
            ("password", _l("Set a temporary password and tell them yourself")),
        ],
        default="email",
    )
    temporary_password = PasswordField(
        _l("Temporary password"),
        validators=[Optional(), _LONG_ENOUGH],
    )

    def __init__(self, roles: list[Role], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = [(role.value, ROLE_LABELS[role]) for role in roles]
        self.organisation_id.choices = [("", _l("None"))] + [
            (str(organisation.id), f"{organisation.name_en} ({organisation.registry_number})")
            for organisation in db.session.scalars(
                db.select(Organisation).order_by(Organisation.name_en)
            )
        ]

    def validate(self, extra_validators=None) -> bool:
        """Also require a temporary password when that is how the user will sign in."""
        valid = super().validate(extra_validators)
        if self.setup.data == "password" and not self.temporary_password.data:
            self.temporary_password.errors = [
                *self.temporary_password.errors,
                _l("Enter a temporary password, or choose to e-mail a link."),
            ]
            return False
        return valid


class RoleForm(FlaskForm):
    """Change an account's role."""

    role = SelectField(_l("Role"), validators=[InputRequired()])

    def __init__(self, roles: list[Role], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = [(role.value, ROLE_LABELS[role]) for role in roles]
