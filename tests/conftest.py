"""Shared fixtures: one app and schema per session, emptied after every test.

``CASEWORK_DATABASE_URL`` selects the database (PostgreSQL in CI); otherwise a SQLite file in a
temporary folder is used. The schema comes from the models here; ``tests/test_migrations.py``
proves the Alembic migrations build exactly the same schema.
"""

from __future__ import annotations

import os

import pytest

from casework import create_app
from casework.extensions import db


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """The application, configured for tests, with an empty schema."""
    base = tmp_path_factory.mktemp("casework")
    database_url = os.environ.get("CASEWORK_DATABASE_URL") or f"sqlite:///{base / 'test.db'}"
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "SQLALCHEMY_DATABASE_URI": database_url,
            "STORAGE_DIR": str(base / "documents"),
            "WTF_CSRF_ENABLED": False,
            "MAIL_SERVER": "",
            "BASE_URL": "http://localhost",
            "SERVER_NAME": None,
        }
    )
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def _empty_tables(request, app):
    """Run each test inside an app context and delete every row afterwards."""
    with app.app_context():
        yield
        db.session.rollback()
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture()
def client(app):
    """A test client (CSRF off; ``tests/test_security.py`` turns it on where it matters)."""
    return app.test_client()


@pytest.fixture()
def runner(app):
    """A CLI runner for ``flask casework ...`` commands."""
    return app.test_cli_runner()


@pytest.fixture()
def login(client):
    """``login(user)`` signs ``user`` in on the test client."""

    def sign_in(user):
        with client.session_transaction() as session:
            session["_user_id"] = str(user.id)
            session["_fresh"] = True
        return user

    return sign_in
