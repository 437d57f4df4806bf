"""Which files may be uploaded: the type is read from the content, never trusted from the name.

Accepted: PDF, PNG, JPEG, GIF, TIFF, Word (.docx) and Excel (.xlsx) without macros. The file
name's extension must match the type found in the content, so a page named ``.pdf`` that is
really HTML is refused. File names keep their Unicode (Chinese) characters but may not contain
path separators, ``..`` or control characters.
"""

from __future__ import annotations

import codecs
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from flask_babel import lazy_gettext as _l

from casework.errors import InvalidInput

MAX_FILENAME_CHARS = 200
_SNIFF_BYTES = 512
# Reading more of [Content_Types].xml than this would only serve a zip bomb.
_CONTENT_TYPES_MAX_BYTES = 256 * 1024
# Bidirectional controls can make "fdp.exe" display as "exe.pdf".
_BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)}

_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
_MACRO_MAINS = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
)


@dataclass(frozen=True)
class FileType:
    """An accepted type: its media type, a name for people and the extensions it may carry."""

    media_type: str
    label: str
    extensions: tuple[str, ...]


PDF = FileType("application/pdf", "PDF", (".pdf",))
PNG = FileType("image/png", "PNG", (".png",))
JPEG = FileType("image/jpeg", "JPEG", (".jpg", ".jpeg"))
GIF = FileType("image/gif", "GIF", (".gif",))
TIFF = FileType("image/tiff", "TIFF", (".tif", ".tiff"))
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word (.docx)", (".docx",),
)
XLSX = FileType(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Excel (.xlsx)", (".xlsx",),
)
ACCEPTED = (PDF, PNG, JPEG, GIF, TIFF, DOCX, XLSX)
ACCEPTED_EXTENSIONS = tuple(ext for file_type in ACCEPTED for ext in file_type.extensions)

_SIGNATURES = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
    (b"II*\x00", TIFF),
    (b"MM\x00*", TIFF),
)


def accepted_types_text() -> str:
    """The accepted types, for hints and error messages."""
    return ", ".join(file_type.label for file_type in ACCEPTED)


def check_filename(raw: str | None) -> str:
    """The file name to record (Unicode kept, NFC-normalised, surrounding spaces removed).

    Raises :class:`InvalidInput` for an empty name, a path, ``..``, control characters, a name
    longer than 200 characters or one without an accepted extension.
    """
    name = unicodedata.normalize("NFC", (raw or "").strip())
    if not name:
        raise InvalidInput(_l("The file has no name."))
    if "/" in name or "\\" in name:
        raise InvalidInput(_l(
            "The file name “%(name)s” contains a folder separator (/ or \\); give just the file "
            "name.", name=name,
        ))
    if ".." in name:
        raise InvalidInput(_l(
            "The file name “%(name)s” contains “..”, which is not allowed.", name=name
        ))
    if any(unicodedata.category(c) == "Cc" or c in _BIDI_CONTROLS for c in name):
        raise InvalidInput(_l(
            "The file name contains control characters, which are not allowed."
        ))
    if len(name) > MAX_FILENAME_CHARS:
        raise InvalidInput(_l(
            "The file name is %(count)d characters long; the most allowed is %(limit)d.",
            count=len(name), limit=MAX_FILENAME_CHARS,
        ))
    stem, extension = _split(name)
    if not stem:
        raise InvalidInput(_l("The file name “%(name)s” has nothing before its extension.",
                              name=name))
    if extension not in ACCEPTED_EXTENSIONS:
        raise InvalidInput(_l(
            "“%(name)s” does not end in the extension of an accepted type (%(types)s).",
            name=name, types=accepted_types_text(),
        ))
    return name


def identify(path: Path, filename: str) -> FileType:
    """The type of the file at ``path`` judged from its content, checked against the extension
    of ``filename``. Raises :class:`InvalidInput` naming what the content really is."""
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if not head:
        raise InvalidInput(_l("The file is empty."))
    found = _from_signature(head) or _from_zip(path, head)
    _, extension = _split(filename)
    if found is None:
        raise InvalidInput(_l(
            "The file is named %(extension)s but its content is %(content)s; only %(types)s "
            "files are accepted.",
            extension=extension, content=_describe_unaccepted(head), types=accepted_types_text(),
        ))
    if extension not in found.extensions:
        raise InvalidInput(_l(
            "The file is named %(extension)s but its content is %(content)s. Rename it to "
            "%(expected)s if that is what it is.",
            extension=extension, content=found.label, expected=" / ".join(found.extensions),
        ))
    return found


def _split(name: str) -> tuple[str, str]:
    """``("report", ".pdf")`` for ``report.PDF``; ``(name, "")`` without an extension."""
    stem, dot, extension = name.rpartition(".")
    return (stem, f".{extension.lower()}") if dot else (name, "")


def _from_signature(head: bytes) -> FileType | None:
    return next((kind for magic, kind in _SIGNATURES if head.startswith(magic)), None)


def _from_zip(path: Path, head: bytes) -> FileType | None:
    """DOCX or XLSX if the ZIP's ``[Content_Types].xml`` and main part say so; a macro-enabled
    or otherwise unaccepted ZIP is refused with its own message."""
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            content_types = _read_limited(archive, "[Content_Types].xml")
    except (zipfile.BadZipFile, OSError, EOFError):
        raise InvalidInput(_l("The file looks like a ZIP archive but is damaged.")) from None
    if any(main in content_types for main in _MACRO_MAINS) or any(
        name.lower().endswith("vbaproject.bin") for name in names
    ):
        raise InvalidInput(_l(
            "The file contains macros (a macro-enabled Word or Excel file). Save it as a .docx "
            "or .xlsx without macros and upload that."
        ))
    if _DOCX_MAIN in content_types and "word/document.xml" in names:
        return DOCX
    if _XLSX_MAIN in content_types and "xl/workbook.xml" in names:
        return XLSX
    return None


def _read_limited(archive: zipfile.ZipFile, member: str) -> str:
    try:
        with archive.open(member) as handle:
            return handle.read(_CONTENT_TYPES_MAX_BYTES).decode("utf-8", errors="replace")
    except KeyError:
        return ""


def _describe_unaccepted(head: bytes):
    """What an unaccepted file looks like, for the error message."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html", b"<script", b"<head", b"<body")):
        return _l("HTML (a web page)")
    if text.startswith(b"<?xml") or text.startswith(b"<svg"):
        return _l("XML or SVG")
    if head.startswith(b"PK\x03\x04"):
        return _l("a ZIP archive")
    if head.startswith((b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"#!")):
        return _l("a program or script")
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _l("an old Office format (.doc or .xls) — save it as .docx or .xlsx")
    if head.startswith(b"{\\rtf"):
        return _l("RTF text")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return _l("of an unknown type")
    return _l("plain text")
