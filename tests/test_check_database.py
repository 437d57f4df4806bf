"""``casework check`` names an unreachable database instead of failing with a traceback."""

from sqlalchemy.exc import OperationalError

from casework.extensions import db
from casework.health import check_database


def test_an_unreachable_database_is_reported(monkeypatch):
    def refuse():
        raise OperationalError("connect", {}, ConnectionRefusedError("connection refused"))

    monkeypatch.setattr(db.engine, "connect", refuse)

    result = check_database()

    assert (result.name, result.ok) == ("database", False)
    assert result.detail.startswith("cannot connect:")
    assert "connection refused" in result.detail
