"""A claimant files a dispute with a document in headless Chromium and sees the receipt."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from casework.accounts.models import Role
from casework.cases.models import Case, CaseState
from casework.documents.models import Circulation, Document
from casework.extensions import db
from tests.factories import PASSWORD, make_org, make_user, valid_uscc

pytestmark = pytest.mark.browser


def test_claimant_files_a_dispute_with_a_document_and_sees_the_receipt(live_server, page,
                                                                        tmp_path):
    claimant_org = make_org(name_en="Lion Point Engineering Pte. Ltd.")
    claimant = make_user(Role.PARTY, organisation=claimant_org, email="counsel@lionpoint.sg")
    db.session.commit()
    evidence = tmp_path / "invoice-2026-117.pdf"
    evidence.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    page.goto(f"{live_server}/login")
    page.fill("#email", claimant.email)
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("link", name="File a dispute").click()

    respondent = "#respondent_organisation-"
    page.fill(f"{respondent}name_en", "Shenzhen Pengcheng Optoelectronics Co., Ltd.")
    page.fill(f"{respondent}name_zh", "深圳鹏城光电有限公司")
    page.select_option(f"{respondent}jurisdiction", "CN")
    page.fill(f"{respondent}registry_number", valid_uscc(777))
    page.fill(f"{respondent}domicile_en", "8 Keji Road, Nanshan District, Shenzhen")
    page.fill(f"{respondent}domicile_zh", "深圳市南山区科技路8号")
    page.fill(f"{respondent}legal_representative", "王伟")
    page.fill(f"{respondent}legal_representative_title", "董事长")
    page.fill(f"{respondent}signatories-0-name", "王伟")
    page.fill("#respondent_contact_name", "Li Na")
    page.fill("#respondent_contact_email", "lina@pengcheng.example.cn")
    page.fill("#dispute_summary", "Unpaid invoices for LED panels delivered in March 2026.")
    page.fill("#amount_in_dispute", "1,250,000.50")
    page.select_option("#currency", "SGD")
    page.fill("#clause_text", "Disputes shall be mediated at SIMC and, failing settlement, "
                              "arbitrated by the Shenzhen Court of International Arbitration.")
    page.check("#clause_names_scia")
    page.check("#prior_agreement_to_mediate")
    page.select_option("#preferred_language", "bilingual")
    page.select_option("#preferred_venue", "online")
    page.set_input_files("#documents", str(evidence))
    page.fill("#document_description", "Unpaid invoice 2026-117")
    page.get_by_label("For the case file").check()
    page.get_by_role("button", name="Review and submit").click()

    page.get_by_role("button", name="Submit the Request for Mediation").click()

    year = datetime.now(UTC).astimezone(ZoneInfo("Asia/Singapore")).year
    reference = f"SIMC-{year}-0001"
    page.wait_for_url(re.compile(r"/cases/\d+/receipt$"))
    body = page.locator("main").inner_text()
    assert reference in body
    assert "invoice-2026-117.pdf" in body
    assert "Shenzhen Pengcheng Optoelectronics Co., Ltd." in body
    page.screenshot(path=str(tmp_path / "receipt.png"), full_page=True)

    db.session.expire_all()
    case = db.session.scalars(db.select(Case)).one()
    assert case.state == CaseState.FILED and case.reference == reference
    document = db.session.scalars(db.select(Document)).one()
    assert document.sha256 in body.replace("\n", "")
    assert document.circulation == Circulation.CASE_FILE and "For the case file" in body
