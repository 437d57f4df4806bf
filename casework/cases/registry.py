"""Registry work on a filed Request for Mediation: acknowledgement (and commencement), requests
for more information, rejection, the filing fee payment, and the claimant's withdrawal.

Each operation checks the workflow table, mutates the case, writes an audit entry, queues the
e-mails and flushes; the caller commits.
"""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l

from casework.audit.log import record
from casework.cases import workflow
from casework.cases.models import Case, PartySide, RespondentAnswer
from casework.cases.permissions import case_roles
from casework.cases.simc_clock import simc_today
from casework.cases.workflow import Action
from casework.db import now_utc
from casework.errors import IllegalTransition, InvalidInput
from casework.extensions import db
from casework.hearings.operations import cancel_open_hearings
from casework.notifications.recipients import (
    everyone_on_case,
    notify_users,
    party_users,
    registrars,
)


def acknowledgement_commences(case: Case) -> bool:
    """Whether acknowledging ``case`` also commences the mediation.

    SIMC practice: with a prior agreement to mediate, or once the respondent has agreed, the
    acknowledgement date is both the filing date and the commencement date. Otherwise the
    mediation commences when the respondent agrees.
    """
    return case.prior_agreement_to_mediate or case.respondent_answer == RespondentAnswer.AGREE


def acknowledgement_action(case: Case) -> Action:
    """The workflow action an acknowledgement of ``case`` is: with or without commencement."""
    if acknowledgement_commences(case):
        return Action.ACKNOWLEDGE_AND_COMMENCE
    return Action.ACKNOWLEDGE


def acknowledge_filing(actor, case: Case, *, expected_version: int, today: date) -> None:
    """Acknowledge a filed Request for Mediation in writing (registrar).

    ``today`` (the date in Singapore) becomes the acknowledgement and filing date; when the
    acknowledgement commences the mediation (see :func:`acknowledgement_commences`) it is the
    commencement date too, else the case awaits the respondent's agreement.
    """
    action = acknowledgement_action(case)
    transition = workflow.check(case, action, case_roles(actor, case), expected_version)
    changes = {
        "state": [case.state, transition.target],
        "acknowledged_on": [case.acknowledged_on, today],
        "filing_date": [case.filing_date, today],
    }
    case.acknowledged_on = today
    case.filing_date = today
    commences = action == Action.ACKNOWLEDGE_AND_COMMENCE
    if commences:
        changes["commencement_date"] = [case.commencement_date, today]
        case.commencement_date = today
    workflow.apply(case, transition)
    outcome = "mediation commenced" if commences else "awaiting the respondent's agreement"
    record(
        actor,
        Action.ACKNOWLEDGE_AND_COMMENCE.value if commences else Action.ACKNOWLEDGE.value,
        f"Filing acknowledged on {today.isoformat()}; {outcome}",
        case=case,
        changes=changes,
    )
    parties = party_users(case)
    notify_users("filing_acknowledged", parties, case=case, commences=commences)
    if commences:
        notify_users("mediation_commenced", parties, case=case)
    db.session.flush()


def request_information(actor, case: Case, request_text: str, *, expected_version: int) -> None:
    """Ask the claimant for more information before the filing is acknowledged (registrar)."""
    transition = workflow.check(
        case, Action.REQUEST_INFO, case_roles(actor, case), expected_version
    )
    text = _required(request_text, _l("Say what information is needed."))
    changes = {
        "state": [case.state, transition.target],
        "info_request": [case.info_request, text],
        "info_response": [case.info_response, None],
    }
    case.info_request = text
    case.info_response = None  # the previous answer, if any, stays in the audit trail
    workflow.apply(case, transition)
    record(
        actor, Action.REQUEST_INFO.value, "More information requested from the claimant",
        case=case, changes=changes,
    )
    notify_users(
        "information_requested", party_users(case, PartySide.CLAIMANT), case=case,
        request_text=text,
    )
    db.session.flush()


def provide_information(actor, case: Case, response_text: str, *, expected_version: int) -> None:
    """Answer the registry's request for information (claimant); the filing is back with SIMC."""
    transition = workflow.check(
        case, Action.PROVIDE_INFO, case_roles(actor, case), expected_version
    )
    text = _required(response_text, _l("Give the information requested."))
    old_state = case.state
    case.info_response = text
    workflow.apply(case, transition)
    record(
        actor, Action.PROVIDE_INFO.value, "Claimant provided the information requested",
        case=case, changes={"state": [old_state, case.state], "info_response": [None, text]},
    )
    notify_users("information_provided", registrars(), case=case, response_text=text)
    db.session.flush()


def reject_filing(actor, case: Case, reasons: str, *, expected_version: int) -> None:
    """Reject a Request for Mediation with reasons (registrar); the case ends there."""
    transition = workflow.check(case, Action.REJECT, case_roles(actor, case), expected_version)
    text = _required(reasons, _l("Give the reasons for the rejection."))
    old_state = case.state
    case.rejection_reasons = text
    workflow.apply(case, transition)
    record(
        actor, Action.REJECT.value, "Request for Mediation rejected", case=case,
        changes={"state": [old_state, case.state], "rejection_reasons": [None, text]},
    )
    notify_users("filing_rejected", party_users(case), case=case, reasons=text)
    db.session.flush()


def record_fee_payment(
    actor, case: Case, paid_on: date, reference: str, *, expected_version: int,
    today: date | None = None,
) -> None:
    """Record that the filing fee was paid on ``paid_on`` (registrar).

    The date may not be after ``today`` (default: today in Singapore), a payment reference is
    required, and a payment already recorded is not overwritten.
    """
    workflow.check(case, Action.RECORD_FEE_PAYMENT, case_roles(actor, case), expected_version)
    if case.fee_paid_on is not None:
        raise IllegalTransition(
            _l("The filing fee payment was already recorded (paid on %(date)s).",
               date=case.fee_paid_on.isoformat())
        )
    payment_reference = _required(reference, _l("Give the payment reference."))
    if paid_on > (today or simc_today()):
        raise InvalidInput(_l("The payment date cannot be in the future."))
    case.fee_paid_on = paid_on
    case.fee_payment_reference = payment_reference
    record(
        actor, Action.RECORD_FEE_PAYMENT.value,
        f"Filing fee payment recorded: paid on {paid_on.isoformat()}, "
        f"reference {payment_reference}",
        case=case,
        changes={
            "fee_paid_on": [None, paid_on],
            "fee_payment_reference": [None, payment_reference],
        },
    )
    db.session.flush()


def withdraw_case(actor, case: Case, reasons: str, *, expected_version: int) -> None:
    """Withdraw the Request for Mediation (claimant); everyone on the case is told."""
    transition = workflow.check(case, Action.WITHDRAW, case_roles(actor, case), expected_version)
    text = _required(reasons, _l("Give the reasons for the withdrawal."))
    old_state = case.state
    case.withdrawal_reasons = text
    recipients = everyone_on_case(case)
    workflow.apply(case, transition)
    record(
        actor, Action.WITHDRAW.value, "Case withdrawn by the claimant", case=case,
        changes={"state": [old_state, case.state], "withdrawal_reasons": [None, text]},
    )
    notify_users("case_withdrawn", recipients, case=case, reasons=text)
    cancel_open_hearings(actor, case, "The case was withdrawn.", now=now_utc())
    db.session.flush()


def _required(text: str | None, message) -> str:
    """``text`` without surrounding blanks; :class:`InvalidInput` with ``message`` if empty."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise InvalidInput(message)
    return cleaned
