"""Settlement terms as plain, immutable data (no ORM), serialisable to the JSON attached to the
generated documents as ``settlement-terms.json``.

Every text meant for the documents is held in both languages (``*_en`` / ``*_zh``). Parties are
referred to by their ``key`` inside obligations, so names cannot diverge between clauses.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

SCHEMA = "casework.settlement-terms/1"
"""Identifies the JSON layout; bump it when the layout changes."""


class LanguagePrecedence(enum.StrEnum):
    """Which text prevails if the English and Chinese versions differ."""

    CHINESE = "zh"
    ENGLISH = "en"


@dataclass(frozen=True)
class Party:
    """A party of the settlement: full registered names, the defined short names (简称), its side
    in the case (claimant / respondent), where and under which number it is registered, its
    domicile and its legal representative (法定代表人) with title — copied from the party registry
    when a version of the terms is saved, so an approved version fixes who the parties are."""

    key: str
    name_en: str
    name_zh: str
    short_name_en: str
    short_name_zh: str
    side: str = ""
    jurisdiction: str = ""
    registry_number: str = ""
    domicile_en: str = ""
    domicile_zh: str = ""
    legal_representative: str = ""
    legal_representative_title: str = ""


@dataclass(frozen=True)
class Instalment:
    """One instalment of a payment schedule."""

    due_date: date
    amount: Decimal


@dataclass(frozen=True)
class PaymentObligation:
    """The obligor pays the obligee a sum, on one due date or by an instalment schedule."""

    obligor: str
    obligee: str
    amount: Decimal
    currency: str
    due_date: date | None = None
    instalments: tuple[Instalment, ...] = ()
    payee_account: str = ""
    late_interest_en: str = ""
    late_interest_zh: str = ""


@dataclass(frozen=True)
class DeliveryObligation:
    """The obligor delivers a specific thing to the obligee at a place on a date."""

    obligor: str
    obligee: str
    thing_en: str
    thing_zh: str
    quantity: Decimal
    unit_en: str
    unit_zh: str
    place_en: str
    place_zh: str
    delivery_date: date | None


@dataclass(frozen=True)
class PerformanceObligation:
    """The obligor performs (or abstains from) an act for the obligee: its object, the standard
    it must meet, its scope, and the deadline."""

    obligor: str
    obligee: str
    object_en: str
    object_zh: str
    standard_en: str
    standard_zh: str
    scope_en: str
    scope_zh: str
    deadline: date | None


Obligation = PaymentObligation | DeliveryObligation | PerformanceObligation

_OBLIGATION_TYPES: dict[str, type] = {
    "payment": PaymentObligation,
    "delivery": DeliveryObligation,
    "performance": PerformanceObligation,
}
_TYPE_NAMES = {cls: name for name, cls in _OBLIGATION_TYPES.items()}


@dataclass(frozen=True)
class SettlementTerms:
    """The whole settlement: parties, numbered obligations (numbering follows the tuple order,
    starting at 1) and the general clauses, each in both languages."""

    parties: tuple[Party, ...]
    obligations: tuple[Obligation, ...]
    recitals_en: str = ""
    recitals_zh: str = ""
    costs_en: str = ""
    costs_zh: str = ""
    confidentiality_en: str = ""
    confidentiality_zh: str = ""
    governing_law_en: str = ""
    governing_law_zh: str = ""
    dispute_clause_en: str = ""
    dispute_clause_zh: str = ""
    language_precedence: LanguagePrecedence = LanguagePrecedence.CHINESE
    effective_date: date | None = None

    def party(self, key: str) -> Party | None:
        """The party with ``key``, or ``None``."""
        return next((party for party in self.parties if party.key == key), None)

    def to_json(self) -> str:
        """Serialise to JSON (amounts as strings, dates ISO 8601), stable key order."""
        data = {
            "schema": SCHEMA,
            "parties": [_plain(party) for party in self.parties],
            "obligations": [
                {"type": _TYPE_NAMES[type(obligation)], **_plain(obligation)}
                for obligation in self.obligations
            ],
            **{
                name: _encode(getattr(self, name))
                for name in _CLAUSE_FIELDS + ("language_precedence", "effective_date")
            },
        }
        return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> SettlementTerms:
        """Read terms written by :meth:`to_json`; malformed input raises ``ValueError``."""
        try:
            data = json.loads(text)
            if data.get("schema") != SCHEMA:
                raise ValueError(f"Unknown settlement terms schema: {data.get('schema')!r}.")
            obligations = []
            for item in data["obligations"]:
                item = dict(item)
                obligation_type = _OBLIGATION_TYPES[item.pop("type")]
                obligations.append(_build(obligation_type, item))
            return cls(
                parties=tuple(Party(**party) for party in data["parties"]),
                obligations=tuple(obligations),
                language_precedence=LanguagePrecedence(data["language_precedence"]),
                effective_date=_date_or_none(data["effective_date"]),
                **{name: str(data[name]) for name in _CLAUSE_FIELDS},
            )
        except (KeyError, TypeError, AttributeError, InvalidOperation) as error:
            raise ValueError(f"Malformed settlement terms JSON: {error!r}") from error


_CLAUSE_FIELDS = (
    "recitals_en",
    "recitals_zh",
    "costs_en",
    "costs_zh",
    "confidentiality_en",
    "confidentiality_zh",
    "governing_law_en",
    "governing_law_zh",
    "dispute_clause_en",
    "dispute_clause_zh",
)


def _encode(value: Any) -> Any:
    """A JSON-ready form of one field value."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _plain(obj: Any) -> dict[str, Any]:
    """A dataclass instance as a JSON-ready dictionary."""
    return {name: _encode(getattr(obj, name)) for name in obj.__dataclass_fields__}


def _date_or_none(value: str | None) -> date | None:
    """Parse an ISO date or ``None``."""
    return None if value is None else date.fromisoformat(value)


def _build(obligation_type: type, item: dict[str, Any]) -> Obligation:
    """Build one obligation from its JSON dictionary (without ``type``)."""
    for name in ("amount", "quantity"):
        if name in item:
            item[name] = Decimal(item[name])
    for name in ("due_date", "delivery_date", "deadline"):
        if name in item:
            item[name] = _date_or_none(item[name])
    if "instalments" in item:
        item["instalments"] = tuple(
            Instalment(date.fromisoformat(entry["due_date"]), Decimal(entry["amount"]))
            for entry in item["instalments"]
        )
    return obligation_type(**item)


def performance_date(obligation: Obligation) -> date | None:
    """The last day by which ``obligation`` must be performed, or ``None`` if it states none."""
    if isinstance(obligation, PaymentObligation):
        if obligation.instalments:
            return max(instalment.due_date for instalment in obligation.instalments)
        return obligation.due_date
    if isinstance(obligation, DeliveryObligation):
        return obligation.delivery_date
    return obligation.deadline


def last_performance_date(terms: SettlementTerms) -> date | None:
    """The end of the performance period: the latest due date, last instalment, delivery date or
    deadline of all obligations (the 2-year enforcement period runs from it); ``None`` when no
    obligation states a date (the period then runs from the date the document takes effect)."""
    dates = [d for d in map(performance_date, terms.obligations) if d is not None]
    return max(dates, default=None)
