"""Operator commands of this area."""

import click
from flask.cli import with_appcontext

from casework.notifications.delivery import deliver_pending


def register(group) -> None:
    """Add this area's commands to the ``casework`` command group."""
    group.add_command(send_mail)


@click.command("send-mail")
@with_appcontext
def send_mail() -> None:
    """Deliver the pending e-mails in the outbox that are due now."""
    report = deliver_pending()
    click.echo(str(report))
