"""Finding a case's SCIA proceeding."""

from __future__ import annotations

from casework.arbitration.models import SciaProceeding
from casework.extensions import db


def proceeding_for(case) -> SciaProceeding | None:
    """The case's SCIA proceeding, or ``None`` before the case went to SCIA."""
    return db.session.scalar(db.select(SciaProceeding).filter_by(case_id=case.id))
