"""Operations on a case's settlement: save a version of the terms, approve one.

The mediator or the registry drafts the terms once the mediation has settled. Every saved change
is a new version; a party's authorised signatory approves one exact version (its sha256), and
the approval that completes the set moves the case to *settlement signed*. Approvals of earlier
versions never count for a later one, so an edit clears them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from flask_babel import lazy_gettext as _l

from casework.audit.log import record
from casework.cases import workflow
from casework.cases.models import Case, CaseParty, PartySide
from casework.cases.permissions import case_roles
from casework.cases.workflow import Action, CaseRole
from casework.errors import IllegalTransition, NotPermitted, StaleCase
from casework.extensions import db
from casework.notifications.recipients import everyone_on_case, notify_users
from casework.parties.models import AuthorisedSignatory, Organisation
from casework.settlement.enforceability import check_enforceability
from casework.settlement.models import (
    Settlement,
    SettlementApproval,
    SettlementVersion,
    terms_digest,
)
from casework.settlement.terms import LanguagePrecedence, Party, SettlementTerms

_SIDE_ROLES = {PartySide.CLAIMANT: CaseRole.CLAIMANT, PartySide.RESPONDENT: CaseRole.RESPONDENT}


@dataclass(frozen=True)
class PartyApproval:
    """Whether one party of the case has approved the current version of the terms."""

    case_party: CaseParty
    organisation: Organisation
    approval: SettlementApproval | None


def settlement_for(case: Case) -> Settlement | None:
    """The case's settlement, or ``None`` before anyone started drafting it."""
    return db.session.scalar(db.select(Settlement).filter_by(case_id=case.id))


def party_key(case_party: CaseParty) -> str:
    """The key by which the terms refer to a party: its side (``claimant``, ``respondent``)."""
    return case_party.side.value


def registry_party(case_party: CaseParty) -> Party:
    """A party of the terms with the particulars the party registry holds today."""
    organisation = case_party.organisation
    return Party(
        key=party_key(case_party),
        name_en=organisation.name_en,
        name_zh=organisation.name_zh,
        short_name_en=organisation.short_name_en or organisation.name_en,
        short_name_zh=organisation.short_name_zh or organisation.name_zh,
        side=case_party.side.value,
        jurisdiction=organisation.jurisdiction.value,
        registry_number=organisation.registry_number,
        domicile_en=organisation.domicile_en,
        domicile_zh=organisation.domicile_zh,
        legal_representative=organisation.legal_representative,
        legal_representative_title=organisation.legal_representative_title,
    )


def _parties(case: Case) -> tuple[Party, ...]:
    """The case's parties, claimant first."""
    ordered = sorted(case.parties, key=lambda p: list(PartySide).index(p.side))
    return tuple(registry_party(case_party) for case_party in ordered)


def first_draft(case: Case) -> SettlementTerms:
    """The terms drafting starts from: the parties from the registry and the usual clauses of a
    SIMC settlement to be recorded as an SCIA award, in both languages, with no obligations."""
    mediator = case.mediator.name if case.mediator is not None else ""
    return SettlementTerms(
        parties=_parties(case),
        obligations=(),
        recitals_en=(
            f"The parties are in dispute about the following: {case.dispute_summary} "
            f"The dispute was referred to mediation administered by the Singapore International "
            f"Mediation Centre under reference {case.reference}, before the mediator {mediator}, "
            f"and the parties have agreed to settle it on the terms below."
        ),
        recitals_zh=(
            f"双方当事人之间发生争议，争议事项为：{case.dispute_summary}"
            f"该争议已提交新加坡国际调解中心调解（案号{case.reference}，调解员{mediator}），"
            f"双方当事人同意按以下条款和解。"
        ),
        costs_en="Each party bears its own costs of the mediation, including legal fees.",
        costs_zh="双方当事人各自承担己方的调解费用，包括律师费。",
        confidentiality_en=(
            "The parties shall keep the terms of this agreement confidential, except as needed to "
            "perform or enforce it or to have it recorded as an arbitral award."
        ),
        confidentiality_zh="双方当事人应对本协议条款保密，但为履行、执行本协议或将其制作为仲裁裁决所需者除外。",
        governing_law_en=(
            "This agreement is governed by the laws of the People's Republic of China."
        ),
        governing_law_zh="本协议适用中华人民共和国法律。",
        dispute_clause_en=(
            "Any dispute arising out of or in connection with this agreement shall be submitted to "
            "the Shenzhen Court of International Arbitration for arbitration in Shenzhen, and the "
            "parties agree that the arbitral tribunal may make an award on the terms of this "
            "agreement."
        ),
        dispute_clause_zh=(
            "因本协议引起的或与本协议有关的任何争议，均应提交深圳国际仲裁院在深圳进行仲裁；"
            "双方当事人同意仲裁庭根据本协议的内容制作裁决书。"
        ),
        language_precedence=LanguagePrecedence.CHINESE,
        effective_date=None,
    )


def save_terms(actor, case: Case, terms: SettlementTerms, *, expected_number: int | None,
               expected_version: int | None = None) -> SettlementVersion:
    """Save ``terms`` as the next version of the case's settlement (the mediator or the registry,
    while the case is settled).

    ``expected_number`` is the settlement version the drafter's form was loaded with (``None``
    before the first) and ``expected_version`` the case's: another number means someone changed
    them in between (:class:`StaleCase`). Each party's
    particulars are refreshed from the registry. Terms identical to the current version change
    nothing; otherwise the new version starts without approvals, and everyone on the case is
    told.
    """
    workflow.check(case, Action.DRAFT_SETTLEMENT, case_roles(actor, case), expected_version)
    settlement = settlement_for(case)
    current = settlement.current_version if settlement is not None else None
    if (current.number if current is not None else None) != expected_number:
        raise StaleCase(_l("The settlement terms were changed by someone else — reload the page "
                           "and make your change again."))
    terms = replace(terms, parties=_parties(case))
    terms_json = terms.to_json()
    if current is not None and current.terms_json == terms_json:
        return current
    if settlement is None:
        settlement = Settlement(case=case, created_by_id=actor.id)
        db.session.add(settlement)
    version = SettlementVersion(
        settlement=settlement, number=(current.number + 1) if current else 1,
        terms_json=terms_json, terms_sha256=terms_digest(terms_json), created_by_id=actor.id,
    )
    db.session.add(version)
    db.session.flush()
    cleared = len(current.approvals) if current is not None else 0
    record(actor, "settlement_terms_saved",
           f"Settlement terms version {version.number} saved", case=case,
           changes={"version": [current.number if current else None, version.number],
                    "terms_sha256": version.terms_sha256, "approvals_cleared": cleared})
    notify_users("settlement_terms_changed", everyone_on_case(case), case=case,
                 version_number=version.number, approvals_cleared=cleared)
    db.session.flush()
    return version


def signatory_for(user, case: Case) -> AuthorisedSignatory | None:
    """The authorised signatory ``user`` is for their organisation in ``case`` (matched by
    e-mail address), or ``None`` when they may not approve for it."""
    if user.organisation is None or not case_roles(user, case) & set(_SIDE_ROLES.values()):
        return None
    email = user.email.casefold()
    return next((s for s in user.organisation.signatories if s.email.casefold() == email), None)


def approvals_needed(case: Case) -> list[PartyApproval]:
    """Each party of the case with its approval of the current version (``None``: not yet)."""
    settlement = settlement_for(case)
    approvals = settlement.current_version.approvals if settlement is not None else []
    by_party = {approval.case_party_id: approval for approval in approvals}
    return [
        PartyApproval(case_party, case_party.organisation, by_party.get(case_party.id))
        for case_party in sorted(case.parties, key=lambda p: list(PartySide).index(p.side))
    ]


def approve_settlement(actor, case: Case, terms_sha256: str, *,
                       expected_version: int | None) -> SettlementApproval:
    """Approve the current version of the terms for the actor's party, as its authorised
    signatory (matched by e-mail address among the organisation's signatories).

    Refused with :class:`NotPermitted` for anyone who is not such a signatory, and with
    :class:`IllegalTransition` when there are no terms yet, when they fail the enforceability
    check (the failures are listed), when ``terms_sha256`` is not the current version's (the
    terms changed since the actor read them) or when the party has already approved it. The
    approval that completes the set moves the case to *settlement signed*.
    """
    roles = case_roles(actor, case)
    transition = workflow.check(case, Action.APPROVE_SETTLEMENT, roles, expected_version)
    signatory = signatory_for(actor, case)
    if signatory is None:
        raise NotPermitted(_l("Only an authorised signatory of the party, as recorded in the party "
                              "registry, can approve the settlement terms for it."))
    settlement = settlement_for(case)
    if settlement is None:
        raise IllegalTransition(_l("There are no settlement terms to approve yet."))
    version = settlement.current_version
    if terms_sha256 != version.terms_sha256:
        raise IllegalTransition(_l("The settlement terms changed since you read them — review "
                                   "the current version and approve it again."))
    failures = check_enforceability(version.terms)
    if failures:
        raise IllegalTransition(_l(
            "These terms cannot be approved because a court could not enforce them: %(failures)s",
            failures=" ".join(f"({failure.obligation or '-'}) {failure.message_en} "
                              f"{failure.message_zh}" for failure in failures),
        ))
    party = next(p for p in case.parties if p.organisation_id == actor.organisation_id
                 and _SIDE_ROLES[p.side] in roles)
    if any(approval.case_party_id == party.id for approval in version.approvals):
        raise IllegalTransition(_l("Your party has already approved this version of the terms."))
    approval = SettlementApproval(
        version=version, case_party_id=party.id, organisation_id=party.organisation_id,
        side=party.side, user_id=actor.id, signatory_name=signatory.name,
        signatory_title=signatory.title, terms_sha256=version.terms_sha256,
    )
    db.session.add(approval)
    db.session.flush()
    record(actor, "settlement_approved",
           f"Settlement terms version {version.number} approved for the {party.side.value}",
           case=case, changes={"version": version.number, "terms_sha256": version.terms_sha256,
                               "signatory": f"{signatory.name}, {signatory.title}"})
    everyone_approved = all(entry.approval is not None for entry in approvals_needed(case))
    if everyone_approved:
        old_state = case.state
        workflow.apply(case, transition)
        record(actor, "settlement_signed",
               f"All parties approved settlement terms version {version.number}", case=case,
               changes={"state": [old_state, case.state], "version": version.number})
    notify_users("settlement_signed" if everyone_approved else "settlement_approved",
                 everyone_on_case(case), case=case, version_number=version.number,
                 organisation=party.organisation)
    db.session.flush()
    return approval
