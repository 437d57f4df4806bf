"""Security defaults: CSRF on every state-changing route, no state change on refusal."""

from __future__ import annotations

import re

import pytest

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.cases.models import Case, CaseState
from casework.extensions import db
from tests.factories import make_case, make_user


@pytest.fixture()
def csrf_on(app, monkeypatch):
    """Turn CSRF protection on for this test (the rest of the suite posts without tokens)."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


def _post_rules(app):
    for rule in app.url_map.iter_rules():
        if "POST" in rule.methods:
            yield rule


def test_every_post_route_refuses_a_request_without_a_csrf_token(app, client, login, csrf_on):
    case = make_case(CaseState.FILED)
    registrar = login(make_user(Role.REGISTRAR))
    db.session.commit()
    values = {"case_id": case.id, "document_id": 1, "user_id": registrar.id,
              "organisation_id": 1, "token": "x", "closure_id": 1, "hearing_id": 1,
              "code": "X", "kind": "payment", "number": 1}
    refused = {}
    for rule in _post_rules(app):
        with app.test_request_context():
            url = app.url_for(rule.endpoint, **{k: values[k] for k in rule.arguments})
        refused[rule.endpoint] = client.post(url, data={}).status_code
    assert refused and all(status == 400 for status in refused.values()), refused


def test_acknowledging_without_a_token_changes_nothing_and_with_it_works(client, login,
                                                                           csrf_on):
    case = make_case(CaseState.FILED)
    login(make_user(Role.REGISTRAR))
    db.session.commit()
    form = {"version": str(case.version)}
    assert client.post(f"/cases/{case.id}/acknowledge", data=form).status_code == 400
    db.session.expire_all()
    assert db.session.get(Case, case.id).state == CaseState.FILED
    assert db.session.scalar(db.select(db.func.count(AuditEntry.id))) == 0

    page = client.get(f"/cases/{case.id}/acknowledge").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page)
    response = client.post(f"/cases/{case.id}/acknowledge",
                           data={**form, "csrf_token": token.group(1)})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Case, case.id).state == CaseState.COMMENCED


def test_pages_carry_protective_headers(client):
    response = client.get("/login")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
