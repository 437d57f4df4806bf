"""What the hearing enums are called on pages, in e-mails and invitations, in the reader's
language (one definition each; template globals through the hearings blueprint)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.cases.models import MediationResult, PartySide
from casework.hearings.models import (
    Attendance,
    HearingKind,
    HearingStatus,
    ParticipantRole,
    RevisionKind,
    VenueKind,
)

HEARING_KIND_LABELS = {
    HearingKind.PRE_MEDIATION_CONFERENCE: _l("Pre-mediation conference"),
    HearingKind.JOINT_SESSION: _l("Joint session"),
    HearingKind.PRIVATE_SESSION: _l("Private session"),
}
PRIVATE_SESSION_LABELS = {
    PartySide.CLAIMANT: _l("Private session with the claimant"),
    PartySide.RESPONDENT: _l("Private session with the respondent"),
}
VENUE_KIND_LABELS = {
    VenueKind.SINGAPORE: _l("Singapore"),
    VenueKind.SHENZHEN: _l("Shenzhen"),
    VenueKind.OTHER_ADDRESS: _l("Other address"),
    VenueKind.ONLINE: _l("Online"),
}
HEARING_STATUS_LABELS = {
    HearingStatus.SCHEDULED: _l("Scheduled"),
    HearingStatus.HELD: _l("Held"),
    HearingStatus.ADJOURNED: _l("Adjourned"),
    HearingStatus.CANCELLED: _l("Cancelled"),
}
PARTICIPANT_ROLE_LABELS = {
    ParticipantRole.MEDIATOR: _l("Mediator"),
    ParticipantRole.CLAIMANT_REPRESENTATIVE: _l("Claimant's representative"),
    ParticipantRole.RESPONDENT_REPRESENTATIVE: _l("Respondent's representative"),
}
ATTENDANCE_LABELS = {
    Attendance.ATTENDED: _l("Attended"),
    Attendance.ABSENT: _l("Absent"),
}
REVISION_KIND_LABELS = {
    RevisionKind.SCHEDULED: _l("Scheduled"),
    RevisionKind.RESCHEDULED: _l("Rescheduled"),
    RevisionKind.ADJOURNED: _l("Adjourned"),
    RevisionKind.CANCELLED: _l("Cancelled"),
    RevisionKind.HELD: _l("Recorded as held"),
}
MEDIATION_RESULT_LABELS = {
    MediationResult.SETTLED_IN_FULL: _l("Settled in full"),
    MediationResult.SETTLED_IN_PART: _l("Settled in part"),
    MediationResult.IMPASSE: _l("Not settled (impasse)"),
    MediationResult.WINDOW_EXPIRED: _l("Not settled (the mediation window expired)"),
    MediationResult.PARTY_WITHDREW: _l("Not settled (a party withdrew from the mediation)"),
}


def hearing_title(hearing) -> str:
    """The hearing's kind, naming the side of a private session."""
    if hearing.private_side is not None:
        return str(PRIVATE_SESSION_LABELS[hearing.private_side])
    return str(HEARING_KIND_LABELS[hearing.kind])
