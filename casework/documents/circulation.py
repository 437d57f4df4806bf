"""The confidentiality wall for uploaded documents: which may travel to the arbitration phase.

Every document is marked at upload (:class:`~casework.documents.models.Circulation`) as *for
the case file* (it may travel: an SCIA referral, the filing bundle) or *mediation only*
(without-prejudice material that never leaves the mediation). Deny by default: a row not marked
otherwise is mediation only, and a document of a party's private submission to the mediator is
always mediation only (the operation and a CHECK constraint see to it).

This module is the one place that decides what may travel: anything assembled for SCIA takes
its documents from :func:`transferable_documents` and nowhere else. It also holds the one
operation that changes a marking later (:func:`mark_document`).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import aliased

from casework.accounts.models import Role
from casework.audit.log import record
from casework.cases.models import PartySide
from casework.cases.permissions import case_roles
from casework.cases.workflow import OPEN_STATES, Action, CaseRole, check, check_version
from casework.documents.models import Circulation, Document
from casework.documents.permissions import SHARED_WITH_THE_CASE
from casework.errors import IllegalTransition, NotPermitted
from casework.extensions import db

_SIDE_OF_ROLE = {CaseRole.CLAIMANT: PartySide.CLAIMANT, CaseRole.RESPONDENT: PartySide.RESPONDENT}
# How a marking reads in the (English, permanent) audit summary.
_IN_THE_RECORD = {
    Circulation.CASE_FILE: "for the case file",
    Circulation.MEDIATION_ONLY: "mediation only",
}


def _travels() -> tuple:
    """The query conditions of a document that may travel: marked for the case file, shared
    with the case (not part of a private submission), not withdrawn, and the current version of
    its lineage (no newer version exists)."""
    newer = aliased(Document)
    return (
        Document.circulation == Circulation.CASE_FILE,
        SHARED_WITH_THE_CASE,
        Document.withdrawn_at.is_(None),
        ~db.select(newer.id)
        .where(newer.lineage_id == Document.lineage_id,
               newer.version_number > Document.version_number)
        .exists(),
    )


def transferable_documents(case) -> list[Document]:
    """The documents of ``case`` that may travel to the arbitration phase, oldest upload first:
    current versions only, not withdrawn, not part of a private submission, marked for the case
    file. SCIA referrals and bundles are built from these alone."""
    return list(db.session.scalars(
        db.select(Document)
        .where(Document.case_id == case.id, *_travels())
        .order_by(Document.uploaded_at, Document.id)
    ))


def may_travel(document: Document) -> bool:
    """Whether ``document`` may travel to the arbitration phase (it is one of its case's
    :func:`transferable_documents`)."""
    return db.session.scalar(
        db.select(db.select(Document.id).where(Document.id == document.id, *_travels()).exists())
    )


def may_mark_document(user, document: Document) -> bool:
    """Whether ``user`` may change ``document``'s marking now (see :func:`ensure_may_mark`)."""
    try:
        ensure_may_mark(user, document)
    except (NotPermitted, IllegalTransition):
        return False
    return True


def ensure_may_mark(user, document: Document, expected_version: int | None = None) -> None:
    """Raise unless ``user`` may change ``document``'s marking now.

    A registrar may, in any state of a case they see; a party's user may for a document
    uploaded by their own side while the mediation is open and the workflow lets them upload.
    Once the mediation has ended only the registry may move a document across the wall.
    Nobody may for a document of a private submission (always mediation only): those raise
    :class:`NotPermitted` (403). A withdrawn document or an earlier version raises
    :class:`IllegalTransition` (409), a stale form :class:`StaleCase` (409).
    """
    if document.private_submission_id is not None:
        raise NotPermitted(_l("A document sent privately to the mediator is always mediation "
                              "only; its marking cannot be changed."))
    case = document.case
    roles = case_roles(user, case)
    if CaseRole.REGISTRAR in roles:
        check_version(case, expected_version)
    else:
        if not _party_sides(roles) & _uploader_sides(document):
            raise NotPermitted(_l("Only the side that uploaded a document or the registry may "
                                  "change its marking."))
        check(case, Action.UPLOAD_DOCUMENT, roles, expected_version)
        if case.state not in OPEN_STATES:
            raise IllegalTransition(_l("After the mediation only the registry may change the "
                                       "marking of a document."))
    if document.withdrawn_at is not None:
        raise IllegalTransition(_l("A withdrawn document cannot be marked again."))
    if _has_newer_version(document):
        raise IllegalTransition(_l(
            "Version %(number)d of this document is no longer the current one; mark the "
            "current version instead.", number=document.version_number,
        ))


def mark_document(
    actor, document: Document, circulation: Circulation, *, expected_version: int | None = None
) -> None:
    """Mark ``document`` (its current version) for the case file or mediation only, audited
    old -> new (choosing the marking it already has records nothing).

    Raises as :func:`ensure_may_mark` says when ``actor`` may not change it now.
    """
    ensure_may_mark(actor, document, expected_version)
    circulation = Circulation(circulation)
    old = document.circulation
    if old == circulation:
        return
    document.circulation = circulation
    record(
        actor,
        "document_circulation_changed",
        f"Marked {document.filename} (version {document.version_number}) "
        f"{_IN_THE_RECORD[circulation]} (was {_IN_THE_RECORD[old]})",
        case=document.case,
        changes={"document_id": document.id, "circulation": [old.value, circulation.value]},
    )
    db.session.flush()


def _party_sides(roles: set[CaseRole]) -> set[PartySide]:
    return {_SIDE_OF_ROLE[role] for role in roles if role in _SIDE_OF_ROLE}


def _uploader_sides(document: Document) -> set[PartySide]:
    """The sides of the case whose organisation the uploader represents (none for the registry
    or a mediator)."""
    uploader = document.uploaded_by
    if uploader.role != Role.PARTY or uploader.organisation_id is None:
        return set()
    return {
        party.side for party in document.case.parties
        if party.organisation_id == uploader.organisation_id
    }


def _has_newer_version(document: Document) -> bool:
    return db.session.scalar(
        db.select(
            db.select(Document.id)
            .where(Document.lineage_id == document.lineage_id,
                   Document.version_number > document.version_number)
            .exists()
        )
    )
