"""Dashboards list each person's upcoming and overdue deadlines; registrars see the expired
mediation windows to extend or end."""

from datetime import timedelta

from casework.accounts.models import Role
from casework.cases.models import CaseState
from casework.cases.registry import simc_today
from casework.db import now_utc
from casework.deadlines.case_deadlines import deadlines_for
from casework.deadlines.dashboard import dashboard_deadlines
from casework.extensions import db
from casework.parties.models import Jurisdiction
from tests.factories import make_case, make_org, make_user


def keys(deadlines) -> list[tuple[int, str]]:
    return [(d.case.id, d.key) for d in deadlines]


def scene():
    """A filed case awaiting the respondent's answer (due within two weeks), a case whose
    window runs out within two weeks and one whose window has expired."""
    mediator = make_user(Role.MEDIATOR)
    filed = make_case(CaseState.FILED, respondent_org=make_org(Jurisdiction.CN),
                      submitted_at=now_utc() - timedelta(days=10))
    respondent = make_user(Role.PARTY, organisation=filed.respondent.organisation)
    running = make_case(CaseState.MEDIATOR_APPOINTED, mediator=mediator,
                        commencement_date=simc_today() - timedelta(days=50))
    expired = make_case(CaseState.MEDIATOR_APPOINTED, mediator=mediator,
                        commencement_date=simc_today() - timedelta(days=100))
    untouched = make_case(CaseState.COMMENCED, commencement_date=simc_today())  # 8 weeks off
    db.session.commit()
    return filed, respondent, running, expired, untouched, mediator


def test_a_registrar_sees_every_case_and_the_expired_windows(client, login, registrar):
    filed, _, running, expired, untouched, _ = scene()

    mine = dashboard_deadlines(registrar)

    assert keys(mine.expired_windows) == [(expired.id, "mediation_window")]
    assert set(keys(mine.upcoming)) == {
        (filed.id, "respondent_answer"), (running.id, "mediation_window")}
    assert mine.overdue == []
    login(registrar)
    page = client.get("/").get_data(as_text=True)
    assert "Expired mediation windows" in page
    assert f"/cases/{expired.id}/mediation-window/extend" in page
    assert f"/cases/{expired.id}/mediation-window/end" in page
    assert f'data-deadline-case="{expired.id}"' in page
    assert f'data-deadline-case="{untouched.id}"' not in page


def test_a_party_sees_its_own_sides_deadlines(client, login):
    filed, respondent, *_ = scene()

    assert keys(dashboard_deadlines(respondent).upcoming) == [(filed.id, "respondent_answer")]
    assert dashboard_deadlines(filed.created_by).upcoming == []  # the respondent's, not theirs
    login(respondent)
    page = client.get("/").get_data(as_text=True)
    due = deadlines_for(filed)[0].due
    assert 'data-deadline="respondent_answer"' in page
    assert f'datetime="{due.isoformat()}"' in page


def test_a_mediator_sees_the_windows_of_their_cases(client, login):
    _, _, running, expired, untouched, mediator = scene()

    mine = dashboard_deadlines(mediator)

    assert keys(mine.upcoming) == [(running.id, "mediation_window")]
    assert keys(mine.overdue) == [(expired.id, "mediation_window")]
    assert mine.expired_windows == []  # ending or extending is the registrar's
    login(mediator)
    page = client.get("/").get_data(as_text=True)
    assert "Overdue" in page
    assert f"/cases/{expired.id}/mediation-window/end" not in page


def test_nothing_due(client, login):
    case = make_case(CaseState.COMMENCED, commencement_date=simc_today())
    login(case.created_by)
    page = client.get("/").get_data(as_text=True)
    assert "Nothing is overdue and nothing is due in the next 14 days." in page
