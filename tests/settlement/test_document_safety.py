"""Hostile user text through the real settlement templates: shown literally, never interpreted —
no file read, no request, no attachment but the terms."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from casework.documents.generated_models import GeneratedDocumentKind
from casework.extensions import db
from casework.settlement.issuing import issue_settlement_document
from tests.settlement.pdf_tools import (
    LION_POINT,
    PEARL_RIVER,
    REALISTIC_TERMS,
    compact,
    embedded_files,
    pdf_text,
    poppler,
    signed_scene_between,
    stored_pdf,
)

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "documents" / "pdf"
PRINT_CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "print.css"
IMAGE = '<img src="file:///etc/passwd">'
ATTACHMENT = '<link rel="attachment" href="file:///etc/hostname">'
STYLE = "</p><style>body{{background:url(http://127.0.0.1:{port}/x)}}</style>"


def _passwd_line() -> str:
    return Path("/etc/passwd").read_text().splitlines()[0]


def test_hostile_text_is_printed_literally_and_fetches_nothing(http_server):
    port, requests = http_server
    style = STYLE.format(port=port)
    claimant = {**LION_POINT, "name_en": f"Lion Point {IMAGE} Pte. Ltd.",
                "name_zh": f"狮点{ATTACHMENT}工程", "short_name_en": f"Lion {style}"}
    respondent = {**PEARL_RIVER, "domicile_en": style, "legal_representative": IMAGE}
    payment, instalments, _, _, delivery, act = REALISTIC_TERMS.obligations
    terms = replace(
        REALISTIC_TERMS, recitals_en=style, costs_zh=ATTACHMENT,
        obligations=(replace(payment, payee_account=style, late_interest_en=IMAGE),
                     instalments,
                     replace(delivery, thing_en=IMAGE, place_zh=ATTACHMENT),
                     replace(act, object_zh=ATTACHMENT, scope_en=style)),
    )
    scene = signed_scene_between(claimant, respondent, terms,
                                 dispute_summary=IMAGE + ATTACHMENT, clause_text=style)

    for kind in (GeneratedDocumentKind.SETTLEMENT_AGREEMENT,
                 GeneratedDocumentKind.CONSENT_AWARD_DRAFT):
        document = issue_settlement_document(scene.registrar, scene.case, kind,
                                             expected_version=None)
        db.session.commit()
        pdf = stored_pdf(document)
        text = pdf_text(pdf)
        for hostile in (IMAGE, ATTACHMENT, style, f"Lion Point {IMAGE} Pte. Ltd."):
            assert compact(hostile) in text, (kind, hostile)
        assert compact(_passwd_line()) not in text
        assert list(embedded_files(pdf)) == ["settlement-terms.json"]
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        images = poppler("pdfimages", pdf, "-list").splitlines()[2:]
        assert len(images) == pages  # the QR code on each page, nothing else

    assert requests == []


@pytest.mark.parametrize("template", ["_base.html", "_settlement_macros.html",
                                      "settlement_agreement.html", "consent_award_draft.html"])
def test_templates_never_mark_values_safe_nor_write_css(template):
    source = (TEMPLATES / template).read_text("utf-8")
    for forbidden in ("|safe", "| safe", "autoescape", "Markup", "<style", "style="):
        assert forbidden not in source, forbidden


def test_the_print_stylesheet_is_static():
    css = PRINT_CSS.read_text("utf-8")
    assert "{{" not in css and "{%" not in css
    assert "url(" not in css
