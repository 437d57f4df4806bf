"""Operator commands of this area: ``flask --app app casework create-user``."""

import click
from flask.cli import with_appcontext
from flask_babel import force_locale

from casework.accounts import operations
from casework.accounts.models import Locale, Role
from casework.errors import DomainError
from casework.extensions import db


def register(group) -> None:
    """Add this area's commands to the ``casework`` command group."""
    group.add_command(create_user)


@click.command("create-user")
@click.option("--email", required=True, help="Sign-in e-mail address.")
@click.option("--name", required=True, help="Full name.")
@click.option("--role", required=True, type=click.Choice([role.value for role in Role]))
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="Password (at least 10 characters); asked for, hidden, when omitted.")
@click.option("--locale", default=Locale.EN.value, show_default=True,
              type=click.Choice([locale.value for locale in Locale]))
@click.option("--timezone", default="Asia/Singapore", show_default=True,
              help="IANA time zone, e.g. Asia/Shanghai.")
@click.option("--organisation-id", type=int, default=None,
              help="For a party representative: the organisation they act for.")
@with_appcontext
def create_user(email: str, name: str, role: str, password: str, locale: str, timezone: str,
                organisation_id: int | None) -> None:
    """Create an account (any role), e.g. the first admin of a new installation."""
    try:
        # The operator's messages are in English (there is no request to choose a language).
        with force_locale(Locale.EN.value):
            user = operations.create_user(
                None, email=email, name=name, role=Role(role), locale=locale, timezone=timezone,
                password=password, organisation_id=organisation_id,
            )
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(str(error.message)) from error
    db.session.commit()
    click.echo(f"Created {user.role.value} {user.email} (id {user.id}).")
