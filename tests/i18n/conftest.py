"""The compiled catalogues the translation tests need: built from the ``.po`` files when missing or
older, as ``make translations`` would, so a fresh checkout tests its current translations."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from casework.config import PROJECT_ROOT

TRANSLATIONS = Path(PROJECT_ROOT) / "casework" / "translations"


def catalogue_files() -> list[Path]:
    """Every ``messages.po`` under ``casework/translations`` (one per interface language)."""
    return sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))


def compile_catalogue(po_path: Path) -> Path:
    """Write the ``.mo`` beside ``po_path`` unless it is already newer; return its path.

    Fuzzy entries are left out, as ``pybabel compile`` does. The file is replaced atomically.
    """
    mo_path = po_path.with_suffix(".mo")
    if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
        return mo_path
    with po_path.open("rb") as po_file:
        catalogue = read_po(po_file)
    partial = mo_path.with_name(f".{mo_path.name}.{os.getpid()}")
    with partial.open("wb") as mo_file:
        write_mo(mo_file, catalogue, use_fuzzy=False)
    os.replace(partial, mo_path)
    return mo_path


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogues(app) -> list[Path]:
    """Compile the catalogues once per session and make the app load them afresh."""
    compiled = [compile_catalogue(po_path) for po_path in catalogue_files()]
    # Flask-Babel keeps loaded translations for the app's lifetime; a page rendered before the
    # catalogue was compiled would otherwise leave an empty one cached.
    with app.app_context():
        app.extensions["babel"].instance.domain_instance.cache.clear()
    return compiled
