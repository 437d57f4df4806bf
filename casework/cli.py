"""``flask --app app casework ...``: the operator commands, gathered from each area."""

import click
from flask.cli import AppGroup

casework_cli = AppGroup("casework", help="Casework operator commands.")


@casework_cli.command("workflow-doc")
def workflow_doc() -> None:
    """Print docs/workflow.md: the case state machine as a diagram and a table."""
    from casework.cases.workflow import workflow_markdown

    click.echo(workflow_markdown(), nl=False)


def _register_area_commands() -> None:
    """Each area adds its commands in ``<area>/commands.py`` via ``register(group)``."""
    from casework import demo, health
    from casework.accounts import commands as accounts_commands
    from casework.cases import commands as cases_commands
    from casework.deadlines import commands as deadline_commands
    from casework.documents.generated import commands as generated_commands
    from casework.notifications import commands as notification_commands

    for module in (accounts_commands, cases_commands, deadline_commands, notification_commands,
                   health, demo, generated_commands):
        module.register(casework_cli)


_register_area_commands()
