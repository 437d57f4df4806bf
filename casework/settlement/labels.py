"""What the settlement's kinds and choices are called on pages, in the viewer's language (one
definition each; template globals through the settlement blueprint)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.settlement.editing import ScheduleProblem
from casework.settlement.terms import LanguagePrecedence

OBLIGATION_KIND_LABELS = {
    "payment": _l("Payment"),
    "delivery": _l("Delivery of a specific thing"),
    "performance": _l("Performance of an act or abstention"),
}
ADD_OBLIGATION_LABELS = {
    "payment": _l("Add a payment"),
    "delivery": _l("Add a delivery"),
    "performance": _l("Add an act to perform or abstain from"),
}
LANGUAGE_PRECEDENCE_LABELS = {
    LanguagePrecedence.CHINESE: _l("The Chinese text prevails"),
    LanguagePrecedence.ENGLISH: _l("The English text prevails"),
}
CURRENCY_LABELS = {
    "CNY": _l("CNY — Chinese yuan (renminbi)"),
    "SGD": _l("SGD — Singapore dollar"),
    "USD": _l("USD — US dollar"),
    "HKD": _l("HKD — Hong Kong dollar"),
    "EUR": _l("EUR — euro"),
}
"""The currencies a payment may be stated in (ISO 4217)."""

SCHEDULE_PROBLEM_LABELS = {
    ScheduleProblem.FORMAT: _l("write the due date, a space, then the amount "
                               "(for example 2027-01-31 40000.00)"),
    ScheduleProblem.DATE: _l("the due date must be a real date written YYYY-MM-DD"),
    ScheduleProblem.AMOUNT: _l("the amount must be a number"),
    ScheduleProblem.NOT_POSITIVE: _l("the amount must be greater than zero"),
    ScheduleProblem.DECIMALS: _l("the amount may have at most two decimal places"),
    ScheduleProblem.TOO_LARGE: _l("the amount must be below one trillion (1,000,000,000,000)"),
}
