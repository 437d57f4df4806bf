"""Issue the settlement documents of a signed settlement: the bilingual Settlement Agreement and
the Draft Consent Award for SCIA, each a PDF/A-3b carrying the approved terms as
``settlement-terms.json``."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from casework.cases import workflow
from casework.cases.permissions import case_roles
from casework.cases.simc_clock import simc_today
from casework.cases.workflow import Action
from casework.documents.generated.issuing import issue_generated_document
from casework.documents.generated.labels import GENERATED_KIND_LABELS
from casework.documents.generated_models import GeneratedDocument, GeneratedDocumentKind
from casework.errors import IllegalTransition, InvalidInput
from casework.extensions import db
from casework.notifications.recipients import notify_users, party_users
from casework.settlement.enforceability import check_enforceability
from casework.settlement.operations import approvals_needed, settlement_for
from casework.settlement.snapshot import document_context, settlement_snapshot

TERMS_ATTACHMENT = "settlement-terms.json"


@dataclass(frozen=True)
class SettlementDocument:
    """How one kind of settlement document is made: its template (and the version of that
    template's wording, recorded with every document) and its bilingual title."""

    template: str
    template_version: str
    title: str


SETTLEMENT_DOCUMENTS = {
    GeneratedDocumentKind.SETTLEMENT_AGREEMENT: SettlementDocument(
        "documents/pdf/settlement_agreement.html", "1", "Settlement Agreement / 和解协议"),
    GeneratedDocumentKind.CONSENT_AWARD_DRAFT: SettlementDocument(
        "documents/pdf/consent_award_draft.html", "1", "Draft Consent Award / 裁决书（草稿）"),
}


def _failures_text(failures) -> str:
    """The enforceability failures, numbered by obligation, in the viewer's language."""
    chinese = str(get_locale() or "en").startswith("zh")
    return " ".join(
        f"({failure.obligation or '-'}) "
        f"{failure.message_zh if chinese else failure.message_en}"
        for failure in failures
    )


def issue_settlement_document(actor, case, kind: GeneratedDocumentKind, *,
                              expected_version: int | None) -> GeneratedDocument:
    """Generate the case's settlement agreement or draft consent award (``kind``) from the
    current, fully approved version of the settlement terms, as the next version of that
    document (the previous one becomes superseded); the registry only, once the settlement is
    signed. The parties and the mediator are told.

    Refused with :class:`InvalidInput` for another kind of document, and with
    :class:`IllegalTransition` (nothing recorded) when there are no terms, when a party has not
    approved the current version, or when the terms fail the enforceability check (the failures
    are listed). Rendering refusals (:class:`RenderingRefused`) propagate, nothing recorded.
    """
    workflow.check(case, Action.ISSUE_SETTLEMENT_DOCUMENTS, case_roles(actor, case),
                   expected_version)
    document_kind = SETTLEMENT_DOCUMENTS.get(kind)
    if document_kind is None:
        raise InvalidInput(str(_l("This is not a settlement document.")))
    settlement = settlement_for(case)
    if settlement is None:
        raise IllegalTransition(str(_l("There are no settlement terms to issue documents from.")))
    version = settlement.current_version
    waiting = [entry.organisation.display_name(str(get_locale() or "en"))
               for entry in approvals_needed(case) if entry.approval is None]
    if waiting:
        raise IllegalTransition(str(_l(
            "Version %(number)s of the settlement terms has not been approved by: %(parties)s.",
            number=version.number, parties=", ".join(waiting),
        )))
    failures = check_enforceability(version.terms)
    if failures:
        raise IllegalTransition(str(_l(
            "The settlement documents cannot be issued because a court could not enforce these "
            "terms: %(failures)s", failures=_failures_text(failures),
        )))
    snapshot = settlement_snapshot(case, version, simc_today())
    document = issue_generated_document(
        actor, case, kind, template=document_kind.template,
        template_version=document_kind.template_version, title=document_kind.title,
        context=document_context(snapshot), snapshot=snapshot,
        attachments={TERMS_ATTACHMENT: version.terms_json.encode("utf-8")}, lang="en",
    )
    mediators = [case.mediator] if case.mediator is not None and case.mediator.active else []
    notify_users("settlement_document_issued", party_users(case) + mediators, case=case,
                 kind_label=GENERATED_KIND_LABELS[kind],
                 version_number=document.version_number,
                 verification_code=document.verification_code)
    db.session.flush()
    return document
