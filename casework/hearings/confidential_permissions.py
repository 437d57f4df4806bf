"""Who may see confidential caucus material: the one policy, deny by default.

- A party's **private submission** (its message and its documents) is seen by the case's
  assigned mediator and by the users of the side that sent it. Never by the other side, the
  registry, other mediators (a proposed one included), inactive or anonymous users.
- The mediator's **private notes** are the assigned mediator's alone.
- On the case timeline, an audit entry about confidential material is shown only to those who
  may see that material. Entries are recognised by their action key (below): a new kind of
  confidential entry must be added here, or it is shown to everyone on the case.

Pages, downloads, lists and the timeline all ask these functions; documents ask through
:func:`casework.documents.permissions.can_view_document`.
"""

from __future__ import annotations

from casework.cases.models import PartySide
from casework.cases.permissions import case_roles
from casework.cases.workflow import CaseRole

# The case role of the users who act for each side.
_SIDE_ROLES = {PartySide.CLAIMANT: CaseRole.CLAIMANT, PartySide.RESPONDENT: CaseRole.RESPONDENT}

# Audit keys of a side's confidential material: the entry's ``changes["side"]`` names the side.
SIDE_CONFIDENTIAL_AUDIT_ACTIONS = frozenset(
    {"private_submission_sent", "private_document_attached"}
)
# Audit keys of the mediator's own confidential material (their private notes).
MEDIATOR_ONLY_AUDIT_ACTIONS = frozenset({"mediator_note_added"})


def confidential_sides(user, case) -> frozenset[PartySide]:
    """The sides whose private submissions on ``case`` ``user`` may see: both for the assigned
    mediator, their own side for a party's user, none for anyone else."""
    roles = case_roles(user, case)
    if CaseRole.MEDIATOR in roles:
        return frozenset(PartySide)
    return frozenset(side for side, role in _SIDE_ROLES.items() if role in roles)


def can_view_private_submission(user, submission) -> bool:
    """Whether ``user`` may see ``submission`` (its message and its documents)."""
    return submission.side in confidential_sides(user, submission.case)


def can_view_mediator_notes(user, case) -> bool:
    """Whether ``user`` may see the mediator's private notes on ``case``: the assigned
    mediator only."""
    return CaseRole.MEDIATOR in case_roles(user, case)


def can_view_audit_entry(user, case, entry) -> bool:
    """Whether ``user`` (who may see ``case``) may see the audit ``entry`` of ``case`` on its
    timeline: confidential entries only by those who may see the material they are about (an
    entry of a side's material that names no side: by nobody)."""
    if entry.action in SIDE_CONFIDENTIAL_AUDIT_ACTIONS:
        side = (entry.changes or {}).get("side")
        return side in {s.value for s in confidential_sides(user, case)}
    if entry.action in MEDIATOR_ONLY_AUDIT_ACTIONS:
        return can_view_mediator_notes(user, case)
    return True
