"""Demo settlements: CNY terms with an instalment schedule, approved and issued through the real
operations (used by ``seed-demo``)."""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date
from decimal import Decimal

from casework.documents.generated_models import GeneratedDocumentKind
from casework.settlement import operations
from casework.settlement.issuing import issue_settlement_document
from casework.settlement.terms import (
    DeliveryObligation,
    Instalment,
    PaymentObligation,
    PerformanceObligation,
)


def _month_end(start: date, months: int) -> date:
    """The last day of the month ``months`` after ``start``'s."""
    year, month = divmod(start.month - 1 + months, 12)
    year, month = start.year + year, month + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def demo_obligations(today: date) -> tuple:
    """The respondent pays CNY 1,250,000.00 in three instalments and confirms the quality
    programme in writing; the claimant returns the defective units."""
    instalments = (
        Instalment(_month_end(today, 1), Decimal("500000.00")),
        Instalment(_month_end(today, 3), Decimal("400000.00")),
        Instalment(_month_end(today, 5), Decimal("350000.00")),
    )
    return (
        PaymentObligation(
            obligor="respondent", obligee="claimant", amount=Decimal("1250000.00"),
            currency="CNY", instalments=instalments,
            payee_account="DBS Bank Ltd., Singapore, SWIFT DBSSSGSG, account 072-901234-5 "
                          "(CNY account of the claimant)",
            late_interest_en="Any instalment paid late bears interest at 1.5 times the one-year "
                             "Loan Prime Rate from its due date until paid.",
            late_interest_zh="任何一期逾期支付的，自到期日起至实际支付之日止，按一年期贷款市场"
                             "报价利率的1.5倍计付利息。",
        ),
        DeliveryObligation(
            obligor="claimant", obligee="respondent",
            thing_en="Defective LED panel driver units, batch LP-2025-07, held at the claimant's "
                     "Tuas warehouse",
            thing_zh="存放于申请人大士仓库的批号为LP-2025-07的不合格LED面板驱动器",
            quantity=Decimal("1200"), unit_en="units", unit_zh="台",
            place_en="The respondent's warehouse, 8 Keji South Road, Nanshan District, Shenzhen",
            place_zh="被申请人位于深圳市南山区科技南路8号的仓库",
            delivery_date=_month_end(today, 1),
        ),
        PerformanceObligation(
            obligor="respondent", obligee="claimant",
            object_en="Deliver a written quality-assurance plan for the replacement panels",
            object_zh="就更换面板向申请人提交书面质量保证方案",
            standard_en="The plan sets a failure-rate ceiling of 1% and monthly test reports, "
                        "signed by the respondent's quality director",
            standard_zh="方案须载明不高于1%的故障率上限及每月检测报告，并由被申请人质量总监签署",
            scope_en="All 4,800 replacement panels for the Marina Bay façade project",
            scope_zh="滨海湾幕墙项目全部4,800块更换面板",
            deadline=_month_end(today, 2),
        ),
    )


def settle(case, mediator, registrar, signatories: list, *, today: date, issue: bool) -> None:
    """Draft the demo terms for ``case`` (settled) as ``mediator``; each of ``signatories``
    approves them; when every party approved and ``issue`` is set, the registrar issues the
    settlement agreement and the draft consent award."""
    terms = replace(operations.first_draft(case), obligations=demo_obligations(today),
                    effective_date=today)
    version = operations.save_terms(mediator, case, terms, expected_number=None)
    for signatory in signatories:
        operations.approve_settlement(signatory, case, version.terms_sha256,
                                      expected_version=case.version)
    if issue:
        for kind in (GeneratedDocumentKind.SETTLEMENT_AGREEMENT,
                     GeneratedDocumentKind.CONSENT_AWARD_DRAFT):
            issue_settlement_document(registrar, case, kind, expected_version=case.version)
