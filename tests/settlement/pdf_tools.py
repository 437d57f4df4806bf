"""Helpers for the settlement-document tests: a signed settlement between realistically named
parties, and reading issued PDFs back with poppler (pdftotext, pdffonts, pdfinfo) and pypdf."""

from __future__ import annotations

import io
import subprocess
import tempfile
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader

from casework.documents.generated_models import GeneratedDocument
from casework.documents.storage import current_store
from casework.extensions import db
from casework.settlement.terms import Instalment, PaymentObligation
from tests.settlement.helpers import SettledScene, approve, draft_terms, settled_scene
from tests.settlement.samples import DELIVERY, INSTALMENTS, LUMP_SUM, PERFORMANCE, VALID_TERMS

LION_POINT = {
    "name_en": "Lion Point Engineering Pte. Ltd.",
    "name_zh": "狮点工程私人有限公司",
    "short_name_en": "Lion Point",
    "short_name_zh": "狮点工程",
    "domicile_en": "10 Anson Road, #20-05 International Plaza, Singapore 079903",
    "domicile_zh": "新加坡安顺路10号国际广场20-05室，邮编079903",
    "legal_representative": "Tan Wei Ming",
    "legal_representative_title": "Director",
}
PEARL_RIVER = {
    "name_en": "Shenzhen Pearl River Electronics Co., Ltd.",
    "name_zh": "深圳珠江电子有限公司",
    "short_name_en": "Pearl River",
    "short_name_zh": "珠江电子",
    "domicile_en": "No. 8 Keji Road, Nanshan District, Shenzhen, Guangdong",
    "domicile_zh": "广东省深圳市南山区科技路8号",
    "legal_representative": "王伟",
    "legal_representative_title": "董事长",
}

MAIN_PAYMENT = replace(LUMP_SUM, amount=Decimal("125000.00"))
SGD_PAYMENT = PaymentObligation(
    obligor="respondent", obligee="claimant", amount=Decimal("12500.50"), currency="SGD",
    instalments=(Instalment(date(2027, 1, 15), Decimal("6000.00")),
                 Instalment(date(2027, 2, 15), Decimal("6500.50"))),
    payee_account="DBS Bank Ltd, account 012-345678-9",
)
REALISTIC_TERMS = replace(
    VALID_TERMS,
    obligations=(MAIN_PAYMENT, INSTALMENTS, replace(LUMP_SUM, due_date=date(2027, 4, 30)),
                 SGD_PAYMENT, DELIVERY, PERFORMANCE),
)
"""The sample settlement with payments of ¥125,000.00 (by a due date), ¥100,000.00 (three
instalments), ¥325.04 and SGD 12,500.50 (two instalments), a delivery and an act."""


def signed_scene_between(claimant: dict, respondent: dict,
                         terms=REALISTIC_TERMS, **case_fields) -> SettledScene:
    """A case whose ``terms`` both parties approved, the parties' registry particulars set to
    ``claimant`` and ``respondent`` (organisation fields) before the terms were drafted."""
    scene = settled_scene(**case_fields)
    for case_party, fields in ((scene.case.claimant, claimant),
                               (scene.case.respondent, respondent)):
        for name, value in fields.items():
            setattr(case_party.organisation, name, value)
    db.session.flush()
    draft_terms(scene, terms)
    approve(scene, scene.claimant)
    approve(scene, scene.respondent)
    return scene


def stored_pdf(document: GeneratedDocument) -> bytes:
    """The bytes of an issued document from the document store."""
    with current_store().open(document.sha256) as stored:
        return stored.read()


def poppler(tool: str, pdf: bytes, *args: str) -> str:
    """The output of a poppler tool (``pdftotext``, ``pdffonts``, ``pdfinfo``) run on ``pdf``."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        return subprocess.run(
            [tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
            capture_output=True, text=True, check=True,
        ).stdout


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page (``pdftotext -layout``), page furniture included."""
    count = len(PdfReader(io.BytesIO(pdf)).pages)
    return poppler("pdftotext", pdf, "-layout").split("\f")[:count]


def compact(text: str) -> str:
    """``text`` without any white space, so a phrase wrapped inside a table cell (where a line
    break is inserted) still matches: compare ``compact(phrase) in compact(text)``."""
    return "".join(text.split())


def pdf_text(pdf: bytes) -> str:
    """All text of ``pdf`` in the order it was drawn (``pdftotext -raw``: each table cell whole,
    English before Chinese), without white space (see :func:`compact`)."""
    return compact(poppler("pdftotext", pdf, "-raw"))


def embedded_files(pdf: bytes) -> dict[str, list[bytes]]:
    """The files embedded in ``pdf`` by name."""
    return dict(PdfReader(io.BytesIO(pdf)).attachments)
