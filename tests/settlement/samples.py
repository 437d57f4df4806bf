"""A fully valid settlement used by the settlement tests."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from casework.settlement.terms import (
    DeliveryObligation,
    Instalment,
    LanguagePrecedence,
    Party,
    PaymentObligation,
    PerformanceObligation,
    SettlementTerms,
)

CLAIMANT = Party(
    key="claimant",
    name_en="Lion City Trading Pte. Ltd.",
    name_zh="狮城贸易私人有限公司",
    short_name_en="Lion City",
    short_name_zh="狮城公司",
)
RESPONDENT = Party(
    key="respondent",
    name_en="Shenzhen Pearl River Electronics Co., Ltd.",
    name_zh="深圳珠江电子有限公司",
    short_name_en="Pearl River",
    short_name_zh="珠江公司",
)

LUMP_SUM = PaymentObligation(
    obligor="respondent",
    obligee="claimant",
    amount=Decimal("325.04"),
    currency="CNY",
    due_date=date(2026, 12, 15),
    payee_account="Bank of China Shenzhen Branch, account 7410 0000 1234 5678",
    late_interest_en="Interest at double the LPR on any amount paid late.",
    late_interest_zh="逾期付款的，按全国银行间同业拆借中心公布的贷款市场报价利率的两倍计付利息。",
)
INSTALMENTS = PaymentObligation(
    obligor="respondent",
    obligee="claimant",
    amount=Decimal("100000.00"),
    currency="CNY",
    instalments=(
        Instalment(date(2027, 1, 31), Decimal("40000.00")),
        Instalment(date(2027, 2, 28), Decimal("30000.00")),
        Instalment(date(2027, 3, 31), Decimal("30000.00")),
    ),
    payee_account="Bank of China Shenzhen Branch, account 7410 0000 1234 5678",
)
DELIVERY = DeliveryObligation(
    obligor="claimant",
    obligee="respondent",
    thing_en="Injection moulds serial numbers M-1001 to M-1004 held at the claimant's warehouse",
    thing_zh="存放于申请人仓库的编号为M-1001至M-1004的注塑模具",
    quantity=Decimal("4"),
    unit_en="sets",
    unit_zh="套",
    place_en="No. 8 Keji Road, Nanshan District, Shenzhen",
    place_zh="深圳市南山区科技路8号",
    delivery_date=date(2027, 2, 15),
)
PERFORMANCE = PerformanceObligation(
    obligor="claimant",
    obligee="respondent",
    object_en="Remove the product listings for model PR-200 from its online store",
    object_zh="在其网店下架PR-200型号产品的全部商品链接",
    standard_en="No listing of model PR-200 remains publicly visible",
    standard_zh="PR-200型号产品不再有任何公开可见的商品链接",
    scope_en="All online stores operated by the claimant",
    scope_zh="申请人经营的全部网店",
    deadline=date(2026, 12, 31),
)

VALID_TERMS = SettlementTerms(
    parties=(CLAIMANT, RESPONDENT),
    obligations=(LUMP_SUM, INSTALMENTS, DELIVERY, PERFORMANCE),
    recitals_en="The parties mediated their dispute under SIMC case SIMC/MED/2026/0042.",
    recitals_zh="双方当事人就其争议在新加坡国际调解中心进行调解（案号SIMC/MED/2026/0042）。",
    costs_en="Each party bears its own costs.",
    costs_zh="双方各自承担己方费用。",
    confidentiality_en="The terms of this settlement are confidential.",
    confidentiality_zh="本和解协议条款保密。",
    governing_law_en="This agreement is governed by the laws of the People's Republic of China.",
    governing_law_zh="本协议适用中华人民共和国法律。",
    dispute_clause_en="Disputes shall be submitted to the Shenzhen Court of International "
    "Arbitration.",
    dispute_clause_zh="争议提交深圳国际仲裁院仲裁。",
    language_precedence=LanguagePrecedence.CHINESE,
    effective_date=date(2026, 11, 29),
)


def with_obligation(obligation):
    """The valid terms with a single obligation."""
    return replace(VALID_TERMS, obligations=(obligation,))
