"""Filing a Request for Mediation: drafts, the checks before submission, and submission.

A draft belongs to the claimant organisation (its ``CaseParty``); the respondent's particulars
stay plain data in ``Case.respondent_details`` until submission registers the respondent
organisation, numbers the case, fixes the filing fee and invites the respondent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import BinaryIO

from flask_babel import lazy_gettext as _l

from casework.accounts.models import Role, User
from casework.audit.log import record
from casework.cases.fees import filing_fee_for
from casework.cases.joining import issue_respondent_invitation, send_respondent_invitation
from casework.cases.models import (
    Case,
    CaseLanguage,
    CaseParty,
    CaseState,
    Currency,
    PartySide,
    Venue,
)
from casework.cases.permissions import case_roles
from casework.cases.references import next_case_reference
from casework.cases.workflow import Action, apply, check
from casework.db import now_utc
from casework.documents.models import Circulation
from casework.documents.operations import upload_document
from casework.errors import InvalidInput, NotPermitted
from casework.extensions import db
from casework.notifications.recipients import notify_users, party_users, registrars
from casework.parties.forms import OrganisationSubForm
from casework.parties.models import Organisation
from casework.parties.operations import find_or_register_organisation

# Labels of the request's fields: the form's labels and the names in "missing" messages.
FIELD_LABELS = {
    "counsel_name": _l("Claimant's counsel: name"),
    "counsel_firm": _l("Claimant's counsel: law firm"),
    "counsel_email": _l("Claimant's counsel: e-mail"),
    "respondent_organisation": _l("Respondent organisation"),
    "respondent_contact_name": _l("Respondent's contact person"),
    "respondent_contact_email": _l("Respondent's contact e-mail"),
    "dispute_summary": _l("Summary of the dispute"),
    "amount_in_dispute": _l("Amount in dispute"),
    "currency": _l("Currency"),
    "clause_text": _l("Dispute-resolution clause"),
    "clause_names_scia": _l("The clause names SCIA (Shenzhen Court of International Arbitration)"),
    "prior_agreement_to_mediate": _l("There is a prior agreement to mediate"),
    "preferred_language": _l("Preferred language of the mediation"),
    "preferred_venue": _l("Preferred venue"),
    "mediator_attributes": _l("Wanted mediator attributes"),
}

# What a request needs before it can be submitted (besides the respondent's particulars).
REQUIRED_FOR_SUBMISSION = (
    "respondent_contact_name",
    "respondent_contact_email",
    "dispute_summary",
    "amount_in_dispute",
    "currency",
    "clause_text",
    "preferred_language",
    "preferred_venue",
)

MAX_AMOUNT_DIGITS = 16  # Numeric(18, 2): sixteen digits before the decimal point

_CASE_FIELDS = (
    "dispute_summary",
    "amount_in_dispute",
    "currency",
    "clause_text",
    "clause_names_scia",
    "prior_agreement_to_mediate",
    "preferred_language",
    "preferred_venue",
    "mediator_attributes",
    "respondent_contact_name",
    "respondent_contact_email",
    "respondent_details",
)
_COUNSEL_FIELDS = ("counsel_name", "counsel_firm", "counsel_email")


class IncompleteRequest(InvalidInput):
    """The request lacks what submission needs; ``problems`` names each missing item."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class RequestDetails:
    """What the claimant entered in the Request for Mediation (any of it may be blank in a
    draft). ``respondent_details`` is the respondent organisation's particulars as plain data
    (the shape of :func:`casework.parties.forms.organisation_data`)."""

    dispute_summary: str = ""
    amount_in_dispute: Decimal | None = None
    currency: Currency | None = None
    clause_text: str = ""
    clause_names_scia: bool = False
    prior_agreement_to_mediate: bool = False
    preferred_language: CaseLanguage | None = None
    preferred_venue: Venue | None = None
    mediator_attributes: str = ""
    respondent_contact_name: str = ""
    respondent_contact_email: str = ""
    respondent_details: dict = field(default_factory=dict)
    counsel_name: str = ""
    counsel_firm: str = ""
    counsel_email: str = ""


@dataclass(frozen=True)
class SupportingDocument:
    """A file to attach to the request: an open binary stream, its original name and how far
    it may travel (mediation only unless marked for the case file)."""

    stream: BinaryIO
    filename: str
    circulation: Circulation = Circulation.MEDIATION_ONLY


def check_amount(amount: Decimal) -> None:
    """Refuse an amount in dispute that is not positive, has more than two decimals or is too
    large to store (raises :class:`InvalidInput`)."""
    if not amount.is_finite():
        raise InvalidInput(_l("The amount in dispute must be a number."))
    if amount <= 0:
        raise InvalidInput(_l("The amount in dispute must be greater than zero."))
    if amount.adjusted() >= MAX_AMOUNT_DIGITS:
        raise InvalidInput(_l("The amount in dispute is too large."))
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput(_l("The amount in dispute may have at most two decimal places."))


def start_request_for_mediation(
    actor: User,
    details: RequestDetails,
    *,
    claimant_organisation: dict | None = None,
    documents: Sequence[SupportingDocument] = (),
    document_description: str = "",
) -> Case:
    """Create a draft Request for Mediation for ``actor``'s organisation.

    A party representative without an organisation gives ``claimant_organisation`` (plain
    particulars): it is registered and the actor linked to it. An organisation that is
    already registered and has representatives or cases is not taken over this way.
    """
    if actor.role != Role.PARTY:
        raise NotPermitted(_l("Only party representatives may file a Request for Mediation."))
    _check_details(details)
    if actor.organisation is None:
        if not claimant_organisation:
            raise InvalidInput(_l("Enter your organisation's particulars."))
        organisation = find_or_register_organisation(actor, claimant_organisation)
        _refuse_taken_organisation(organisation)
        actor.organisation = organisation
        record(
            actor,
            "representative_linked",
            f"{actor.email} represents {organisation.name_en}",
            changes={"organisation_id": [None, organisation.id]},
        )
    case = Case(state=CaseState.DRAFT, created_by_id=actor.id)
    case.parties = [CaseParty(side=PartySide.CLAIMANT, organisation=actor.organisation)]
    _assign(case, details)
    db.session.add(case)
    db.session.flush()
    record(
        actor,
        "request_started",
        "Started a Request for Mediation (draft)",
        case=case,
        changes={name: [None, value] for name, value in _snapshot(case).items() if value},
    )
    _attach(actor, case, documents, document_description)
    db.session.flush()
    return case


def update_draft_request(
    actor: User,
    case: Case,
    details: RequestDetails,
    *,
    expected_version: int | None,
    documents: Sequence[SupportingDocument] = (),
    document_description: str = "",
) -> Case:
    """Save ``details`` over the draft ``case`` (and attach ``documents``); audited old -> new."""
    check(case, Action.EDIT_DRAFT, case_roles(actor, case), expected_version)
    _check_details(details)
    before = _snapshot(case)
    _assign(case, details)
    after = _snapshot(case)
    changes = {name: [before[name], after[name]] for name in after if before[name] != after[name]}
    if changes:
        record(actor, "draft_edited", "Edited the draft Request for Mediation", case=case,
               changes=changes)
    db.session.flush()
    _attach(actor, case, documents, document_description)
    db.session.flush()
    return case


def submission_problems(case: Case) -> list[str]:
    """Everything the request still lacks for submission, each naming the field (empty: ready)."""
    problems = []
    for name in REQUIRED_FOR_SUBMISSION:
        if getattr(case, name) in (None, ""):
            problems.append(str(_l("%(field)s: this is required.", field=FIELD_LABELS[name])))
    if case.amount_in_dispute is not None:
        try:
            check_amount(case.amount_in_dispute)
        except InvalidInput as error:
            problems.append(str(_l(
                "%(field)s: %(message)s",
                field=FIELD_LABELS["amount_in_dispute"], message=error.message,
            )))
    form = OrganisationSubForm(data=case.respondent_details or {})
    if not form.validate():
        for subfield in form:
            for message in _flat_errors(subfield.errors):
                problems.append(str(_l(
                    "%(block)s — %(field)s: %(message)s",
                    block=FIELD_LABELS["respondent_organisation"],
                    field=subfield.label.text,
                    message=message,
                )))
    return problems


def submit_request_for_mediation(
    actor: User, case: Case, *, expected_version: int | None, now: datetime | None = None
) -> Case:
    """Submit the draft: it becomes a filed case with a reference and a filing fee due.

    Registers the respondent organisation (or finds it in the registry) as the respondent
    party, invites the respondent's contact by e-mail and tells the claimant's representatives
    and the registry. Raises :class:`IncompleteRequest` listing what is missing.
    ``now`` is the moment of submission (default: now); the reference's year is its year in
    Singapore.
    """
    transition = check(case, Action.SUBMIT, case_roles(actor, case), expected_version)
    problems = submission_problems(case)
    if problems:
        raise IncompleteRequest(problems)
    now = now or now_utc()
    respondent = find_or_register_organisation(actor, case.respondent_details)
    if respondent.id == case.claimant.organisation_id:
        raise InvalidInput(_l("The respondent cannot be the claimant organisation itself."))
    quote = filing_fee_for(case.amount_in_dispute, case.currency)
    reference = next_case_reference(now)
    case.parties.append(CaseParty(side=PartySide.RESPONDENT, organisation=respondent))
    apply(case, transition)
    case.reference = reference
    case.submitted_at = now
    case.claimant.confirmed_at = now  # the claimant gave its particulars by filing
    case.filing_fee = quote.fee
    db.session.flush()
    token = issue_respondent_invitation(case, case.respondent_contact_email, now=now)
    record(
        actor,
        "request_submitted",
        f"Submitted the Request for Mediation {reference}",
        case=case,
        changes={
            "state": [CaseState.DRAFT.value, case.state.value],
            "reference": [None, reference],
            "respondent_organisation_id": [None, respondent.id],
            "filing_fee": [None, f"{quote.fee} {quote.currency}"],
        },
    )
    send_respondent_invitation(case, token)
    notify_users("filing_received", party_users(case, PartySide.CLAIMANT), case=case,
                 fee=quote)
    notify_users("new_filing", registrars(), case=case, fee=quote)
    db.session.flush()
    return case


def _check_details(details: RequestDetails) -> None:
    if details.amount_in_dispute is not None:
        check_amount(details.amount_in_dispute)
    if details.currency is not None:
        Currency(details.currency)


def _refuse_taken_organisation(organisation: Organisation) -> None:
    """A registered organisation with representatives or cases is joined only through the
    registry or a respondent invitation, never by typing its number."""
    represented = db.session.query(
        db.select(User).filter_by(organisation_id=organisation.id).exists()
    ).scalar()
    in_cases = db.session.query(
        db.select(CaseParty).filter_by(organisation_id=organisation.id).exists()
    ).scalar()
    if represented or in_cases:
        raise InvalidInput(_l(
            "%(name)s is already registered. Ask the SIMC registry to link your account to it.",
            name=organisation.name_en,
        ))


def _assign(case: Case, details: RequestDetails) -> None:
    for name in _CASE_FIELDS:
        setattr(case, name, getattr(details, name))
    claimant = case.claimant
    for name in _COUNSEL_FIELDS:
        setattr(claimant, name, getattr(details, name))


def _snapshot(case: Case) -> dict:
    values = {name: getattr(case, name) for name in _CASE_FIELDS}
    values.update({name: getattr(case.claimant, name) for name in _COUNSEL_FIELDS})
    return values


def _attach(actor, case, documents, description: str) -> None:
    for document in documents:
        upload_document(actor, case, document.stream, document.filename, description,
                        circulation=document.circulation)


def _flat_errors(errors) -> list[str]:
    """Error messages of a field, a form field or a list of them, flattened."""
    if isinstance(errors, dict):
        return [m for value in errors.values() for m in _flat_errors(value)]
    if isinstance(errors, list | tuple):
        return [m for value in errors for m in _flat_errors(value)]
    return [str(errors)]

