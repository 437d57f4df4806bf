"""Configuration comes from CASEWORK_* variables at runtime, never at import."""

from casework.config import load_config


def test_environment_overrides_defaults(monkeypatch):
    monkeypatch.setenv("CASEWORK_DATABASE_URL", "postgresql+psycopg://u@h/db")
    monkeypatch.setenv("CASEWORK_STORAGE_DIR", "/srv/casework/documents")
    monkeypatch.setenv("CASEWORK_MAX_UPLOAD_BYTES", "1000")
    monkeypatch.setenv("CASEWORK_MAIL_USE_TLS", "true")
    config = load_config()
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@h/db"
    assert config["STORAGE_DIR"] == "/srv/casework/documents"
    assert config["MAX_UPLOAD_BYTES"] == 1000
    assert config["MAX_CONTENT_LENGTH"] > 1000
    assert config["MAIL_USE_TLS"] is True


def test_explicit_overrides_win_and_sqlite_is_the_default(monkeypatch):
    monkeypatch.delenv("CASEWORK_DATABASE_URL", raising=False)
    assert load_config()["SQLALCHEMY_DATABASE_URI"].startswith("sqlite:///")
    assert load_config({"OBJECTION_DAYS": 3})["OBJECTION_DAYS"] == 3
