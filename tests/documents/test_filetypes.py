"""File types come from the content; names are checked before anything is stored."""

import pytest

from casework.documents.filetypes import check_filename, identify
from casework.errors import InvalidInput
from tests.documents.conftest import DOCM, DOCX, HTML, PDF, PNG, XLSX, plain_zip


@pytest.fixture(autouse=True)
def _request(app):
    with app.test_request_context():
        yield


@pytest.mark.parametrize(
    ("content", "name", "media_type"),
    [
        (PDF, "claim.pdf", "application/pdf"),
        (PNG, "photo.PNG", "image/png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "scan.jpeg", "image/jpeg"),
        (DOCX, "合同.docx",
         "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (XLSX, "invoices.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_accepted_types_are_recognised_by_content(tmp_path, content, name, media_type):
    path = tmp_path / "upload"
    path.write_bytes(content)
    assert identify(path, name).media_type == media_type


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (HTML, "claim.pdf", "The file is named .pdf but its content is HTML"),
        (PDF, "claim.docx", "The file is named .docx but its content is PDF"),
        (DOCX, "sheet.xlsx", "The file is named .xlsx but its content is Word (.docx)"),
        (DOCM, "macro.docx", "contains macros"),
        (plain_zip(), "archive.docx", "its content is a ZIP archive"),
        (b"MZ\x90\x00" + b"\x00" * 20, "setup.pdf", "a program or script"),
        (b"", "empty.pdf", "The file is empty."),
    ],
)
def test_content_that_does_not_match_is_refused_with_a_clear_message(tmp_path, content, name,
                                                                      message):
    path = tmp_path / "upload"
    path.write_bytes(content)
    with pytest.raises(InvalidInput) as refused:
        identify(path, name)
    assert message in str(refused.value.message)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../../etc/passwd.pdf", "folder separator"),
        ("..\\x.pdf", "folder separator"),
        ("report..pdf", "contains “..”"),
        ("", "The file has no name."),
        ("   ", "The file has no name."),
        ("bad\x00name.pdf", "control characters"),
        ("line\nbreak.pdf", "control characters"),
        ("invoice\u202efdp.exe", "control characters"),
        ("x" * 197 + ".pdf", "201 characters long"),
        (".pdf", "nothing before its extension"),
        ("notes.txt", "does not end in the extension of an accepted type"),
        ("noextension", "does not end in the extension of an accepted type"),
    ],
)
def test_bad_file_names_are_refused(name, message):
    with pytest.raises(InvalidInput) as refused:
        check_filename(name)
    assert message in str(refused.value.message)


def test_unicode_names_are_kept():
    assert check_filename(" 和解协议（草案）.pdf ") == "和解协议（草案）.pdf"
