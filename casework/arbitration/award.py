"""The consent award: the registry sends SCIA the request for an award on the signed
settlement, then records the award SCIA issues (on that request, or at the end of an escalated
arbitration) and the deadlines that start with it.

The request sends the case's current Draft Consent Award (generated from the approved terms,
neither superseded nor revoked) and opens the case's SCIA proceeding on the consent-award
route, relying on the settlement's dispute-resolution clause. The award is the signed and
sealed PDF SCIA issues: it is uploaded as a document of the case, marked for the case file.
"""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from typing import BinaryIO

from flask_babel import lazy_gettext as _l

from casework.arbitration.award_deadlines import post_award_deadlines
from casework.arbitration.models import SciaProceeding, SciaRoute
from casework.arbitration.performance import close_when_fully_performed
from casework.arbitration.proceedings import proceeding_for
from casework.audit.log import record
from casework.cases import workflow
from casework.cases.models import Case, Currency
from casework.cases.permissions import case_roles
from casework.cases.simc_clock import simc_today
from casework.cases.workflow import Action
from casework.documents.filetypes import PDF
from casework.documents.generated.operations import current_generated_document
from casework.documents.generated_models import GeneratedDocument, GeneratedDocumentKind
from casework.documents.models import Circulation
from casework.documents.operations import upload_document
from casework.errors import IllegalTransition, InvalidInput
from casework.extensions import db
from casework.notifications.recipients import everyone_on_case, notify_users, party_users
from casework.settlement.operations import settlement_for

MAX_SCIA_REFERENCE_CHARS = 60


def consent_award_draft(case: Case) -> GeneratedDocument | None:
    """The case's current Draft Consent Award (its latest version, neither superseded nor
    revoked), or ``None``."""
    draft = current_generated_document(case, GeneratedDocumentKind.CONSENT_AWARD_DRAFT)
    return draft if draft is not None and draft.revoked_at is None else None


def _agreement_text(case: Case) -> str:
    """The arbitration agreement a consent award relies on: the dispute-resolution clause of
    the approved settlement, in English and in Chinese."""
    terms = settlement_for(case).current_version.terms
    return "\n\n".join(
        text.strip() for text in (terms.dispute_clause_en, terms.dispute_clause_zh) if text.strip()
    )


def request_consent_award(
    actor, case: Case, sent_on: date, *, expected_version: int | None, today: date | None = None,
) -> SciaProceeding:
    """Record that the registry sent SCIA the request for a consent award on ``sent_on`` (not
    after ``today``, default today in Singapore), with the current Draft Consent Award; open
    the case's SCIA proceeding (consent-award route, relying on the settlement's dispute
    clause, the claim as filed) and move the case to award requested. The parties and the
    mediator are told.

    Refused with :class:`IllegalTransition` (409) when the case has no current draft (never
    generated, or revoked), and with :class:`InvalidInput` for a date in the future.
    """
    transition = workflow.check(case, Action.REQUEST_CONSENT_AWARD, case_roles(actor, case),
                                expected_version)
    draft = consent_award_draft(case)
    if draft is None:
        raise IllegalTransition(_l(
            "Generate the Draft Consent Award first: the request sends SCIA the current draft, "
            "and this case has none (it was never generated, or it was revoked)."
        ))
    if sent_on > (today or simc_today()):
        raise InvalidInput(_l("The date the request was sent cannot be in the future."))
    currency = case.currency.value if case.currency is not None else None
    proceeding = SciaProceeding(
        case_id=case.id, route=SciaRoute.CONSENT_AWARD, trigger=None,
        arbitration_agreement_text=_agreement_text(case), started_by_id=actor.id,
        claim_amount=case.amount_in_dispute, claim_currency=currency,
        amount_rmb=case.amount_in_dispute if case.currency == Currency.CNY else None,
        consent_award_requested_on=sent_on,
    )
    db.session.add(proceeding)
    old_state = case.state
    workflow.apply(case, transition)
    db.session.flush()
    record(
        actor, "request_consent_award",
        f"Consent award requested from SCIA on {sent_on.isoformat()} with the Draft Consent "
        f"Award version {draft.version_number} ({draft.verification_code})",
        case=case,
        changes={
            "state": [old_state, case.state],
            "scia_proceeding_id": proceeding.id,
            "route": proceeding.route.value,
            "consent_award_requested_on": [None, sent_on],
            "draft_consent_award": {"version_number": draft.version_number,
                                    "verification_code": draft.verification_code,
                                    "sha256": draft.sha256},
        },
    )
    mediators = [case.mediator] if case.mediator is not None and case.mediator.active else []
    notify_users("consent_award_requested", party_users(case) + mediators, case=case,
                 sent_on=sent_on, draft=draft)
    db.session.flush()
    return proceeding


def _scia_reference(proceeding: SciaProceeding, given: str | None) -> str:
    """SCIA's case number: the one recorded, or ``given`` when none is (then required)."""
    given = (given or "").strip()
    if proceeding.scia_reference is not None:
        if given and given != proceeding.scia_reference:
            raise InvalidInput(_l(
                "SCIA's case number is already recorded as %(reference)s; correct it under the "
                "SCIA case details.", reference=proceeding.scia_reference,
            ))
        return proceeding.scia_reference
    if not given:
        raise InvalidInput(_l("Give SCIA's case number, as printed on the award."))
    if len(given) > MAX_SCIA_REFERENCE_CHARS:
        raise InvalidInput(_l("SCIA's case number may be at most %(count)d characters long.",
                              count=MAX_SCIA_REFERENCE_CHARS))
    return given


def _check_award_dates(award_date: date, received_on: date, today: date) -> None:
    if award_date > today:
        raise InvalidInput(_l("The award date cannot be in the future."))
    if received_on > today:
        raise InvalidInput(_l("The date the award was received cannot be in the future."))
    if received_on < award_date:
        raise InvalidInput(_l("The award cannot have been received before the date it was made."))


def record_award(
    actor, case: Case, stream: BinaryIO, filename: str, *, award_date: date, received_on: date,
    scia_reference: str | None, expected_version: int | None, today: date | None = None,
) -> SciaProceeding:
    """Record the award SCIA issued in the case's proceeding: the signed and sealed award PDF
    (``stream``, named ``filename``; stored as a document of the case marked for the case
    file), the date it was made, the date it was received (neither after ``today``, default
    today in Singapore; received on or after the award date) and SCIA's case number when none
    is recorded yet. The case moves to award issued; everyone on the case is told, with the
    post-award deadlines that now run; a settlement already fully performed closes the case.

    Refused with :class:`InvalidInput` (nothing stored) for a file that is not a PDF (judged
    by its content), a bad date or a missing case number, and with
    :class:`IllegalTransition` when the case has no SCIA proceeding.
    """
    transition = workflow.check(case, Action.RECORD_AWARD, case_roles(actor, case),
                                expected_version)
    proceeding = proceeding_for(case)
    if proceeding is None:
        raise IllegalTransition(_l("This case has no SCIA proceeding to record an award in."))
    _check_award_dates(award_date, received_on, today or simc_today())
    reference = _scia_reference(proceeding, scia_reference)
    if PurePath(filename or "").suffix.lower() not in PDF.extensions:
        raise InvalidInput(_l("The award must be a PDF file (the signed and sealed award as "
                              "SCIA issued it)."))
    document = upload_document(
        actor, case, stream, filename,
        f"SCIA award {reference} of {award_date.isoformat()} / 深圳国际仲裁院裁决书",
        expected_version=expected_version, circulation=Circulation.CASE_FILE,
    )
    changes = {
        "award_date": [None, award_date],
        "award_received_on": [None, received_on],
        "award_document_id": [None, document.id],
        "sha256": document.sha256,
    }
    if proceeding.scia_reference is None:
        changes["scia_reference"] = [None, reference]
        proceeding.scia_reference = reference
    proceeding.award_date = award_date
    proceeding.award_received_on = received_on
    proceeding.award_document_id = document.id
    old_state = case.state
    workflow.apply(case, transition)
    record(
        actor, "record_award",
        f"Award of SCIA case {reference} recorded: made {award_date.isoformat()}, received "
        f"{received_on.isoformat()}",
        case=case, changes={"state": [old_state, case.state], **changes},
    )
    db.session.flush()
    notify_users("award_recorded", everyone_on_case(case), case=case, proceeding=proceeding,
                 deadlines=post_award_deadlines(case))
    close_when_fully_performed(actor, case)
    db.session.flush()
    return proceeding
