"""Fixtures of the deadline tests."""

import pytest

from casework.accounts.models import Role
from casework.extensions import db
from tests.factories import make_user


@pytest.fixture()
def registrar():
    """A registrar (SIMC case manager), committed (error pages roll back what is not)."""
    user = make_user(Role.REGISTRAR)
    db.session.commit()
    return user
