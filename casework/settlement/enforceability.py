"""The enforceability check on settlement terms (Supreme People's Court provisions on
enforcing arbitral awards, 2018, Art. 3).

A PRC court may refuse enforcement when the operative terms leave unclear who owes whom, give no
definite amount, do not identify the thing to deliver, leave the object, standard or scope of an
act unclear, or merely say to continue performing the contract. :func:`check_enforceability`
lists every such failure per obligation, in English and Chinese, so the terms can be corrected
before anything is approved or issued. Messages are legal text for the documents and the parties,
written here as fixed ``(en, zh)`` pairs rather than through the interface catalogue.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from decimal import Decimal

from .terms import (
    DeliveryObligation,
    Obligation,
    PaymentObligation,
    PerformanceObligation,
    SettlementTerms,
)


class FailureKind(enum.StrEnum):
    """Why a term is not enforceable."""

    NO_OBLIGATIONS = "no_obligations"
    OBLIGOR_NOT_PARTY = "obligor_not_party"
    OBLIGEE_NOT_PARTY = "obligee_not_party"
    OBLIGOR_IS_OBLIGEE = "obligor_is_obligee"
    AMOUNT_NOT_DEFINITE = "amount_not_definite"
    CURRENCY_MISSING = "currency_missing"
    DUE_DATE_MISSING = "due_date_missing"
    DUE_DATE_AND_INSTALMENTS = "due_date_and_instalments"
    INSTALMENT_NOT_POSITIVE = "instalment_not_positive"
    INSTALMENTS_DO_NOT_SUM = "instalments_do_not_sum"
    INSTALMENT_DATES_NOT_INCREASING = "instalment_dates_not_increasing"
    THING_NOT_IDENTIFIED = "thing_not_identified"
    QUANTITY_MISSING = "quantity_missing"
    PLACE_MISSING = "place_missing"
    DELIVERY_DATE_MISSING = "delivery_date_missing"
    OBJECT_UNCLEAR = "object_unclear"
    STANDARD_UNCLEAR = "standard_unclear"
    SCOPE_UNCLEAR = "scope_unclear"
    DEADLINE_MISSING = "deadline_missing"
    CONTINUE_PERFORMANCE = "continue_performance"


_MESSAGES: dict[FailureKind, tuple[str, str]] = {
    FailureKind.NO_OBLIGATIONS: (
        "The settlement states no obligation, so there is nothing a court could enforce.",
        "和解协议未约定任何义务，法院无可执行的内容。",
    ),
    FailureKind.OBLIGOR_NOT_PARTY: (
        "The party who owes the obligation is not identified as a party to the settlement.",
        "未明确义务人，或义务人不是和解协议的当事人。",
    ),
    FailureKind.OBLIGEE_NOT_PARTY: (
        "The party to whom the obligation is owed is not identified as a party to the settlement.",
        "未明确权利人，或权利人不是和解协议的当事人。",
    ),
    FailureKind.OBLIGOR_IS_OBLIGEE: (
        "The same party is named as the one who owes and the one who is owed the obligation.",
        "义务人与权利人为同一当事人，权利义务主体不明确。",
    ),
    FailureKind.AMOUNT_NOT_DEFINITE: (
        "The payment does not state a definite amount greater than zero.",
        "给付金额不明确，须载明大于零的确定金额。",
    ),
    FailureKind.CURRENCY_MISSING: (
        "The payment does not state its currency as a three-letter code (for example CNY).",
        "未载明给付币种（须为三位字母代码，例如CNY）。",
    ),
    FailureKind.DUE_DATE_MISSING: (
        "The payment states neither a due date nor an instalment schedule.",
        "未载明付款期限或分期付款安排。",
    ),
    FailureKind.DUE_DATE_AND_INSTALMENTS: (
        "The payment states both a single due date and an instalment schedule; state only one.",
        "同时载明一次性付款期限和分期付款安排，履行期限不明确，只能约定其一。",
    ),
    FailureKind.INSTALMENT_NOT_POSITIVE: (
        "Every instalment must be an amount greater than zero.",
        "每期付款金额均须大于零。",
    ),
    FailureKind.INSTALMENTS_DO_NOT_SUM: (
        "The instalments do not add up to the total amount of the payment.",
        "各期付款金额之和与给付总额不一致。",
    ),
    FailureKind.INSTALMENT_DATES_NOT_INCREASING: (
        "Each instalment must fall due after the previous one.",
        "各期付款期限须依次晚于前一期。",
    ),
    FailureKind.THING_NOT_IDENTIFIED: (
        "The thing to be delivered is not identified in both English and Chinese.",
        "未以中英文明确载明应交付的特定物。",
    ),
    FailureKind.QUANTITY_MISSING: (
        "The delivery does not state a quantity greater than zero with its unit in both languages.",
        "未载明交付数量（须大于零）及其中英文计量单位。",
    ),
    FailureKind.PLACE_MISSING: (
        "The delivery does not state the place of delivery in both English and Chinese.",
        "未以中英文载明交付地点。",
    ),
    FailureKind.DELIVERY_DATE_MISSING: (
        "The delivery does not state the date by which the thing must be delivered.",
        "未载明交付期限。",
    ),
    FailureKind.OBJECT_UNCLEAR: (
        "The act to be performed is not described in both English and Chinese.",
        "未以中英文明确载明应履行的行为。",
    ),
    FailureKind.STANDARD_UNCLEAR: (
        "The standard the act must meet is not stated in both English and Chinese.",
        "未以中英文明确载明行为应达到的标准。",
    ),
    FailureKind.SCOPE_UNCLEAR: (
        "The scope of the act is not stated in both English and Chinese.",
        "未以中英文明确载明行为的范围。",
    ),
    FailureKind.DEADLINE_MISSING: (
        "The act does not state the date by which it must be performed.",
        "未载明履行期限。",
    ),
    FailureKind.CONTINUE_PERFORMANCE: (
        "The term only says to continue performing the contract; state the specific act or thing, "
        "its standard and scope, and the deadline instead.",
        "该条款仅约定继续履行合同，应改为载明具体的行为或标的物、标准、范围及履行期限。",
    ),
}

_CONTINUE_PERFORMANCE = re.compile(
    r"\b(?:continu\w*|keep|carry\s+on|resum\w*)\s+(?:to\s+|the\s+|with\s+(?:the\s+)?)?"
    r"(?:perform\w*|fulfil\w*|honou?r\w*|implement\w*|execut\w*)"
    r"|继续(?:履行|执行|履约)"
    r"|继续(?:按照?|依照|遵守)原?(?:合同|协议)"
    r"|恢复履行"
    r"|按照?原?(?:合同|协议)(?:约定)?履行",
    re.IGNORECASE,
)
_CURRENCY = re.compile(r"[A-Z]{3}")


@dataclass(frozen=True)
class Failure:
    """One reason why the terms are not enforceable.

    ``obligation`` is the obligation's number as printed (1-based), or ``None`` for a failure of
    the settlement as a whole.
    """

    obligation: int | None
    kind: FailureKind

    @property
    def message_en(self) -> str:
        """The explanation in English."""
        return _MESSAGES[self.kind][0]

    @property
    def message_zh(self) -> str:
        """The explanation in Simplified Chinese."""
        return _MESSAGES[self.kind][1]


def _blank(*texts: str) -> bool:
    """True when any of ``texts`` is empty or only whitespace."""
    return any(not (text or "").strip() for text in texts)


def says_continue_performance(text: str) -> bool:
    """True when ``text`` speaks of continuing to perform a contract (English or Chinese)."""
    return bool(_CONTINUE_PERFORMANCE.search(text or ""))


def _payment_failures(payment: PaymentObligation) -> list[FailureKind]:
    """What is missing from a payment obligation."""
    kinds = []
    amount = payment.amount
    if not (isinstance(amount, Decimal) and amount.is_finite() and amount > 0):
        kinds.append(FailureKind.AMOUNT_NOT_DEFINITE)
    if not _CURRENCY.fullmatch(payment.currency or ""):
        kinds.append(FailureKind.CURRENCY_MISSING)
    if payment.instalments:
        if payment.due_date is not None:
            kinds.append(FailureKind.DUE_DATE_AND_INSTALMENTS)
        amounts = [instalment.amount for instalment in payment.instalments]
        if not all(a.is_finite() and a > 0 for a in amounts):
            kinds.append(FailureKind.INSTALMENT_NOT_POSITIVE)
        elif FailureKind.AMOUNT_NOT_DEFINITE not in kinds and sum(amounts) != amount:
            kinds.append(FailureKind.INSTALMENTS_DO_NOT_SUM)
        dates = [instalment.due_date for instalment in payment.instalments]
        if any(later <= earlier for earlier, later in zip(dates, dates[1:], strict=False)):
            kinds.append(FailureKind.INSTALMENT_DATES_NOT_INCREASING)
    elif payment.due_date is None:
        kinds.append(FailureKind.DUE_DATE_MISSING)
    return kinds


def _delivery_failures(delivery: DeliveryObligation) -> list[FailureKind]:
    """What is missing from a delivery obligation."""
    kinds = []
    if _blank(delivery.thing_en, delivery.thing_zh):
        kinds.append(FailureKind.THING_NOT_IDENTIFIED)
    elif says_continue_performance(delivery.thing_en) or says_continue_performance(
        delivery.thing_zh
    ):
        kinds.append(FailureKind.CONTINUE_PERFORMANCE)
    quantity = delivery.quantity
    if not (isinstance(quantity, Decimal) and quantity.is_finite() and quantity > 0) or _blank(
        delivery.unit_en, delivery.unit_zh
    ):
        kinds.append(FailureKind.QUANTITY_MISSING)
    if _blank(delivery.place_en, delivery.place_zh):
        kinds.append(FailureKind.PLACE_MISSING)
    if delivery.delivery_date is None:
        kinds.append(FailureKind.DELIVERY_DATE_MISSING)
    return kinds


def _performance_failures(act: PerformanceObligation) -> list[FailureKind]:
    """What is missing from an obligation to perform (or abstain from) an act."""
    kinds = []
    if _blank(act.object_en, act.object_zh):
        kinds.append(FailureKind.OBJECT_UNCLEAR)
    elif says_continue_performance(act.object_en) or says_continue_performance(act.object_zh):
        kinds.append(FailureKind.CONTINUE_PERFORMANCE)
    if _blank(act.standard_en, act.standard_zh):
        kinds.append(FailureKind.STANDARD_UNCLEAR)
    if _blank(act.scope_en, act.scope_zh):
        kinds.append(FailureKind.SCOPE_UNCLEAR)
    if act.deadline is None:
        kinds.append(FailureKind.DEADLINE_MISSING)
    return kinds


def _obligation_failures(terms: SettlementTerms, obligation: Obligation) -> list[FailureKind]:
    """Every failure of one obligation: who owes whom, then its type's requirements."""
    kinds = []
    if terms.party(obligation.obligor) is None:
        kinds.append(FailureKind.OBLIGOR_NOT_PARTY)
    if terms.party(obligation.obligee) is None:
        kinds.append(FailureKind.OBLIGEE_NOT_PARTY)
    if obligation.obligor == obligation.obligee:
        kinds.append(FailureKind.OBLIGOR_IS_OBLIGEE)
    if isinstance(obligation, PaymentObligation):
        kinds += _payment_failures(obligation)
    elif isinstance(obligation, DeliveryObligation):
        kinds += _delivery_failures(obligation)
    else:
        kinds += _performance_failures(obligation)
    return kinds


def check_enforceability(terms: SettlementTerms) -> list[Failure]:
    """List why ``terms`` could not be enforced by a PRC court; an empty list means the terms
    pass. Failures are ordered by obligation number, settlement-wide failures first.

    The "continue to perform the contract" test applies to what a delivery or an act is: a thing
    or act described as continuing to perform the contract is refused, and the mediator states
    the specific thing or act instead. Payments are definite by their amount and due dates.
    """
    if not terms.obligations:
        return [Failure(None, FailureKind.NO_OBLIGATIONS)]
    return [
        Failure(number, kind)
        for number, obligation in enumerate(terms.obligations, start=1)
        for kind in _obligation_failures(terms, obligation)
    ]
