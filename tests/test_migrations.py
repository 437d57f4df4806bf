"""Migrations build exactly the models' schema, go down cleanly, and have one head."""

from __future__ import annotations

import os
import re

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade

from casework import create_app
from casework.config import PROJECT_ROOT
from casework.extensions import db


def test_there_is_exactly_one_head():
    script = ScriptDirectory(str(PROJECT_ROOT / "migrations"))
    assert len(script.get_heads()) == 1


@pytest.fixture()
def migration_app(tmp_path):
    """An app on an empty database of its own (PostgreSQL in CI, else a SQLite file)."""
    url = os.environ.get("CASEWORK_MIGRATION_TEST_DATABASE_URL") or (
        f"sqlite:///{tmp_path / 'migrations.db'}"
    )
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TESTING": True})
    with app.app_context():
        leftovers = sa.MetaData()  # of an interrupted run on a reused database
        leftovers.reflect(bind=db.engine)
        leftovers.drop_all(bind=db.engine)
        yield app
        db.session.remove()
        db.engine.dispose()


def _check_constraints() -> dict[str, set[tuple[str, str]]]:
    """Every table's CHECK constraints as (name, normalised text): Alembic's autogenerate does
    not compare them, and an enum's allowed values live in one."""
    inspector = sa.inspect(db.engine)
    found = {}
    for table in inspector.get_table_names():
        if table != "alembic_version":
            found[table] = {(check["name"], _normalised(check["sqltext"]))
                            for check in inspector.get_check_constraints(table)}
    return found


def _normalised(sql: str) -> str:
    """The constraint's shape and its literals, sorted: an IN-list's order does not matter."""
    literals = sorted(re.findall(r"'[^']*'", sql))
    shape = re.sub(r"[\s()]", "", re.sub(r"'[^']*'", "''", sql))
    return shape + " | " + ", ".join(literals)


def _tables() -> set[str]:
    return set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}


def test_upgrade_matches_models_and_downgrade_empties(migration_app):
    directory = str(PROJECT_ROOT / "migrations")
    upgrade(directory=directory)
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
    assert differences == []
    assert _tables() == set(db.metadata.tables)
    migrated_checks = _check_constraints()

    downgrade(directory=directory, revision="base")
    assert _tables() == set()

    db.metadata.create_all(db.engine)
    assert _check_constraints() == migrated_checks
    db.metadata.drop_all(db.engine)

    upgrade(directory=directory)
    assert _tables() == set(db.metadata.tables)
    downgrade(directory=directory, revision="base")
