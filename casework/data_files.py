"""Reading configuration data files (fee tables) whose amounts are decimals written as strings."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path


def table_decimal(value, path: Path, name: str) -> Decimal:
    """``value`` (entry ``name`` of the data file at ``path``, a decimal number written as a
    string) as a finite Decimal; ``ValueError`` naming the file and entry otherwise."""
    if not isinstance(value, str):
        raise ValueError(f"{path}: {name} must be a decimal number written as a string")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"{path}: {name} is not a number: {value!r}") from None
    if not number.is_finite():
        raise ValueError(f"{path}: {name} is not a finite number")
    return number
