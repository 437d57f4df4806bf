"""Fixtures of the mediator tests."""

import pytest

from casework.accounts.models import Role
from casework.extensions import db
from tests.factories import make_user


@pytest.fixture()
def registrar():
    """A registrar (SIMC case manager)."""
    user = make_user(Role.REGISTRAR)
    db.session.commit()  # error pages roll back whatever a test left uncommitted
    return user
