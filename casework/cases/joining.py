"""The respondent joins a filed case through an e-mailed invitation, then answers the request.

An invitation is a single-use link ``{BASE_URL}/invitations/<token>``; only the token's
sha256 is stored. It expires after ``INVITATION_DAYS`` and is replaced (revoked) when a
registrar sends a new one. Accepting it links the signed-in representative to the respondent
organisation; the respondent then agrees to mediate (which commences the mediation when the
registry is awaiting that agreement) or declines with reasons.
"""

from __future__ import annotations

import enum
import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import lazy_gettext as _l

from casework.accounts.models import Locale, Role, User
from casework.audit.log import record
from casework.cases.models import (
    Case,
    CaseLanguage,
    CaseState,
    PartySide,
    RespondentAnswer,
    RespondentInvitation,
)
from casework.cases.permissions import case_roles
from casework.cases.simc_clock import simc_date
from casework.cases.workflow import OPEN_STATES, Action, CaseRole, apply, check, check_version
from casework.db import now_utc
from casework.errors import DomainError, IllegalTransition, InvalidInput, NotPermitted
from casework.extensions import db
from casework.notifications.outbox import enqueue
from casework.notifications.recipients import notify_users, party_users, registrars
from casework.parties.models import Jurisdiction
from casework.parties.operations import update_organisation

TOKEN_BYTES = 32
# Before the respondent has joined, the registry may send a fresh invitation.
RESENDABLE_STATES = OPEN_STATES


class InvitationStatus(enum.StrEnum):
    """Whether an invitation link can still be used."""

    VALID = "valid"
    USED = "used"
    EXPIRED = "expired"
    REVOKED = "revoked"


class InvitationUnavailable(DomainError):
    """The invitation link is unknown (404) or can no longer be used (410)."""

    def __init__(self, message: str, status: int = 410):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class CounselDetails:
    """A party's counsel as entered (all optional)."""

    name: str = ""
    firm: str = ""
    email: str = ""


def hash_token(token: str) -> str:
    """The sha256 (hex) under which an invitation token is stored."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def invitation_link(token: str) -> str:
    """The absolute link e-mailed to the respondent's contact."""
    return f"{current_app.config['BASE_URL'].rstrip('/')}/invitations/{token}"


def invitation_locale(case: Case) -> str:
    """The language of the respondent's invitation.

    Chinese for a respondent registered in mainland China or a mediation preferred in Chinese,
    English otherwise: the contact has no account yet, so their own choice is unknown.
    """
    jurisdiction = (case.respondent_details or {}).get("jurisdiction")
    if case.respondent is not None:
        jurisdiction = case.respondent.organisation.jurisdiction.value
    if jurisdiction == Jurisdiction.CN.value or case.preferred_language == CaseLanguage.ZH:
        return Locale.ZH.value
    return Locale.EN.value


def issue_respondent_invitation(case: Case, email: str, *, now: datetime) -> str:
    """Create an invitation for ``email`` to join ``case`` and return its (unstored) token."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    db.session.add(RespondentInvitation(
        case_id=case.id,
        email=email,
        token_hash=hash_token(token),
        created_at=now,
        expires_at=now + timedelta(days=current_app.config["INVITATION_DAYS"]),
    ))
    db.session.flush()
    return token


def send_respondent_invitation(case: Case, token: str, *, resent: bool = False) -> None:
    """Queue the invitation e-mail with ``token``'s link to the respondent's contact."""
    invitation = find_invitation(token)
    locale = invitation_locale(case)
    claimant = case.claimant.organisation
    enqueue(
        "respondent_invitation",
        invitation.email,
        locale,
        case=case,
        link=invitation_link(token),
        contact_name=case.respondent_contact_name,
        claimant_name=claimant.display_name(locale),
        respondent_name=case.respondent.organisation.display_name(locale),
        expires_on=simc_date(invitation.expires_at),
        resent=resent,
    )


def find_invitation(token: str) -> RespondentInvitation | None:
    """The invitation with this token, whatever its status (``None`` if unknown)."""
    if not token:
        return None
    return db.session.scalar(
        db.select(RespondentInvitation).filter_by(token_hash=hash_token(token))
    )


def invitation_status(invitation: RespondentInvitation, now: datetime | None = None
                      ) -> InvitationStatus:
    """Whether ``invitation`` may still be used at ``now``."""
    if invitation.used_at is not None:
        return InvitationStatus.USED
    if invitation.revoked_at is not None:
        return InvitationStatus.REVOKED
    if (now or now_utc()) >= invitation.expires_at:
        return InvitationStatus.EXPIRED
    return InvitationStatus.VALID


def latest_invitation(case: Case) -> RespondentInvitation | None:
    """The most recently issued invitation of ``case``."""
    return db.session.scalar(
        db.select(RespondentInvitation)
        .filter_by(case_id=case.id)
        .order_by(RespondentInvitation.created_at.desc(), RespondentInvitation.id.desc())
        .limit(1)
    )


def usable_invitation(token: str, now: datetime | None = None) -> RespondentInvitation:
    """The invitation for ``token`` if it can be used now; else raise
    :class:`InvitationUnavailable` (404 unknown, 410 used, expired or replaced) with a hint."""
    invitation = find_invitation(token)
    if invitation is None:
        raise InvitationUnavailable(
            _l("This invitation link is not valid. Check that you used the whole link from the "
               "e-mail, or contact the SIMC registry."),
            status=404,
        )
    status = invitation_status(invitation, now)
    if status == InvitationStatus.USED:
        raise InvitationUnavailable(_l(
            "This invitation has already been used. Sign in with the account that accepted it, "
            "or contact the SIMC registry."
        ))
    if status == InvitationStatus.REVOKED:
        raise InvitationUnavailable(_l(
            "This invitation was replaced by a newer one. Use the link in the latest e-mail, or "
            "contact the SIMC registry."
        ))
    if status == InvitationStatus.EXPIRED:
        raise InvitationUnavailable(_l(
            "This invitation expired on %(date)s. Contact the SIMC registry for a new one.",
            date=simc_date(invitation.expires_at).isoformat(),
        ))
    return invitation


def invitation_resendable(case: Case) -> bool:
    """Whether the respondent may be sent a new invitation now: the case is open and the
    respondent has not joined yet."""
    return (
        case.state in RESENDABLE_STATES
        and case.respondent is not None
        and case.respondent.confirmed_at is None
    )


def ensure_may_resend_invitation(actor: User, case: Case) -> None:
    """Only the registry re-sends invitations (raises :class:`NotPermitted` otherwise)."""
    if CaseRole.REGISTRAR not in case_roles(actor, case):
        raise NotPermitted(_l("Only the registry may re-send the respondent's invitation."))


def resend_respondent_invitation(
    actor: User,
    case: Case,
    *,
    expected_version: int | None,
    email: str | None = None,
    now: datetime | None = None,
) -> RespondentInvitation:
    """Send the respondent's contact a new invitation (registrars), revoking every earlier
    unused link. ``email`` corrects the contact's address."""
    ensure_may_resend_invitation(actor, case)
    check_version(case, expected_version)
    if case.state not in RESENDABLE_STATES:
        raise IllegalTransition(_l("The case is not open: there is nobody to invite."))
    if case.respondent is None or case.respondent.confirmed_at is not None:
        raise IllegalTransition(_l("The respondent has already joined the case."))
    now = now or now_utc()
    changes = {}
    email = (email or "").strip()
    if email and email != case.respondent_contact_email:
        changes["respondent_contact_email"] = [case.respondent_contact_email, email]
        case.respondent_contact_email = email
    revoked = db.session.scalars(
        db.select(RespondentInvitation).filter_by(case_id=case.id, used_at=None, revoked_at=None)
    ).all()
    for old in revoked:
        old.revoked_at = now
    token = issue_respondent_invitation(case, case.respondent_contact_email, now=now)
    changes["revoked_invitations"] = [old.id for old in revoked]
    record(
        actor,
        "respondent_invitation_resent",
        f"Sent a new invitation to {case.respondent_contact_email}",
        case=case,
        changes=changes,
    )
    send_respondent_invitation(case, token, resent=True)
    db.session.flush()
    return find_invitation(token)


def accept_respondent_invitation(
    actor: User,
    token: str,
    organisation: dict,
    counsel: CounselDetails,
    *,
    now: datetime | None = None,
) -> Case:
    """Join the case of invitation ``token`` as the respondent's representative.

    Uses up the invitation, links ``actor`` to the respondent organisation (refused if they
    already represent another one), saves the confirmed ``organisation`` particulars and the
    respondent's ``counsel``.
    """
    now = now or now_utc()
    invitation = usable_invitation(token, now)
    case = invitation.case
    respondent = case.respondent
    if actor.role != Role.PARTY:
        raise NotPermitted(_l("Only a party representative's account can join a case."))
    if actor.organisation_id is not None and actor.organisation_id != respondent.organisation_id:
        raise NotPermitted(_l(
            "Your account represents %(own)s. An account acts for one organisation only: to "
            "answer for %(respondent)s, use an account of that organisation or contact the "
            "SIMC registry.",
            own=actor.organisation.name_en,
            respondent=respondent.organisation.name_en,
        ))
    if case.state not in OPEN_STATES:
        raise IllegalTransition(_l("This case is no longer open; it cannot be joined."))
    invitation.used_at = now
    invitation.used_by_id = actor.id
    if actor.organisation_id is None:
        actor.organisation = respondent.organisation
        record(
            actor,
            "representative_linked",
            f"{actor.email} represents {respondent.organisation.name_en}",
            case=case,
            changes={"organisation_id": [None, respondent.organisation_id]},
        )
    db.session.flush()
    update_organisation(actor, respondent.organisation, organisation)
    before = {
        "counsel_name": respondent.counsel_name,
        "counsel_firm": respondent.counsel_firm,
        "counsel_email": respondent.counsel_email,
    }
    respondent.counsel_name = counsel.name
    respondent.counsel_firm = counsel.firm
    respondent.counsel_email = counsel.email
    respondent.confirmed_at = now
    changes = {
        name: [old, getattr(respondent, name)]
        for name, old in before.items()
        if old != getattr(respondent, name)
    }
    changes["invitation_id"] = invitation.id
    record(
        actor,
        "respondent_joined",
        f"{actor.email} joined for the respondent {respondent.organisation.name_en}",
        case=case,
        changes=changes,
    )
    db.session.flush()
    return case


def agree_to_mediate(
    actor: User, case: Case, *, expected_version: int | None, now: datetime | None = None
) -> Case:
    """Record the respondent's agreement to mediate.

    While the registry awaits it, the agreement commences the mediation that day (in
    Singapore); the e-mail to the parties and the registry is SIMC's written confirmation.
    Earlier (filed, information requested) it is recorded for the acknowledgement.
    """
    transition = check(case, Action.RESPONDENT_AGREE, case_roles(actor, case), expected_version)
    answered_on = simc_date(now or now_utc())
    old_state = case.state
    commences = transition.target == CaseState.COMMENCED and old_state != CaseState.COMMENCED
    case.respondent_answer = RespondentAnswer.AGREE
    case.respondent_answered_on = answered_on
    case.decline_reasons = None
    changes = {"respondent_answer": [None, RespondentAnswer.AGREE.value]}
    if commences:
        changes["commencement_date"] = [case.commencement_date, answered_on]
        case.commencement_date = answered_on
    apply(case, transition)
    changes["state"] = [old_state.value, case.state.value]
    record(actor, "respondent_agreed", "The respondent agreed to mediate", case=case,
           changes=changes)
    _tell_answer(case, commenced=commences)
    db.session.flush()
    return case


def decline_to_mediate(
    actor: User,
    case: Case,
    reasons: str,
    *,
    expected_version: int | None,
    now: datetime | None = None,
) -> Case:
    """Record that the respondent declines to mediate, with its ``reasons`` (required)."""
    transition = check(case, Action.RESPONDENT_DECLINE, case_roles(actor, case), expected_version)
    reasons = (reasons or "").strip()
    if not reasons:
        raise InvalidInput(_l("Give the reasons for declining to mediate."))
    old_state = case.state
    case.respondent_answer = RespondentAnswer.DECLINE
    case.respondent_answered_on = simc_date(now or now_utc())
    case.decline_reasons = reasons
    apply(case, transition)
    record(
        actor,
        "respondent_declined",
        "The respondent declined to mediate",
        case=case,
        changes={
            "respondent_answer": [None, RespondentAnswer.DECLINE.value],
            "decline_reasons": [None, reasons],
            "state": [old_state.value, case.state.value],
        },
    )
    _tell_answer(case, commenced=False)
    db.session.flush()
    return case


def _tell_answer(case: Case, *, commenced: bool) -> None:
    """E-mail the answer to the claimant and the registry; a commencement also confirms it in
    writing to the respondent."""
    side = None if commenced else PartySide.CLAIMANT
    notify_users("respondent_answered", party_users(case, side) + registrars(), case=case,
                 commenced=commenced)
