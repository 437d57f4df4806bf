"""Who may see and revoke generated documents: the one policy for downloads, lists and pages.

A generated document is seen by whoever may see its case (the parties, the assigned mediator and
the registry; deny by default). Only the registry revokes one, and only once.
"""

from __future__ import annotations

from casework.accounts.models import Role
from casework.cases.permissions import can_view_case
from casework.documents.generated_models import GeneratedDocument


def can_view_generated_document(user, document: GeneratedDocument) -> bool:
    """Whether ``user`` may see (list or download) ``document``."""
    return can_view_case(user, document.case)


def may_revoke_generated_documents(user, case) -> bool:
    """Whether ``user`` may revoke the generated documents of ``case`` (the registry)."""
    return can_view_case(user, case) and user.role == Role.REGISTRAR


def can_revoke_generated_document(user, document: GeneratedDocument) -> bool:
    """Whether ``user`` may revoke ``document`` now: a registrar, if it is not revoked yet."""
    return document.revoked_at is None and may_revoke_generated_documents(user, document.case)
