"""Closing a case: by the registry with a reason, or on its own once the settlement recorded as
an award is fully performed (:func:`casework.arbitration.performance.close_when_fully_performed`
decides when, :func:`close_fully_performed` does it).

Either way the case moves to *closed* with ``closed_at`` set (a database CHECK ties the two),
the reason is kept on the SCIA proceeding when there is one and always in the audit entry, the
mediation hearings still open are cancelled (their participants are told) and everyone on the
case is e-mailed.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.arbitration.proceedings import proceeding_for
from casework.audit.log import record
from casework.cases import workflow
from casework.cases.models import Case, CaseState
from casework.cases.permissions import case_roles
from casework.cases.workflow import Action, Transition
from casework.db import now_utc
from casework.errors import IllegalTransition, InvalidInput
from casework.extensions import db
from casework.hearings.operations import cancel_open_hearings
from casework.notifications.recipients import everyone_on_case, notify_users

MAX_REASON_CHARS = 2000

FULLY_PERFORMED_REASON = "The settlement recorded in the award was fully performed."
"""The closing reason kept when a case closes because everything was performed."""


def close_case(actor, case: Case, reason: str, *, expected_version: int | None) -> None:
    """Close the case for ``reason`` (the registry; while the dispute is unsettled, at SCIA or
    after the award). Raises :class:`InvalidInput` without a reason or with one longer than
    :data:`MAX_REASON_CHARS`, and the workflow's errors (403 role, 409 state or stale form)."""
    transition = workflow.check(case, Action.CLOSE_CASE, case_roles(actor, case),
                                expected_version)
    text = (reason or "").strip()
    if not text:
        raise InvalidInput(_l("Give the reason for closing the case."))
    if len(text) > MAX_REASON_CHARS:
        raise InvalidInput(_l("The reason may be at most %(count)s characters.",
                              count=MAX_REASON_CHARS))
    _close(actor, case, transition, text, f"Case closed by the registry: {text}",
           fully_performed=False)


def close_fully_performed(actor, case: Case) -> None:
    """Close a case whose award has been issued because its settlement is fully performed
    (``actor``: the registrar whose record completed the performance). The caller has checked
    the performance; this checks only that the case may close now."""
    if case.state != CaseState.AWARD_ISSUED:
        raise IllegalTransition(_l("Only a case whose award has been issued closes on full "
                                   "performance."))
    transition = workflow.check(case, Action.CLOSE_CASE, case_roles(actor, case))
    _close(actor, case, transition, FULLY_PERFORMED_REASON,
           "Case closed: the settlement recorded in the award was fully performed",
           fully_performed=True)


def _close(actor, case: Case, transition: Transition, reason: str, summary: str, *,
           fully_performed: bool) -> None:
    """Move ``case`` to closed now, keep ``reason``, cancel open hearings, tell everyone."""
    now = now_utc()
    old_state = case.state
    proceeding = proceeding_for(case)
    if proceeding is not None:
        proceeding.closed_reason = reason
    case.closed_at = now
    workflow.apply(case, transition)
    record(actor, "close_case", summary, case=case,
           changes={"state": [old_state, case.state], "closed_reason": [None, reason],
                    "closed_at": [None, now.isoformat()], "fully_performed": fully_performed})
    cancel_open_hearings(actor, case, "The case was closed.", now=now)
    notify_users("case_closed", everyone_on_case(case), case=case, reason=reason,
                 fully_performed=fully_performed)
    db.session.flush()
