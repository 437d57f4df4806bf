"""What a settlement document is made from: a plain-value snapshot, and the template context
derived from it.

:func:`settlement_snapshot` copies everything the settlement agreement and the draft consent
award print — the approved terms, who approved them, the case particulars, the mediator, the
issue date — into JSON-ready values, stored with the generated document so it can always be
explained (and re-rendered) without the database. :func:`document_context` turns a snapshot into
what the PDF templates use: amounts in figures and, for renminbi, in Chinese capitals, dates in
both styles, party blocks, numbered obligations and payment schedules. Templates get only these
plain values, never ORM objects, and insert them with autoescaping.
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from typing import Any

from casework.arbitration.proceedings import proceeding_for
from casework.cases.simc_clock import simc_date
from casework.settlement.chinese_amounts import amount_in_chinese_capitals, format_figures
from casework.settlement.dates import chinese_date, chinese_numeral_date, english_date
from casework.settlement.terms import (
    DeliveryObligation,
    LanguagePrecedence,
    Party,
    PaymentObligation,
    SettlementTerms,
)

SNAPSHOT_SCHEMA = "casework.settlement-document/1"
"""Identifies the snapshot layout; bump it when the layout changes."""

SHORT_DIGEST_LENGTH = 16
"""How many hex digits of the approved terms' sha256 the documents print."""

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")

_REGISTRY_KINDS = {
    "CN": ("Unified Social Credit Code", "统一社会信用代码"),
    "SG": ("Unique Entity Number (UEN)", "新加坡单一实体识别号（UEN）"),
}
_OTHER_REGISTRY_KIND = ("Registration number", "注册号码")
_SIDES = {"claimant": ("Claimant", "申请人"), "respondent": ("Respondent", "被申请人")}
_CURRENCY_NAMES = {
    "CNY": ("Chinese yuan (renminbi)", "人民币"),
    "SGD": ("Singapore dollars", "新加坡元"),
    "USD": ("US dollars", "美元"),
    "HKD": ("Hong Kong dollars", "港元"),
    "EUR": ("euros", "欧元"),
}
_COUNT_NUMERALS = "〇一二三四五六七八九十"


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _approval_snapshot(approval) -> dict[str, Any]:
    return {
        "side": approval.side.value,
        "signatory_name": approval.signatory_name,
        "signatory_title": approval.signatory_title,
        "approved_at": approval.approved_at.isoformat(),
        "approved_on": simc_date(approval.approved_at).isoformat(),
        "terms_sha256": approval.terms_sha256,
    }


def settlement_snapshot(case, version, issue_date: date) -> dict[str, Any]:
    """The plain values a settlement document of ``case`` is rendered from: the case
    particulars, the mediator, settlement ``version`` (its number, the sha256 and the content of
    its terms, the approvals of exactly these terms) and ``issue_date``.

    ``scia_reference`` is SCIA's case number once the case's SCIA proceeding has one (a
    draft consent award generated after SCIA assigned it prints it), else ``None``.
    """
    proceeding = proceeding_for(case)
    return {
        "schema": SNAPSHOT_SCHEMA,
        "issue_date": issue_date.isoformat(),
        "case": {
            "reference": case.reference,
            "scia_reference": proceeding.scia_reference if proceeding is not None else None,
            "dispute_summary": case.dispute_summary,
            "amount_in_dispute": (
                str(case.amount_in_dispute) if case.amount_in_dispute is not None else None
            ),
            "currency": case.currency.value if case.currency is not None else None,
            "clause_text": case.clause_text,
            "commencement_date": _iso(case.commencement_date),
            "mediation_ended_on": _iso(case.mediation_ended_on),
        },
        "mediator": {"name": case.mediator.name} if case.mediator is not None else None,
        "settlement": {
            "version_number": version.number,
            "terms_sha256": version.terms_sha256,
            "terms": json.loads(version.terms_json),
            "approvals": [
                _approval_snapshot(approval) for approval in version.approvals
                if approval.terms_sha256 == version.terms_sha256
            ],
        },
    }


# --- from a snapshot to the template context -----------------------------------------------


def text_lang(text: str) -> str:
    """The language tag for a user-entered text of unknown language: ``zh-CN`` when it contains
    Chinese characters or punctuation (so the Chinese font draws it), else ``en``."""
    return "zh-CN" if _CJK.search(text or "") else "en"


def _text(value: str) -> dict[str, str]:
    """A single-language user text with its language tag."""
    return {"text": value, "lang": text_lang(value)}


def _date(iso: str | None) -> dict[str, str] | None:
    """A date in the English and Chinese body-text styles (and in Chinese numerals)."""
    if iso is None:
        return None
    value = date.fromisoformat(iso)
    return {"en": english_date(value), "zh": chinese_date(value),
            "numerals": chinese_numeral_date(value)}


def amount(value: Decimal, currency: str) -> dict[str, Any]:
    """An amount in figures (``¥1,409.50`` / ``SGD 1,409.50``), with the currency's name in
    both languages, and for renminbi in Chinese capitals (``人民币壹仟肆佰零玖元伍角``)."""
    name_en, name_zh = _CURRENCY_NAMES.get(currency, (currency, currency))
    return {
        "figures": format_figures(value, currency),
        "capitals": amount_in_chinese_capitals(value) if currency == "CNY" else None,
        "currency": currency,
        "currency_en": name_en,
        "currency_zh": name_zh,
    }


def _quantity(value: Decimal) -> str:
    """A quantity without trailing zeros or exponent: 4, 2.5, 100."""
    return format(value.normalize(), "f")


def count_in_chinese(number: int) -> str:
    """A small count in Chinese numerals (一 … 十), Arabic figures beyond ten."""
    return _COUNT_NUMERALS[number] if 0 < number <= 10 else str(number)


def _party(party: Party, approvals: dict[str, dict]) -> dict[str, Any]:
    kind_en, kind_zh = _REGISTRY_KINDS.get(party.jurisdiction, _OTHER_REGISTRY_KIND)
    side_en, side_zh = _SIDES.get(party.side, ("Party", "当事人"))
    approval = approvals.get(party.key)
    return {
        "key": party.key,
        "side_en": side_en,
        "side_zh": side_zh,
        "name_en": party.name_en,
        "name_zh": party.name_zh,
        "short_name_en": party.short_name_en,
        "short_name_zh": party.short_name_zh,
        "registry_kind_en": kind_en,
        "registry_kind_zh": kind_zh,
        "registry_number": party.registry_number,
        "domicile_en": party.domicile_en,
        "domicile_zh": party.domicile_zh,
        "legal_representative": _text(party.legal_representative),
        "legal_representative_title": _text(party.legal_representative_title),
        "prc": party.jurisdiction == "CN",
        "signatory": None if approval is None else {
            "name": _text(approval["signatory_name"]),
            "title": _text(approval["signatory_title"]),
            "approved_on": _date(approval["approved_on"]),
        },
    }


def _approvals_by_party(terms: SettlementTerms, approvals: list[dict]) -> dict[str, dict]:
    """Each party's approval, matched by side in the order of the parties."""
    waiting = {side: [a for a in approvals if a["side"] == side]
               for side in {a["side"] for a in approvals}}
    matched = {}
    for party in terms.parties:
        candidates = waiting.get(party.side or party.key, [])
        if candidates:
            matched[party.key] = candidates.pop(0)
    return matched


def _obligation(number: int, obligation, parties: dict[str, dict]) -> dict[str, Any]:
    common = {
        "number": number,
        "obligor": parties[obligation.obligor],
        "obligee": parties[obligation.obligee],
    }
    if isinstance(obligation, PaymentObligation):
        schedule = [
            {"number": index, "due_date": _date(_iso(instalment.due_date)),
             "amount": amount(instalment.amount, obligation.currency)}
            for index, instalment in enumerate(obligation.instalments, start=1)
        ]
        return {
            **common,
            "kind": "payment",
            "amount": amount(obligation.amount, obligation.currency),
            "due_date": _date(_iso(obligation.due_date)),
            "schedule": schedule,
            "payee_account": _text(obligation.payee_account),
            "late_interest_en": obligation.late_interest_en,
            "late_interest_zh": obligation.late_interest_zh,
        }
    if isinstance(obligation, DeliveryObligation):
        return {
            **common,
            "kind": "delivery",
            "thing_en": obligation.thing_en,
            "thing_zh": obligation.thing_zh,
            "quantity": _quantity(obligation.quantity),
            "unit_en": obligation.unit_en,
            "unit_zh": obligation.unit_zh,
            "place_en": obligation.place_en,
            "place_zh": obligation.place_zh,
            "delivery_date": _date(_iso(obligation.delivery_date)),
        }
    return {
        **common,
        "kind": "performance",
        "object_en": obligation.object_en,
        "object_zh": obligation.object_zh,
        "standard_en": obligation.standard_en,
        "standard_zh": obligation.standard_zh,
        "scope_en": obligation.scope_en,
        "scope_zh": obligation.scope_zh,
        "deadline": _date(_iso(obligation.deadline)),
    }


def snapshot_terms(snapshot: dict[str, Any]) -> SettlementTerms:
    """The settlement terms held in ``snapshot``."""
    return SettlementTerms.from_json(json.dumps(snapshot["settlement"]["terms"]))


def document_context(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The template context of both settlement documents, from a :func:`settlement_snapshot`:
    plain strings, numbers, booleans, lists and dictionaries only."""
    settlement = snapshot["settlement"]
    terms = snapshot_terms(snapshot)
    case = snapshot["case"]
    approvals = _approvals_by_party(terms, settlement["approvals"])
    parties = [_party(party, approvals) for party in terms.parties]
    by_key = {party["key"]: party for party in parties}
    in_dispute = (
        amount(Decimal(case["amount_in_dispute"]), case["currency"])
        if case["amount_in_dispute"] is not None and case["currency"] else None
    )
    mediator = snapshot["mediator"]
    originals = len(parties) + 1
    return {
        "reference": case["reference"],
        "scia_reference": case["scia_reference"],
        "issue_date": _date(snapshot["issue_date"]),
        "version_number": settlement["version_number"],
        "terms_sha256": settlement["terms_sha256"],
        "terms_sha256_short": settlement["terms_sha256"][:SHORT_DIGEST_LENGTH],
        "parties": parties,
        "obligations": [
            _obligation(number, obligation, by_key)
            for number, obligation in enumerate(terms.obligations, start=1)
        ],
        "clauses": {
            name: getattr(terms, name) for name in (
                "recitals_en", "recitals_zh", "costs_en", "costs_zh", "confidentiality_en",
                "confidentiality_zh", "governing_law_en", "governing_law_zh",
                "dispute_clause_en", "dispute_clause_zh",
            )
        },
        "chinese_prevails": terms.language_precedence == LanguagePrecedence.CHINESE,
        "effective_date": _date(_iso(terms.effective_date)),
        "originals": originals,
        "originals_zh": count_in_chinese(originals),
        "mediator_name": _text(mediator["name"]) if mediator else None,
        "dispute_summary": _text(case["dispute_summary"]),
        "clause_text": _text(case["clause_text"]),
        "amount_in_dispute": in_dispute,
        "commencement_date": _date(case["commencement_date"]),
        "settlement_date": _date(case["mediation_ended_on"]),
    }
