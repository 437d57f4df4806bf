"""Case references: SIMC-<year>-<number>, sequential per Singapore year, safe when concurrent."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from casework.cases.models import CaseReferenceCounter
from casework.cases.references import next_case_reference, reference_year
from casework.extensions import db

MID_2026 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def test_numbers_are_sequential_within_a_year_and_restart_each_year():
    assert next_case_reference(MID_2026) == "SIMC-2026-0001"
    assert next_case_reference(MID_2026) == "SIMC-2026-0002"
    assert next_case_reference(datetime(2027, 3, 1, tzinfo=UTC)) == "SIMC-2027-0001"
    assert next_case_reference(MID_2026) == "SIMC-2026-0003"
    db.session.commit()
    counters = {c.year: c.last_number for c in db.session.scalars(sa.select(CaseReferenceCounter))}
    assert counters == {2026: 3, 2027: 1}


def test_the_year_is_the_year_in_singapore():
    # 16:30 UTC on 31 December is 00:30 on 1 January in Singapore (UTC+8).
    new_year_in_singapore = datetime(2026, 12, 31, 16, 30, tzinfo=UTC)
    assert reference_year(new_year_in_singapore) == 2027
    assert next_case_reference(new_year_in_singapore) == "SIMC-2027-0001"
    assert next_case_reference(datetime(2026, 12, 31, 15, 59, tzinfo=UTC)) == "SIMC-2026-0001"


def test_a_naive_datetime_is_refused():
    with pytest.raises(ValueError):
        next_case_reference(datetime(2026, 6, 1, 9, 0))


def test_a_rolled_back_filing_does_not_use_up_its_number():
    assert next_case_reference(MID_2026) == "SIMC-2026-0001"
    db.session.rollback()
    assert next_case_reference(MID_2026) == "SIMC-2026-0001"


def test_concurrent_filings_get_distinct_sequential_numbers(app):
    """Each thread has its own app context, so its own session and database connection."""
    filings = 8
    barrier = threading.Barrier(filings, timeout=60)

    def file_one() -> str:
        with app.app_context():
            if db.engine.dialect.name == "sqlite":
                # Writers queue on SQLite's database lock; wait instead of failing at once.
                db.session.execute(sa.text("PRAGMA busy_timeout = 30000"))
            barrier.wait()
            reference = next_case_reference(MID_2026)
            db.session.commit()
            return reference

    with ThreadPoolExecutor(max_workers=filings) as pool:
        futures = [pool.submit(file_one) for _ in range(filings)]
        references = [future.result(timeout=120) for future in futures]

    assert sorted(references) == [f"SIMC-2026-{n:04d}" for n in range(1, filings + 1)]
    assert db.session.get(CaseReferenceCounter, 2026).last_number == filings
