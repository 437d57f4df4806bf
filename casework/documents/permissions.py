"""Who may see a document: the one policy used by downloads, document pages and lists.

A document is seen by whoever may see its case, except a document of a party's private
submission to the mediator, which only those who may see that submission see (the assigned
mediator and the submitting side; :mod:`casework.hearings.confidential_permissions`). Deny by
default.
"""

from __future__ import annotations

from casework.cases.permissions import can_view_case
from casework.documents.models import Document
from casework.hearings.confidential_permissions import can_view_private_submission

# The documents everyone on the case shares (a query condition): not part of a private
# submission. Lists of the case's documents (case page, filing receipt) show only these.
SHARED_WITH_THE_CASE = Document.private_submission_id.is_(None)


def can_view_document(user, document: Document) -> bool:
    """Whether ``user`` may see (list or download) ``document``."""
    if not can_view_case(user, document.case):
        return False
    if document.private_submission_id is None:
        return True
    return can_view_private_submission(user, document.private_submission)
