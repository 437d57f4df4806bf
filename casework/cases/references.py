"""Case references: ``SIMC-<year>-<number>``, numbered in sequence within each year.

The year is the calendar year in Singapore (SIMC's own) at the moment of submission. Numbers
come from one counter row per year, upserted and then incremented with ``UPDATE ... RETURNING``
in the caller's transaction: the row lock (PostgreSQL) or the database write lock (SQLite)
makes concurrent filings wait for each other, so two filings never get the same number and
no number is skipped by a committed filing.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from casework.cases.models import CaseReferenceCounter
from casework.cases.simc_clock import SIMC_ZONE
from casework.extensions import db

REFERENCE_PREFIX = "SIMC"

_DIALECT_INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}


def reference_year(submitted_at: datetime) -> int:
    """The year, in Singapore, of the aware instant ``submitted_at``."""
    if submitted_at.tzinfo is None:
        raise ValueError("naive datetime given; use aware UTC datetimes")
    return submitted_at.astimezone(SIMC_ZONE).year


def next_case_reference(submitted_at: datetime) -> str:
    """Take the next number of the year of ``submitted_at`` and return its case reference.

    Runs in the current session's transaction (the caller commits); if that transaction rolls
    back, the number is not used.
    """
    year = reference_year(submitted_at)
    counters = CaseReferenceCounter.__table__
    dialect = db.session.get_bind().dialect.name
    try:
        insert = _DIALECT_INSERTS[dialect]
    except KeyError:
        raise RuntimeError(f"case references are not supported on {dialect}") from None
    db.session.execute(
        insert(counters)
        .values(year=year, last_number=0)
        .on_conflict_do_nothing(index_elements=[counters.c.year])
    )
    number = db.session.execute(
        sa.update(counters)
        .where(counters.c.year == year)
        .values(last_number=counters.c.last_number + 1)
        .returning(counters.c.last_number)
    ).scalar_one()
    return f"{REFERENCE_PREFIX}-{year}-{number:04d}"
