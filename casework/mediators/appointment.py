"""The appointment of a mediator to a case (``commenced`` -> ``mediator_proposed`` ->
``mediator_appointed``): the registrar proposes a panel mediator, the mediator files a conflict
disclosure, each side accepts or objects within the objection period, and the registrar confirms
the appointment. Also what the case page shows of it.

Each operation checks the workflow table, mutates, writes an audit entry, queues the e-mails and
flushes; the caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.attributes import flag_modified

from casework.accounts.models import User
from casework.audit.log import record
from casework.cases import workflow
from casework.cases.models import Case, CaseParty, PartySide
from casework.cases.permissions import case_roles
from casework.cases.workflow import Action, CaseRole
from casework.deadlines.case_deadlines import objection_deadlines, objection_due
from casework.errors import IllegalTransition, InvalidInput, NotPermitted
from casework.extensions import db
from casework.mediators.models import (
    Disclosure,
    MediatorProfile,
    MediatorProposal,
    ProposalAnswer,
    ProposalResponse,
    ProposalStatus,
)
from casework.mediators.panel import PanelEntry, panel_mediators
from casework.notifications.recipients import notify_users, party_users, registrars
from casework.parties.models import Jurisdiction

# Words in a mediator's nationality that match the country where a party is registered.
_NATIONALITY_WORDS = {
    Jurisdiction.SG: ("singapore",),
    Jurisdiction.CN: ("china", "chinese", "prc", "中国"),
}
# The case role of the users who act for each side.
SIDE_ROLES = {PartySide.CLAIMANT: CaseRole.CLAIMANT, PartySide.RESPONDENT: CaseRole.RESPONDENT}
_ALREADY_ANSWERED = {
    PartySide.CLAIMANT: _l("The claimant has already answered this proposal; an answer cannot "
                           "be changed."),
    PartySide.RESPONDENT: _l("The respondent has already answered this proposal; an answer "
                             "cannot be changed."),
}
_OBJECTED = {
    PartySide.CLAIMANT: _l("The claimant objected to the proposed mediator: propose another "
                           "mediator."),
    PartySide.RESPONDENT: _l("The respondent objected to the proposed mediator: propose another "
                             "mediator."),
}


def time_for(value: datetime, user) -> str:
    """``value`` in ``user``'s time zone and language, with the zone named (e-mails, messages)."""
    text = format_datetime(value, "medium", tzinfo=ZoneInfo(user.timezone),
                           locale=user.locale.value)
    return f"{text} ({user.timezone})"


def objection_deadline(proposal: MediatorProposal, party: CaseParty) -> datetime:
    """When ``party``'s time to object to ``proposal`` runs out: the end of its due date in its
    own jurisdiction, counted on its own business calendar (see ``casework.deadlines``).
    ``MediatorProposal.objection_deadline`` records the latest of the parties' deadlines."""
    return objection_due(party, proposal.proposed_at).ends_at


def case_proposals(case: Case) -> list[MediatorProposal]:
    """Every mediator proposal made on ``case``, the newest first."""
    return list(db.session.scalars(
        db.select(MediatorProposal).filter_by(case_id=case.id)
        .order_by(MediatorProposal.proposed_at.desc(), MediatorProposal.id.desc())
    ))


def pending_proposal(case: Case) -> MediatorProposal | None:
    """The proposal the parties are answering now, if any."""
    return db.session.scalars(
        db.select(MediatorProposal).filter_by(case_id=case.id, status=ProposalStatus.PROPOSED)
    ).first()


def proposable_mediators(
    case: Case, *, language: str = "", expertise: str = "", nationality: str = ""
) -> list[PanelEntry]:
    """Panel mediators the registrar may propose for ``case`` (filtered like the panel).

    A mediator proposed on the case before (replaced) is not offered again, nor is the one
    whose proposal is pending.
    """
    already = {proposal.mediator_id for proposal in case_proposals(case)}
    return panel_mediators(
        language=language, expertise=expertise, nationality=nationality, exclude=already
    )


def shares_party_nationality(case: Case, profile: MediatorProfile) -> bool:
    """Whether the mediator's nationality is the country of a party (a hint: SIMC often
    prefers a neutral nationality)."""
    nationality = profile.nationality.casefold()
    return any(
        word in nationality
        for party in case.parties
        for word in _NATIONALITY_WORDS.get(party.organisation.jurisdiction, ())
    )


def propose_mediator(
    actor, case: Case, mediator: User, *, expected_version: int, now: datetime
) -> MediatorProposal:
    """Propose ``mediator`` from the panel as the mediator of ``case`` (registrar).

    A proposal still pending is replaced: that mediator loses access to the case and is not
    offered again. Each party may object until its own :func:`objection_deadline`; the
    mediator is asked for a conflict disclosure.
    """
    transition = workflow.check(
        case, Action.PROPOSE_MEDIATOR, case_roles(actor, case), expected_version
    )
    if mediator.id not in {entry.mediator.id for entry in proposable_mediators(case)}:
        raise InvalidInput(_l(
            "%(name)s cannot be proposed for this case: not on the panel, or proposed on it "
            "before.", name=mediator.name,
        ))
    earlier = pending_proposal(case)
    changes = {
        "state": [case.state, transition.target],
        "proposed_mediator": [earlier.mediator.name if earlier else None, mediator.name],
    }
    summary = f"{mediator.name} proposed as mediator"
    if earlier is not None:
        earlier.status = ProposalStatus.REPLACED
        changes["replaced_proposal"] = [ProposalStatus.PROPOSED, ProposalStatus.REPLACED]
        summary += f", replacing {earlier.mediator.name}"
    deadlines = objection_deadlines(case, now)
    proposal = MediatorProposal(
        case=case, mediator=mediator, proposed_by=actor, proposed_at=now,
        objection_deadline=max(deadlines.values()), status=ProposalStatus.PROPOSED,
    )
    db.session.add(proposal)
    changes["objection_deadline"] = [None, proposal.objection_deadline]
    workflow.apply(case, transition)
    _touch(case, now)
    record(actor, Action.PROPOSE_MEDIATOR.value, summary, case=case, changes=changes)
    context = {"proposal": proposal, "mediator": mediator,
               "profile": mediator.mediator_profile, "when": time_for}
    notify_users("disclosure_requested", [mediator], case=case, **context)
    for side, deadline in deadlines.items():
        notify_users("mediator_proposed", party_users(case, side), case=case,
                     deadline=deadline, **context)
    db.session.flush()
    return proposal


def _ensure_disclosure_open(proposal: MediatorProposal) -> None:
    """Refuse (409) when the conflict disclosure of ``proposal`` was already filed."""
    if proposal.disclosure is not None:
        raise IllegalTransition(
            _l("The conflict disclosure has already been filed and cannot be changed.")
        )


def file_disclosure(
    actor, case: Case, disclosure: Disclosure, circumstances: str = "", *,
    expected_version: int, now: datetime,
) -> MediatorProposal:
    """File the proposed mediator's conflict disclosure (the proposed mediator, once).

    ``Disclosure.CIRCUMSTANCES`` needs the circumstances described; ``Disclosure.NONE`` declares
    there are none. Registrars and the parties are told; everyone on the case sees it.
    """
    workflow.check(case, Action.FILE_DISCLOSURE, case_roles(actor, case), expected_version)
    proposal = require_pending_proposal(case)
    _ensure_disclosure_open(proposal)
    text = circumstances.strip() if disclosure == Disclosure.CIRCUMSTANCES else ""
    if disclosure == Disclosure.CIRCUMSTANCES and not text:
        raise InvalidInput(_l("Describe the circumstances you disclose."))
    proposal.disclosure = disclosure
    proposal.disclosure_text = text
    proposal.disclosed_at = now
    _touch(case, now)
    record(
        actor, Action.FILE_DISCLOSURE.value,
        f"Conflict disclosure filed by {actor.name}: "
        + ("circumstances disclosed" if text else "no circumstances to disclose"),
        case=case, changes={"disclosure": [None, disclosure], "disclosure_text": [None, text]},
    )
    notify_users(
        "disclosure_filed", [*registrars(), *party_users(case)], case=case, proposal=proposal,
    )
    db.session.flush()
    return proposal


def _ensure_answer_open(
    proposal: MediatorProposal, party: CaseParty, now: datetime, viewer
) -> None:
    """Refuse (409) a second answer for ``party``'s side, or an answer after its deadline."""
    if proposal.response_of(party) is not None:
        raise IllegalTransition(_ALREADY_ANSWERED[party.side])
    deadline = objection_deadline(proposal, party)
    if now > deadline:
        raise IllegalTransition(_l(
            "The objection period ended on %(date)s.", date=time_for(deadline, viewer),
        ))


def answer_proposal(
    actor, case: Case, side: PartySide, answer: ProposalAnswer, reasons: str = "", *,
    expected_version: int, now: datetime,
) -> ProposalResponse:
    """Accept, or object with reasons to, the proposed mediator for ``side`` (that side's users).

    One answer per side, before the objection deadline; registrars are told.
    """
    roles = case_roles(actor, case)
    workflow.check(case, Action.ANSWER_PROPOSAL, roles, expected_version)
    if SIDE_ROLES[side] not in roles:
        raise NotPermitted(_l("You may answer only for your own side of the case."))
    proposal = require_pending_proposal(case)
    party = case.party(side)
    _ensure_answer_open(proposal, party, now, actor)
    text = reasons.strip() if answer == ProposalAnswer.OBJECT else ""
    if answer == ProposalAnswer.OBJECT and not text:
        raise InvalidInput(_l("Give the reasons for the objection."))
    response = ProposalResponse(
        proposal=proposal, case_party_id=party.id, case_party=party, answered_by=actor,
        answered_at=now, answer=answer, reasons=text,
    )
    db.session.add(response)
    _touch(case, now)
    verb = "accepted" if answer == ProposalAnswer.ACCEPT else "objected to"
    record(
        actor, Action.ANSWER_PROPOSAL.value,
        f"The {side.value} {verb} the proposed mediator {proposal.mediator.name}",
        case=case, changes={f"{side.value}_answer": [None, answer], "reasons": [None, text]},
    )
    notify_users("proposal_answered", registrars(), case=case, proposal=proposal,
                 response=response)
    db.session.flush()
    return response


def appointment_blockers(case: Case, proposal: MediatorProposal, now: datetime, viewer) -> list:
    """Why the appointment of the mediator in ``proposal`` cannot be confirmed yet (empty: it
    can). Confirming needs the disclosure filed, no objection, and every party's acceptance or
    the end of its own objection period."""
    blockers = []
    if proposal.disclosure is None:
        blockers.append(_l("The proposed mediator has not filed the conflict disclosure yet."))
    answers = {party.side: proposal.response_of(party) for party in case.parties}
    objections = [
        side for side, response in answers.items()
        if response is not None and response.answer == ProposalAnswer.OBJECT
    ]
    blockers.extend(_OBJECTED[side] for side in objections)
    all_accepted = all(
        response is not None and response.answer == ProposalAnswer.ACCEPT
        for response in answers.values()
    )
    still_open = [
        deadline for party in case.parties
        if answers[party.side] is None
        and now <= (deadline := objection_deadline(proposal, party))
    ]
    if not objections and not all_accepted and still_open:
        blockers.append(_l(
            "Not every party has accepted the proposed mediator, and the objection period runs "
            "until %(date)s.", date=time_for(max(still_open), viewer),
        ))
    return blockers


def confirm_appointment(
    actor, case: Case, *, expected_version: int, now: datetime
) -> MediatorProposal:
    """Appoint the proposed mediator to ``case`` (registrar); see :func:`appointment_blockers`.

    The mediator and the parties are told.
    """
    transition = workflow.check(
        case, Action.CONFIRM_APPOINTMENT, case_roles(actor, case), expected_version
    )
    proposal = require_pending_proposal(case)
    blockers = appointment_blockers(case, proposal, now, actor)
    if blockers:
        raise IllegalTransition(LazyString(lambda: " ".join(str(b) for b in blockers)))
    changes = {
        "state": [case.state, transition.target],
        "mediator_id": [case.mediator_id, proposal.mediator_id],
        "proposal": [proposal.status, ProposalStatus.CONFIRMED],
    }
    case.mediator = proposal.mediator
    proposal.status = ProposalStatus.CONFIRMED
    workflow.apply(case, transition)
    _touch(case, now)
    record(
        actor, Action.CONFIRM_APPOINTMENT.value,
        f"{proposal.mediator.name} appointed as mediator", case=case, changes=changes,
    )
    notify_users(
        "appointment_confirmed", [proposal.mediator, *party_users(case)], case=case,
        proposal=proposal, mediator=proposal.mediator,
    )
    db.session.flush()
    return proposal


def require_pending_proposal(case: Case) -> MediatorProposal:
    """The pending proposal of ``case``; :class:`IllegalTransition` (409) when there is none."""
    proposal = pending_proposal(case)
    if proposal is None:
        raise IllegalTransition(_l("No mediator is proposed for this case now."))
    return proposal


def _touch(case: Case, now: datetime) -> None:
    """Mark ``case`` changed so its version moves on and forms loaded before are stale."""
    case.updated_at = now
    flag_modified(case, "updated_at")


# What the case page shows ------------------------------------------------------------------


@dataclass(frozen=True)
class SideAnswer:
    """One side's answer to a proposal (``response`` is ``None`` while it has not answered)
    and the end of its objection period."""

    party: CaseParty
    response: ProposalResponse | None
    deadline: datetime


@dataclass(frozen=True)
class ProposalSummary:
    """A proposal with each side's answer, in the order of the case's parties."""

    proposal: MediatorProposal
    answers: list[SideAnswer]


@dataclass(frozen=True)
class AppointmentOverview:
    """The mediator appointment of a case as everyone on the case sees it."""

    visible: bool  # whether the case has reached the appointment stage
    current: ProposalSummary | None  # the pending or the confirmed proposal
    earlier: list[ProposalSummary]  # replaced proposals, the newest first
    mediator: User | None  # the appointed mediator


def _summarise(case: Case, proposal: MediatorProposal) -> ProposalSummary:
    """``proposal`` with each side's answer."""
    return ProposalSummary(
        proposal,
        [
            SideAnswer(party, proposal.response_of(party), objection_deadline(proposal, party))
            for party in case.parties
        ],
    )


def appointment_overview(case: Case) -> AppointmentOverview:
    """The current proposal, the earlier ones and the appointed mediator of ``case``; not
    ``visible`` before the case may have a mediator proposed.

    The disclosure and both sides' answers are visible to everyone on the case (SIMC practice).
    """
    proposals = case_proposals(case)
    current = next((p for p in proposals if p.status != ProposalStatus.REPLACED), None)
    proposable = workflow.transition_for(case.state, Action.PROPOSE_MEDIATOR) is not None
    return AppointmentOverview(
        visible=proposable or bool(proposals) or case.mediator is not None,
        current=_summarise(case, current) if current is not None else None,
        earlier=[_summarise(case, p) for p in proposals if p.status == ProposalStatus.REPLACED],
        mediator=case.mediator,
    )
