"""What each audited action is called on the case timeline, in the viewer's language.

Audit entries keep an English ``summary`` (the permanent record) and an ``action`` key; pages
show the key's label here, translated, with the summary as detail. Every key passed to
:func:`casework.audit.log.record` needs a label (``tests/audit/test_labels.py`` checks the
source).
"""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

AUDIT_LABELS: dict[str, LazyString] = {
    # accounts
    "account_registered": _l("Account registered"),
    "account_created": _l("Account created"),
    "role_changed": _l("Role changed"),
    "account_deactivated": _l("Account deactivated"),
    "account_reactivated": _l("Account reactivated"),
    "password_changed": _l("Password changed"),
    "password_reset": _l("Password reset through an e-mailed link"),
    # the party registry
    "organisation_registered": _l("Organisation registered"),
    "organisation_updated": _l("Organisation's particulars updated"),
    "registry_checksum_overridden": _l("Registry number accepted despite its checksum"),
    "representative_linked": _l("Representative linked to the organisation"),
    # filing and joining
    "request_started": _l("Request for Mediation started"),
    "draft_edited": _l("Draft request edited"),
    "request_submitted": _l("Request for Mediation submitted"),
    "respondent_invitation_resent": _l("New invitation sent to the respondent"),
    "respondent_joined": _l("Respondent joined the case"),
    "respondent_agreed": _l("Respondent agreed to mediate"),
    "respondent_declined": _l("Respondent declined to mediate"),
    # registry work (the keys are the workflow's action names)
    "acknowledge": _l("Filing acknowledged"),
    "acknowledge_and_commence": _l("Filing acknowledged and mediation commenced"),
    "request_info": _l("More information requested"),
    "provide_info": _l("Information provided"),
    "reject": _l("Request rejected"),
    "record_fee_payment": _l("Filing fee payment recorded"),
    "withdraw": _l("Case withdrawn"),
    # the mediator panel and appointment
    "mediator_profile_updated": _l("Mediator profile updated"),
    "propose_mediator": _l("Mediator proposed"),
    "file_disclosure": _l("Conflict disclosure filed"),
    "answer_proposal": _l("Answer to the proposed mediator"),
    "confirm_appointment": _l("Mediator appointed"),
    # deadlines: calendar closures and the mediation window
    "closure_added": _l("Calendar closure recorded"),
    "closure_removed": _l("Calendar closure removed"),
    "extend_mediation_window": _l("Mediation window extended"),
    "end_mediation": _l("Mediation ended: the window expired"),
    # hearings and the mediation's result
    "schedule_hearing": _l("Hearing scheduled"),
    "reschedule_hearing": _l("Hearing rescheduled"),
    "adjourn_hearing": _l("Hearing adjourned"),
    "cancel_hearing": _l("Hearing cancelled"),
    "hearing_held": _l("Hearing attendance and outcome recorded"),
    # generated documents (settlement agreement, draft consent award ...)
    "generated_document_issued": _l("Document generated"),
    "generated_document_revoked": _l("Generated document revoked"),
    "mediator_note_added": _l("Private note added by the mediator"),
    "hold_first_session": _l("First session held: mediation under way"),
    "record_settlement": _l("Settlement recorded"),
    "record_impasse": _l("Mediation recorded as not settled"),
    "calendar_feed_created": _l("Calendar feed address created"),
    "calendar_feed_revoked": _l("Calendar feed address revoked"),
    # documents
    "document_uploaded": _l("Document uploaded"),
    "document_replaced": _l("Document replaced with a new version"),
    "document_withdrawn": _l("Document withdrawn"),
    "document_circulation_changed": _l("Document marked for the case file or mediation only"),
    # confidential material (shown only to those who may see it)
    "private_submission_sent": _l("Private submission sent to the mediator"),
    "private_document_attached": _l("Document attached to a private submission"),
    # settlement terms and their approval
    "settlement_terms_saved": _l("Settlement terms saved as a new version"),
    "settlement_approved": _l("Settlement terms approved by a party"),
    "settlement_signed": _l("Settlement signed: every party approved the terms"),
    # escalation of an unsettled dispute to SCIA
    "withdraw_from_mediation": _l("A party withdrew from the mediation"),
    "record_arbitration_agreement": _l("The parties' new arbitration agreement recorded"),
    "escalate_to_scia": _l("Dispute escalated to SCIA arbitration"),
    # the SCIA case: details, hearing dates, consents to the mediator as arbitrator, tribunal
    "scia_details_recorded": _l("SCIA case details recorded"),
    "arbitration_hearing_added": _l("SCIA hearing date recorded"),
    "arbitration_hearing_removed": _l("SCIA hearing date removed"),
    "mediator_consent_recorded": _l("Party's consent to the mediator acting as arbitrator "
                                    "recorded"),
    "tribunal_constituted": _l("Arbitral tribunal constituted: the case is in arbitration"),
    # the consent award and the award
    "request_consent_award": _l("Consent award requested from SCIA"),
    "record_award": _l("Award recorded"),
    # performance of the settlement and closing the case
    "record_performance": _l("Performance of the settlement recorded"),
    "close_case": _l("Case closed"),
}


def audit_label(action: str) -> LazyString | None:
    """The translated label of the audited ``action`` key (``None`` for an unknown key, e.g.
    an entry written before the key had a label: show its summary instead)."""
    return AUDIT_LABELS.get(action)
