"""The enforcement pack: the Chinese enforcement application data sheet (rendered once for the
module from a realistic award between a Singapore creditor and a Shenzhen debtor, read back
with poppler and pypdf), the zip with its manifest, and who may have them when."""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from casework.accounts.models import Role
from casework.arbitration.enforcement_pack import write_enforcement_pack
from casework.arbitration.enforcement_sheet import (
    SHEET_ATTACHMENT,
    SHEET_TEMPLATE,
    issue_enforcement_data_sheet,
)
from casework.arbitration.performance import record_payment
from casework.arbitration.proceedings import proceeding_for
from casework.audit.models import AuditEntry
from casework.cases.models import CaseState
from casework.db import now_utc
from casework.documents.generated.operations import record_generated_document
from casework.documents.generated_models import (
    GeneratedDocument,
    GeneratedDocumentKind,
    new_verification_code,
)
from casework.documents.models import Circulation
from casework.documents.operations import upload_document
from casework.extensions import db
from casework.notifications.models import OutboxMessage
from tests.arbitration.performance_scenes import (
    AWARD_PDF,
    CLAUSE_RELIED_ON,
    SCIA_REFERENCE,
    add_award,
    manifest_of,
    read_zip,
    settlement_case_in,
)
from tests.factories import make_case, make_user
from tests.settlement.pdf_tools import (
    LION_POINT,
    PEARL_RIVER,
    REALISTIC_TERMS,
    embedded_files,
    pdf_text,
    signed_scene_between,
    stored_pdf,
)

pytestmark = pytest.mark.usefixtures("quick_password_hashes")

SHEET = GeneratedDocumentKind.ENFORCEMENT_DATA_SHEET
AGREEMENT_PDF = b"%PDF-1.7\n% a stand-in for the rendered Settlement Agreement\n%%EOF\n"
D = Decimal


def pay(scene, obligation, instalment, amount, received_on=date(2026, 11, 20)):
    """The registrar records a payment (through the operation)."""
    record_payment(scene.registrar, scene.case, obligation=obligation, instalment=instalment,
                   amount=D(amount), received_on=received_on, expected_version=None)
    db.session.commit()


def add_settlement_agreement(scene) -> GeneratedDocument:
    """A Settlement Agreement of the case as the registrar generated it (a stand-in PDF)."""
    document = record_generated_document(
        scene.registrar, scene.case, GeneratedDocumentKind.SETTLEMENT_AGREEMENT, AGREEMENT_PDF,
        verification_code=new_verification_code(),
        template="documents/pdf/settlement_agreement.html", template_version="1", snapshot={},
    )
    db.session.commit()
    return document


@dataclass(frozen=True)
class Pack:
    """One realistic enforcement pack and what the tests compare it with."""

    sheet_pdf: bytes
    sheet_text: str
    sheet_code: str
    sheet_snapshot: dict
    sheet_template: tuple[str, str]
    members: dict[str, bytes]
    agreement_code: str
    reference: str


@pytest.fixture(scope="module")
def pack(app) -> Pack:
    """The data sheet and pack of a consent award between Lion Point (Singapore, owed) and
    Pearl River (Shenzhen, owing), after some payments: rendered once for the module."""
    with app.app_context():
        scene = signed_scene_between(LION_POINT, PEARL_RIVER, REALISTIC_TERMS)
        scene.case.respondent.organisation.registry_number = "91440300MA5FXXXX1A"
        add_award(scene)
        agreement = add_settlement_agreement(scene)
        # Obligation 1: ¥125,000.00 of which ¥100,000.00 paid; obligation 2: the first
        # instalment of ¥40,000.00 paid. Still owed in CNY: 25,000 + 30,000 + 30,000 + 325.04.
        pay(scene, 1, None, "100000.00")
        pay(scene, 2, 1, "40000.00")
        sheet = issue_enforcement_data_sheet(scene.registrar, scene.case)
        db.session.commit()
        pdf = stored_pdf(sheet)
        stream = io.BytesIO()
        write_enforcement_pack(scene.case, stream)
        return Pack(
            sheet_pdf=pdf, sheet_text=pdf_text(pdf), sheet_code=sheet.verification_code,
            sheet_snapshot=sheet.input_snapshot,
            sheet_template=(sheet.template_name, sheet.template_version),
            members=read_zip(stream.getvalue()), agreement_code=agreement.verification_code,
            reference=scene.case.reference,
        )


# The data sheet ---------------------------------------------------------------------------


def test_the_data_sheet_names_applicant_respondent_and_the_court(pack):
    text = pack.sheet_text
    assert "强制执行申请书要素表" in text
    assert "申请执行人" in text and "被执行人" in text
    # the creditor (the Singapore claimant) applies against the Shenzhen debtor
    assert pack.sheet_snapshot["applicants"][0]["name_zh"] == LION_POINT["name_zh"]
    assert pack.sheet_snapshot["respondents"][0]["name_zh"] == PEARL_RIVER["name_zh"]
    assert LION_POINT["name_zh"] in text and PEARL_RIVER["name_zh"] in text
    assert "91440300MA5FXXXX1A" in text and "统一社会信用代码" in text
    assert "王伟" in text and "董事长" in text  # the debtor's legal representative and title
    assert "深圳市中级人民法院" in text
    assert "被执行人住所地或者被执行的财产所在地的中级人民法院" in text
    assert SCIA_REFERENCE in text and "2026年12月1日" in text  # the award


def test_the_data_sheet_shows_the_amounts_still_owed_in_figures_and_capitals(pack):
    text = pack.sheet_text
    # per payment and instalment still owed
    for figures in ("¥25,000.00", "¥30,000.00", "¥325.04", "SGD6,000.00", "SGD6,500.50"):
        assert figures in text, figures
    assert "人民币贰万伍仟元整" in text and "人民币叁佰贰拾伍元零肆分" in text
    # the first instalment, paid in full, is not listed as owed
    lines = [(line["obligation"], line["instalment"]) for line in
             pack.sheet_snapshot["amounts_owed"]]
    assert lines == [(1, None), (2, 2), (2, 3), (3, None), (4, 1), (4, 2)]
    # in total, per currency
    assert "¥85,325.04" in text and "人民币捌万伍仟叁佰贰拾伍元零肆分" in text
    assert "SGD12,500.50" in text
    assert [(total["currency"], total["owed"]) for total in pack.sheet_snapshot["totals"]] == [
        ("CNY", "85325.04"), ("SGD", "12500.50")]


def test_the_data_sheet_lists_the_deadline_the_other_obligations_and_the_documents(pack):
    text = pack.sheet_text
    # two years from the last day of performance: obligation 3, due on 30 April 2027
    deadline = pack.sheet_snapshot["enforcement_deadline"]
    assert deadline["from_award"] is False
    assert deadline["starts"] == "2027-04-30"
    assert "申请执行的期间为二年" in text
    due = date.fromisoformat(deadline["due"])
    assert f"{due.year}年{due.month}月{due.day}日" in text
    # the delivery and the act, not yet performed
    assert [entry["obligation"] for entry in pack.sheet_snapshot["other_obligations"]] == [5, 6]
    assert "其他尚未履行的义务" in text
    for name in ("仲裁裁决书", "和解协议", "仲裁协议", "当事人身份信息"):
        assert name in text


def test_the_data_sheet_is_a_recorded_document_with_its_data_attached(pack):
    assert pack.sheet_template == (SHEET_TEMPLATE, "1")
    assert pack.sheet_code in pack.sheet_text  # the page furniture
    attached = json.loads(embedded_files(pack.sheet_pdf)[SHEET_ATTACHMENT][0])
    assert attached == pack.sheet_snapshot
    assert attached["respondents"][0]["court"]["court_zh"] == "深圳市中级人民法院"


# The zip ----------------------------------------------------------------------------------


def test_the_pack_holds_every_document_and_a_manifest_that_matches(pack):
    members = pack.members
    assert set(members) == {
        "01-award.pdf", "02-settlement-agreement-v1.pdf", "03-arbitration-agreement.txt",
        "04-parties.json", "04-parties.txt", "05-enforcement-data-sheet-v1.pdf",
        "manifest.json",
    }
    manifest = manifest_of(members)
    assert manifest["case"] == pack.reference and manifest["scia_reference"] == SCIA_REFERENCE
    listed = {entry["file"]: entry for entry in manifest["files"]}
    assert set(listed) == set(members) - {"manifest.json"}
    for name, entry in listed.items():
        assert entry["sha256"] == hashlib.sha256(members[name]).hexdigest(), name
        assert entry["size"] == len(members[name])
        assert entry["kind"] and entry["description"]
    assert members["01-award.pdf"] == AWARD_PDF
    assert members["02-settlement-agreement-v1.pdf"] == AGREEMENT_PDF
    assert pack.agreement_code in listed["02-settlement-agreement-v1.pdf"]["description"]
    assert members["05-enforcement-data-sheet-v1.pdf"] == pack.sheet_pdf


def test_the_pack_holds_the_arbitration_agreement_and_the_parties_identity(pack):
    agreement = pack.members["03-arbitration-agreement.txt"].decode("utf-8")
    assert CLAUSE_RELIED_ON in agreement
    assert "深圳国际仲裁院" in agreement  # the settlement's own dispute clause too
    identity = json.loads(pack.members["04-parties.json"])
    parties = {party["side"]: party for party in identity["parties"]}
    assert parties["claimant"]["name_en"] == LION_POINT["name_en"]
    assert parties["claimant"]["enforcement_role"] == "applicant"
    assert parties["respondent"]["enforcement_role"] == "respondent"
    assert parties["respondent"]["registry_kind_zh"] == "统一社会信用代码"
    assert parties["respondent"]["legal_representative_title"] == "董事长"
    assert parties["claimant"]["signatories"] == [{"name": "Tan Wei Ming", "title": "Director"}]
    readable = pack.members["04-parties.txt"].decode("utf-8")
    assert "申请执行人" in readable and "被执行人" in readable
    assert PEARL_RIVER["domicile_zh"] in readable and "Tan Wei Ming (Director)" in readable


# Through the pages ------------------------------------------------------------------------


def test_the_registrar_prepares_the_sheet_and_a_party_downloads_the_pack(client, login,
                                                                         store_dir):
    scene = settlement_case_in(CaseState.AWARD_ISSUED)
    case = scene.case
    login(scene.registrar)
    page = client.get(f"/cases/{case.id}/arbitration").get_data(as_text=True)
    assert "Prepare the enforcement data sheet" in page

    prepared = client.post(f"/cases/{case.id}/arbitration/enforcement-data-sheet")

    assert prepared.status_code == 302
    sheets = db.session.scalars(sa.select(GeneratedDocument).filter_by(kind=SHEET)).all()
    assert [(s.version_number, s.generated_by_id) for s in sheets] == [(1, scene.registrar.id)]
    told = db.session.scalars(sa.select(OutboxMessage).filter_by(
        kind="enforcement_pack_ready")).all()
    assert sorted(m.recipient for m in told) == sorted([scene.claimant.email,
                                                        scene.respondent.email])
    login(scene.respondent)
    response = client.get(f"/cases/{case.id}/arbitration/enforcement-pack.zip")
    assert response.status_code == 200
    assert response.mimetype == "application/zip"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert f"{case.reference}-enforcement-pack.zip" in response.headers["Content-Disposition"]
    members = read_zip(response.data)
    assert "02-settlement-agreement-v1.pdf" not in members  # none was generated
    assert members["01-award.pdf"] == AWARD_PDF
    sheet_text = pdf_text(members["05-enforcement-data-sheet-v1.pdf"])
    assert "¥100,325.04" in sheet_text and "人民币壹拾万零叁佰贰拾伍元零肆分" in sheet_text

    login(scene.registrar)
    again = client.post(f"/cases/{case.id}/arbitration/enforcement-data-sheet")

    assert again.status_code == 302
    db.session.expire_all()
    versions = db.session.scalars(sa.select(GeneratedDocument).filter_by(kind=SHEET)
                                  .order_by(GeneratedDocument.version_number)).all()
    assert [(v.version_number, v.status.value) for v in versions] == [
        (1, "superseded"), (2, "current")]
    members = read_zip(client.get(f"/cases/{case.id}/arbitration/enforcement-pack.zip").data)
    assert "05-enforcement-data-sheet-v2.pdf" in members


def test_no_pack_before_the_data_sheet_is_prepared(client, login, store_dir):
    scene = settlement_case_in(CaseState.AWARD_ISSUED)
    login(scene.claimant)

    response = client.get(f"/cases/{scene.case.id}/arbitration/enforcement-pack.zip")

    assert response.status_code == 409
    assert "has not prepared the enforcement application data sheet" in response.get_data(
        as_text=True)


@pytest.mark.parametrize("state", [CaseState.SETTLEMENT_SIGNED, CaseState.AWARD_REQUESTED])
def test_no_data_sheet_or_pack_before_the_award(client, login, store_dir, state):
    scene = settlement_case_in(state)
    login(scene.registrar)
    entries = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))

    prepared = client.post(f"/cases/{scene.case.id}/arbitration/enforcement-data-sheet")
    downloaded = client.get(f"/cases/{scene.case.id}/arbitration/enforcement-pack.zip")

    assert prepared.status_code == downloaded.status_code == 409
    assert "once the award has been recorded" in prepared.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(GeneratedDocument)) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == entries


def test_a_closed_case_with_an_award_still_has_its_pack(client, login, store_dir):
    scene = settlement_case_in(CaseState.AWARD_ISSUED)
    scene.case.closed_at = now_utc()
    scene.case.state = CaseState.CLOSED
    db.session.commit()
    login(scene.registrar)

    response = client.post(f"/cases/{scene.case.id}/arbitration/enforcement-data-sheet")

    assert response.status_code == 302
    assert client.get(f"/cases/{scene.case.id}/arbitration/enforcement-pack.zip"
                      ).status_code == 200


def test_a_closed_case_without_an_award_has_no_pack(client, login):
    registrar = make_user(Role.REGISTRAR)
    case = make_case(CaseState.CLOSED)
    login(registrar)

    assert client.post(f"/cases/{case.id}/arbitration/enforcement-data-sheet"
                       ).status_code == 409
    assert client.get(f"/cases/{case.id}/arbitration/enforcement-pack.zip").status_code == 409


def test_who_may_have_the_pack(client, login, store_dir):
    scene = settlement_case_in(CaseState.AWARD_ISSUED)
    case = scene.case
    pack_url = f"/cases/{case.id}/arbitration/enforcement-pack.zip"
    sheet_url = f"/cases/{case.id}/arbitration/enforcement-data-sheet"
    outsider = make_case(CaseState.AWARD_ISSUED).created_by  # a party of another case

    assert client.get(pack_url).status_code == 302  # to the sign-in page
    for user in (scene.mediator, outsider):
        login(user)
        assert client.get(pack_url).status_code == 403
        assert client.post(sheet_url).status_code == 403
    login(scene.claimant)
    assert client.post(sheet_url).status_code == 403  # only the registry prepares it
    assert client.get(f"/cases/{case.id + 1000}/arbitration/enforcement-pack.zip"
                      ).status_code == 404
    assert db.session.scalar(sa.select(sa.func.count()).select_from(GeneratedDocument)) == 0
    assert proceeding_for(case).award_document_id is not None


def test_the_scia_page_offers_the_pack_and_warns_when_the_sheet_is_out_of_date(client, login,
                                                                              store_dir):
    scene = settlement_case_in(CaseState.AWARD_ISSUED)
    case = scene.case
    record_generated_document(  # a stand-in for a rendered data sheet
        scene.registrar, case, SHEET, AGREEMENT_PDF, verification_code=new_verification_code(),
        template=SHEET_TEMPLATE, template_version="1", snapshot={"applicants": []},
    )
    db.session.commit()
    login(scene.claimant)

    page = client.get(f"/cases/{case.id}/arbitration").get_data(as_text=True)

    assert "Download the enforcement pack (zip)" in page
    assert "Prepare the data sheet again" not in page  # the registry's button
    assert "Record performance of the settlement" not in page
    assert "out of date" not in page
    pay(scene, 1, None, "25.04")
    login(scene.registrar)
    page = client.get(f"/cases/{case.id}/arbitration").get_data(as_text=True)
    assert "out of date" in page
    assert "Prepare the data sheet again from today" in page
    assert "Record performance of the settlement" in page and "Close the case" in page


def test_the_parties_new_arbitration_agreement_travels_in_the_pack(client, login, store_dir):
    scene = settlement_case_in(CaseState.AWARD_ISSUED)
    case = scene.case
    new_agreement = upload_document(
        scene.registrar, case, io.BytesIO(AGREEMENT_PDF + b"% the new agreement\n"),
        "new-arbitration-agreement.PDF", "The parties' new arbitration agreement",
        circulation=Circulation.CASE_FILE)
    proceeding_for(case).arbitration_agreement_document_id = new_agreement.id
    record_generated_document(  # a stand-in for a rendered data sheet
        scene.registrar, case, SHEET, AGREEMENT_PDF, verification_code=new_verification_code(),
        template=SHEET_TEMPLATE, template_version="1", snapshot={"applicants": []},
    )
    db.session.commit()
    login(scene.claimant)

    members = read_zip(client.get(f"/cases/{case.id}/arbitration/enforcement-pack.zip").data)

    assert members["03-arbitration-agreement-document.pdf"] == (
        AGREEMENT_PDF + b"% the new agreement\n")
    assert "separate file" in members["03-arbitration-agreement.txt"].decode("utf-8")
    listed = {entry["file"]: entry for entry in manifest_of(members)["files"]}
    assert listed["03-arbitration-agreement-document.pdf"]["kind"] == \
        "arbitration_agreement_document"
