"""The referral bundle for SCIA's online filing: who may download it and when, how it is sent,
how files are named inside it, and that it always agrees with the current referral."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from casework.accounts.models import Role
from casework.arbitration.escalation import issue_referral
from casework.arbitration.referral import MANIFEST, current_referral, member_name
from casework.documents.generated.operations import revoke_generated_document
from casework.extensions import db
from tests.arbitration.escalation_scenes import escalated_case, registrar, unsettled_case, upload
from tests.factories import make_case, make_user

pytestmark = pytest.mark.usefixtures("quick_password_hashes", "store_dir")


@pytest.fixture()
def referred():
    """A case referred to SCIA with one document in its case file and its referral generated."""
    case = escalated_case()
    clerk = registrar()
    upload(case.created_by, case, "contract.pdf", b"%PDF-1.4 the contract", "The contract")
    issue_referral(clerk, case, expected_version=case.version)
    db.session.commit()
    return {"case": case, "registrar": clerk}


def bundle_url(case) -> str:
    return f"/cases/{case.id}/arbitration/referral-bundle.zip"


def test_the_bundle_is_a_zip_attachment(client, login, referred):
    case = referred["case"]
    login(referred["registrar"])

    response = client.get(bundle_url(case))

    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert response.headers["Content-Disposition"] == (
        f"attachment; filename={case.reference}-referral-bundle.zip")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert int(response.headers["Content-Length"]) == len(response.data)
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert archive.testzip() is None
    referral = current_referral(case)
    assert archive.namelist() == [f"00-{referral.filename}", "01-contract.pdf", MANIFEST]
    manifest = json.loads(archive.read(MANIFEST))
    assert manifest["case_reference"] == case.reference
    assert manifest["referral"]["verification_code"] == referral.verification_code
    assert [(f["name"], f["kind"]) for f in manifest["files"]] == [
        (f"00-{referral.filename}", "referral"), ("01-contract.pdf", "case_file_document")]


@pytest.mark.parametrize(("who", "status"), [
    ("registrar", 200), ("claimant", 200), ("respondent", 200), ("mediator", 403),
    ("other_party", 403),
])
def test_the_parties_and_the_registry_download_the_bundle(client, login, referred, who, status):
    case = referred["case"]
    people = {
        "registrar": referred["registrar"],
        "claimant": case.created_by,
        "respondent": make_user(Role.PARTY, organisation=case.respondent.organisation),
        "mediator": make_user(Role.MEDIATOR),
        "other_party": make_case().created_by,
    }
    if who == "mediator":
        case.mediator_id = people["mediator"].id
    db.session.commit()
    login(people[who])

    assert client.get(bundle_url(case)).status_code == status


def test_signing_in_is_needed(client, referred):
    response = client.get(bundle_url(referred["case"]))

    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_there_is_no_bundle_before_the_referral(client, login):
    case = unsettled_case()
    login(registrar())

    response = client.get(bundle_url(case))

    assert response.status_code == 409
    assert "no current Referral to SCIA" in response.get_data(as_text=True)


def test_there_is_no_bundle_of_a_revoked_referral(client, login, referred):
    case = referred["case"]
    revoke_generated_document(referred["registrar"], current_referral(case), "Wrong rate.")
    db.session.commit()
    login(referred["registrar"])

    assert client.get(bundle_url(case)).status_code == 409


def test_the_bundle_waits_for_a_referral_listing_a_changed_case_file(client, login, referred):
    case = referred["case"]
    upload(case.created_by, case, "late-exhibit.pdf", b"%PDF-1.4 late", "Exhibit C-9")
    login(referred["registrar"])

    refused = client.get(bundle_url(case))
    page = client.get(f"/cases/{case.id}/arbitration").get_data(as_text=True)
    issue_referral(referred["registrar"], case, expected_version=case.version)
    db.session.commit()
    accepted = client.get(bundle_url(case))

    assert refused.status_code == 409
    assert "changed after version 1 of the referral" in refused.get_data(as_text=True)
    assert "no longer agree" in page
    assert 'data-action="download-referral-bundle"' not in page
    assert accepted.status_code == 200
    assert "02-late-exhibit.pdf" in zipfile.ZipFile(io.BytesIO(accepted.data)).namelist()


def test_the_arbitration_page_links_the_bundle_for_the_parties(client, login, referred):
    case = referred["case"]
    login(case.created_by)

    page = client.get(f"/cases/{case.id}/arbitration").get_data(as_text=True)

    assert f'href="{bundle_url(case)}"' in page
    assert f'href="/cases/{case.id}/generated-documents"' in page


@pytest.mark.parametrize(("number", "filename", "width", "expected"), [
    (1, "contract.pdf", 2, "01-contract.pdf"),
    (7, "供货合同.pdf", 2, "07-供货合同.pdf"),
    (12, "../../etc/passwd", 3, "012-_.._etc_passwd"),
    (3, 'a:b*c?"d"<e>|f\\g\x07.pdf', 2, "03-a_b_c__d__e__f_g_.pdf"),
    (4, " .hidden. ", 2, "04-hidden"),
    (5, "...", 2, "05-document"),
])
def test_file_names_in_the_bundle_are_safe_and_numbered(number, filename, width, expected):
    assert member_name(number, filename, width) == expected


def test_long_file_names_are_shortened_keeping_the_extension():
    name = member_name(2, "x" * 300 + ".docx")

    assert name.startswith("02-xxx")
    assert name.endswith(".docx")
    assert len(name) == len("02-") + 120
