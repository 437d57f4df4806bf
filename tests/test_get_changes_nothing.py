"""No page changes anything when it is only looked at: every GET route, for every kind of
viewer, leaves every table as it was (state changes are POST with CSRF)."""

from __future__ import annotations

import pytest

from casework.cases.models import Case
from casework.extensions import db
from tests.test_authorization import VIEWERS, _url, world  # noqa: F401 (world is a fixture)


def database_snapshot() -> dict:
    """Row counts of every table, and each case's version and state."""
    counts = {
        table.name: db.session.scalar(db.select(db.func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }
    cases = db.session.execute(db.select(Case.id, Case.version, Case.state)).all()
    return {"counts": counts, "cases": sorted(cases)}


@pytest.mark.parametrize("viewer", VIEWERS)
def test_looking_at_any_page_changes_nothing(app, client, login, world, viewer):  # noqa: F811
    before = database_snapshot()
    if world["viewers"][viewer] is not None:
        login(world["viewers"][viewer])
    looked_at = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        url = _url(app, rule, world)
        response = client.get(url)
        assert response.status_code < 500, url
        looked_at.append(url)
        db.session.rollback()

    assert len(looked_at) > 25
    assert database_snapshot() == before
