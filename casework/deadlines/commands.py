"""Operator commands of the deadlines area: ``flask --app app casework remind``."""

from __future__ import annotations

from datetime import datetime

import click

from casework.deadlines.reminders import queue_reminders
from casework.extensions import db


def register(group) -> None:
    """Add this area's commands to the ``casework`` command group."""
    group.add_command(remind)


@click.command("remind")
@click.option(
    "--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
    help="Act as if today were this date (YYYY-MM-DD); default: today where each deadline's "
    "addressee is.",
)
def remind(today: datetime | None) -> None:
    """Queue deadline reminders and expired-window prompts (run daily); never twice."""
    queued = queue_reminders(today.date() if today is not None else None)
    db.session.commit()
    for item in queued:
        click.echo(
            f"{item.case.reference}\t{item.kind.value}\t{item.deadline.key}\t"
            f"due {item.deadline.due.isoformat()}\t{item.recipient.email}"
        )
    click.echo(f"{len(queued)} reminder(s) queued.")
