"""``flask --app app casework check``: is this installation able to run Casework?"""

from __future__ import annotations

import ctypes
import ctypes.util
import shutil
import subprocess  # noqa: S404 - fixed arguments, no shell
import tempfile
from dataclasses import dataclass
from pathlib import Path

import click
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy.exc import SQLAlchemyError

from casework.config import PROJECT_ROOT
from casework.documents.generated.errors import SigningCertificateUnusable
from casework.documents.generated.signing import load_signing_certificate
from casework.extensions import db

CJK_FONT_FAMILY = "Noto Serif CJK SC"


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: a name, whether it passed, and what was found."""

    name: str
    ok: bool
    detail: str


def check_database() -> CheckResult:
    """The database answers and is migrated to the newest revision."""
    try:
        with db.engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_heads()
    except SQLAlchemyError as error:  # the drivers' errors all arrive as SQLAlchemy's
        return CheckResult("database", False, f"cannot connect: {error}")
    script = ScriptDirectory(str(PROJECT_ROOT / "migrations"))
    heads = set(script.get_heads())
    if set(current) != heads:
        return CheckResult(
            "database",
            False,
            f"not migrated: at {sorted(current) or 'nothing'}, head is {sorted(heads)}; "
            "run `flask --app app db upgrade`",
        )
    return CheckResult("database", True, f"reachable, at head {', '.join(sorted(heads))}")


def check_document_store() -> CheckResult:
    """The document store exists (or can be created) and accepts a file."""
    root = Path(current_app.config["STORAGE_DIR"])
    try:
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=root, prefix=".check-"):
            pass
    except OSError as error:
        return CheckResult("document store", False, f"{root} is not writable: {error}")
    return CheckResult("document store", True, f"{root} is writable")


def check_cjk_font() -> CheckResult:
    """A Simplified Chinese font (Noto Serif CJK SC) is installed for generated documents."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return CheckResult("Chinese font", False, "fontconfig (fc-list) is not installed")
    listed = subprocess.run(  # noqa: S603
        [fc_list, ":lang=zh-cn", "family"], capture_output=True, text=True, check=False
    ).stdout
    if CJK_FONT_FAMILY not in listed:
        return CheckResult(
            "Chinese font", False, f"{CJK_FONT_FAMILY} not found; install fonts-noto-cjk"
        )
    return CheckResult("Chinese font", True, f"{CJK_FONT_FAMILY} installed")


def check_harfbuzz_subset() -> CheckResult:
    """HarfBuzz's subsetting library is present (without it PDF font subsetting is very slow)."""
    name = ctypes.util.find_library("harfbuzz-subset")
    try:
        ctypes.CDLL(name or "libharfbuzz-subset.so.0")
    except OSError:
        return CheckResult("HarfBuzz subset", False, "libharfbuzz-subset not found; install "
                           "libharfbuzz-subset0")
    return CheckResult("HarfBuzz subset", True, name or "libharfbuzz-subset.so.0")


def check_signing_certificate() -> CheckResult:
    """The signing certificate, when one is configured, opens and is within its validity period
    (without one, generated documents are issued unsigned, which is allowed)."""
    try:
        certificate = load_signing_certificate()
    except SigningCertificateUnusable as error:
        path = current_app.config["SIGNING_PKCS12"]
        return CheckResult("signing certificate", False, f"{path}: {error.message}")
    if certificate is None:
        return CheckResult("signing certificate", True, "not configured: generated documents "
                           "are issued unsigned (set CASEWORK_SIGNING_PKCS12 to sign them)")
    expires = certificate.certificate.not_valid_after_utc.date().isoformat()
    return CheckResult("signing certificate", True,
                       f"signs as {certificate.holder} (PAdES), valid until {expires}")


CHECKS = (check_database, check_document_store, check_cjk_font, check_harfbuzz_subset,
          check_signing_certificate)


def register(group) -> None:
    """Add ``check`` to the ``casework`` command group."""

    @group.command("check")
    def check() -> None:
        """Verify the database, document store, Chinese font, HarfBuzz subsetting and the
        signing certificate."""
        results = [run() for run in CHECKS]
        for result in results:
            mark = "ok " if result.ok else "FAIL"
            click.echo(f"[{mark}] {result.name}: {result.detail}")
        if not all(result.ok for result in results):
            raise SystemExit(1)
