"""Labels of the SCIA-phase enums, for pages and e-mails."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.arbitration.models import EscalationTrigger, SciaRoute, TribunalRole

ROUTE_LABELS = {
    SciaRoute.ESCALATION: _l("Escalation of the unsettled dispute to SCIA arbitration"),
    SciaRoute.CONSENT_AWARD: _l("Consent award on the signed settlement"),
}
TRIGGER_LABELS = {
    EscalationTrigger.IMPASSE: _l("The mediator recorded that the mediation did not settle"),
    EscalationTrigger.WINDOW_EXPIRED: _l("The mediation window ended without a settlement"),
    EscalationTrigger.PARTY_WITHDREW: _l("A party withdrew from the mediation"),
    EscalationTrigger.RESPONDENT_DECLINED: _l("The respondent declined to mediate"),
}
TRIBUNAL_ROLE_LABELS = {
    TribunalRole.SOLE: _l("Sole arbitrator"),
    TribunalRole.PRESIDING: _l("Presiding arbitrator"),
    TribunalRole.CO_ARBITRATOR: _l("Co-arbitrator"),
}
