"""The Referral to SCIA and its bundle for SCIA's online filing.

What an SCIA case secretary receiving an escalated dispute needs: the parties as a PRC
arbitration request names them, the claims with the facts and reasons as filed, the amount in
dispute (in its currency and in RMB at the rate entered) with SCIA's fees worked out, the
arbitration agreement relied on, the filed documents with their sha256, and when the mediation
started and ended.

**Confidentiality wall.** The referral and the bundle are built from the case's filed facts
and from :func:`casework.documents.circulation.transferable_documents` only — never from private
submissions, mediator notes, hearing minutes, settlement drafts or documents marked "mediation
only", none of which this module reads.

:func:`referral_snapshot` copies those facts into JSON-ready values (stored with the generated
document and embedded in the PDF as ``referral.json``); :func:`referral_context` turns a
snapshot into the template's plain values; :func:`issue_referral_document` renders and records
the PDF; :func:`build_referral_bundle` writes the zip (the referral PDF, each transferable
document and ``manifest.json``) into a spooled temporary file — only while the referral lists
exactly the documents that travel, so the two never disagree.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import unicodedata
import zipfile
from datetime import date
from decimal import Decimal
from typing import IO, Any

from flask import current_app
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from casework.arbitration.clause import check_clause
from casework.arbitration.fees import FeeCalculation, SciaFeeTable, load_scia_fee_table
from casework.arbitration.models import SciaProceeding
from casework.cases.simc_clock import simc_date, simc_today
from casework.documents.circulation import transferable_documents
from casework.documents.generated.issuing import issue_generated_document
from casework.documents.generated.operations import current_generated_document
from casework.documents.generated_models import GeneratedDocument, GeneratedDocumentKind
from casework.documents.models import Document
from casework.documents.storage import CHUNK_BYTES, current_store, describe_size
from casework.errors import IllegalTransition
from casework.notifications.recipients import party_users
from casework.settlement.dates import chinese_date, english_date
from casework.settlement.snapshot import amount, text_lang

SNAPSHOT_SCHEMA = "casework.scia-referral/1"
"""Identifies the snapshot layout; bump it when the layout changes."""

REFERRAL_TEMPLATE = "documents/pdf/referral.html"
REFERRAL_TEMPLATE_VERSION = "1"
REFERRAL_TITLE = "Referral to SCIA / 移交深圳国际仲裁院函"
REFERRAL_ATTACHMENT = "referral.json"
MANIFEST = "manifest.json"
SPOOL_BYTES = 8 * 1024 * 1024
"""A bundle larger than this is written to a temporary file on disk rather than kept in memory."""

_LOCALES = {"en": "en", "zh": "zh_Hans"}
_REGISTRY_KINDS = {
    "CN": ("Unified Social Credit Code", "统一社会信用代码"),
    "SG": ("Unique Entity Number (UEN)", "新加坡单一实体识别号（UEN）"),
}
_OTHER_REGISTRY_KIND = ("Registration number", "注册号码")
_SIDES = {"claimant": ("Claimant", "申请人"), "respondent": ("Respondent", "被申请人")}
_UNSAFE_IN_NAMES = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_MAX_NAME_CHARS = 120


def scia_fee_table() -> SciaFeeTable:
    """The configured SCIA fee table (``SCIA_FEE_TABLE``)."""
    return load_scia_fee_table(current_app.config["SCIA_FEE_TABLE"])


# --- the snapshot: the facts the referral is made from --------------------------------------


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _money(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def _in_both_languages(texts) -> dict[str, list[str]]:
    """Lazily translated ``texts`` put into words in English and in Chinese."""
    result = {}
    for key, locale in _LOCALES.items():
        with force_locale(locale):
            result[key] = [str(text) for text in texts]
    return result


def _party(case, party) -> dict[str, Any]:
    """A case party as a PRC arbitration request names it, with its contacts and counsel."""
    organisation = party.organisation
    contact = None
    if party.side.value == "respondent" and case.respondent_contact_name:
        contact = {"name": case.respondent_contact_name, "email": case.respondent_contact_email}
    return {
        "side": party.side.value,
        **organisation.particulars(),
        "representatives": [{"name": user.name, "email": user.email}
                            for user in party_users(case, party.side)],
        "counsel": {"name": party.counsel_name, "firm": party.counsel_firm,
                    "email": party.counsel_email} if party.counsel_name else None,
        "contact": contact,
    }


def _document(number: int, document: Document) -> dict[str, Any]:
    return {
        "number": number,
        "document_id": document.id,
        "filename": document.filename,
        "description": document.description,
        "sha256": document.sha256,
        "size_bytes": document.size_bytes,
        "media_type": document.media_type,
        "version_number": document.version_number,
        "uploaded_on": simc_date(document.uploaded_at).isoformat(),
    }


def _fees(fees: FeeCalculation, table: SciaFeeTable) -> dict[str, Any]:
    band = _in_both_languages([fees.band.label])
    return {
        "amount_rmb": str(fees.amount_rmb),
        "arbitration_fee": str(fees.arbitration_fee),
        "filing_fee": str(fees.filing_fee),
        "total": str(fees.total),
        "band": {"en": band["en"][0], "zh": band["zh"][0]},
        "working": _in_both_languages(fees.working),
        "table_source": table.source,
    }


def referral_snapshot(case, proceeding: SciaProceeding, fees: FeeCalculation,
                      issue_date: date) -> dict[str, Any]:
    """The plain values the referral of ``case`` is made from: the filed facts of the case,
    its parties, the escalation (``proceeding``), the fees (``fees``, worked out for the claim),
    the arbitration agreement relied on and the transferable documents — nothing else."""
    documents = [_document(number, document) for number, document
                 in enumerate(transferable_documents(case), start=1)]
    agreement_document = proceeding.arbitration_agreement_document
    listed = {entry["document_id"]: entry["number"] for entry in documents}
    return {
        "schema": SNAPSHOT_SCHEMA,
        "issue_date": issue_date.isoformat(),
        "case": {
            "reference": case.reference,
            "scia_reference": proceeding.scia_reference,
            "filing_date": _iso(case.filing_date),
            "dispute_summary": case.dispute_summary,
            "further_information": case.info_response or "",
        },
        "escalation": {
            "trigger": proceeding.trigger.value,
            "escalated_on": simc_date(proceeding.escalated_at).isoformat(),
            "commencement_date": _iso(case.commencement_date),
            "mediation_ended_on": _iso(case.mediation_ended_on),
            "respondent_declined_on": _iso(case.respondent_answered_on)
            if proceeding.trigger.value == "respondent_declined" else None,
            "mediator": case.mediator.name if case.mediator is not None else None,
        },
        "parties": [_party(case, party) for party in case.parties],
        "claim": {
            "amount": _money(proceeding.claim_amount),
            "currency": proceeding.claim_currency,
            "rmb_rate": _money(proceeding.rmb_rate),
            "amount_rmb": _money(proceeding.amount_rmb),
        },
        "fees": _fees(fees, scia_fee_table()),
        "arbitration_agreement": {
            "source": "new_agreement" if agreement_document is not None else "clause_as_filed",
            "text": proceeding.arbitration_agreement_text,
            "scia_name": check_clause(proceeding.arbitration_agreement_text).scia_name,
            "document": None if agreement_document is None else {
                "number": listed.get(agreement_document.id),
                "filename": agreement_document.filename,
                "sha256": agreement_document.sha256,
            },
        },
        "documents": documents,
    }


# --- from a snapshot to the template context ------------------------------------------------


def _text(value: str | None) -> dict[str, str]:
    """A single-language user text with its language tag (the Chinese font for Chinese)."""
    return {"text": value or "", "lang": text_lang(value or "")}


def _date(iso: str | None) -> dict[str, str] | None:
    if iso is None:
        return None
    value = date.fromisoformat(iso)
    return {"en": english_date(value), "zh": chinese_date(value)}


def _party_context(party: dict[str, Any]) -> dict[str, Any]:
    kind_en, kind_zh = _REGISTRY_KINDS.get(party["jurisdiction"], _OTHER_REGISTRY_KIND)
    side_en, side_zh = _SIDES[party["side"]]
    return {
        "side_en": side_en,
        "side_zh": side_zh,
        "name_en": party["name_en"],
        "name_zh": party["name_zh"],
        "short_name_en": party["short_name_en"] or side_en,
        "short_name_zh": party["short_name_zh"] or side_zh,
        "registry_kind_en": kind_en,
        "registry_kind_zh": kind_zh,
        "registry_number": party["registry_number"],
        "domicile_en": party["domicile_en"],
        "domicile_zh": party["domicile_zh"],
        "legal_representative": _text(party["legal_representative"]),
        "legal_representative_title": _text(party["legal_representative_title"]),
        "representatives": [{"name": _text(person["name"]), "email": person["email"]}
                            for person in party["representatives"]],
        "counsel": None if party["counsel"] is None else {
            "name": _text(party["counsel"]["name"]), "firm": _text(party["counsel"]["firm"]),
            "email": party["counsel"]["email"],
        },
        "contact": None if party["contact"] is None else {
            "name": _text(party["contact"]["name"]), "email": party["contact"]["email"],
        },
    }


def referral_context(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The referral template's context, from a :func:`referral_snapshot`: plain strings,
    numbers, lists and dictionaries only."""
    case, escalation = snapshot["case"], snapshot["escalation"]
    claim, fees = snapshot["claim"], snapshot["fees"]
    agreement = snapshot["arbitration_agreement"]
    return {
        "reference": case["reference"],
        "scia_reference": case["scia_reference"],
        "issue_date": _date(snapshot["issue_date"]),
        "filing_date": _date(case["filing_date"]),
        "dispute_summary": _text(case["dispute_summary"]),
        "further_information": _text(case["further_information"]),
        "trigger": escalation["trigger"],
        "escalated_on": _date(escalation["escalated_on"]),
        "commencement_date": _date(escalation["commencement_date"]),
        "mediation_ended_on": _date(escalation["mediation_ended_on"]),
        "respondent_declined_on": _date(escalation["respondent_declined_on"]),
        "mediator": _text(escalation["mediator"]) if escalation["mediator"] else None,
        "parties": [_party_context(party) for party in snapshot["parties"]],
        "claim_amount": amount(Decimal(claim["amount"]), claim["currency"]),
        "rmb_rate": claim["rmb_rate"],
        "amount_rmb": amount(Decimal(claim["amount_rmb"]), "CNY"),
        "converted": claim["rmb_rate"] is not None,
        "fees": {
            "arbitration_fee": amount(Decimal(fees["arbitration_fee"]), "CNY"),
            "filing_fee": amount(Decimal(fees["filing_fee"]), "CNY"),
            "total": amount(Decimal(fees["total"]), "CNY"),
            "band": fees["band"],
            "working": [{"en": en, "zh": zh} for en, zh in
                        zip(fees["working"]["en"], fees["working"]["zh"], strict=True)],
            "table_source": fees["table_source"],
        },
        "agreement": {
            "new": agreement["source"] == "new_agreement",
            "text": _text(agreement["text"]),
            "scia_name": agreement["scia_name"],
            "document": None if agreement["document"] is None else {
                **agreement["document"], "filename_text": _text(agreement["document"]["filename"]),
            },
        },
        "documents": [
            {**entry, "filename_text": _text(entry["filename"]),
             "description_text": _text(entry["description"]),
             "size": describe_size(entry["size_bytes"]), "uploaded_on": _date(entry["uploaded_on"])}
            for entry in snapshot["documents"]
        ],
    }


# --- issuing --------------------------------------------------------------------------------


def issue_referral_document(actor, case, proceeding: SciaProceeding,
                            fees: FeeCalculation) -> GeneratedDocument:
    """Render and record the bilingual Referral to SCIA of the escalated ``case`` (the next
    version of its referral; the current one becomes superseded), with its snapshot attached
    as ``referral.json``. Called by the escalation operations, which check the actor and the
    case; the registry alone records generated documents."""
    snapshot = referral_snapshot(case, proceeding, fees, simc_today())
    return issue_generated_document(
        actor, case, GeneratedDocumentKind.REFERRAL, template=REFERRAL_TEMPLATE,
        template_version=REFERRAL_TEMPLATE_VERSION, title=REFERRAL_TITLE,
        context=referral_context(snapshot), snapshot=snapshot,
        attachments={REFERRAL_ATTACHMENT: json.dumps(
            snapshot, ensure_ascii=False, indent=2).encode("utf-8")},
        lang="en",
    )


def current_referral(case) -> GeneratedDocument | None:
    """The case's current Referral to SCIA, ``None`` before it is generated or once revoked."""
    document = current_generated_document(case, GeneratedDocumentKind.REFERRAL)
    return document if document is not None and document.revoked_at is None else None


# --- the bundle for SCIA's online filing ----------------------------------------------------


def member_name(number: int, filename: str, width: int = 2) -> str:
    """The name of a file inside the bundle: its number, then its own name made safe (no
    folders, control or reserved characters, at most 120 characters, extension kept)."""
    name = _UNSAFE_IN_NAMES.sub("_", unicodedata.normalize("NFC", filename)).strip(" .")
    if len(name) > _MAX_NAME_CHARS:
        stem, dot, extension = name.rpartition(".")
        keep = extension if dot and len(extension) <= 10 else ""
        name = name[:_MAX_NAME_CHARS - len(keep) - 1].rstrip(" .") + ("." + keep if keep else "")
    return f"{number:0{width}d}-{name or 'document'}"


def bundle_name(case) -> str:
    """The file name of the case's referral bundle."""
    return f"{case.reference}-referral-bundle.zip"


def referral_matches_case_file(case, referral: GeneratedDocument) -> bool:
    """Whether ``referral`` lists exactly the documents that travel now (same documents, same
    versions, same order): otherwise the case file changed since it was generated."""
    listed = [(entry["document_id"], entry["sha256"])
              for entry in referral.input_snapshot.get("documents", [])]
    return listed == [(document.id, document.sha256)
                      for document in transferable_documents(case)]


def build_referral_bundle(case, referral: GeneratedDocument) -> IO[bytes]:
    """The bundle for SCIA's online filing, as a zip in a spooled temporary file (rewound):
    the ``referral`` PDF (numbered 0), each transferable document under the number the referral
    gives it, and ``manifest.json`` listing every file with its name in the zip, original name,
    sha256, size, description and kind. Files are streamed from the document store.

    Raises :class:`IllegalTransition` when the case file changed since the referral was
    generated (the referral and the bundle must list the same documents) and
    :class:`FileNotFoundError` when a stored file is missing.
    """
    if not referral_matches_case_file(case, referral):
        raise IllegalTransition(_l(
            "The documents marked for the case file changed after version %(number)d of the "
            "referral was generated; the registry generates the referral again before the bundle "
            "can be downloaded.", number=referral.version_number))
    documents = transferable_documents(case)
    width = max(2, len(str(len(documents))))
    files = [(referral.sha256, referral.filename, referral.size_bytes, "application/pdf",
              "referral", f"Referral to SCIA, version {referral.version_number} "
              f"(verification code {referral.verification_code})")]
    files += [(document.sha256, document.filename, document.size_bytes, document.media_type,
               "case_file_document", document.description) for document in documents]
    store = current_store()
    entries = []
    bundle = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    with zipfile.ZipFile(bundle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, (sha256, filename, size, media_type, kind, description) in enumerate(files):
            name = member_name(number, filename, width)
            with store.open(sha256) as source, archive.open(name, "w", force_zip64=True) as out:
                shutil.copyfileobj(source, out, CHUNK_BYTES)
            entries.append({"number": number, "name": name, "original_filename": filename,
                            "sha256": sha256, "size_bytes": size, "media_type": media_type,
                            "description": description, "kind": kind})
        manifest = {
            "case_reference": case.reference,
            "referral": {"version_number": referral.version_number,
                         "verification_code": referral.verification_code,
                         "sha256": referral.sha256},
            "note": "File 0 is the Referral to SCIA; the others are the documents marked for the "
                    "case file, numbered as the referral lists them. Nothing from the mediation "
                    "(private submissions, notes, minutes, settlement drafts, documents marked "
                    "mediation only) is included.",
            "files": entries,
        }
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2))
    bundle.seek(0)
    return bundle
