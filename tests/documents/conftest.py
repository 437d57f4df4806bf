"""Document tests: a fresh store per test and builders for files of each type."""

import io
import zipfile

import pytest


@pytest.fixture(autouse=True)
def store_dir(app, tmp_path, monkeypatch):
    """Each test gets an empty document store."""
    root = tmp_path / "store"
    monkeypatch.setitem(app.config, "STORAGE_DIR", str(root))
    return root


def stored_files(root):
    """Every file under the store, temporary ones included."""
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"

_DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_DOCM_TYPE = "application/vnd.ms-word.document.macroEnabled.main+xml"


def office_file(main_part: str, content_type: str, extra: dict | None = None) -> bytes:
    """A minimal Office Open XML package whose main part has ``content_type``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'content-types"><Override PartName="/{main_part}" ContentType="{content_type}"/>'
            "</Types>",
        )
        archive.writestr(main_part, "<root/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = office_file("word/document.xml", _DOCX_TYPE)
XLSX = office_file("xl/workbook.xml", _XLSX_TYPE)
DOCM = office_file("word/document.xml", _DOCM_TYPE, {"word/vbaProject.bin": b"\x00macro"})


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    return buffer.getvalue()
