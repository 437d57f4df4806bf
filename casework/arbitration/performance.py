"""Recording what the parties performed of their settlement, so the amounts still owed are right.

The registry records each payment received against one single payment or one instalment of a
payment obligation of the approved settlement (never more than is due: an overpayment is refused
naming the instalment), and each delivery or act performed. Each record is audited and the
parties are e-mailed a receipt. Once the award has been issued and everything is performed, the
case closes in the same operation.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.attributes import flag_modified

from casework.arbitration.amounts_owed import (
    AmountsOwed,
    RecordedPayment,
    RecordedPerformance,
    amounts_owed,
)
from casework.arbitration.closing import close_fully_performed
from casework.arbitration.models import PerformanceRecord
from casework.audit.log import record
from casework.cases import workflow
from casework.cases.models import Case, CaseState
from casework.cases.permissions import case_roles
from casework.cases.simc_clock import simc_today
from casework.cases.workflow import Action
from casework.db import now_utc
from casework.errors import IllegalTransition, InvalidInput
from casework.extensions import db
from casework.notifications.recipients import notify_users, party_users
from casework.settlement.chinese_amounts import format_figures
from casework.settlement.editing import kind_of
from casework.settlement.operations import settlement_for
from casework.settlement.terms import SettlementTerms

MAX_NOTE_CHARS = 2000


def settlement_terms(case: Case) -> SettlementTerms | None:
    """The terms of the case's settlement (its current version: the one the parties approved
    before it could be signed), or ``None`` when the case has no settlement."""
    settlement = settlement_for(case)
    return settlement.current_version.terms if settlement is not None else None


def performance_records(case: Case) -> list[PerformanceRecord]:
    """What has been recorded as performed on ``case``, in the order it happened."""
    return list(db.session.scalars(
        db.select(PerformanceRecord).filter_by(case_id=case.id)
        .order_by(PerformanceRecord.performed_on, PerformanceRecord.id)
    ))


def _payments(records) -> list[RecordedPayment]:
    return [RecordedPayment(r.obligation_number, r.instalment_number, r.amount, r.performed_on)
            for r in records if r.amount is not None]


def _performances(records) -> list[RecordedPerformance]:
    return [RecordedPerformance(r.obligation_number, r.performed_on)
            for r in records if r.amount is None]


def amounts_owed_for(case: Case) -> AmountsOwed | None:
    """What is due, paid and still owed under the case's settlement, and which deliveries and
    acts are performed; ``None`` when the case has no settlement."""
    terms = settlement_terms(case)
    if terms is None:
        return None
    records = performance_records(case)
    return amounts_owed(terms, _payments(records), _performances(records))


def close_when_fully_performed(actor, case: Case) -> bool:
    """Close ``case`` (as ``actor``) if its award has been issued and its settlement is fully
    performed; return whether it closed. Called after each record, and usable once the award
    is recorded on a settlement already performed."""
    if case.state != CaseState.AWARD_ISSUED:
        return False
    owed = amounts_owed_for(case)
    if owed is None or not owed.fully_performed:
        return False
    close_fully_performed(actor, case)
    return True


def _prepare(actor, case: Case, expected_version: int | None) -> SettlementTerms:
    """Check the actor may record performance now; the settlement's terms."""
    workflow.check(case, Action.RECORD_PERFORMANCE, case_roles(actor, case), expected_version)
    return terms_to_perform(case)


def terms_to_perform(case: Case) -> SettlementTerms:
    """The case's settlement terms; :class:`IllegalTransition` (409) when it has none (an
    award made after escalation), so there is no performance to record."""
    terms = settlement_terms(case)
    if terms is None:
        raise IllegalTransition(_l("This case has no settlement whose performance could be "
                                   "recorded."))
    return terms


def _check_day(day: date, today: date | None) -> None:
    if day > (today or simc_today()):
        raise InvalidInput(_l("The date cannot be in the future."))


def _note(note: str) -> str:
    text = (note or "").strip()
    if len(text) > MAX_NOTE_CHARS:
        raise InvalidInput(_l("The note may be at most %(count)s characters.",
                              count=MAX_NOTE_CHARS))
    return text


def _touch(case: Case) -> None:
    """Mark ``case`` changed so its version moves on: a form loaded before this record (which
    showed other amounts owed) is stale, and two records made at once cannot both pass."""
    case.updated_at = now_utc()
    flag_modified(case, "updated_at")


def _owed_totals(owed: AmountsOwed) -> list[str]:
    """What is still owed in total, per currency, in figures."""
    return [format_figures(total, currency) for currency, total in owed.owed_by_currency.items()]


def record_payment(actor, case: Case, *, obligation: int, instalment: int | None,
                   amount: Decimal, received_on: date, note: str = "",
                   expected_version: int | None, today: date | None = None) -> PerformanceRecord:
    """Record a payment of ``amount`` received on ``received_on`` (not after ``today``, SIMC's
    date by default) against payment obligation ``obligation`` of the settlement — against its
    instalment number ``instalment`` for a schedule, ``None`` for a single payment (the
    registry, once the settlement is signed).

    Raises :class:`InvalidInput` (nothing recorded) for a date in the future, an overlong
    note, a payment against no payment obligation or instalment, an amount not above zero or
    with more than two decimals, and an overpayment (naming the instalment or payment); the
    parties are e-mailed a receipt. If the award has been issued and this completes the
    performance, the case closes.
    """
    terms = _prepare(actor, case, expected_version)
    _check_day(received_on, today)
    text = _note(note)
    records = performance_records(case)
    payment = RecordedPayment(obligation, instalment, amount, received_on)
    before = amounts_owed(terms, _payments(records), _performances(records))
    after = amounts_owed(terms, [*_payments(records), payment], _performances(records))
    line = next(line for line in after.lines
                if (line.obligation, line.instalment) == (obligation, instalment))
    performance = PerformanceRecord(
        case_id=case.id, obligation_number=obligation, instalment_number=instalment,
        amount=amount, performed_on=received_on, note=text, recorded_by_id=actor.id,
    )
    db.session.add(performance)
    _touch(case)
    db.session.flush()
    paid = format_figures(amount, line.currency)
    part = (f"instalment {instalment} of obligation {obligation}" if instalment is not None
            else f"obligation {obligation}")
    record(actor, "record_performance",
           f"Payment of {paid} received on {received_on.isoformat()} for {part}", case=case,
           changes={"obligation": obligation, "instalment": instalment,
                    "amount": [None, str(amount)], "currency": line.currency,
                    "received_on": received_on, "note": text,
                    "owed": [str(line.owed + amount), str(line.owed)],
                    "owed_in_total": [str(before.owed_by_currency[line.currency]),
                                      str(after.owed_by_currency[line.currency])]})
    notify_users("payment_received", party_users(case), case=case, obligation=obligation,
                 instalment=instalment, amount=paid, received_on=received_on, note=text,
                 owed=format_figures(line.owed, line.currency), owed_totals=_owed_totals(after))
    close_when_fully_performed(actor, case)
    db.session.flush()
    return performance


def record_obligation_performed(actor, case: Case, *, obligation: int, performed_on: date,
                                note: str, expected_version: int | None,
                                today: date | None = None) -> PerformanceRecord:
    """Record that delivery or performance obligation ``obligation`` of the settlement was
    performed on ``performed_on`` (not after ``today``), with a ``note`` saying how it is
    known (the registry, once the settlement is signed).

    Raises :class:`InvalidInput` (nothing recorded) for a date in the future, a missing or
    overlong note, an obligation that is not a delivery or act, or one already recorded as
    performed; the parties are told. If the award has been issued and this completes the
    performance, the case closes.
    """
    terms = _prepare(actor, case, expected_version)
    _check_day(performed_on, today)
    text = _note(note)
    if not text:
        raise InvalidInput(_l("Say how the performance is known (for example the signed "
                              "delivery note)."))
    records = performance_records(case)
    after = amounts_owed(terms, _payments(records),
                         [*_performances(records), RecordedPerformance(obligation, performed_on)])
    performance = PerformanceRecord(
        case_id=case.id, obligation_number=obligation, instalment_number=None, amount=None,
        performed_on=performed_on, note=text, recorded_by_id=actor.id,
    )
    db.session.add(performance)
    _touch(case)
    db.session.flush()
    kind = kind_of(terms.obligations[obligation - 1])
    record(actor, "record_performance",
           f"Obligation {obligation} ({kind}) performed on {performed_on.isoformat()}",
           case=case, changes={"obligation": obligation, "kind": kind,
                               "performed_on": [None, performed_on], "note": text,
                               "outstanding": list(after.outstanding_obligations)})
    notify_users("obligation_performed", party_users(case), case=case, obligation=obligation,
                 performed_on=performed_on, note=text,
                 owed_totals=_owed_totals(after), outstanding=list(after.outstanding_obligations))
    close_when_fully_performed(actor, case)
    db.session.flush()
    return performance
