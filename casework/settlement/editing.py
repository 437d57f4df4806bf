"""Editing settlement terms step by step: pure functions that return new terms.

The drafting pages change one part of the terms at a time (the general clauses, one obligation)
and save the result as a new version. Obligations are addressed by their number as printed
(1-based). An instalment schedule is entered as text, one instalment per line
(``YYYY-MM-DD amount``); :func:`parse_instalments` reads it and reports every bad line.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation

from casework.settlement.chinese_amounts import LIMIT as AMOUNT_LIMIT
from casework.settlement.terms import (
    DeliveryObligation,
    Instalment,
    LanguagePrecedence,
    Obligation,
    PaymentObligation,
    PerformanceObligation,
    SettlementTerms,
)

CLAUSE_TEXTS = (
    "recitals",
    "costs",
    "confidentiality",
    "governing_law",
    "dispute_clause",
)
"""The general clauses held in both languages (``<name>_en`` / ``<name>_zh``)."""

CLAUSE_FIELDS = (
    *(f"{name}_{language}" for name in CLAUSE_TEXTS for language in ("en", "zh")),
    "language_precedence",
    "effective_date",
)
"""Every field of the terms that is a general clause (all but the parties and obligations)."""

OBLIGATION_KINDS: dict[str, type] = {
    "payment": PaymentObligation,
    "delivery": DeliveryObligation,
    "performance": PerformanceObligation,
}
"""The kinds of obligation by the name used in URLs and forms."""


class NoSuchObligation(LookupError):
    """The terms have no obligation with that number."""


def kind_of(obligation: Obligation) -> str:
    """The kind of ``obligation``: ``payment``, ``delivery`` or ``performance``."""
    return next(name for name, cls in OBLIGATION_KINDS.items() if isinstance(obligation, cls))


def clauses_of(terms: SettlementTerms) -> dict[str, object]:
    """The general clauses of ``terms`` by field name (see :data:`CLAUSE_FIELDS`)."""
    return {name: getattr(terms, name) for name in CLAUSE_FIELDS}


def with_clauses(terms: SettlementTerms, clauses: Mapping[str, object]) -> SettlementTerms:
    """``terms`` with the general clauses named in ``clauses`` replaced (the others and the
    obligations unchanged); a name that is not a general clause raises ``ValueError``."""
    unknown = set(clauses) - set(CLAUSE_FIELDS)
    if unknown:
        raise ValueError(f"Not a general clause of the terms: {', '.join(sorted(unknown))}.")
    changes = dict(clauses)
    if "language_precedence" in changes:
        changes["language_precedence"] = LanguagePrecedence(changes["language_precedence"])
    return replace(terms, **changes)


def obligation_at(terms: SettlementTerms, number: int) -> Obligation:
    """Obligation ``number`` (1-based) of ``terms``; :class:`NoSuchObligation` if none."""
    if not 1 <= number <= len(terms.obligations):
        raise NoSuchObligation(number)
    return terms.obligations[number - 1]


def add_obligation(terms: SettlementTerms, obligation: Obligation) -> SettlementTerms:
    """``terms`` with ``obligation`` added as the last numbered obligation."""
    return replace(terms, obligations=(*terms.obligations, obligation))


def replace_obligation(
    terms: SettlementTerms, number: int, obligation: Obligation
) -> SettlementTerms:
    """``terms`` with obligation ``number`` replaced by ``obligation`` (same number)."""
    obligation_at(terms, number)
    obligations = list(terms.obligations)
    obligations[number - 1] = obligation
    return replace(terms, obligations=tuple(obligations))


def remove_obligation(terms: SettlementTerms, number: int) -> SettlementTerms:
    """``terms`` without obligation ``number``; the later obligations move up one number."""
    obligation_at(terms, number)
    return replace(
        terms, obligations=terms.obligations[: number - 1] + terms.obligations[number:]
    )


# Instalment schedules ----------------------------------------------------------------------


class ScheduleProblem(enum.StrEnum):
    """Why one line of an instalment schedule cannot be read."""

    FORMAT = "format"  # not "date amount"
    DATE = "date"  # not a real date in YYYY-MM-DD form
    AMOUNT = "amount"  # not a number
    NOT_POSITIVE = "not_positive"
    DECIMALS = "decimals"  # more than two decimal places
    TOO_LARGE = "too_large"  # not below AMOUNT_LIMIT


@dataclass(frozen=True)
class ScheduleLineError:
    """A line of the schedule (1-based, counting blank lines) and what is wrong with it."""

    line: int
    problem: ScheduleProblem


class ScheduleError(ValueError):
    """An instalment schedule with unreadable lines (all of them, in order)."""

    def __init__(self, errors: list[ScheduleLineError]):
        super().__init__(", ".join(f"line {e.line}: {e.problem.value}" for e in errors))
        self.errors = errors


_LINE = re.compile(r"(\S+)\s+(\S+)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_CENT = Decimal("0.01")


def _instalment(text: str) -> Instalment | ScheduleProblem:
    """One line as an instalment, or why it is not one."""
    match = _LINE.fullmatch(text)
    if match is None:
        return ScheduleProblem.FORMAT
    day_text, amount_text = match.groups()
    try:
        if not _ISO_DATE.fullmatch(day_text):
            raise ValueError(day_text)
        due = date.fromisoformat(day_text)
    except ValueError:
        return ScheduleProblem.DATE
    try:
        amount = Decimal(amount_text.replace(",", ""))
    except InvalidOperation:
        return ScheduleProblem.AMOUNT
    if not amount.is_finite():
        return ScheduleProblem.AMOUNT
    if amount <= 0:
        return ScheduleProblem.NOT_POSITIVE
    if amount % _CENT != 0:
        return ScheduleProblem.DECIMALS
    if amount >= AMOUNT_LIMIT:
        return ScheduleProblem.TOO_LARGE
    return Instalment(due, amount.quantize(_CENT))


def parse_instalments(text: str) -> tuple[Instalment, ...]:
    """Read a schedule written one instalment per line as ``YYYY-MM-DD amount`` (thousands
    separators allowed, at most two decimals), skipping blank lines. Raises
    :class:`ScheduleError` listing every line that cannot be read. Whether the instalments add
    up and fall due in order is for the enforceability check."""
    instalments: list[Instalment] = []
    errors: list[ScheduleLineError] = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        result = _instalment(line.strip())
        if isinstance(result, ScheduleProblem):
            errors.append(ScheduleLineError(number, result))
        else:
            instalments.append(result)
    if errors:
        raise ScheduleError(errors)
    return tuple(instalments)


def format_instalments(instalments: tuple[Instalment, ...]) -> str:
    """A schedule as the text :func:`parse_instalments` reads back."""
    return "\n".join(f"{i.due_date.isoformat()} {i.amount:.2f}" for i in instalments)
