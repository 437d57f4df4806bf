"""The confidentiality wall: a referral and a bundle built from a case full of mediation material
— private submissions with their documents, mediator notes, hearing minutes, settlement drafts,
documents marked "mediation only", withdrawn and superseded documents, a party's reasons for
withdrawing from the mediation — contain none of it, read back from the PDF text and from every
file of the zip; the documents of the case file are all there, byte for byte."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import replace
from datetime import timedelta

import pytest

from casework.accounts.models import Role
from casework.arbitration.escalation import withdraw_from_mediation
from casework.arbitration.referral import MANIFEST, REFERRAL_ATTACHMENT, current_referral
from casework.cases.models import CaseLanguage, CaseState
from casework.cases.simc_clock import simc_today
from casework.db import now_utc
from casework.documents.models import Circulation
from casework.documents.operations import replace_document, withdraw_document
from casework.extensions import db
from casework.hearings.confidential import AttachedFile, send_private_submission
from casework.hearings.models import (
    Hearing,
    HearingKind,
    HearingParticipant,
    HearingStatus,
    MediatorNote,
    ParticipantRole,
    VenueKind,
)
from casework.notifications.models import OutboxMessage
from casework.settlement import operations as settlement
from tests.arbitration.escalation_scenes import registrar, upload
from tests.factories import make_case, make_user
from tests.settlement.pdf_tools import compact, embedded_files, pdf_text, poppler, stored_pdf
from tests.settlement.samples import VALID_TERMS

pytestmark = pytest.mark.usefixtures("quick_password_hashes", "store_dir")

# Every piece of mediation material carries its own marker, in its text, its file name and its
# file's bytes. None may reach the referral or the bundle.
MARKERS = {
    "private_message": "ZQPRIVATEMESSAGEMARKER",
    "private_document_name": "ZQPRIVATEFILENAMEMARKER",
    "private_document_body": "ZQPRIVATEBODYMARKER",
    "mediator_note": "ZQMEDIATORNOTEMARKER",
    "hearing_minutes": "ZQMINUTESMARKER",
    "private_session_minutes": "ZQCAUCUSMINUTESMARKER",
    "settlement_draft": "ZQSETTLEMENTDRAFTMARKER",
    "mediation_only_name": "ZQMEDIATIONONLYNAMEMARKER",
    "mediation_only_description": "ZQMEDIATIONONLYDESCRIPTIONMARKER",
    "mediation_only_body": "ZQMEDIATIONONLYBODYMARKER",
    "withdrawn_document": "ZQWITHDRAWNDOCUMENTMARKER",
    "superseded_version": "ZQSUPERSEDEDVERSIONMARKER",
    "withdrawal_reasons": "ZQWITHDRAWALREASONSMARKER",
}
CASE_FILE = {
    "statement-of-claim.pdf": ("Statement of claim with exhibits",
                               b"%PDF-1.4\n% the statement of claim\n"),
    "供货合同.pdf": ("供货合同（双方签署）", b"%PDF-1.4\n% the supply contract\n"),
    "invoices.pdf": ("Unpaid invoices, second version", b"%PDF-1.4\n% invoices v2\n"),
}


def pdf(marker: str) -> bytes:
    return f"%PDF-1.4\n% {marker}\n".encode()


@pytest.fixture()
def escalated(client, login):
    """A case whose mediation produced every kind of confidential material, ended when the
    respondent withdrew from it, and was escalated to SCIA by the registry (through the page)."""
    mediator = make_user(Role.MEDIATOR, name="Margaret Lim")
    case = make_case(CaseState.IN_MEDIATION, mediator_id=mediator.id,
                     commencement_date=simc_today() - timedelta(days=30))
    claimant = case.created_by
    respondent = make_user(Role.PARTY, organisation=case.respondent.organisation)
    clerk = registrar()
    db.session.commit()

    # the case file: what may travel (one document replaced by a second version)
    documents = {}
    for name, (description, content) in CASE_FILE.items():
        first = pdf(MARKERS["superseded_version"]) if name == "invoices.pdf" else content
        documents[name] = upload(claimant, case, name, first, description)
    documents["invoices.pdf"] = replace_document(
        claimant, documents["invoices.pdf"], io.BytesIO(CASE_FILE["invoices.pdf"][1]),
        "invoices.pdf", CASE_FILE["invoices.pdf"][0])
    withdrawn = upload(claimant, case, f"{MARKERS['withdrawn_document']}.pdf",
                       pdf(MARKERS["withdrawn_document"]), MARKERS["withdrawn_document"])
    withdraw_document(claimant, withdrawn, "Uploaded by mistake.")
    db.session.commit()

    # without-prejudice material marked mediation only
    upload(respondent, case, f"{MARKERS['mediation_only_name']}.pdf",
           pdf(MARKERS["mediation_only_body"]), MARKERS["mediation_only_description"],
           circulation=Circulation.MEDIATION_ONLY)
    # private submissions with documents, from both sides
    for author in (claimant, respondent):
        send_private_submission(author, case, MARKERS["private_message"], [AttachedFile(
            io.BytesIO(pdf(MARKERS["private_document_body"])),
            f"{MARKERS['private_document_name']}-{author.id}.pdf")], expected_version=None)
    # sessions with minutes, and the mediator's notes
    for kind, side, minutes in (
            (HearingKind.JOINT_SESSION, None, MARKERS["hearing_minutes"]),
            (HearingKind.PRIVATE_SESSION, case.respondent.side, MARKERS["private_session_minutes"])):
        starts_at = now_utc() - timedelta(days=10)
        hearing = Hearing(
            case=case, kind=kind, private_side=side, starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=2), venue_kind=VenueKind.SINGAPORE,
            venue_zone="Asia/Singapore", language=CaseLanguage.EN, scheduled_by=mediator,
            status=HearingStatus.HELD, minutes=minutes, outcome_recorded_at=now_utc(),
            participants=[HearingParticipant(user=mediator, role=ParticipantRole.MEDIATOR)],
        )
        db.session.add(hearing)
        db.session.add(MediatorNote(case=case, hearing=hearing, author=mediator,
                                    text=MARKERS["mediator_note"]))
    db.session.commit()
    # a settlement drafted while the parties were close to settling
    case.state = CaseState.SETTLED
    db.session.commit()
    settlement.save_terms(mediator, case, replace(
        VALID_TERMS, recitals_en=MARKERS["settlement_draft"],
        recitals_zh=MARKERS["settlement_draft"]), expected_number=None)
    case.state = CaseState.IN_MEDIATION
    db.session.commit()
    # the respondent withdraws from the mediation; the registry escalates through the page
    withdraw_from_mediation(respondent, case, MARKERS["withdrawal_reasons"],
                            expected_version=case.version, today=simc_today())
    db.session.commit()
    login(clerk)
    response = client.post(f"/cases/{case.id}/arbitration/escalate", data={
        "version": case.version, "rmb_rate": "5.3", "escalate": "1"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    db.session.expire_all()
    return {"case": case, "documents": documents, "registrar": clerk, "respondent": respondent}


def leaked(text: str) -> list[str]:
    """The markers found in ``text`` (ignoring white space)."""
    flat = compact(text)
    return [marker for marker in MARKERS.values() if marker in flat]


def test_the_referral_contains_nothing_from_the_mediation(escalated):
    case = escalated["case"]
    referral = current_referral(case)
    pdf_bytes = stored_pdf(referral)
    text = poppler("pdftotext", pdf_bytes, "-layout")

    assert leaked(text) == []
    assert leaked(pdf_text(pdf_bytes)) == []
    [attachment] = embedded_files(pdf_bytes)[REFERRAL_ATTACHMENT]
    assert leaked(attachment.decode("utf-8")) == []
    assert leaked(json.dumps(referral.input_snapshot, ensure_ascii=False)) == []
    # ... while the case file is listed in full, with each document's sha256
    flat = pdf_text(pdf_bytes)
    for name, document in escalated["documents"].items():
        assert compact(name) in flat
        assert document.sha256 in flat
    assert compact("a party withdrew from the mediation") in flat


def test_the_bundle_contains_nothing_from_the_mediation(client, login, escalated):
    case = escalated["case"]
    login(escalated["respondent"])

    response = client.get(f"/cases/{case.id}/arbitration/referral-bundle.zip")

    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    names = archive.namelist()
    assert leaked(" ".join(names)) == []
    for name in names:
        content = archive.read(name)
        assert leaked(content.decode("latin-1")) == [], name
        if name.endswith(".pdf") and name.startswith("00-"):
            assert leaked(poppler("pdftotext", content, "-layout")) == []
    manifest = json.loads(archive.read(MANIFEST))
    assert leaked(json.dumps(manifest, ensure_ascii=False)) == []
    # every document of the case file is there, byte for byte, numbered as the referral lists it
    referral = current_referral(case)
    assert names[0] == f"00-{referral.filename}"
    assert archive.read(names[0]) == stored_pdf(referral)
    files = {entry["original_filename"]: entry for entry in manifest["files"]}
    assert set(files) == {referral.filename, *escalated["documents"]}
    for entry in manifest["files"]:
        content = archive.read(entry["name"])
        assert hashlib.sha256(content).hexdigest() == entry["sha256"]
        assert len(content) == entry["size_bytes"]
    listed = {entry["filename"]: entry["number"] for entry in referral.input_snapshot["documents"]}
    for name, document in escalated["documents"].items():
        assert files[name]["sha256"] == document.sha256
        assert files[name]["number"] == listed[name]
        assert files[name]["description"] == CASE_FILE[name][0]
        assert files[name]["kind"] == "case_file_document"
        assert archive.read(files[name]["name"]) == CASE_FILE[name][1]


def test_the_escalation_e_mails_contain_nothing_from_the_mediation(escalated):
    messages = db.session.scalars(db.select(OutboxMessage).filter_by(
        case_id=escalated["case"].id, kind="escalated_to_scia")).all()

    assert messages
    assert all(leaked(message.subject + message.body) == [] for message in messages)
