"""Registrar closures of a business calendar (typhoon days, institution closures): a closed day
is not a working day in that jurisdiction, so deadlines ending on it move to the next working
day. Adding or removing one is audited; the caller commits."""

from __future__ import annotations

from datetime import date

from flask_babel import format_date
from flask_babel import lazy_gettext as _l

from casework.accounts.models import Role
from casework.audit.log import record
from casework.deadlines.calendars import CALENDAR_JURISDICTIONS
from casework.deadlines.models import Closure
from casework.errors import InvalidInput, NotPermitted
from casework.extensions import db
from casework.parties.models import Jurisdiction


def _require_registrar(actor) -> None:
    if actor is None or actor.role != Role.REGISTRAR:
        raise NotPermitted(_l("Only registrars manage the calendar closures."))


def closures() -> list[Closure]:
    """Every closure, the latest day first."""
    return list(db.session.scalars(
        db.select(Closure).order_by(Closure.day.desc(), Closure.jurisdiction)
    ))


def add_closure(actor, jurisdiction: Jurisdiction, day: date, reason: str) -> Closure:
    """Close ``day`` in ``jurisdiction`` (Singapore or mainland China) for ``reason``
    (registrar). One closure per jurisdiction and day."""
    _require_registrar(actor)
    if jurisdiction not in CALENDAR_JURISDICTIONS:
        raise InvalidInput(_l("Closures are recorded for Singapore or mainland China."))
    text = (reason or "").strip()
    if not text:
        raise InvalidInput(_l("Give the reason for the closure."))
    exists = db.session.scalar(
        db.select(Closure.id).filter_by(jurisdiction=jurisdiction, day=day)
    )
    if exists is not None:
        raise InvalidInput(_l("%(date)s is already recorded as closed there.",
                              date=format_date(day, "medium")))
    closure = Closure(jurisdiction=jurisdiction, day=day, reason=text, created_by=actor)
    db.session.add(closure)
    record(
        actor, "closure_added",
        f"{jurisdiction.value} closed on {day.isoformat()}: {text}",
        changes={"closure": [None, f"{jurisdiction.value} {day.isoformat()}"],
                 "reason": [None, text]},
    )
    db.session.flush()
    return closure


def remove_closure(actor, closure: Closure) -> None:
    """Reopen the day of ``closure`` (registrar): deadlines are computed without it again."""
    _require_registrar(actor)
    label = f"{closure.jurisdiction.value} {closure.day.isoformat()}"
    record(
        actor, "closure_removed", f"Closure removed: {label} ({closure.reason})",
        changes={"closure": [label, None], "reason": [closure.reason, None]},
    )
    db.session.delete(closure)
    db.session.flush()
