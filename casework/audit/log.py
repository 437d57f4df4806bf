"""The one helper that writes audit entries."""

from __future__ import annotations

from typing import Any

from casework.audit.models import AuditEntry
from casework.extensions import db


def record(actor, action: str, summary: str, *, case=None, changes: dict[str, Any] | None = None):
    """Add an audit entry to the current transaction (the caller's commit makes it durable).

    ``changes`` maps a field name to ``[old, new]`` (or any JSON-serialisable detail).
    """
    entry = AuditEntry(
        actor_id=actor.id if actor is not None else None,
        case_id=case.id if case is not None else None,
        action=action,
        summary=summary,
        changes=_jsonable(changes or {}),
    )
    db.session.add(entry)
    return entry


def _jsonable(value):
    """Turn Decimals, dates and enums into strings so the entry serialises as JSON."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
