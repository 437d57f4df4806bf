"""The bilingual settlement agreement and draft consent award, issued through
``issue_settlement_document`` from a realistic signed settlement and read back with poppler and
pypdf: content in both languages, amounts, page furniture, fonts, PDF/A-3b, the terms attachment;
and the template context the documents are made from."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from casework.documents.generated.errors import MissingGlyphs
from casework.documents.generated_models import GeneratedDocument, GeneratedDocumentKind
from casework.extensions import db
from casework.settlement.dates import chinese_date, chinese_numeral_date, english_date
from casework.settlement.issuing import SETTLEMENT_DOCUMENTS, issue_settlement_document
from casework.settlement.operations import settlement_for
from casework.settlement.snapshot import SNAPSHOT_SCHEMA, document_context, text_lang
from casework.settlement.terms import SettlementTerms
from tests.settlement.helpers import signed_scene
from tests.settlement.pdf_tools import (
    LION_POINT,
    PEARL_RIVER,
    REALISTIC_TERMS,
    compact,
    embedded_files,
    page_texts,
    pdf_text,
    poppler,
    signed_scene_between,
    stored_pdf,
)
from tests.settlement.samples import DELIVERY

AGREEMENT = GeneratedDocumentKind.SETTLEMENT_AGREEMENT
AWARD = GeneratedDocumentKind.CONSENT_AWARD_DRAFT
KINDS = [AGREEMENT, AWARD]


@dataclass(frozen=True)
class Issued:
    """One issued document and what the tests compare it with."""

    pdf: bytes
    text: str  # pdf_text(pdf)
    code: str
    snapshot: dict
    template: tuple[str, str]


@dataclass(frozen=True)
class Settlement:
    """The signed settlement both documents were issued from."""

    reference: str
    terms_json: str
    terms_sha256: str
    version_number: int
    claimant_number: str
    respondent_number: str
    documents: dict[GeneratedDocumentKind, Issued]


@pytest.fixture(scope="module")
def issued(app) -> Settlement:
    """Both documents of one realistic settlement, rendered once for the whole module. (The rows
    it creates are emptied after the first test using it; the PDFs and facts are kept.)"""
    with app.app_context():
        scene = signed_scene_between(LION_POINT, PEARL_RIVER)
        case = scene.case
        version = settlement_for(case).current_version
        documents = {}
        for kind in KINDS:
            document = issue_settlement_document(scene.registrar, case, kind,
                                                 expected_version=case.version)
            db.session.commit()
            pdf = stored_pdf(document)
            documents[kind] = Issued(pdf, pdf_text(pdf), document.verification_code,
                                     document.input_snapshot,
                                     (document.template_name, document.template_version))
        return Settlement(
            case.reference, version.terms_json, version.terms_sha256, version.number,
            case.claimant.organisation.registry_number,
            case.respondent.organisation.registry_number, documents,
        )


def shows(document: Issued, *phrases: str) -> None:
    """Assert that every phrase appears in the document's text (white space ignored)."""
    missing = [phrase for phrase in phrases if compact(phrase) not in document.text]
    assert missing == []


# --- both documents --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_both_languages_show_the_parties_and_their_registry_numbers(issued, kind):
    document = issued.documents[kind]
    shows(document,
          LION_POINT["name_en"], LION_POINT["name_zh"], PEARL_RIVER["name_en"],
          PEARL_RIVER["name_zh"],
          f"Unique Entity Number (UEN): {issued.claimant_number}",
          f"Unified Social Credit Code: {issued.respondent_number}",
          f"统一社会信用代码：{issued.respondent_number}",
          f"Domicile: {PEARL_RIVER['domicile_en']}", f"住所：{PEARL_RIVER['domicile_zh']}",
          "法定代表人：王伟，职务：董事长", "Legal representative: Tan Wei Ming, Director",
          "(hereinafter “Lion Point”)", "（以下简称“狮点工程”）",
          "(hereinafter “Pearl River”)", "（以下简称“珠江电子”）")


@pytest.mark.parametrize("kind", KINDS)
def test_amounts_in_figures_and_renminbi_in_chinese_capitals(issued, kind):
    document = issued.documents[kind]
    shows(document,
          # a single payment, in the English and the Chinese sentence
          "Pearl River shall pay Lion Point the sum of ¥125,000.00 (in words: "
          "人民币壹拾贰万伍仟元整) on or before 15 December 2026.",
          "珠江电子应于2026年12月15日（含当日）前向狮点工程支付¥125,000.00"
          "（大写：人民币壹拾贰万伍仟元整）。",
          "¥325.04", "人民币叁佰贰拾伍元零肆分",
          # the instalment schedule: each row, the total
          "1 31 January 2027 / 2027年1月31日 ¥40,000.00 人民币肆万元整",
          "3 31 March 2027 / 2027年3月31日 ¥30,000.00 人民币叁万元整",
          "Total / 合计 ¥100,000.00 人民币壹拾万元整",
          "分3期向狮点工程支付¥100,000.00（大写：人民币壹拾万元整）",
          # another currency: figures with its code and name, no capitals
          "the sum of SGD 12,500.50 (Singapore dollars) in 2 instalments",
          "SGD 12,500.50（新加坡元）", "Total / 合计 SGD 12,500.50")
    assert "大写：人民币壹万" not in document.text


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_shows_the_reference_its_number_and_the_verification_code(issued, kind):
    document = issued.documents[kind]
    pages = page_texts(document.pdf)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)} / 第{number}页 共{len(pages)}页" in text
        assert issued.reference in text
        assert f"验证码: {document.code}" in text
        assert f"http://localhost/verify/{document.code}" in text
        assert ("DRAFT / 草稿" in text) is (kind == AWARD)
    qr_codes = poppler("pdfimages", document.pdf, "-list").splitlines()[2:]
    assert sorted(int(row.split()[0]) for row in qr_codes) == list(range(1, len(pages) + 1))


@pytest.mark.parametrize("kind", KINDS)
def test_every_font_is_embedded_and_chinese_uses_noto_serif_cjk(issued, kind):
    rows = poppler("pdffonts", issued.documents[kind].pdf).splitlines()[2:]
    assert any("Noto-Serif-CJK-SC" in row for row in rows)
    assert any("DejaVu-Serif" in row for row in rows)
    for row in rows:
        assert row.split()[-5] == "yes", row  # the "emb" column


@pytest.mark.parametrize("kind", KINDS)
def test_output_is_pdf_a_3b_with_the_bilingual_title(issued, kind):
    document = issued.documents[kind]
    metadata = poppler("pdfinfo", document.pdf, "-meta")
    assert 'pdfaid:part="3"' in metadata
    assert 'pdfaid:conformance="B"' in metadata
    assert PdfReader(io.BytesIO(document.pdf)).metadata.title == SETTLEMENT_DOCUMENTS[kind].title


@pytest.mark.parametrize("kind", KINDS)
def test_the_approved_terms_are_attached_exactly(issued, kind):
    files = embedded_files(issued.documents[kind].pdf)
    assert list(files) == ["settlement-terms.json"]
    (attached,) = files["settlement-terms.json"]
    assert attached == issued.terms_json.encode()
    terms = SettlementTerms.from_json(attached.decode())
    assert terms == SettlementTerms.from_json(issued.terms_json)
    assert terms.obligations == REALISTIC_TERMS.obligations


@pytest.mark.parametrize("kind", KINDS)
def test_the_document_ties_itself_to_the_approved_version(issued, kind):
    document = issued.documents[kind]
    shows(document, f"version {issued.version_number} of the settlement terms",
          f"第{issued.version_number}版和解条款", issued.terms_sha256[:16])
    assert issued.terms_sha256 not in document.text  # the short form only


@pytest.mark.parametrize("kind", KINDS)
def test_the_record_keeps_the_snapshot_and_the_template(issued, kind):
    document = issued.documents[kind]
    snapshot = document.snapshot
    assert snapshot["schema"] == SNAPSHOT_SCHEMA
    assert snapshot["case"]["reference"] == issued.reference
    assert snapshot["case"]["scia_reference"] is None
    assert snapshot["settlement"]["terms"] == json.loads(issued.terms_json)
    assert snapshot["settlement"]["terms_sha256"] == issued.terms_sha256
    assert [(a["side"], a["signatory_name"]) for a in snapshot["settlement"]["approvals"]] == [
        ("claimant", "Tan Wei Ming"), ("respondent", "李娜")]
    assert snapshot["mediator"] == {"name": "Margaret Lim"}
    assert document.template == (SETTLEMENT_DOCUMENTS[kind].template,
                                 SETTLEMENT_DOCUMENTS[kind].template_version)


# --- the settlement agreement ----------------------------------------------------------------


def test_agreement_has_the_clauses_obligations_and_precedence(issued):
    document = issued.documents[AGREEMENT]
    terms = REALISTIC_TERMS
    shows(document, "SETTLEMENT AGREEMENT", "和解协议",
          "1. Recitals / 鉴于", terms.recitals_en, terms.recitals_zh,
          terms.costs_en, terms.costs_zh, terms.confidentiality_en, terms.confidentiality_zh,
          terms.governing_law_en, terms.governing_law_zh,
          terms.dispute_clause_en, terms.dispute_clause_zh,
          "If the two texts differ, the Chinese text prevails.", "以中文文本为准",
          "This Agreement takes effect on 29 November 2026.", "本协议自2026年11月29日起生效。",
          "本协议一式三份",
          # payment details
          "Payee account: Bank of China Shenzhen Branch, account 7410 0000 1234 5678",
          terms.obligations[0].late_interest_zh,
          # delivery: thing, quantity and unit, place, date
          "Quantity: 4 sets", "数量：4套", "Place of delivery: No. 8 Keji Road",
          "交付地点：深圳市南山区科技路8号", "Delivery on or before: 15 February 2027",
          "交付期限：2027年2月15日（含当日）", terms.obligations[4].thing_zh,
          # performance: object, standard, scope, deadline
          f"Act: {terms.obligations[5].object_en}", f"标准：{terms.obligations[5].standard_zh}",
          f"Scope: {terms.obligations[5].scope_en}", "履行期限：2026年12月31日（含当日）")


def test_agreement_has_execution_blocks_the_mediator_and_the_simc_attestation(issued):
    document = issued.documents[AGREEMENT]
    approved_on = date.fromisoformat(document.snapshot["settlement"]["approvals"][0]["approved_on"])
    shows(document,
          "Name / 姓名: Tan Wei Ming", "Title / 职务: Director",
          "Name / 姓名: 李娜", "Title / 职务: 法务总监",
          f"Approved in the SIMC case record by this signatory on {english_date(approved_on)}",
          f"该签字人已于{chinese_date(approved_on)}在新加坡国际调解中心案件记录中批准",
          "Signature of the mediator", "Name / 姓名: Margaret Lim",
          "The Singapore International Mediation Centre attests that this settlement agreement "
          f"resulted from a mediation administered by it under case reference {issued.reference}, "
          "conducted by the mediator Margaret Lim",
          "Article 4(1)(b)(iii)", "《新加坡调解公约》")
    # A seal space for the PRC party (and SIMC's), none for the Singapore party.
    assert document.text.count("（盖章）") == 2
    assert document.text.index("（盖章）") > document.text.index(compact(PEARL_RIVER["name_zh"]))


# --- the draft consent award -----------------------------------------------------------------


def test_award_is_a_marked_draft_for_scia_with_the_date_in_chinese_numerals(issued):
    document = issued.documents[AWARD]
    issue_date = date.fromisoformat(document.snapshot["issue_date"])
    numerals = chinese_numeral_date(issue_date)
    assert "〇" in numerals
    shows(document, "深圳国际仲裁院", "Shenzhen Court of International Arbitration",
          "DRAFT CONSENT AWARD", "裁决书（草稿）", "DRAFT / 草稿",
          "SCIA case number: to be assigned", "仲裁案号：待定",
          f"调解案号：{issued.reference}",
          "Place of arbitration: Shenzhen", "仲裁地：深圳",
          f"Date: {english_date(issue_date)}", f"日期：{chinese_date(issue_date)}",
          "首席仲裁员或独任仲裁员（签字）", "深圳国际仲裁院（盖章）")
    assert document.text.rindex(numerals) > document.text.index("首席仲裁员")


def test_award_states_the_arbitration_agreement_claims_mediation_and_operative_part(issued):
    document = issued.documents[AWARD]
    case = document.snapshot["case"]
    commenced = date.fromisoformat(case["commencement_date"])
    settled = date.fromisoformat(case["mediation_ended_on"])
    shows(document, case["clause_text"], REALISTIC_TERMS.dispute_clause_zh,
          case["dispute_summary"], "Amount in dispute: SGD 250,000.00",
          f"The mediation commenced on {english_date(commenced)} before the mediator Margaret Lim",
          f"调解于{chinese_date(commenced)}开始", f"{chinese_date(settled)}，双方当事人达成和解",
          "The tribunal awards as follows:", "仲裁庭裁决如下：",
          "7. Costs / 费用承担", REALISTIC_TERMS.costs_zh,
          "本裁决为终局裁决，自作出之日起发生法律效力。")
    operative = document.text[document.text.index(compact("仲裁庭裁决如下：")):]
    assert compact("¥125,000.00（大写：人民币壹拾贰万伍仟元整）") in operative
    assert compact("数量：4套") in operative


# --- a missing Chinese font ------------------------------------------------------------------


def test_without_a_chinese_font_issuing_fails_naming_the_characters(tmp_path, monkeypatch):
    scene = signed_scene()
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        "<dir>/usr/share/fonts/truetype/dejavu</dir>"
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))

    with pytest.raises(MissingGlyphs) as refused:
        issue_settlement_document(scene.registrar, scene.case, AGREEMENT, expected_version=None)

    assert set("和解协议") <= set(refused.value.characters)
    assert "和" in refused.value.message
    assert db.session.scalar(sa.select(sa.func.count(GeneratedDocument.id))) == 0


# --- the template context --------------------------------------------------------------------


def _snapshot(terms: SettlementTerms) -> dict:
    return {
        "schema": SNAPSHOT_SCHEMA, "issue_date": "2026-11-29",
        "case": {"reference": "SIMC-2026-0042", "scia_reference": None,
                 "dispute_summary": "货款纠纷", "amount_in_dispute": "1409.50",
                 "currency": "CNY", "clause_text": "SCIA", "commencement_date": None,
                 "mediation_ended_on": "2026-11-20"},
        "mediator": None,
        "settlement": {"version_number": 3, "terms_sha256": "ab" * 32,
                       "terms": json.loads(terms.to_json()), "approvals": []},
    }


def test_context_holds_plain_values_in_both_styles():
    context = document_context(_snapshot(REALISTIC_TERMS))
    payment, instalments, _, sgd, delivery, _ = context["obligations"]
    assert payment["amount"]["figures"] == "¥125,000.00"
    assert payment["amount"]["capitals"] == "人民币壹拾贰万伍仟元整"
    assert payment["due_date"] == {"en": "15 December 2026", "zh": "2026年12月15日",
                                   "numerals": "二〇二六年十二月十五日"}
    assert [row["amount"]["figures"] for row in instalments["schedule"]] == [
        "¥40,000.00", "¥30,000.00", "¥30,000.00"]
    assert sgd["amount"]["figures"] == "SGD 12,500.50" and sgd["amount"]["capitals"] is None
    assert delivery["quantity"] == "4"
    assert context["amount_in_dispute"]["capitals"] == "人民币壹仟肆佰零玖元伍角"
    assert context["issue_date"]["numerals"] == "二〇二六年十一月二十九日"
    assert context["terms_sha256_short"] == "ab" * 8
    assert (context["scia_reference"], context["mediator_name"], context["commencement_date"]) \
        == (None, None, None)
    assert context["dispute_summary"] == {"text": "货款纠纷", "lang": "zh-CN"}
    assert (context["originals"], context["originals_zh"]) == (3, "三")
    # Only plain values: the whole context survives a JSON round trip unchanged.
    assert json.loads(json.dumps(context)) == context


def test_party_blocks_name_the_registry_and_mark_prc_parties_for_a_seal():
    claimant, respondent = REALISTIC_TERMS.parties
    terms = replace(REALISTIC_TERMS, parties=(
        replace(claimant, side="claimant", jurisdiction="SG", registry_number="201500001M"),
        replace(respondent, side="respondent", jurisdiction="CN"),
    ))
    snapshot = _snapshot(terms)
    snapshot["settlement"]["approvals"] = [{
        "side": "respondent", "signatory_name": "李娜", "signatory_title": "法务总监",
        "approved_at": "2026-11-28T02:00:00+00:00", "approved_on": "2026-11-28",
        "terms_sha256": "ab" * 32,
    }]
    singapore, prc = document_context(snapshot)["parties"]
    assert (singapore["registry_kind_en"], singapore["side_zh"], singapore["prc"]) == (
        "Unique Entity Number (UEN)", "申请人", False)
    assert (prc["registry_kind_zh"], prc["side_en"], prc["prc"]) == (
        "统一社会信用代码", "Respondent", True)
    assert singapore["signatory"] is None
    assert prc["signatory"] == {"name": {"text": "李娜", "lang": "zh-CN"},
                                "title": {"text": "法务总监", "lang": "zh-CN"},
                                "approved_on": {"en": "28 November 2026", "zh": "2026年11月28日",
                                                "numerals": "二〇二六年十一月二十八日"}}


@pytest.mark.parametrize(("text", "lang"), [
    ("Tan Wei Ming", "en"), ("王伟", "zh-CN"), ("Director（董事）", "zh-CN"), ("", "en"),
])
def test_user_text_is_tagged_with_its_language(text, lang):
    assert text_lang(text) == lang


def test_quantities_are_printed_without_exponent_or_trailing_zeros():
    for quantity, printed in (("100", "100"), ("2.50", "2.5"), ("1E+2", "100")):
        terms = replace(REALISTIC_TERMS, obligations=(
            replace(DELIVERY, quantity=Decimal(quantity)),))
        assert document_context(_snapshot(terms))["obligations"][0]["quantity"] == printed
