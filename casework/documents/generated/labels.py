"""Labels of the generated-document enums, for pages."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casework.documents.generated_models import GeneratedDocumentKind, GeneratedDocumentStatus

GENERATED_KIND_LABELS = {
    GeneratedDocumentKind.SETTLEMENT_AGREEMENT: _l("Settlement Agreement"),
    GeneratedDocumentKind.CONSENT_AWARD_DRAFT: _l("Draft Consent Award"),
    GeneratedDocumentKind.REFERRAL: _l("Referral to SCIA"),
    GeneratedDocumentKind.ENFORCEMENT_DATA_SHEET: _l("Enforcement application data sheet"),
}

GENERATED_STATUS_LABELS = {
    GeneratedDocumentStatus.CURRENT: _l("Current"),
    GeneratedDocumentStatus.SUPERSEDED: _l("Superseded by a later version"),
    GeneratedDocumentStatus.REVOKED: _l("Revoked"),
}
