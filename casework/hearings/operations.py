"""What the assigned mediator does with hearings, and the mediation's result.

Each operation checks the workflow table (``MANAGE_HEARINGS`` for every hearing change, plus
``HOLD_FIRST_SESSION`` when the first session held moves the case into mediation, and
``RECORD_SETTLEMENT`` / ``RECORD_IMPASSE`` for the result), mutates, writes an audit entry,
queues the notices and flushes; the caller commits. A change to a hearing also marks the case
changed, so a form loaded before it is refused as stale.

Scheduling, rescheduling, adjourning and cancelling e-mail every participant a notice in their
language with the ``.ics`` invitation (or cancellation) attached. Private notes are stored as
:class:`MediatorNote` rows and never leave the mediator's pages: no e-mail, invitation, feed or
audit text holds them.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm.attributes import flag_modified

from casework.accounts.models import User
from casework.audit.log import record
from casework.cases import workflow
from casework.cases.models import Case, CaseLanguage, CaseState, MediationResult, PartySide
from casework.cases.permissions import case_roles
from casework.cases.workflow import Action
from casework.errors import IllegalTransition, InvalidInput
from casework.extensions import db
from casework.hearings.ics import CONTENT_TYPES, invitation_ics, invitation_method
from casework.hearings.models import (
    CITY_ZONES,
    SIDE_PARTICIPANT_ROLES,
    Attendance,
    CalendarFeedToken,
    Hearing,
    HearingKind,
    HearingParticipant,
    HearingRevision,
    HearingStatus,
    MediatorNote,
    ParticipantRole,
    RevisionKind,
    VenueKind,
)
from casework.i18n import is_valid_zone
from casework.notifications.outbox import Attachment, enqueue_for_user
from casework.notifications.recipients import notify_users, party_users, registrars

# The hearings a change of the mediation's course leaves open (to cancel when it ends).
OPEN_STATUSES = (HearingStatus.SCHEDULED, HearingStatus.ADJOURNED)
SETTLEMENTS = (MediationResult.SETTLED_IN_FULL, MediationResult.SETTLED_IN_PART)
RESULTS_THE_MEDIATOR_RECORDS = (*SETTLEMENTS, MediationResult.IMPASSE)


@dataclass(frozen=True)
class Venue:
    """Where a hearing takes place: the kind, its IANA zone, an address or meeting link."""

    kind: VenueKind
    zone: str
    address: str = ""
    meeting_link: str | None = None


@dataclass(frozen=True)
class HearingPlan:
    """What the mediator schedules: the kind of session, when, where, in which language."""

    kind: HearingKind
    starts_at: datetime
    ends_at: datetime
    venue: Venue
    language: CaseLanguage
    private_side: PartySide | None = None
    interpretation: str = ""


# Rules ---------------------------------------------------------------------------------------


def venue_zone(kind: VenueKind, chosen_zone: str) -> str:
    """The zone of a venue: a city's own, else the one chosen."""
    return CITY_ZONES.get(kind, chosen_zone)


def _checked_venue(venue: Venue) -> Venue:
    """``venue`` made consistent (a city's zone, an address or link only where it belongs), or
    :class:`InvalidInput` naming what is missing or wrong."""
    zone = venue_zone(venue.kind, venue.zone)
    if not is_valid_zone(zone):
        raise InvalidInput(_l("“%(zone)s” is not a known time zone.", zone=zone))
    address = venue.address.strip()
    link = (venue.meeting_link or "").strip()
    if venue.kind == VenueKind.ONLINE:
        parts = urlsplit(link)
        if parts.scheme != "https" or not parts.netloc:
            raise InvalidInput(_l("An online hearing needs its meeting link, starting with "
                                  "https://."))
        return Venue(venue.kind, zone, "", link)
    if venue.kind == VenueKind.OTHER_ADDRESS and not address:
        raise InvalidInput(_l("Give the address of the venue."))
    return Venue(venue.kind, zone, address, None)


def _check_times(starts_at: datetime, ends_at: datetime, now: datetime) -> None:
    if ends_at <= starts_at:
        raise InvalidInput(_l("The hearing must end after it starts."))
    if starts_at <= now:
        raise InvalidInput(_l("The hearing must start in the future."))


def eligible_participants(case: Case, private_side: PartySide | None = None) -> list[User]:
    """The party representatives who may take part in a hearing of ``case``: the active users
    of both sides, or of ``private_side`` only for a private session."""
    return party_users(case, private_side)


def _participant_role(case: Case, user: User) -> ParticipantRole:
    if user.id == case.mediator_id:
        return ParticipantRole.MEDIATOR
    side = next(p.side for p in case.parties if p.organisation_id == user.organisation_id)
    return SIDE_PARTICIPANT_ROLES[side]


def _touch(case: Case, now: datetime) -> None:
    """Mark ``case`` changed so its version moves on and forms loaded before are stale."""
    case.updated_at = now
    flag_modified(case, "updated_at")


@dataclass(frozen=True)
class _Slot:
    """When and where a hearing is, as its history records it."""

    starts_at: datetime | None = None
    ends_at: datetime | None = None
    venue_kind: VenueKind | None = None
    venue_zone: str | None = None
    location: str = ""


def _slot(hearing: Hearing) -> _Slot:
    location = hearing.meeting_link if hearing.venue_kind == VenueKind.ONLINE else hearing.address
    return _Slot(hearing.starts_at, hearing.ends_at, hearing.venue_kind, hearing.venue_zone,
                 location or "")


def _venue_summary(hearing: Hearing) -> str:
    """The venue in the audit record (no address or link: the timeline is seen by all)."""
    return f"{hearing.venue_kind.value} ({hearing.venue_zone})"


def _revise(hearing: Hearing, kind: RevisionKind, actor: User, now: datetime, *,
            old: _Slot = _Slot(), reason: str = "") -> HearingRevision:
    new = _slot(hearing)
    revision = HearingRevision(
        kind=kind, sequence=hearing.sequence, old_starts_at=old.starts_at,
        old_ends_at=old.ends_at, old_venue_kind=old.venue_kind, old_venue_zone=old.venue_zone,
        old_location=old.location, new_starts_at=new.starts_at, new_ends_at=new.ends_at,
        new_venue_kind=new.venue_kind, new_venue_zone=new.venue_zone,
        new_location=new.location, reason=reason, actor=actor, at=now,
    )
    hearing.revisions.append(revision)
    return revision


def _required_reason(reason: str, message) -> str:
    text = reason.strip()
    if not text:
        raise InvalidInput(message)
    return text


def _describe(hearing: Hearing) -> str:
    """The hearing in the audit record (English, the permanent record)."""
    when = hearing.starts_at.astimezone(ZoneInfo(hearing.venue_zone))
    kind = hearing.kind.value.replace("_", " ")
    side = f" with the {hearing.private_side.value}" if hearing.private_side else ""
    return f"{kind}{side} of {when:%Y-%m-%d %H:%M} ({hearing.venue_zone})"


# Notices -------------------------------------------------------------------------------------


def _invitation(hearing: Hearing, user: User, now: datetime) -> Attachment:
    method = invitation_method(hearing)
    return Attachment(
        filename="cancel.ics" if method == "CANCEL" else "invite.ics",
        content_type=CONTENT_TYPES[method],
        data=invitation_ics(hearing, stamp=now, locale=user.locale.value),
    )


def _notify_participants(kind: str, hearing: Hearing, now: datetime, **context) -> None:
    """E-mail notice ``kind`` to each active participant in their language, with the hearing's
    invitation (or cancellation) attached."""
    for participant in hearing.participants:
        user = participant.user
        if not user.active:
            continue
        enqueue_for_user(kind, user, case=hearing.case, hearing=hearing,
                         attachments=[_invitation(hearing, user, now)], **context)


# Hearing operations -------------------------------------------------------------------------


def schedule_hearing(actor: User, case: Case, plan: HearingPlan, participants: list[User], *,
                     expected_version: int, now: datetime) -> Hearing:
    """Schedule a hearing of ``case`` (the assigned mediator) with ``participants`` — party
    representatives of the case (for a private session, of that side only) — and the mediator.

    Every participant is e-mailed a notice with the ``.ics`` invitation. Clashes with other
    hearings are warnings shown before (:func:`casework.hearings.queries.hearing_conflicts`),
    not refusals.
    """
    workflow.check(case, Action.MANAGE_HEARINGS, case_roles(actor, case), expected_version)
    if (plan.kind == HearingKind.PRIVATE_SESSION) != (plan.private_side is not None):
        raise InvalidInput(_l("Choose the side of a private session (and only of a private "
                              "session)."))
    _check_times(plan.starts_at, plan.ends_at, now)
    venue = _checked_venue(plan.venue)
    eligible = {user.id for user in eligible_participants(case, plan.private_side)}
    outsiders = [user.name for user in participants if user.id not in eligible]
    if outsiders:
        raise InvalidInput(_l("These people cannot take part in this hearing: %(names)s.",
                              names=", ".join(outsiders)))
    hearing = Hearing(
        case=case, kind=plan.kind, private_side=plan.private_side, starts_at=plan.starts_at,
        ends_at=plan.ends_at, venue_kind=venue.kind, venue_zone=venue.zone,
        address=venue.address, meeting_link=venue.meeting_link, language=plan.language,
        interpretation=plan.interpretation.strip(), status=HearingStatus.SCHEDULED,
        sequence=0, scheduled_by=actor,
    )
    people = [case.mediator, *(u for u in participants if u.id != case.mediator_id)]
    hearing.participants = [
        HearingParticipant(user=user, role=_participant_role(case, user)) for user in people
    ]
    db.session.add(hearing)
    _revise(hearing, RevisionKind.SCHEDULED, actor, now)
    _touch(case, now)
    db.session.flush()
    record(actor, "schedule_hearing", f"{_describe(hearing)} scheduled",
           case=case, changes={"hearing_id": [None, hearing.id],
                               "starts_at": [None, hearing.starts_at],
                               "participants": [None, len(hearing.participants)]})
    _notify_participants("hearing_scheduled", hearing, now)
    db.session.flush()
    return hearing


def _check_manageable(actor: User, hearing: Hearing, expected_version: int,
                      allowed: tuple[HearingStatus, ...], message) -> None:
    workflow.check(hearing.case, Action.MANAGE_HEARINGS, case_roles(actor, hearing.case),
                   expected_version)
    if hearing.status not in allowed:
        raise IllegalTransition(message)


def reschedule_hearing(actor: User, hearing: Hearing, starts_at: datetime, ends_at: datetime,
                       venue: Venue, reason: str, *, expected_version: int,
                       now: datetime) -> Hearing:
    """Move a scheduled or adjourned hearing to a new time and/or venue, with the reason (the
    assigned mediator). The old time and venue stay in the history; the calendar event keeps
    its UID with a higher SEQUENCE, and every participant is e-mailed the update."""
    _check_manageable(actor, hearing, expected_version, OPEN_STATUSES,
                      _l("Only a scheduled or adjourned hearing can be rescheduled."))
    text = _required_reason(reason, _l("Give the reason for rescheduling."))
    _check_times(starts_at, ends_at, now)
    venue = _checked_venue(venue)
    old = _slot(hearing)
    old_venue = _venue_summary(hearing)
    old_status = hearing.status
    hearing.starts_at, hearing.ends_at = starts_at, ends_at
    hearing.venue_kind, hearing.venue_zone = venue.kind, venue.zone
    hearing.address, hearing.meeting_link = venue.address, venue.meeting_link
    hearing.status, hearing.status_reason = HearingStatus.SCHEDULED, None
    hearing.sequence += 1
    _revise(hearing, RevisionKind.RESCHEDULED, actor, now, old=old, reason=text)
    _touch(hearing.case, now)
    record(actor, "reschedule_hearing", f"{_describe(hearing)} rescheduled: {text}",
           case=hearing.case, changes={"hearing_id": hearing.id,
                                       "starts_at": [old.starts_at, starts_at],
                                       "venue": [old_venue, _venue_summary(hearing)],
                                       "status": [old_status, hearing.status]})
    _notify_participants("hearing_rescheduled", hearing, now, old_starts_at=old.starts_at,
                         old_ends_at=old.ends_at, reason=text)
    db.session.flush()
    return hearing


def adjourn_hearing(actor: User, hearing: Hearing, reason: str, *, expected_version: int,
                    now: datetime) -> Hearing:
    """Adjourn a scheduled hearing to a date still to be fixed, with the reason (the assigned
    mediator). The participants are e-mailed; their calendars drop the event until the
    hearing is rescheduled."""
    _check_manageable(actor, hearing, expected_version, (HearingStatus.SCHEDULED,),
                      _l("Only a scheduled hearing can be adjourned."))
    text = _required_reason(reason, _l("Give the reason for the adjournment."))
    _close(actor, hearing, HearingStatus.ADJOURNED, text, now)
    record(actor, "adjourn_hearing", f"{_describe(hearing)} adjourned: {text}",
           case=hearing.case, changes={"hearing_id": hearing.id,
                                       "status": [HearingStatus.SCHEDULED, hearing.status]})
    _notify_participants("hearing_adjourned", hearing, now, reason=text)
    db.session.flush()
    return hearing


def cancel_hearing(actor: User, hearing: Hearing, reason: str, *, expected_version: int,
                   now: datetime) -> Hearing:
    """Cancel a scheduled or adjourned hearing, with the reason (the assigned mediator). Every
    participant is e-mailed the cancellation (``METHOD:CANCEL``)."""
    _check_manageable(actor, hearing, expected_version, OPEN_STATUSES,
                      _l("Only a scheduled or adjourned hearing can be cancelled."))
    text = _required_reason(reason, _l("Give the reason for the cancellation."))
    _cancel(actor, hearing, text, now)
    db.session.flush()
    return hearing


def _close(actor: User, hearing: Hearing, status: HearingStatus, reason: str,
           now: datetime) -> None:
    """Adjourn or cancel ``hearing``: its status and reason, a higher sequence, the history."""
    old = _slot(hearing)
    hearing.status, hearing.status_reason = status, reason
    hearing.sequence += 1
    kind = RevisionKind.ADJOURNED if status == HearingStatus.ADJOURNED else RevisionKind.CANCELLED
    _revise(hearing, kind, actor, now, old=old, reason=reason)
    _touch(hearing.case, now)


def _cancel(actor: User, hearing: Hearing, reason: str, now: datetime) -> None:
    old_status = hearing.status
    _close(actor, hearing, HearingStatus.CANCELLED, reason, now)
    record(actor, "cancel_hearing", f"{_describe(hearing)} cancelled: {reason}",
           case=hearing.case, changes={"hearing_id": hearing.id,
                                       "status": [old_status, hearing.status]})
    _notify_participants("hearing_cancelled", hearing, now, reason=reason)


def record_attendance_and_outcome(actor: User, hearing: Hearing, attended_user_ids: set[int],
                                  minutes: str, private_notes: str = "", *,
                                  expected_version: int, now: datetime) -> Hearing:
    """Record who attended ``hearing`` (every other participant was absent), the shared
    minutes and the mediator's private notes, and mark the hearing held (the assigned
    mediator, once the hearing has started; a held hearing's record may be corrected).

    The first session held while the case awaits it moves the case into mediation
    (``HOLD_FIRST_SESSION``). Private notes become a :class:`MediatorNote`, for the mediator
    alone.
    """
    case = hearing.case
    roles = case_roles(actor, case)
    _check_manageable(actor, hearing, expected_version,
                      (HearingStatus.SCHEDULED, HearingStatus.HELD),
                      _l("A cancelled or adjourned hearing cannot be recorded as held."))
    first_session = None
    if case.state == CaseState.MEDIATOR_APPOINTED:
        first_session = workflow.check(case, Action.HOLD_FIRST_SESSION, roles, expected_version)
    if hearing.starts_at > now:
        raise IllegalTransition(_l("The hearing has not started yet: record its outcome once "
                                   "it has started."))
    participant_ids = {p.user_id for p in hearing.participants}
    if not attended_user_ids <= participant_ids:
        raise InvalidInput(_l("Attendance can be recorded only for the hearing's "
                              "participants."))
    for participant in hearing.participants:
        participant.attendance = (
            Attendance.ATTENDED if participant.user_id in attended_user_ids
            else Attendance.ABSENT
        )
    old_status = hearing.status
    hearing.minutes = minutes.strip()
    hearing.status = HearingStatus.HELD
    hearing.outcome_recorded_at = now
    if old_status != HearingStatus.HELD:
        _revise(hearing, RevisionKind.HELD, actor, now, old=_slot(hearing))
    _touch(case, now)
    record(actor, "hearing_held", f"Outcome of the {_describe(hearing)} recorded",
           case=case, changes={"hearing_id": hearing.id, "status": [old_status, hearing.status],
                               "attended": len(attended_user_ids),
                               "participants": len(participant_ids)})
    note_text = private_notes.strip()
    if note_text:
        db.session.add(MediatorNote(case=case, hearing=hearing, author=actor, text=note_text,
                                    created_at=now))
        record(actor, "mediator_note_added", "The mediator added a private note", case=case,
               changes={"hearing_id": hearing.id})
    if first_session is not None:
        workflow.apply(case, first_session)
        record(actor, Action.HOLD_FIRST_SESSION.value,
               "First session held: the mediation is under way", case=case,
               changes={"state": [CaseState.MEDIATOR_APPOINTED, case.state],
                        "hearing_id": hearing.id})
        notify_users("hearing_first_session_held", [*party_users(case), *registrars()], case=case,
                     hearing=hearing)
    db.session.flush()
    return hearing


def hold_first_session(actor: User, case: Case, hearing: Hearing, attended_user_ids: set[int],
                       minutes: str, private_notes: str = "", *, expected_version: int,
                       now: datetime) -> Hearing:
    """Record ``hearing`` as the case's first session held (the assigned mediator, while the
    case awaits its first session): as :func:`record_attendance_and_outcome`, refused (409)
    once the mediation is under way."""
    workflow.check(case, Action.HOLD_FIRST_SESSION, case_roles(actor, case), expected_version)
    if hearing.case_id != case.id:
        raise InvalidInput(_l("That hearing belongs to another case."))
    return record_attendance_and_outcome(
        actor, hearing, attended_user_ids, minutes, private_notes,
        expected_version=expected_version, now=now,
    )


def open_hearings(case: Case) -> list[Hearing]:
    """The case's hearings still to be held (scheduled or adjourned), in order of their start."""
    return list(db.session.scalars(
        db.select(Hearing).filter(Hearing.case_id == case.id, Hearing.status.in_(OPEN_STATUSES))
        .order_by(Hearing.starts_at, Hearing.id)
    ))


def cancel_open_hearings(actor: User, case: Case, reason: str, *, now: datetime) -> None:
    """Cancel every scheduled or adjourned hearing of ``case`` because the mediation ended or
    the case was withdrawn; each participant is e-mailed the cancellation."""
    for hearing in open_hearings(case):
        _cancel(actor, hearing, reason, now)


def record_mediation_result(actor: User, case: Case, result: MediationResult, ended_on: date,
                            *, today: date, expected_version: int, now: datetime) -> Case:
    """Record how the mediation ended (the assigned mediator, while in mediation): settled in
    full or in part (``RECORD_SETTLEMENT``) or not settled (``RECORD_IMPASSE``), on
    ``ended_on`` — not after ``today`` nor before the commencement date.

    Hearings still open are cancelled (their participants are told); the parties and the
    registry are e-mailed the result.
    """
    if result not in RESULTS_THE_MEDIATOR_RECORDS:
        raise InvalidInput(_l("Choose how the mediation ended."))
    settled = result in SETTLEMENTS
    action = Action.RECORD_SETTLEMENT if settled else Action.RECORD_IMPASSE
    transition = workflow.check(case, action, case_roles(actor, case), expected_version)
    if ended_on > today:
        raise InvalidInput(_l("The date the mediation ended cannot be in the future."))
    if case.commencement_date is not None and ended_on < case.commencement_date:
        raise InvalidInput(_l("The mediation cannot end before it commenced (%(date)s).",
                              date=case.commencement_date.isoformat()))
    old_state = case.state
    case.mediation_result = result
    case.mediation_ended_on = ended_on
    workflow.apply(case, transition)
    _touch(case, now)
    record(actor, Action.RECORD_SETTLEMENT.value if settled else Action.RECORD_IMPASSE.value,
           f"Mediation result recorded: {result.value} on {ended_on}",
           case=case, changes={"state": [old_state, case.state],
                               "mediation_result": [None, result],
                               "mediation_ended_on": [None, ended_on]})
    cancel_open_hearings(actor, case, "The mediation has ended.", now=now)
    notify_users("mediation_result_recorded", [*party_users(case), *registrars()], case=case,
                 result=result, ended_on=ended_on)
    db.session.flush()
    return case


# Calendar feeds ------------------------------------------------------------------------------


def feed_token_hash(token: str) -> str:
    """The stored form of a calendar-feed token."""
    return hashlib.sha256(token.encode()).hexdigest()


def active_feed_token(user: User) -> CalendarFeedToken | None:
    """``user``'s calendar-feed token in use, if any."""
    return db.session.scalars(
        db.select(CalendarFeedToken).filter_by(user_id=user.id, revoked_at=None)
    ).first()


def create_feed_token(user: User, *, now: datetime) -> str:
    """Give ``user`` a new secret calendar-feed token (returned once; only its hash is kept),
    revoking the one in use."""
    previous = active_feed_token(user)
    if previous is not None:
        previous.revoked_at = now
    token = secrets.token_urlsafe(32)
    db.session.add(CalendarFeedToken(user=user, token_hash=feed_token_hash(token),
                                     created_at=now))
    record(user, "calendar_feed_created",
           "Calendar feed address " + ("regenerated" if previous else "created"))
    db.session.flush()
    return token


def revoke_feed_token(user: User, *, now: datetime) -> None:
    """Revoke ``user``'s calendar-feed token: its address stops working at once."""
    token = active_feed_token(user)
    if token is None:
        raise IllegalTransition(_l("You have no calendar feed address to revoke."))
    token.revoked_at = now
    record(user, "calendar_feed_revoked", "Calendar feed address revoked")
    db.session.flush()


def user_for_feed_token(token: str) -> User | None:
    """The active user whose unrevoked calendar-feed token is ``token``, if any."""
    found = db.session.scalars(
        db.select(CalendarFeedToken).filter_by(token_hash=feed_token_hash(token),
                                               revoked_at=None)
    ).first()
    if found is None or not found.user.active:
        return None
    return found.user
