"""The registrar generates the settlement agreement of a signed settlement in headless Chromium
and downloads it: the file is the recorded PDF (same sha256) and names the case."""

from __future__ import annotations

import hashlib
import re
import subprocess

import pytest

from casework.documents.generated_models import GeneratedDocument, GeneratedDocumentKind
from casework.extensions import db
from tests.factories import PASSWORD
from tests.settlement.helpers import signed_scene

pytestmark = pytest.mark.browser


def test_registrar_generates_and_downloads_the_settlement_agreement(live_server, page,
                                                                   tmp_path):
    scene = signed_scene()
    case = scene.case

    page.goto(f"{live_server}/login")
    page.fill("#email", scene.registrar.email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/")
    page.goto(f"{live_server}/cases/{case.id}")
    page.locator("a[data-action=issue_settlement_documents]").click()
    page.wait_for_url(f"{live_server}/cases/{case.id}/generated-documents")
    page.get_by_role("button", name="Generate the Settlement Agreement").click()
    page.wait_for_selector(".flash-success")
    assert "Version 1 of the Settlement Agreement was generated." in page.locator(
        ".flash-success").inner_text()
    page.screenshot(path=str(tmp_path / "generated.png"), full_page=True)

    agreement = page.locator("section[data-kind=settlement_agreement]")
    row = agreement.locator("tr.generated-document[data-status=current]")
    assert "Unsigned — no signing certificate is configured" in row.inner_text()
    with page.expect_download() as download_info:
        row.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    db.session.expire_all()
    [document] = db.session.scalars(db.select(GeneratedDocument).filter_by(case_id=case.id)).all()
    assert document.kind == GeneratedDocumentKind.SETTLEMENT_AGREEMENT
    assert download.suggested_filename == document.filename
    content = saved.read_bytes()
    assert content.startswith(b"%PDF-")
    assert hashlib.sha256(content).hexdigest() == document.sha256
    extracted = subprocess.run(["pdftotext", "-layout", str(saved), "-"], capture_output=True,
                               check=True, text=True).stdout
    assert case.reference in extracted
    assert document.verification_code in extracted
    assert re.search(r"Page 1 of \d+", extracted)
