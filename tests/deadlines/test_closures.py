"""Registrars record and remove calendar closures; nobody else can."""

from datetime import date

import pytest

from casework.accounts.models import Role
from casework.cases.models import CaseState
from casework.deadlines.closures import add_closure
from casework.deadlines.models import Closure
from casework.errors import InvalidInput, NotPermitted
from casework.extensions import db
from casework.parties.models import Jurisdiction
from tests.deadlines.helpers import audit_actions
from tests.factories import make_case, make_user


def closures() -> list[tuple[Jurisdiction, date, str]]:
    return [(c.jurisdiction, c.day, c.reason) for c in db.session.scalars(
        db.select(Closure).order_by(Closure.id))]


def post_closure(client, jurisdiction="CN", day="2026-09-15", reason="Typhoon signal 10"):
    return client.post("/calendar/closures",
                       data={"jurisdiction": jurisdiction, "day": day, "reason": reason})


def test_a_registrar_records_a_closure(client, login, registrar):
    login(registrar)
    assert client.get("/calendar/closures").status_code == 200

    response = post_closure(client)

    assert response.status_code == 302
    assert closures() == [(Jurisdiction.CN, date(2026, 9, 15), "Typhoon signal 10")]
    assert audit_actions() == ["closure_added"]
    page = client.get("/calendar/closures").get_data(as_text=True)
    assert "Typhoon signal 10" in page and "Tuesday, September 15, 2026" in page
    assert "Mainland China" in page


@pytest.mark.parametrize(("data", "message"), [
    ({"reason": ""}, "Reason: Give the reason for the closure."),
    ({"day": ""}, "Closed on: Give the date."),
    ({"day": "15/09/2026"}, "Closed on: Not a valid date value."),
    ({"jurisdiction": "OTHER"}, "Calendar: Not a valid choice."),
])
def test_a_bad_closure_is_refused_and_nothing_stored(client, login, registrar, data, message):
    login(registrar)

    response = post_closure(client, **data)

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert closures() == []
    assert audit_actions() == []


def test_one_closure_per_jurisdiction_and_day(client, login, registrar):
    login(registrar)
    post_closure(client)

    response = post_closure(client, reason="Again")
    other_calendar = post_closure(client, jurisdiction="SG")

    assert response.status_code == 422
    assert "Sep 15, 2026 is already recorded as closed there." in response.get_data(as_text=True)
    assert other_calendar.status_code == 302
    assert [c[:2] for c in closures()] == [
        (Jurisdiction.CN, date(2026, 9, 15)), (Jurisdiction.SG, date(2026, 9, 15))]


def test_a_registrar_removes_a_closure(client, login, registrar):
    closure = add_closure(registrar, Jurisdiction.SG, date(2026, 9, 15), "Haze")
    db.session.commit()
    login(registrar)

    response = client.post(f"/calendar/closures/{closure.id}/remove")

    assert response.status_code == 302
    assert closures() == []
    assert audit_actions() == ["closure_added", "closure_removed"]
    assert client.post(f"/calendar/closures/{closure.id}/remove").status_code == 404


@pytest.mark.parametrize("role", [Role.PARTY, Role.MEDIATOR, Role.ADMIN])
def test_only_registrars_manage_closures(client, login, registrar, role):
    closure = add_closure(registrar, Jurisdiction.SG, date(2026, 9, 15), "Haze")
    db.session.commit()
    case = make_case(CaseState.FILED)
    login(case.created_by if role == Role.PARTY else make_user(role))
    db.session.commit()

    assert client.get("/calendar/closures").status_code == 403
    assert post_closure(client, day="2026-09-16").status_code == 403
    assert client.post(f"/calendar/closures/{closure.id}/remove").status_code == 403
    assert closures() == [(Jurisdiction.SG, date(2026, 9, 15), "Haze")]
    with pytest.raises(NotPermitted):
        add_closure(case.created_by, Jurisdiction.SG, date(2026, 9, 16), "Haze")


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/calendar/closures")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_closures_only_for_singapore_and_china(registrar):
    with pytest.raises(InvalidInput):
        add_closure(registrar, Jurisdiction.OTHER, date(2026, 9, 15), "Elsewhere")
