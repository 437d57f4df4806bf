"""Configuration: defaults, overridden at runtime by ``CASEWORK_*`` environment variables.

Nothing here is read at import time; :func:`load_config` is called by ``create_app``.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class Defaults:
    """Settings every deployment starts from."""

    SECRET_KEY = "dev-only-change-me"
    SQLALCHEMY_DATABASE_URI = f"sqlite:///{PROJECT_ROOT / 'var' / 'casework.db'}"
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    STORAGE_DIR = str(PROJECT_ROOT / "var" / "documents")
    MAX_UPLOAD_BYTES = 25 * 1024 * 1024
    # Flask refuses a request body larger than this before any view runs.
    MAX_CONTENT_LENGTH = 26 * 1024 * 1024
    MAIL_SERVER = ""  # empty: print e-mails to the console (development)
    MAIL_PORT = 25
    MAIL_USERNAME = ""
    MAIL_PASSWORD = ""
    MAIL_USE_TLS = False
    MAIL_SENDER = "SIMC Casework <casework@simc.example>"
    MAIL_MAX_ATTEMPTS = 5
    BASE_URL = "http://127.0.0.1:5000"
    INVITATION_DAYS = 14
    PASSWORD_RESET_HOURS = 2
    OBJECTION_DAYS = 7
    # Deadline rules (casework/deadlines/rules.py); the SIMC-SCIA windows are assumptions
    # modelled on the SIAC-SIMC protocol, so each length is configurable.
    RESPONDENT_ANSWER_DAYS = 14
    MEDIATION_WINDOW_WEEKS = 8
    REFERRAL_NOTICE_WORKING_DAYS = 4
    REMINDER_DAYS = 3  # remind this many days before a deadline (and on the day)
    # SIMC filing fee table (SGD) -- an assumption the registry can replace, see README.
    SIMC_FEE_TABLE = str(PROJECT_ROOT / "casework" / "cases" / "simc_fees.json")
    # SCIA fee table for international cases (RMB), see casework/arbitration/fees.py.
    SCIA_FEE_TABLE = str(PROJECT_ROOT / "casework" / "arbitration" / "scia_fees.json")
    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    BABEL_TRANSLATION_DIRECTORIES = str(PROJECT_ROOT / "casework" / "translations")
    CASES_PER_PAGE = 20
    # PKCS#12 file (certificate + key) to sign generated PDFs with; empty: documents are unsigned.
    SIGNING_PKCS12 = ""
    SIGNING_PASSWORD = ""
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None


# Environment variable suffix -> (config key, converter)
_ENVIRONMENT = {
    "SECRET_KEY": ("SECRET_KEY", str),
    "DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "STORAGE_DIR": ("STORAGE_DIR", str),
    "MAX_UPLOAD_BYTES": ("MAX_UPLOAD_BYTES", int),
    "MAIL_SERVER": ("MAIL_SERVER", str),
    "MAIL_PORT": ("MAIL_PORT", int),
    "MAIL_USERNAME": ("MAIL_USERNAME", str),
    "MAIL_PASSWORD": ("MAIL_PASSWORD", str),
    "MAIL_USE_TLS": ("MAIL_USE_TLS", lambda v: v.lower() in {"1", "true", "yes"}),
    "MAIL_SENDER": ("MAIL_SENDER", str),
    "BASE_URL": ("BASE_URL", str),
    "SIMC_FEE_TABLE": ("SIMC_FEE_TABLE", str),
    "SCIA_FEE_TABLE": ("SCIA_FEE_TABLE", str),
    "OBJECTION_DAYS": ("OBJECTION_DAYS", int),
    "RESPONDENT_ANSWER_DAYS": ("RESPONDENT_ANSWER_DAYS", int),
    "MEDIATION_WINDOW_WEEKS": ("MEDIATION_WINDOW_WEEKS", int),
    "REFERRAL_NOTICE_WORKING_DAYS": ("REFERRAL_NOTICE_WORKING_DAYS", int),
    "REMINDER_DAYS": ("REMINDER_DAYS", int),
    "INVITATION_DAYS": ("INVITATION_DAYS", int),
    "PASSWORD_RESET_HOURS": ("PASSWORD_RESET_HOURS", int),
    "MAIL_MAX_ATTEMPTS": ("MAIL_MAX_ATTEMPTS", int),
    "CASES_PER_PAGE": ("CASES_PER_PAGE", int),
    "SIGNING_PKCS12": ("SIGNING_PKCS12", str),
    "SIGNING_PASSWORD": ("SIGNING_PASSWORD", str),
}


def load_config(overrides: dict | None = None) -> dict:
    """Return the configuration: defaults, then ``CASEWORK_*`` variables, then ``overrides``."""
    config = {key: getattr(Defaults, key) for key in dir(Defaults) if key.isupper()}
    for suffix, (key, convert) in _ENVIRONMENT.items():
        value = os.environ.get(f"CASEWORK_{suffix}")
        if value is not None:
            config[key] = convert(value)
    config.update(overrides or {})
    config["MAX_CONTENT_LENGTH"] = config["MAX_UPLOAD_BYTES"] + 1024 * 1024
    return config
