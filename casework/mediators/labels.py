"""What the mediator-appointment enums are called on pages, in the viewer's language."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.mediators.models import Disclosure, ProposalAnswer, ProposalStatus

PROPOSAL_STATUS_LABELS = {
    ProposalStatus.PROPOSED: _l("Proposed"),
    ProposalStatus.CONFIRMED: _l("Confirmed"),
    ProposalStatus.REPLACED: _l("Replaced by another proposal"),
}
DISCLOSURE_LABELS = {
    Disclosure.NONE: _l("No circumstances to disclose"),
    Disclosure.CIRCUMSTANCES: _l("Circumstances disclosed"),
}
ANSWER_LABELS = {
    ProposalAnswer.ACCEPT: _l("Accepted the proposed mediator"),
    ProposalAnswer.OBJECT: _l("Objected to the proposed mediator"),
}
