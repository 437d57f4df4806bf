"""The SCIA phase of a case once it is at SCIA: SCIA's case number and filing date, the
hearing dates SCIA notifies, SCIA's fees, the parties' written consents to the mediator
acting as arbitrator, and the arbitral tribunal.

All of it is registry work (the registrar liaises with SCIA). The rule that matters most is
the one from the SIMC mediation rules: **a mediator does not act as arbitrator in the same
dispute unless every party consents in writing**. :func:`constitute_tribunal` enforces it, so
no page or command can seat the mediator without a recorded consent of each party.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.attributes import flag_modified

from casework.arbitration.fees import (
    RMB,
    FeeCalculation,
    SciaFeeTable,
    money,
    scia_fee_for_claim,
    to_rmb,
)
from casework.arbitration.labels import TRIBUNAL_ROLE_LABELS
from casework.arbitration.models import (
    ArbitrationHearing,
    MediatorConsent,
    SciaProceeding,
    TribunalMember,
    TribunalRole,
)
from casework.arbitration.proceedings import proceeding_for
from casework.audit.log import record
from casework.cases import workflow
from casework.cases.models import Case, CaseParty, PartySide
from casework.cases.permissions import case_roles
from casework.cases.simc_clock import simc_date
from casework.cases.workflow import Action
from casework.db import now_utc
from casework.deadlines.computation import step
from casework.documents.models import Document
from casework.documents.operations import latest_version
from casework.errors import IllegalTransition, InvalidInput
from casework.extensions import db
from casework.notifications.recipients import everyone_on_case, notify_users, party_users

MAX_REFERENCE = 60
MAX_NAME = 200
MAX_HEARING_DESCRIPTION = 500

NO_PROCEEDING = _l(
    "This case has no SCIA proceeding: it has not been escalated to SCIA nor has a consent "
    "award been requested, so there is no SCIA case to record."
)
NO_AMOUNT = _l("No amount in dispute is recorded, so SCIA's fees cannot be estimated.")
NO_RATE = _l(
    "The amount in dispute is in %(currency)s and no exchange rate to RMB is recorded yet: "
    "the registry enters it with the SCIA case details."
)


# Reading ----------------------------------------------------------------------------------


def require_proceeding(case: Case) -> SciaProceeding:
    """The case's SCIA proceeding; :class:`IllegalTransition` (409) when it has none."""
    proceeding = proceeding_for(case)
    if proceeding is None:
        raise IllegalTransition(NO_PROCEEDING)
    return proceeding


def require_mediator(case: Case) -> None:
    """:class:`IllegalTransition` (409) when the case had no mediator: there is then no consent
    to the mediator acting as arbitrator to record."""
    if case.mediator is None:
        raise IllegalTransition(_l("This case had no mediator, so there is no consent to the "
                                   "mediator acting as arbitrator to record."))


def went_to_scia_on(proceeding: SciaProceeding) -> date:
    """The day (in Singapore) the case went to SCIA: nothing of SCIA's can be earlier."""
    return simc_date(proceeding.escalated_at or proceeding.started_at)


@dataclass(frozen=True)
class FeeBasis:
    """The amount SCIA's fees are computed from: the claim recorded with the referral
    (``from_referral``), or else the case's amount in dispute (a consent award request)."""

    amount: Decimal
    currency: str
    from_referral: bool


def fee_basis(proceeding: SciaProceeding) -> FeeBasis | None:
    """The amount in dispute the fees are computed from (``None``: none recorded): the claim
    the referral stated for an escalated dispute, else the claim recorded with the consent
    award request or the case's amount in dispute."""
    claimed = proceeding.claim_amount is not None and bool(proceeding.claim_currency)
    if claimed and proceeding.escalated_at is not None:
        return FeeBasis(proceeding.claim_amount, proceeding.claim_currency, True)
    if claimed:
        return FeeBasis(proceeding.claim_amount, proceeding.claim_currency, False)
    case = proceeding.case
    if case.amount_in_dispute is not None and case.currency is not None:
        return FeeBasis(case.amount_in_dispute, case.currency.value, False)
    return None


def rate_entered_with_details(proceeding: SciaProceeding) -> bool:
    """Whether the SCIA details form takes the exchange rate to RMB: when the fees are computed
    from the case's amount in dispute (no claim came with a referral) in another currency. A
    referral's rate is the one its document states and is not changed here."""
    basis = fee_basis(proceeding)
    return basis is not None and not basis.from_referral and basis.currency != RMB


@dataclass(frozen=True)
class SciaFeeEstimate:
    """SCIA's fees for the case (``calculation``, with the working) or why they cannot be
    computed yet (``problem``), with the fee table they come from."""

    calculation: FeeCalculation | None
    problem: LazyString | str | None
    from_referral: bool
    table: SciaFeeTable

    @staticmethod
    def rmb(amount: Decimal) -> str:
        """An amount of the estimate as the working writes it: ``RMB 45,000.00``."""
        return f"RMB {money(amount)}"


def scia_fee_estimate(proceeding: SciaProceeding, table: SciaFeeTable) -> SciaFeeEstimate:
    """SCIA's filing and arbitration fees for the proceeding's amount in dispute on ``table``
    (the configured SCIA fee table), converted to RMB at the recorded rate."""
    basis = fee_basis(proceeding)
    if basis is None:
        return SciaFeeEstimate(None, NO_AMOUNT, False, table)
    if basis.currency != RMB and proceeding.rmb_rate is None:
        return SciaFeeEstimate(None, step(NO_RATE, currency=basis.currency),
                               basis.from_referral, table)
    try:
        rate = proceeding.rmb_rate.normalize() if proceeding.rmb_rate is not None else None
        calculation = scia_fee_for_claim(basis.amount, basis.currency, rate, table)
    except InvalidInput as error:
        return SciaFeeEstimate(None, error.message, basis.from_referral, table)
    return SciaFeeEstimate(calculation, None, basis.from_referral, table)


def normalised_name(name: str) -> str:
    """A person's name for comparison: whitespace collapsed, case folded."""
    return " ".join((name or "").split()).casefold()


def is_the_mediator(name: str, case: Case) -> bool:
    """Whether ``name`` is the name of the case's mediator (ignoring case and spacing)."""
    return case.mediator is not None and bool(normalised_name(name)) and (
        normalised_name(name) == normalised_name(case.mediator.name))


def parties_without_consent(case: Case, proceeding: SciaProceeding) -> list[CaseParty]:
    """The case's parties (claimant first) whose written consent to the mediator acting as
    arbitrator is not recorded."""
    consented = {consent.case_party_id for consent in proceeding.consents}
    return [party for party in _ordered_parties(case) if party.id not in consented]


def consent_documents(case: Case) -> list[Document]:
    """The documents that can evidence a party's consent: the case's shared (not private),
    current, not withdrawn uploads, newest first. They need not be marked for the case file."""
    candidates = db.session.scalars(
        db.select(Document)
        .filter_by(case_id=case.id, withdrawn_at=None, private_submission_id=None)
        .order_by(Document.uploaded_at.desc(), Document.id.desc())
    )
    return [document for document in candidates if latest_version(document).id == document.id]


def _ordered_parties(case: Case) -> list[CaseParty]:
    return sorted(case.parties, key=lambda party: list(PartySide).index(party.side))


def _touch(case: Case) -> None:
    """Mark ``case`` changed so its version moves on and forms loaded before are stale."""
    case.updated_at = now_utc()
    flag_modified(case, "updated_at")


def _not_before_scia(day: date, proceeding: SciaProceeding, what: LazyString) -> None:
    start = went_to_scia_on(proceeding)
    if day < start:
        raise InvalidInput(step(
            _l("%(what)s cannot be before %(start)s, the day the case went to SCIA."),
            what=what, start=start,
        ))


def _not_future(day: date, today: date, what: LazyString) -> None:
    if day > today:
        raise InvalidInput(step(
            _l("%(what)s cannot be in the future (today in Singapore is %(today)s)."),
            what=what, today=today,
        ))


# The SCIA case details ----------------------------------------------------------------------


@dataclass(frozen=True)
class SciaDetails:
    """What the registry records of the SCIA case: SCIA's case number ("" for none yet), the
    filing date, and the exchange rate to RMB where the details form takes it."""

    reference: str
    filed_on: date | None
    rmb_rate: Decimal | None = None


def record_scia_details(actor, case: Case, details: SciaDetails, *, today: date,
                        expected_version: int | None = None) -> SciaProceeding:
    """Record SCIA's case number and filing date (and, for fees computed from the case's
    amount in dispute in a foreign currency, the exchange rate to RMB), audited old -> new.

    The number is trimmed (at most 60 characters); the filing date can be neither in the future
    (``today`` is Singapore's) nor before the case went to SCIA; the rate, when the form takes
    it, is required and above zero. The parties are e-mailed when SCIA's case number is first
    recorded. Recording what is already there changes nothing.
    """
    workflow.check(case, Action.RECORD_SCIA_DETAILS, case_roles(actor, case), expected_version)
    proceeding = require_proceeding(case)
    reference = " ".join((details.reference or "").split()) or None
    if reference is not None and len(reference) > MAX_REFERENCE:
        raise InvalidInput(_l("The SCIA case number can be at most %(limit)d characters long.",
                              limit=MAX_REFERENCE))
    if details.filed_on is not None:
        _not_future(details.filed_on, today, _l("The filing date"))
        _not_before_scia(details.filed_on, proceeding, _l("The filing date"))
    new = {"scia_reference": reference, "scia_filed_on": details.filed_on}
    new.update(_amount_in_rmb(proceeding, details.rmb_rate))
    changes = {name: [getattr(proceeding, name), value] for name, value in new.items()
               if getattr(proceeding, name) != value}
    if not changes:
        return proceeding
    first_reference = proceeding.scia_reference is None and reference is not None
    for name, value in new.items():
        setattr(proceeding, name, value)
    _touch(case)
    record(actor, "scia_details_recorded",
           f"SCIA case details recorded: case number {reference or '-'}, filed on "
           f"{details.filed_on.isoformat() if details.filed_on else '-'}", case=case,
           changes=changes)
    if first_reference:
        notify_users("scia_case_registered", party_users(case), case=case, proceeding=proceeding)
    db.session.flush()
    return proceeding


def _amount_in_rmb(proceeding: SciaProceeding, rate: Decimal | None) -> dict:
    """The rate and RMB amount to store with the details: from the case's amount in dispute
    when no claim came with a referral (a rate is required for a foreign currency); nothing
    otherwise (a rate given then is refused: the referral's stands)."""
    basis = fee_basis(proceeding)
    if basis is None or basis.from_referral:
        if rate is not None:
            raise InvalidInput(_l("The exchange rate of this case was recorded with the "
                                  "referral to SCIA and is not changed here."))
        return {}
    if basis.currency == RMB:
        if rate is not None:
            raise InvalidInput(_l("The amount in dispute is in RMB: no exchange rate is needed."))
        return {"amount_rmb": basis.amount}
    return {"rmb_rate": rate, "amount_rmb": to_rmb(basis.amount, basis.currency, rate)}


def add_arbitration_hearing(actor, case: Case, held_on: date, description: str, *,
                            expected_version: int | None = None) -> ArbitrationHearing:
    """Record a hearing date SCIA notified (with what the hearing is), audited. The date cannot
    be before the case went to SCIA; the same date and description cannot be recorded twice."""
    workflow.check(case, Action.RECORD_SCIA_DETAILS, case_roles(actor, case), expected_version)
    proceeding = require_proceeding(case)
    description = " ".join((description or "").split())
    if not description:
        raise InvalidInput(_l("Say what the hearing is, e.g. “Hearing on the merits, SCIA "
                              "Shenzhen”."))
    if len(description) > MAX_HEARING_DESCRIPTION:
        raise InvalidInput(_l("The description can be at most %(limit)d characters long.",
                              limit=MAX_HEARING_DESCRIPTION))
    _not_before_scia(held_on, proceeding, _l("The hearing date"))
    if any((h.held_on, h.description) == (held_on, description) for h in proceeding.hearings):
        raise InvalidInput(_l("This hearing is already recorded."))
    hearing = ArbitrationHearing(held_on=held_on, description=description)
    proceeding.hearings.append(hearing)
    _touch(case)
    db.session.flush()
    record(actor, "arbitration_hearing_added",
           f"SCIA hearing on {held_on.isoformat()} recorded: {description}", case=case,
           changes={"hearing": [None, f"{held_on.isoformat()} {description}"]})
    db.session.flush()
    return hearing


def remove_arbitration_hearing(actor, case: Case, hearing: ArbitrationHearing, *,
                               expected_version: int | None = None) -> None:
    """Remove a hearing date recorded by mistake (or cancelled by SCIA), audited."""
    workflow.check(case, Action.RECORD_SCIA_DETAILS, case_roles(actor, case), expected_version)
    proceeding = require_proceeding(case)
    if hearing.proceeding_id != proceeding.id:
        raise InvalidInput(_l("That hearing is not one of this case's SCIA hearings."))
    text = f"{hearing.held_on.isoformat()} {hearing.description}"
    proceeding.hearings.remove(hearing)
    _touch(case)
    record(actor, "arbitration_hearing_removed", f"SCIA hearing removed: {text}", case=case,
           changes={"hearing": [text, None]})
    db.session.flush()


# The mediator as arbitrator -----------------------------------------------------------------


def record_mediator_consent(actor, case: Case, case_party_id: int, document_id: int,
                            given_on: date, *, today: date,
                            expected_version: int | None = None) -> MediatorConsent:
    """Record one party's written consent to the case's mediator acting as arbitrator, evidenced
    by ``document_id`` (a current, not withdrawn, shared document of this case; it need not be
    marked for the case file) given on ``given_on`` (not in the future), audited.

    :class:`IllegalTransition` (409) when the case has no mediator or the party's consent is
    already recorded; :class:`InvalidInput` (422) for a party or document not of this case.
    """
    workflow.check(case, Action.RECORD_MEDIATOR_CONSENT, case_roles(actor, case),
                   expected_version)
    proceeding = require_proceeding(case)
    require_mediator(case)
    party = next((p for p in case.parties if p.id == case_party_id), None)
    if party is None:
        raise InvalidInput(_l("Choose one of the parties of this case."))
    if any(consent.case_party_id == party.id for consent in proceeding.consents):
        raise IllegalTransition(_l("The consent of %(party)s is already recorded.",
                                   party=party.organisation.name_en))
    document = _consent_document(case, document_id)
    _not_future(given_on, today, _l("The date the consent was given"))
    consent = MediatorConsent(case_party_id=party.id, document_id=document.id,
                              given_on=given_on, recorded_by_id=actor.id)
    proceeding.consents.append(consent)
    _touch(case)
    db.session.flush()
    record(actor, "mediator_consent_recorded",
           f"Written consent of the {party.side.value} ({party.organisation.name_en}) to the "
           f"mediator {case.mediator.name} acting as arbitrator recorded", case=case,
           changes={"party": party.organisation.name_en, "document_id": document.id,
                    "document": f"{document.filename} (version {document.version_number})",
                    "given_on": given_on})
    db.session.flush()
    return consent


def _consent_document(case: Case, document_id: int) -> Document:
    """The document evidencing a consent: one of the case's shared, current, not withdrawn
    documents, else :class:`InvalidInput` saying which rule it fails."""
    document = db.session.get(Document, document_id)
    if document is None or document.case_id != case.id or document.private_submission_id:
        raise InvalidInput(_l("Choose a document uploaded to this case."))
    if document.withdrawn_at is not None:
        raise InvalidInput(_l("“%(name)s” was withdrawn; choose a document that stands.",
                              name=document.filename))
    if latest_version(document).id != document.id:
        raise InvalidInput(_l("Version %(number)d of “%(name)s” is no longer the current one; "
                              "choose the current version.", number=document.version_number,
                              name=document.filename))
    return document


# The tribunal --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TribunalSeat:
    """An arbitrator to appoint: name, seat, and whether the registrar marked them as the
    case's mediator (they are also taken to be when the name is the mediator's)."""

    name: str
    role: TribunalRole
    is_mediator: bool = False


def check_composition(roles: Sequence[TribunalRole]) -> None:
    """Raise :class:`InvalidInput` unless ``roles`` make a tribunal: one sole arbitrator, or a
    presiding arbitrator and two co-arbitrators."""
    if sorted(roles) in ([TribunalRole.SOLE],
                         sorted([TribunalRole.PRESIDING, *[TribunalRole.CO_ARBITRATOR] * 2])):
        return
    raise InvalidInput(_l("A tribunal is either one sole arbitrator, or a presiding arbitrator "
                          "and two co-arbitrators."))


def constitute_tribunal(actor, case: Case, seats: Sequence[TribunalSeat], appointed_on: date,
                        *, today: date, expected_version: int | None = None
                        ) -> list[TribunalMember]:
    """Record the arbitral tribunal SCIA constituted, appointed on ``appointed_on`` (not in the
    future, not before the case went to SCIA), and move the case to *in arbitration*; audited,
    everyone on the case is e-mailed.

    The composition must be a sole arbitrator or a presiding arbitrator and two co-arbitrators,
    the names distinct. An arbitrator is the case's mediator when marked so or when the name is
    the mediator's; then **every** party's written consent must be recorded, else
    :class:`InvalidInput` naming the parties whose consent is missing, and nothing is stored.
    """
    transition = workflow.check(case, Action.CONSTITUTE_TRIBUNAL, case_roles(actor, case),
                                expected_version)
    proceeding = require_proceeding(case)
    seats = [TribunalSeat(" ".join((s.name or "").split()), TribunalRole(s.role), s.is_mediator)
             for s in seats]
    check_composition([seat.role for seat in seats])
    if any(not seat.name or len(seat.name) > MAX_NAME for seat in seats):
        raise InvalidInput(_l("Give each arbitrator's name (at most %(limit)d characters).",
                              limit=MAX_NAME))
    if len({normalised_name(seat.name) for seat in seats}) != len(seats):
        raise InvalidInput(_l("Each arbitrator is a different person: the names must differ."))
    _not_future(appointed_on, today, _l("The appointment date"))
    _not_before_scia(appointed_on, proceeding, _l("The appointment date"))
    mediator_seats = [seat for seat in seats
                      if seat.is_mediator or is_the_mediator(seat.name, case)]
    if mediator_seats:
        _check_mediator_may_sit(case, proceeding)
    members = [
        TribunalMember(name=seat.name, role=seat.role, appointed_on=appointed_on,
                       is_mediator=seat in mediator_seats)
        for seat in seats
    ]
    proceeding.tribunal.extend(members)
    old_state = case.state
    workflow.apply(case, transition)
    db.session.flush()
    described = [f"{member.name} ({member.role.value}"
                 f"{', the mediator' if member.is_mediator else ''})" for member in members]
    record(actor, "tribunal_constituted",
           f"SCIA tribunal constituted on {appointed_on.isoformat()}: {'; '.join(described)}",
           case=case, changes={"state": [old_state, case.state], "tribunal": [None, described],
                               "appointed_on": appointed_on})
    notify_users("scia_tribunal_constituted", everyone_on_case(case), case=case,
                 proceeding=proceeding, members=members,
                 tribunal_role_labels=TRIBUNAL_ROLE_LABELS)
    db.session.flush()
    return members


def _check_mediator_may_sit(case: Case, proceeding: SciaProceeding) -> None:
    """Raise :class:`InvalidInput` unless the case has a mediator and every party's written
    consent to them acting as arbitrator is recorded (naming the parties still missing)."""
    if case.mediator is None:
        raise InvalidInput(_l("An arbitrator is marked as the case's mediator, but this case had "
                              "no mediator."))
    missing = parties_without_consent(case, proceeding)
    if missing:
        raise InvalidInput(_l(
            "The mediator %(mediator)s cannot sit on the tribunal without the written consent of "
            "every party. Consent not recorded for: %(parties)s. Record each party's consent "
            "first (with the uploaded document that evidences it).",
            mediator=case.mediator.name,
            parties="; ".join(party.organisation.name_en for party in missing),
        ))
