"""Operator commands of this area."""


def register(group) -> None:
    """Add this area's commands to the ``casework`` command group."""
