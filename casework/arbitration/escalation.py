"""Escalation of an unsettled dispute to SCIA arbitration: a party's withdrawal from the
mediation, the clause check, the parties' new arbitration agreement and the escalation itself.

A dispute goes on to SCIA when the mediation ended without settlement (the mediator recorded an
impasse, the window expired, or a party withdrew from the mediation) or when the respondent
declined to mediate. It goes there only under an arbitration agreement that names SCIA
unambiguously (:func:`casework.arbitration.clause.check_clause`): the contract's clause as filed
or, when that fails, the parties' new agreement recorded by the registry.

The case's :class:`~casework.arbitration.models.SciaProceeding` (route *escalation*) is created
when the registry records a new agreement, or at the latest by the escalation, which stamps its
``escalated_at`` and fills in the claim (amount, currency, exchange rate, amount in RMB).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.attributes import flag_modified

from casework.arbitration.clause import ClauseCheck, check_clause
from casework.arbitration.fees import FeeCalculation, scia_fee_for_claim
from casework.arbitration.labels import TRIGGER_LABELS
from casework.arbitration.models import EscalationTrigger, SciaProceeding, SciaRoute
from casework.arbitration.proceedings import proceeding_for
from casework.arbitration.referral import issue_referral_document, scia_fee_table
from casework.audit.log import record
from casework.cases import workflow
from casework.cases.models import Case, CaseState, MediationResult, PartySide
from casework.cases.permissions import case_roles
from casework.cases.simc_clock import simc_date
from casework.cases.workflow import Action, CaseRole
from casework.db import now_utc
from casework.documents.circulation import may_travel
from casework.documents.generated_models import GeneratedDocument
from casework.documents.models import Document
from casework.errors import IllegalTransition, InvalidInput
from casework.extensions import db
from casework.hearings.operations import cancel_open_hearings
from casework.notifications.recipients import everyone_on_case, notify_users, party_users

MAX_REASONS_CHARS = 5000
MAX_AGREEMENT_CHARS = 20000

_TRIGGER_OF_RESULT = {
    MediationResult.IMPASSE: EscalationTrigger.IMPASSE,
    MediationResult.WINDOW_EXPIRED: EscalationTrigger.WINDOW_EXPIRED,
    MediationResult.PARTY_WITHDREW: EscalationTrigger.PARTY_WITHDREW,
}
_SIDE_OF_ROLE = {CaseRole.CLAIMANT: PartySide.CLAIMANT, CaseRole.RESPONDENT: PartySide.RESPONDENT}

BLOCKED_NOTE = _l(
    "Escalation to SCIA is blocked: the case can only be closed, or the parties' new "
    "arbitration agreement naming SCIA recorded."
)


# --- what the escalation relies on ----------------------------------------------------------


def escalation_trigger(case: Case) -> EscalationTrigger | None:
    """Why the case's dispute may go (or went) on to SCIA: the respondent declined to mediate,
    or the mediation ended without settlement (impasse, window expired, a party withdrew);
    ``None`` when it may not (it settled, or is still being mediated)."""
    if case.state == CaseState.DECLINED:
        return EscalationTrigger.RESPONDENT_DECLINED
    if case.state == CaseState.NOT_SETTLED:
        return _TRIGGER_OF_RESULT.get(case.mediation_result)
    proceeding = proceeding_for(case)
    return proceeding.trigger if proceeding is not None else None


@dataclass(frozen=True)
class AgreementRelied:
    """The arbitration agreement an escalation relies on: its text, whether it is the parties'
    new agreement (else the contract's clause as filed), the uploaded document evidencing a new
    agreement, and the clause check of the text."""

    text: str
    is_new_agreement: bool
    document: Document | None
    check: ClauseCheck

    @property
    def names_scia(self) -> bool:
        """Whether the agreement names SCIA unambiguously (escalation is possible)."""
        return self.check.names_scia


def agreement_relied_on(case: Case) -> AgreementRelied:
    """The parties' new arbitration agreement if the registry recorded one, else the
    dispute-resolution clause as filed — with its clause check."""
    proceeding = proceeding_for(case)
    if proceeding is not None and proceeding.arbitration_agreement_document_id is not None:
        text = proceeding.arbitration_agreement_text
        return AgreementRelied(text, True, proceeding.arbitration_agreement_document,
                               check_clause(text))
    return AgreementRelied(case.clause_text, False, None, check_clause(case.clause_text))


def needs_rate(case: Case) -> bool:
    """Whether the claim is in a currency other than RMB, so an exchange rate is needed."""
    return case.currency is not None and case.currency.value != "CNY"


def claim_fees(amount: Decimal, currency: str, rate: Decimal | None) -> FeeCalculation:
    """SCIA's fees, with the working, for a claim of ``amount`` in ``currency`` converted at
    ``rate`` (RMB for one unit; ignored for RMB). Raises :class:`InvalidInput` without a rate
    for another currency or for an amount not above zero."""
    rate = rate.normalize() if rate is not None else None  # 5.400000 (as stored) is 5.4
    return scia_fee_for_claim(amount, currency, rate, scia_fee_table())


def require_agreement_naming_scia(case: Case) -> AgreementRelied:
    """The agreement relied on; :class:`IllegalTransition` (409) with the clause check's reason
    when it does not name SCIA unambiguously: the case can then only be closed, or the parties'
    new arbitration agreement recorded."""
    agreement = agreement_relied_on(case)
    if not agreement.names_scia:
        reason = agreement.check.reason
        raise IllegalTransition(LazyString(lambda: f"{reason} {BLOCKED_NOTE}"))
    return agreement


def escalated_on(case: Case) -> date | None:
    """The date (in Singapore) the case was escalated to SCIA, ``None`` if it was not."""
    proceeding = proceeding_for(case)
    if proceeding is None or proceeding.escalated_at is None:
        return None
    return simc_date(proceeding.escalated_at)


def _touch(case: Case) -> None:
    """Mark ``case`` changed so its version moves on and forms loaded before are stale."""
    case.updated_at = now_utc()
    flag_modified(case, "updated_at")


def _required(text: str | None, message, limit: int) -> str:
    """``text`` without surrounding blanks; :class:`InvalidInput` when empty or too long."""
    cleaned = (text or "").strip()
    if not cleaned:
        raise InvalidInput(message)
    if len(cleaned) > limit:
        raise InvalidInput(_l("The text may be at most %(count)s characters.", count=limit))
    return cleaned


# --- a party withdraws from the mediation --------------------------------------------------


def withdraw_from_mediation(actor, case: Case, reasons: str, *, expected_version: int,
                            today: date) -> None:
    """A party (claimant or respondent) withdraws from the mediation with its reasons: the
    mediation ends without settlement on ``today`` (Singapore), the result is "a party withdrew"
    and the case is not settled — the dispute stays, and may go on to SCIA arbitration. (The
    claimant's withdrawal of the whole Request for Mediation is
    :func:`casework.cases.registry.withdraw_case`.)

    Open hearings are cancelled (their participants told) and everyone on the case is e-mailed.
    Raises :class:`InvalidInput` without reasons.
    """
    roles = case_roles(actor, case)
    transition = workflow.check(case, Action.WITHDRAW_FROM_MEDIATION, roles, expected_version)
    text = _required(reasons, _l("Give the reasons for withdrawing from the mediation."),
                     MAX_REASONS_CHARS)
    side = next(_SIDE_OF_ROLE[role] for role in (CaseRole.CLAIMANT, CaseRole.RESPONDENT)
                if role in roles & transition.roles)
    old_state = case.state
    people = everyone_on_case(case)
    case.mediation_result = MediationResult.PARTY_WITHDREW
    case.mediation_ended_on = today
    workflow.apply(case, transition)
    record(
        actor, "withdraw_from_mediation",
        f"The {side.value} withdrew from the mediation on {today.isoformat()}",
        case=case,
        changes={
            "state": [old_state, case.state],
            "mediation_result": [None, MediationResult.PARTY_WITHDREW],
            "mediation_ended_on": [None, today],
            "side": side.value,
            "reasons": text,
        },
    )
    notify_users("mediation_withdrawn", people, case=case, party=case.party(side),
                 reasons=text, ended_on=today)
    cancel_open_hearings(actor, case, f"The {side.value} withdrew from the mediation.",
                         now=now_utc())
    db.session.flush()


# --- the parties' new arbitration agreement -------------------------------------------------


def record_arbitration_agreement(actor, case: Case, text: str, document: Document, *,
                                 expected_version: int) -> SciaProceeding:
    """Record the parties' new arbitration agreement (the registry, once the dispute may go to
    SCIA): its text, which must name SCIA unambiguously, and the uploaded document of the case
    that evidences it, which must be marked for the case file (it travels to SCIA with the
    referral). The escalation then relies on it instead of the clause as filed.

    Raises :class:`InvalidInput` for an empty text, a text failing the clause check (the
    reason given) or a document that is not one of the case's transferable documents, and
    :class:`IllegalTransition` when the dispute has no reason to go to SCIA.
    """
    workflow.check(case, Action.RECORD_ARBITRATION_AGREEMENT, case_roles(actor, case),
                   expected_version)
    agreement = _required(text, _l("Enter the text of the parties' new arbitration agreement."),
                          MAX_AGREEMENT_CHARS)
    check = check_clause(agreement)
    if not check.names_scia:
        raise InvalidInput(check.reason)
    if document.case_id != case.id or not may_travel(document):
        raise InvalidInput(_l(
            "Choose a current document of this case marked for the case file: the agreement "
            "travels to SCIA with the referral."))
    trigger = _require_trigger(case)
    proceeding = proceeding_for(case)
    if proceeding is None:
        proceeding = SciaProceeding(case=case, route=SciaRoute.ESCALATION, trigger=trigger,
                                    started_by_id=actor.id)
        db.session.add(proceeding)
    old = (proceeding.arbitration_agreement_text or None,
           proceeding.arbitration_agreement_document_id)
    proceeding.trigger = trigger
    proceeding.arbitration_agreement_text = agreement
    proceeding.arbitration_agreement_document_id = document.id
    _touch(case)
    record(
        actor, "record_arbitration_agreement",
        f"The parties' new arbitration agreement recorded (names {check.scia_name}), "
        f"evidenced by {document.filename} (version {document.version_number})",
        case=case,
        changes={"arbitration_agreement_text": [old[0], agreement],
                 "arbitration_agreement_document_id": [old[1], document.id]},
    )
    db.session.flush()
    return proceeding


def _require_trigger(case: Case) -> EscalationTrigger:
    trigger = escalation_trigger(case)
    if trigger is None:
        raise IllegalTransition(_l(
            "The mediation of this case has no recorded result, so there is no reason to take "
            "the dispute to SCIA."))
    return trigger


# --- escalation ----------------------------------------------------------------------------


def escalate_to_scia(actor, case: Case, rmb_rate: Decimal | None, *,
                     expected_version: int) -> SciaProceeding:
    """Escalate the unsettled dispute to SCIA arbitration (the registry): the case is referred
    to SCIA under the agreement relied on (:func:`agreement_relied_on`), with the amount in
    dispute as filed converted to RMB at ``rmb_rate`` (RMB for one unit; needed unless the
    claim is in RMB) and SCIA's fees estimated. The bilingual Referral to SCIA is generated in
    the same transaction and everyone on the case is e-mailed.

    Raises :class:`IllegalTransition` (nothing recorded) when the agreement does not name SCIA
    unambiguously (with the reason: the case can then only be closed or a new agreement
    recorded), when the new agreement's document no longer travels, or when the case has no
    amount in dispute; :class:`InvalidInput` without a needed rate.
    """
    transition = workflow.check(case, Action.ESCALATE_TO_SCIA, case_roles(actor, case),
                                expected_version)
    trigger = _require_trigger(case)
    agreement = require_agreement_naming_scia(case)
    _require_travelling_agreement(agreement.document)
    if case.amount_in_dispute is None or case.currency is None:
        raise IllegalTransition(_l("The case records no amount in dispute to refer to SCIA."))
    rate = rmb_rate if needs_rate(case) else None
    fees = claim_fees(case.amount_in_dispute, case.currency.value, rate)
    proceeding = proceeding_for(case)
    if proceeding is None:
        proceeding = SciaProceeding(case=case, route=SciaRoute.ESCALATION)
        db.session.add(proceeding)
    proceeding.trigger = trigger
    proceeding.arbitration_agreement_text = agreement.text
    proceeding.escalated_at = now_utc()
    proceeding.started_by_id = actor.id
    proceeding.claim_amount = case.amount_in_dispute
    proceeding.claim_currency = case.currency.value
    proceeding.rmb_rate = rate
    proceeding.amount_rmb = fees.amount_rmb
    old_state = case.state
    workflow.apply(case, transition)
    db.session.flush()
    record(
        actor, "escalate_to_scia",
        f"Dispute escalated to SCIA arbitration ({trigger.value}); amount in dispute "
        f"{proceeding.claim_currency} {proceeding.claim_amount} = RMB {proceeding.amount_rmb}",
        case=case,
        changes={
            "state": [old_state, case.state],
            "trigger": trigger.value,
            "arbitration_agreement": "new agreement" if agreement.is_new_agreement
            else "clause as filed",
            "claim_amount": str(proceeding.claim_amount),
            "claim_currency": proceeding.claim_currency,
            "rmb_rate": str(rate) if rate is not None else None,
            "amount_rmb": str(proceeding.amount_rmb),
            "scia_fees_total": str(fees.total),
        },
    )
    referral = issue_referral_document(actor, case, proceeding, fees)
    notify_users("escalated_to_scia", everyone_on_case(case), case=case,
                 trigger_label=TRIGGER_LABELS[trigger], proceeding=proceeding, fees=fees,
                 referral=referral)
    db.session.flush()
    return proceeding


def _require_travelling_agreement(document: Document | None) -> None:
    """Refuse when the document evidencing the new arbitration agreement no longer travels."""
    if document is not None and not may_travel(document):
        raise IllegalTransition(_l(
            "The document evidencing the parties' new arbitration agreement (%(filename)s) is "
            "no longer a current document marked for the case file; record the agreement again "
            "with its current document.", filename=document.filename))


def issue_referral(actor, case: Case, *, expected_version: int) -> GeneratedDocument:
    """Generate the Referral to SCIA of an escalated case again (the registry, while the case is
    referred to SCIA), e.g. after a document was added to the case file: the new version
    supersedes the current one. The fees are worked out again on the current fee table. The
    parties are e-mailed.

    Raises :class:`IllegalTransition` when the case was not escalated or the document
    evidencing the new arbitration agreement no longer travels.
    """
    workflow.check(case, Action.ISSUE_REFERRAL, case_roles(actor, case), expected_version)
    proceeding = proceeding_for(case)
    if proceeding is None or escalated_on(case) is None:
        raise IllegalTransition(_l("This case was not escalated to SCIA, so it has no referral."))
    _require_travelling_agreement(proceeding.arbitration_agreement_document)
    fees = claim_fees(proceeding.claim_amount, proceeding.claim_currency, proceeding.rmb_rate)
    document = issue_referral_document(actor, case, proceeding, fees)
    notify_users("referral_issued", party_users(case), case=case, referral=document)
    db.session.flush()
    return document
