"""Shared fixtures: one app and schema per session, emptied after every test.

``CASEWORK_DATABASE_URL`` selects the database (PostgreSQL in CI); otherwise a SQLite file in a
temporary folder is used. The schema comes from the models here; ``tests/test_migrations.py``
proves the Alembic migrations build exactly the same schema.
"""

from __future__ import annotations

import http.server
import os
import threading

import pytest
import sqlalchemy as sa
from flask import g, request_started
from werkzeug.security import generate_password_hash

from casework import create_app
from casework.extensions import db
from casework.parties.models import Organisation


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
    request_started.connect(_forget_request_globals, app)
    with app.app_context():
        db.drop_all()
        db.create_all()
    yield app
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


def _forget_request_globals(sender, **extra):
    """Requests in a test share the test's app context (and so ``g``): forget the signed-in user
    and the language cached by the previous request, as a fresh context in production would."""
    g.pop("_login_user", None)
    g.pop("_flask_babel", None)


@pytest.fixture(autouse=True)
def _empty_tables(request, app):
    """Run each test inside an app context and delete every row afterwards."""
    with app.app_context():
        yield
        db.session.rollback()
        db.session.remove()
        with db.engine.begin() as connection:
            # organisations and users refer to each other: break the cycle first
            connection.execute(sa.update(Organisation).values(checksum_override_by_id=None))
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


class _RecordingSMTPHandler:
    """An ``aiosmtpd`` handler that keeps every received message, parsed."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        from email import message_from_bytes, policy

        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


@pytest.fixture()
def smtp_server(app):
    """A real SMTP server on 127.0.0.1 (free port) for one test; ``app`` sends its mail there.

    ``smtp_server.messages`` is the list of received ``email.message.EmailMessage`` objects.
    """
    import socket

    from aiosmtpd.controller import Controller

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    handler = _RecordingSMTPHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    keys = ("MAIL_SERVER", "MAIL_PORT", "MAIL_USE_TLS", "MAIL_USERNAME")
    saved = {key: app.config[key] for key in keys}
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=port, MAIL_USE_TLS=False, MAIL_USERNAME="")
    controller.messages = handler.messages
    try:
        yield controller
    finally:
        app.config.update(saved)
        controller.stop()


@pytest.fixture()
def quick_password_hashes(monkeypatch):
    """For tests that make many users and never sign in with a password: a one-round hash."""
    monkeypatch.setattr(
        "casework.accounts.models.generate_password_hash",
        lambda password: generate_password_hash(password, method="pbkdf2:sha256:1"),
    )


@pytest.fixture()
def store_dir(app, tmp_path, monkeypatch):
    """An empty document store for this test (to see whether a refused upload kept a file)."""
    root = tmp_path / "store"
    monkeypatch.setitem(app.config, "STORAGE_DIR", str(root))
    return root


@pytest.fixture
def http_server():
    """A local HTTP server on an ephemeral port that records every request it receives."""
    requests: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the stdlib's name
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], requests
    server.shutdown()
    server.server_close()
    thread.join()
