"""Operator commands: ``seed-demo`` (every state, once) and ``check`` (what is wrong, exit code)."""

from __future__ import annotations

from flask_migrate import upgrade

from casework import create_app
from casework.accounts.models import User
from casework.cases.models import Case, CaseState
from casework.config import PROJECT_ROOT
from casework.demo import DEMO_PASSWORD
from casework.extensions import db


def test_seed_demo_reaches_every_state_once_and_is_idempotent(runner, client):
    result = runner.invoke(args=["casework", "seed-demo"])
    assert result.exit_code == 0, result.output
    states = set(db.session.scalars(db.select(Case.state)))
    assert states == set(CaseState)
    counts = (db.session.scalar(db.select(db.func.count(Case.id))),
              db.session.scalar(db.select(db.func.count(User.id))))

    again = runner.invoke(args=["casework", "seed-demo"])
    assert again.exit_code == 0 and "already" in again.output
    assert counts == (db.session.scalar(db.select(db.func.count(Case.id))),
                      db.session.scalar(db.select(db.func.count(User.id))))

    response = client.post("/login", data={"email": "registrar@simc.example",
                                           "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert "SIMC-" in client.get("/").get_data(as_text=True)


def test_check_reports_an_unmigrated_database(runner):
    result = runner.invoke(args=["casework", "check"])
    assert result.exit_code == 1
    assert "[FAIL] database: not migrated" in result.output


def test_check_passes_on_a_migrated_installation(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'ok.db'}",
                      "STORAGE_DIR": str(tmp_path / "store"), "TESTING": True})
    with app.app_context():
        upgrade(directory=str(PROJECT_ROOT / "migrations"))
        result = app.test_cli_runner().invoke(args=["casework", "check"])
        db.engine.dispose()
    assert result.exit_code == 0, result.output
    assert result.output.count("[ok ]") == 5


def test_check_names_an_unwritable_document_store(tmp_path, app, runner, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the store should be")
    monkeypatch.setitem(app.config, "STORAGE_DIR", str(blocker / "documents"))
    result = runner.invoke(args=["casework", "check"])
    assert result.exit_code == 1
    assert "[FAIL] document store" in result.output
