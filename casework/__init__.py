"""Casework: SIMC mediation to SCIA arbitration case management."""

from __future__ import annotations

from flask import Flask

from casework.config import PROJECT_ROOT, load_config
from casework.db import ensure_sqlite_directory


def create_app(config: dict | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, CLI."""
    app = Flask(
        __name__,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.update(load_config(config))
    ensure_sqlite_directory(app.config["SQLALCHEMY_DATABASE_URI"])

    from casework import i18n, web
    from casework.extensions import babel, csrf, db, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"))
    csrf.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    _import_models()
    web.init_app(app)

    from casework.cli import casework_cli

    app.cli.add_command(casework_cli)
    return app


def _import_models() -> None:
    """Import every area's models so metadata (and Alembic) knows all tables."""
    from casework.accounts import models as _accounts  # noqa: F401
    from casework.arbitration import models as _arbitration  # noqa: F401
    from casework.audit import models as _audit  # noqa: F401
    from casework.cases import models as _cases  # noqa: F401
    from casework.deadlines import models as _deadlines  # noqa: F401
    from casework.documents import generated_models as _generated  # noqa: F401
    from casework.documents import models as _documents  # noqa: F401
    from casework.hearings import confidential_models as _confidential  # noqa: F401
    from casework.hearings import models as _hearings  # noqa: F401
    from casework.mediators import models as _mediators  # noqa: F401
    from casework.notifications import models as _notifications  # noqa: F401
    from casework.parties import models as _parties  # noqa: F401
    from casework.settlement import models as _settlement  # noqa: F401
