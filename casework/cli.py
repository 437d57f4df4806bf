"""``flask --app app casework ...``: the operator commands, gathered from each area."""

from flask.cli import AppGroup

casework_cli = AppGroup("casework", help="Casework operator commands.")


def _register_area_commands() -> None:
    """Each area adds its commands in ``<area>/commands.py`` via ``register(group)``."""
    from casework.accounts import commands as accounts_commands
    from casework.cases import commands as cases_commands
    from casework.notifications import commands as notification_commands

    for module in (accounts_commands, cases_commands, notification_commands):
        module.register(casework_cli)


_register_area_commands()
