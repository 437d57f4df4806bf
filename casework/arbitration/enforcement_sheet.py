"""The Chinese-language enforcement application data sheet (强制执行申请书要素表): what an
applicant needs to write the application to the intermediate people's court, from the case.

:func:`data_sheet_snapshot` collects plain values — who applies (申请执行人: the parties owed
what is still outstanding) against whom (被执行人: the parties owing it), each with name,
registry number, domicile and legal representative; the award (SCIA case number, date); the
competent court for each debtor (:mod:`casework.arbitration.enforcement_court`); the amounts
still owed per obligation and instalment and in total; the enforcement application deadline; the
documents of the enforcement pack. It is stored with the generated PDF and attached to it as
``enforcement-data-sheet.json``. :func:`data_sheet_context` turns it into what
``templates/documents/pdf/enforcement_data_sheet.html`` prints (figures, and Chinese capitals
for renminbi). :func:`issue_enforcement_data_sheet` generates and records it (the registry),
each time as a new version with its own verification code.

Assumption, stated on the sheet: for an award made after escalation (no settlement terms held
by the case), the claimant applies against the respondent for what the award orders, and the
amounts are those of the award itself.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l

from casework.arbitration.amounts_owed import AmountsOwed
from casework.arbitration.award_deadlines import post_award_deadlines
from casework.arbitration.enforcement_court import RULE_EN, RULE_ZH, competent_court
from casework.arbitration.models import SciaProceeding
from casework.arbitration.performance import amounts_owed_for, settlement_terms
from casework.arbitration.post_award import PostAwardKind
from casework.arbitration.proceedings import proceeding_for
from casework.cases.models import Case, CaseState, PartySide
from casework.cases.permissions import case_roles
from casework.cases.simc_clock import simc_today
from casework.cases.workflow import CaseRole
from casework.documents.generated.issuing import issue_generated_document
from casework.documents.generated.operations import current_generated_document
from casework.documents.generated_models import GeneratedDocument, GeneratedDocumentKind
from casework.errors import IllegalTransition, NotPermitted
from casework.extensions import db
from casework.notifications.recipients import notify_users, party_users
from casework.settlement.dates import chinese_date, english_date
from casework.settlement.snapshot import amount
from casework.settlement.terms import (
    DeliveryObligation,
    SettlementTerms,
    last_performance_date,
)

SHEET_SCHEMA = "casework.enforcement-data-sheet/1"
"""Identifies the snapshot layout; bump it when the layout changes."""

SHEET_TEMPLATE = "documents/pdf/enforcement_data_sheet.html"
SHEET_TEMPLATE_VERSION = "1"
SHEET_TITLE = "强制执行申请书要素表 / Enforcement application data sheet"
SHEET_ATTACHMENT = "enforcement-data-sheet.json"

REGISTRY_KINDS = {
    "CN": ("Unified Social Credit Code", "统一社会信用代码"),
    "SG": ("Unique Entity Number (UEN)", "新加坡单一实体识别号（UEN）"),
}
OTHER_REGISTRY_KIND = ("Registration number", "注册号码")
SIDES = {"claimant": ("Claimant", "申请人"), "respondent": ("Respondent", "被申请人")}
CURRENCY_NAMES_ZH = {"CNY": "人民币", "SGD": "新加坡元", "USD": "美元", "HKD": "港元",
                     "EUR": "欧元"}


def award_recorded(case: Case, proceeding: SciaProceeding | None) -> bool:
    """Whether the case's award has been recorded: the case is *award issued*, or closed after
    its award was recorded."""
    if case.state == CaseState.AWARD_ISSUED:
        return True
    return (case.state == CaseState.CLOSED and proceeding is not None
            and proceeding.award_document_id is not None)


def proceeding_with_award(case: Case) -> SciaProceeding:
    """The case's SCIA proceeding, once its award is recorded; :class:`IllegalTransition`
    (409) before."""
    proceeding = proceeding_for(case)
    if (proceeding is None or proceeding.award_document_id is None
            or not award_recorded(case, proceeding)):
        raise IllegalTransition(_l("The enforcement pack is available once the award has been "
                                   "recorded."))
    return proceeding


def current_settlement_agreement(case: Case) -> GeneratedDocument | None:
    """The case's current, not revoked Settlement Agreement PDF, if one was generated."""
    document = current_generated_document(case, GeneratedDocumentKind.SETTLEMENT_AGREEMENT)
    return document if document is not None and document.revoked_at is None else None


def party_particulars(case_party) -> dict[str, Any]:
    """A party's identity as the party registry holds it now: names, registry number and its
    kind, domicile, legal representative and title, authorised signatories."""
    organisation = case_party.organisation
    jurisdiction = organisation.jurisdiction.value
    kind_en, kind_zh = REGISTRY_KINDS.get(jurisdiction, OTHER_REGISTRY_KIND)
    side_en, side_zh = SIDES[case_party.side.value]
    return {
        "side": case_party.side.value,
        "side_en": side_en,
        "side_zh": side_zh,
        **organisation.particulars(),
        "registry_kind_en": kind_en,
        "registry_kind_zh": kind_zh,
        "signatories": [{"name": s.name, "title": s.title} for s in organisation.signatories],
    }


def _ordered_unique(values) -> list:
    return list(dict.fromkeys(values))


def _enforcement_sides(terms: SettlementTerms | None,
                       owed: AmountsOwed | None) -> tuple[list[str], list[str]]:
    """The sides applying for enforcement and the sides it is sought against: the obligees and
    obligors of what is still owed in money; failing that, of the deliveries and acts still
    outstanding; failing that, of every obligation. Without settlement terms, the claimant
    against the respondent."""
    if terms is None or owed is None or not terms.obligations:
        return [PartySide.CLAIMANT.value], [PartySide.RESPONDENT.value]
    numbers = sorted({line.obligation for line in owed.lines if line.owed > 0}) or list(
        owed.outstanding_obligations) or list(range(1, len(terms.obligations) + 1))
    obligations = [terms.obligations[number - 1] for number in numbers]

    def side(key: str) -> str:
        party = terms.party(key)
        return (party.side or party.key) if party is not None else key

    return (_ordered_unique(side(o.obligee) for o in obligations),
            _ordered_unique(side(o.obligor) for o in obligations))


def _court(particulars: dict[str, Any]) -> dict[str, Any]:
    court = competent_court(jurisdiction=particulars["jurisdiction"],
                            domicile_zh=particulars["domicile_zh"],
                            domicile_en=particulars["domicile_en"])
    return {"in_mainland": court.in_mainland, "court_zh": court.court_zh,
            "court_en": court.court_en, "city_zh": court.city_zh, "city_en": court.city_en}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _owed_lines(terms: SettlementTerms, owed: AmountsOwed, today: date) -> list[dict]:
    """Each single payment or instalment not fully paid, with who owes it to whom."""
    lines = []
    for line in owed.lines:
        if line.owed <= 0:
            continue
        obligation = terms.obligations[line.obligation - 1]
        lines.append({
            "obligation": line.obligation, "instalment": line.instalment,
            "obligor": obligation.obligor, "obligee": obligation.obligee,
            "currency": line.currency, "due_date": _iso(line.due_date),
            "falls_due": line.due_date is None or line.due_date <= today,
            "due": str(line.due), "paid": str(line.paid), "owed": str(line.owed),
        })
    return lines


def _totals(lines: list[dict]) -> list[dict]:
    """What is still owed per currency, and how much of it has fallen due."""
    totals: dict[str, dict[str, Decimal]] = {}
    for line in lines:
        total = totals.setdefault(line["currency"], {"owed": Decimal("0"),
                                                     "fallen_due": Decimal("0")})
        total["owed"] += Decimal(line["owed"])
        if line["falls_due"]:
            total["fallen_due"] += Decimal(line["owed"])
    return [{"currency": currency, "owed": str(values["owed"]),
             "fallen_due": str(values["fallen_due"])} for currency, values in totals.items()]


def _other_obligations(terms: SettlementTerms, owed: AmountsOwed) -> list[dict]:
    """The deliveries and acts not yet recorded as performed."""
    outstanding = []
    for number in owed.outstanding_obligations:
        obligation = terms.obligations[number - 1]
        if isinstance(obligation, DeliveryObligation):
            entry = {
                "kind": "delivery", "deadline": _iso(obligation.delivery_date),
                "what_zh": f"交付{obligation.thing_zh}，数量{obligation.quantity.normalize():f}"
                           f"{obligation.unit_zh}，交付地点：{obligation.place_zh}",
                "what_en": f"Deliver {obligation.thing_en}, {obligation.quantity.normalize():f} "
                           f"{obligation.unit_en}, at {obligation.place_en}",
            }
        else:
            entry = {
                "kind": "performance", "deadline": _iso(obligation.deadline),
                "what_zh": f"{obligation.object_zh}（标准：{obligation.standard_zh}；范围："
                           f"{obligation.scope_zh}）",
                "what_en": f"{obligation.object_en} (standard: {obligation.standard_en}; "
                           f"scope: {obligation.scope_en})",
            }
        outstanding.append({"obligation": number, "obligor": obligation.obligor,
                            "obligee": obligation.obligee, **entry})
    return outstanding


def _deadline(case: Case, terms: SettlementTerms | None) -> dict[str, Any] | None:
    """The enforcement application deadline (the award deadlines' own computation)."""
    deadline = next((d for d in post_award_deadlines(case)
                     if d.kind == PostAwardKind.ENFORCEMENT), None)
    if deadline is None:
        return None
    from_award = terms is None or last_performance_date(terms) is None
    return {"due": deadline.due.isoformat(), "starts": deadline.starts.day.isoformat(),
            "period_end": deadline.period_end.isoformat(), "from_award": from_award}


def pack_documents(case: Case, proceeding: SciaProceeding, *,
                   settlement_agreement: bool) -> list[dict[str, str]]:
    """The documents of the enforcement pack, as the data sheet lists them."""
    documents = [{"name_zh": "仲裁裁决书", "name_en": "The award"}]
    if settlement_agreement:
        documents.append({"name_zh": "和解协议", "name_en": "The settlement agreement"})
    documents.append({"name_zh": "仲裁协议（所依据的仲裁条款文本）",
                      "name_en": "The arbitration agreement (the clause relied on)"})
    if proceeding.arbitration_agreement_document_id is not None:
        documents.append({"name_zh": "当事人新达成的仲裁协议",
                          "name_en": "The parties' new arbitration agreement"})
    documents.append({"name_zh": "当事人身份信息（名称、统一社会信用代码或登记号码、住所、"
                                 "法定代表人及授权签字人）",
                      "name_en": "The parties' identity details"})
    documents.append({"name_zh": "本要素表", "name_en": "This data sheet"})
    return documents


def data_sheet_snapshot(case: Case, proceeding: SciaProceeding, today: date, *,
                        settlement_agreement: bool) -> dict[str, Any]:
    """The plain values the data sheet of ``case`` is made from, as of ``today`` (its
    proceeding's award must be recorded); ``settlement_agreement``: whether the pack carries a
    settlement agreement."""
    terms = settlement_terms(case)
    owed = amounts_owed_for(case)
    applicant_sides, respondent_sides = _enforcement_sides(terms, owed)
    by_side = {party.side.value: party for party in case.parties}
    applicants = [party_particulars(by_side[side]) for side in applicant_sides
                  if side in by_side]
    respondents = [{**party_particulars(by_side[side]), "court": None} for side in
                   respondent_sides if side in by_side]
    for respondent in respondents:
        respondent["court"] = _court(respondent)
    lines = _owed_lines(terms, owed, today) if terms is not None and owed is not None else []
    return {
        "schema": SHEET_SCHEMA,
        "prepared_on": today.isoformat(),
        "case": {"reference": case.reference, "scia_reference": proceeding.scia_reference,
                 "route": proceeding.route.value},
        "award": {"date": _iso(proceeding.award_date),
                  "received_on": _iso(proceeding.award_received_on)},
        "settlement_terms": terms is not None,
        "applicants": applicants,
        "respondents": respondents,
        "court_rule_zh": RULE_ZH,
        "court_rule_en": RULE_EN,
        "amounts_owed": lines,
        "totals": _totals(lines),
        "other_obligations": (_other_obligations(terms, owed)
                              if terms is not None and owed is not None else []),
        "enforcement_deadline": _deadline(case, terms),
        "documents": pack_documents(case, proceeding, settlement_agreement=settlement_agreement),
    }


# --- from a snapshot to the template context -----------------------------------------------


def _date(iso: str | None) -> dict[str, str] | None:
    if iso is None:
        return None
    value = date.fromisoformat(iso)
    return {"en": english_date(value), "zh": chinese_date(value)}


def _money(value: str, currency: str) -> dict[str, Any]:
    shown = amount(Decimal(value), currency)
    return {**shown, "currency_zh": CURRENCY_NAMES_ZH.get(currency, currency)}


def data_sheet_context(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The template context of the data sheet, from a :func:`data_sheet_snapshot`: plain
    strings, booleans, lists and dictionaries only."""
    names = {party["side"]: party["name_zh"] or party["name_en"]
             for party in snapshot["applicants"] + snapshot["respondents"]}
    lines = [{**line, "due_date": _date(line["due_date"]),
              "due": _money(line["due"], line["currency"]),
              "paid": _money(line["paid"], line["currency"]),
              "owed": _money(line["owed"], line["currency"]),
              "obligor_name": names.get(line["obligor"], line["obligor"]),
              "obligee_name": names.get(line["obligee"], line["obligee"])}
             for line in snapshot["amounts_owed"]]
    deadline = snapshot["enforcement_deadline"]
    return {
        "reference": snapshot["case"]["reference"],
        "scia_reference": snapshot["case"]["scia_reference"],
        "prepared_on": _date(snapshot["prepared_on"]),
        "award_date": _date(snapshot["award"]["date"]),
        "award_received_on": _date(snapshot["award"]["received_on"]),
        "settlement_terms": snapshot["settlement_terms"],
        "applicants": snapshot["applicants"],
        "respondents": snapshot["respondents"],
        "court_rule_zh": snapshot["court_rule_zh"],
        "court_rule_en": snapshot["court_rule_en"],
        "lines": lines,
        "totals": [{"owed": _money(total["owed"], total["currency"]),
                    "fallen_due": _money(total["fallen_due"], total["currency"]),
                    "all_fallen_due": Decimal(total["owed"]) == Decimal(total["fallen_due"])}
                   for total in snapshot["totals"]],
        "requested": [_money(total["fallen_due"], total["currency"])
                      for total in snapshot["totals"] if Decimal(total["fallen_due"]) > 0],
        "other_obligations": [
            {**entry, "deadline": _date(entry["deadline"]),
             "obligor_name": names.get(entry["obligor"], entry["obligor"]),
             "obligee_name": names.get(entry["obligee"], entry["obligee"])}
            for entry in snapshot["other_obligations"]
        ],
        "deadline": None if deadline is None else {
            "due": _date(deadline["due"]), "starts": _date(deadline["starts"]),
            "from_award": deadline["from_award"],
        },
        "documents": snapshot["documents"],
    }


def issue_enforcement_data_sheet(actor, case: Case) -> GeneratedDocument:
    """Generate the case's enforcement application data sheet from today's figures, as the
    next version (the previous one becomes superseded); the registry, once the award is
    recorded. The parties are told the enforcement pack is ready.

    Raises :class:`NotPermitted` for anyone but the registry, :class:`IllegalTransition`
    before the award is recorded, and the renderer's refusals (nothing recorded).
    """
    if CaseRole.REGISTRAR not in case_roles(actor, case):
        raise NotPermitted(_l("Only the registry prepares the enforcement application data "
                              "sheet."))
    proceeding = proceeding_with_award(case)
    snapshot = data_sheet_snapshot(case, proceeding, simc_today(),
                                   settlement_agreement=current_settlement_agreement(case)
                                   is not None)
    document = issue_generated_document(
        actor, case, GeneratedDocumentKind.ENFORCEMENT_DATA_SHEET, template=SHEET_TEMPLATE,
        template_version=SHEET_TEMPLATE_VERSION, title=SHEET_TITLE,
        context=data_sheet_context(snapshot), snapshot=snapshot,
        attachments={SHEET_ATTACHMENT: json.dumps(snapshot, ensure_ascii=False, indent=2,
                                                  sort_keys=True).encode("utf-8")},
        lang="zh-CN",
    )
    notify_users("enforcement_pack_ready", party_users(case), case=case,
                 version_number=document.version_number,
                 verification_code=document.verification_code)
    db.session.flush()
    return document
