"""The registrar escalates an unsettled case to SCIA in headless Chromium — the clause check, the
fees at the exchange rate entered — and downloads the referral bundle: the referral PDF and the
documents of the case file, with a manifest, and nothing marked mediation only."""

from __future__ import annotations

import hashlib
import json
import zipfile

import pytest

from casework.arbitration.proceedings import proceeding_for
from casework.arbitration.referral import current_referral
from casework.cases.models import CaseState
from casework.documents.models import Circulation
from casework.extensions import db
from tests.arbitration.escalation_scenes import registrar, unsettled_case, upload
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_registrar_escalates_an_unsettled_case_and_downloads_the_bundle(live_server, page,
                                                                      tmp_path):
    case = unsettled_case()
    clerk = registrar()
    contract = upload(case.created_by, case, "supply-contract.pdf",
                      b"%PDF-1.4\n% the supply contract\n", "Supply contract of 2 March 2026")
    upload(case.created_by, case, "our-best-offer.pdf", b"%PDF-1.4\n% without prejudice\n",
           "Without-prejudice offer", circulation=Circulation.MEDIATION_ONLY)

    page.goto(f"{live_server}/login")
    page.fill("#email", clerk.email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server}/")
    page.goto(f"{live_server}/cases/{case.id}")
    page.get_by_role("link", name="Open the SCIA phase").click()
    page.wait_for_url(f"{live_server}/cases/{case.id}/arbitration")
    assert "names SCIA as “Shenzhen Court of International Arbitration”" in page.locator(
        ".clause-check").inner_text()
    page.get_by_role("link", name="Escalate the dispute to SCIA arbitration").click()
    page.wait_for_url(f"{live_server}/cases/{case.id}/arbitration/escalate")

    page.get_by_label("Exchange rate: RMB for one SGD").fill("5.4")
    page.get_by_role("button", name="Show the fees at this rate").click()
    assert "RMB 1,350,000.00" in page.locator(".escalation-fee-preview").inner_text()
    page.get_by_role("button", name="Escalate to SCIA and generate the referral").click()
    page.wait_for_selector(".flash-success")
    assert "escalated to SCIA arbitration" in page.locator(".flash-success").inner_text()
    page.screenshot(path=str(tmp_path / "escalated.png"), full_page=True)

    with page.expect_download() as download_info:
        page.locator("a[data-action=download-referral-bundle]").click()
    download = download_info.value
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    db.session.expire_all()
    assert case.state == CaseState.REFERRED_TO_SCIA
    assert proceeding_for(case).started_by_id == clerk.id
    referral = current_referral(case)
    assert download.suggested_filename == f"{case.reference}-referral-bundle.zip"
    with zipfile.ZipFile(saved) as archive:
        assert archive.namelist() == [
            f"00-{referral.filename}", "01-supply-contract.pdf", "manifest.json"]
        manifest = json.loads(archive.read("manifest.json"))
        assert [(entry["name"], entry["sha256"], entry["description"])
                for entry in manifest["files"]] == [
            (f"00-{referral.filename}", referral.sha256,
             f"Referral to SCIA, version 1 (verification code {referral.verification_code})"),
            ("01-supply-contract.pdf", contract.sha256, "Supply contract of 2 March 2026"),
        ]
        for entry in manifest["files"]:
            assert hashlib.sha256(archive.read(entry["name"])).hexdigest() == entry["sha256"]
        assert "our-best-offer" not in json.dumps(manifest)
