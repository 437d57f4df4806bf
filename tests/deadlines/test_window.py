"""The mediation window: its end, the registrar's extensions and ending the mediation."""

from datetime import date, timedelta

import pytest

from casework.accounts.models import Locale, Role
from casework.cases.models import CaseState, MediationResult
from casework.cases.registry import simc_today
from casework.deadlines import window as mediation_window
from casework.deadlines.calendars import calendar_for
from casework.deadlines.models import WindowExtension
from casework.errors import IllegalTransition, InvalidInput
from casework.extensions import db
from casework.parties.models import Jurisdiction
from tests.deadlines.helpers import audit_actions, outbox, recipients
from tests.factories import make_case, make_user


def working_day_after(day: date, days: int) -> date:
    """A Singapore working day at least ``days`` after ``day``."""
    calendar = calendar_for(Jurisdiction.SG)
    return calendar.roll_forward(day + timedelta(days=days))[0]


@pytest.fixture()
def running():
    """A case in mediation whose window runs: commenced 10 days ago, a mediator appointed, a
    representative on each side."""
    mediator = make_user(Role.MEDIATOR)
    case = make_case(CaseState.MEDIATOR_APPOINTED, mediator=mediator,
                     commencement_date=simc_today() - timedelta(days=10))
    respondent = make_user(Role.PARTY, organisation=case.respondent.organisation,
                           locale=Locale.ZH)
    db.session.commit()
    return case, mediator, respondent


@pytest.fixture()
def expired(running):
    """The same case, commenced 100 days ago: its eight-week window has expired."""
    case, mediator, respondent = running
    case.commencement_date = simc_today() - timedelta(days=100)
    db.session.commit()
    return case, mediator, respondent


def extensions(case) -> list[tuple[date, str]]:
    return [(e.new_end, e.reason) for e in db.session.scalars(
        db.select(WindowExtension).filter_by(case_id=case.id).order_by(WindowExtension.id))]


def extend(client, case, new_end, reason="The parties are close to settling.", version=None):
    return client.post(f"/cases/{case.id}/mediation-window/extend", data={
        "new_end": new_end.isoformat() if new_end else "", "reason": reason,
        "version": case.version if version is None else version,
    })


def test_the_window_ends_eight_weeks_after_commencement_on_singapores_calendar():
    case = make_case(CaseState.COMMENCED, commencement_date=date(2026, 6, 15))
    window = mediation_window.mediation_window(case)
    assert window.end == date(2026, 8, 11)  # 10 August is National Day (observed)
    assert not window.expired(date(2026, 8, 11))
    assert window.expired(date(2026, 8, 12))


def test_no_window_before_commencement():
    case = make_case(CaseState.FILED)
    assert mediation_window.mediation_window(case) is None


# Extending ----------------------------------------------------------------------------------


def test_a_registrar_extends_the_window_with_a_reason(client, login, registrar, running):
    case, mediator, respondent = running
    old_end = mediation_window.mediation_window(case).end
    new_end = working_day_after(old_end, 14)
    version = case.version
    login(registrar)
    page = client.get(f"/cases/{case.id}/mediation-window/extend")
    assert page.status_code == 200
    assert "Starts" in page.get_data(as_text=True)  # how the current end was computed

    response = extend(client, case, new_end)

    assert response.status_code == 302
    db.session.expire_all()
    assert extensions(case) == [(new_end, "The parties are close to settling.")]
    assert case.version > version
    assert case.state == CaseState.MEDIATOR_APPOINTED
    assert mediation_window.mediation_window(case).end == new_end
    assert audit_actions(case) == ["extend_mediation_window"]
    assert recipients("mediation_window_extended") == sorted(
        [case.created_by.email, respondent.email, mediator.email])
    by_recipient = {m.recipient: m for m in outbox("mediation_window_extended")}
    assert "The parties are close to settling." in by_recipient[mediator.email].body
    assert by_recipient[respondent.email].locale == "zh_Hans"
    assert f"{new_end.year}年{new_end.month}月{new_end.day}日" in by_recipient[respondent.email].body
    # the case page explains the new end
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "The parties are close to settling." in page
    assert f'datetime="{new_end.isoformat()}"' in page


def test_an_extension_needs_a_reason(client, login, registrar, running):
    case, _, _ = running
    new_end = working_day_after(mediation_window.mediation_window(case).end, 14)
    login(registrar)

    response = extend(client, case, new_end, reason="  ")

    assert response.status_code == 422
    assert ("Reason for the extension: Give the reason for the extension."
            in response.get_data(as_text=True))
    assert extensions(case) == []
    assert audit_actions(case) == []


def test_the_new_end_must_be_later_than_the_current_one(client, login, registrar, running):
    case, _, _ = running
    end = mediation_window.mediation_window(case).end
    login(registrar)

    response = extend(client, case, end)

    assert response.status_code == 422
    assert "The new end must be after the current end of the window" in response.get_data(
        as_text=True)
    assert extensions(case) == []


def test_the_new_end_must_be_a_working_day_in_singapore(registrar, running):
    case, _, _ = running
    end = mediation_window.mediation_window(case).end
    sunday = end + timedelta(days=14 + (6 - end.weekday()))
    with pytest.raises(InvalidInput, match="is not a working day in Singapore"):
        mediation_window.extend_window(registrar, case, sunday, "More time",
                                       expected_version=case.version, today=simc_today())
    assert extensions(case) == []


def test_the_new_end_cannot_be_in_the_past(registrar, expired):
    case, _, _ = expired
    end = mediation_window.mediation_window(case).end
    with pytest.raises(InvalidInput, match="cannot be in the past"):
        mediation_window.extend_window(registrar, case, working_day_after(end, 1), "More time",
                                       expected_version=case.version, today=simc_today())


def test_an_expired_window_can_be_extended(client, login, registrar, expired):
    case, _, _ = expired
    new_end = working_day_after(simc_today(), 7)
    login(registrar)
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "The mediation window has expired: extend it or end the mediation." in page
    assert f"/cases/{case.id}/mediation-window/end" in page

    assert extend(client, case, new_end).status_code == 302
    db.session.expire_all()
    assert not mediation_window.mediation_window(case).expired(simc_today())


@pytest.mark.parametrize("who", ["claimant", "mediator"])
def test_only_a_registrar_extends_the_window(client, login, running, who):
    case, mediator, _ = running
    login(case.created_by if who == "claimant" else mediator)
    new_end = working_day_after(mediation_window.mediation_window(case).end, 14)

    assert client.get(f"/cases/{case.id}/mediation-window/extend").status_code == 403
    assert extend(client, case, new_end).status_code == 403
    assert extensions(case) == []


def test_an_outsider_cannot_reach_the_window(client, login):
    case = make_case(CaseState.COMMENCED)
    other = make_case(CaseState.COMMENCED)
    login(other.created_by)
    assert client.get(f"/cases/{case.id}/mediation-window/extend").status_code == 403
    assert client.get("/cases/999999/mediation-window/extend").status_code == 404


@pytest.mark.parametrize("state", [CaseState.FILED, CaseState.NOT_SETTLED, CaseState.SETTLED])
def test_no_extension_outside_the_mediation(client, login, registrar, state):
    case = make_case(state, commencement_date=simc_today() - timedelta(days=10))
    login(registrar)

    response = extend(client, case, working_day_after(simc_today(), 90))

    assert response.status_code == 409
    assert "is not possible while the case is" in response.get_data(as_text=True)
    assert extensions(case) == []


def test_a_stale_extension_is_refused(client, login, registrar, running):
    case, _, _ = running
    new_end = working_day_after(mediation_window.mediation_window(case).end, 14)
    version = case.version
    case.mediator_attributes = "Changed meanwhile"
    db.session.commit()
    login(registrar)

    response = extend(client, case, new_end, version=version)

    assert response.status_code == 409
    assert "changed by someone else" in response.get_data(as_text=True)
    assert extensions(case) == []


# Ending the mediation -----------------------------------------------------------------------


def test_ending_is_refused_while_the_window_runs(client, login, registrar, running):
    case, _, _ = running
    end = mediation_window.mediation_window(case).end
    login(registrar)

    page = client.get(f"/cases/{case.id}/mediation-window/end")
    response = client.post(f"/cases/{case.id}/mediation-window/end",
                           data={"version": case.version})

    for refused in (page, response):
        assert refused.status_code == 409
        assert "The mediation window runs until" in refused.get_data(as_text=True)
        assert f"{end:%b} {end.day}, {end.year}" in refused.get_data(as_text=True)
    db.session.expire_all()
    assert case.state == CaseState.MEDIATOR_APPOINTED
    assert case.mediation_result is None
    assert audit_actions(case) == []


def test_ending_after_the_window_expired(client, login, registrar, expired):
    case, mediator, respondent = expired
    login(registrar)
    assert client.get(f"/cases/{case.id}/mediation-window/end").status_code == 200

    response = client.post(f"/cases/{case.id}/mediation-window/end",
                           data={"version": case.version})

    assert response.status_code == 302
    db.session.expire_all()
    assert case.state == CaseState.NOT_SETTLED
    assert case.mediation_result == MediationResult.WINDOW_EXPIRED
    assert case.mediation_ended_on == simc_today()
    assert audit_actions(case) == ["end_mediation"]
    assert recipients("mediation_window_ended") == sorted(
        [case.created_by.email, respondent.email, mediator.email])
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Mediation ended: the window expired" in page  # the timeline
    assert "The mediation ended on" in page  # the window deadline


def test_only_a_registrar_ends_the_mediation(client, login, expired):
    case, mediator, _ = expired
    for user in (case.created_by, mediator):
        login(user)
        response = client.post(f"/cases/{case.id}/mediation-window/end",
                               data={"version": case.version})
        assert response.status_code == 403
    db.session.expire_all()
    assert case.state == CaseState.MEDIATOR_APPOINTED


def test_ending_refused_in_a_state_without_a_window(registrar):
    case = make_case(CaseState.SETTLED, commencement_date=simc_today() - timedelta(days=100))
    with pytest.raises(IllegalTransition, match="is not possible while the case is"):
        mediation_window.end_mediation(registrar, case, expected_version=case.version,
                                       today=simc_today())


def test_end_mediation_is_offered_as_a_next_step_only_once_the_window_expired(client, login):
    running = make_case(CaseState.IN_MEDIATION, commencement_date=date.today())
    expired = make_case(CaseState.IN_MEDIATION,
                        commencement_date=date.today() - timedelta(weeks=20))
    login(make_user(Role.REGISTRAR))
    db.session.commit()
    assert "End the mediation" not in client.get(f"/cases/{running.id}").get_data(as_text=True)
    assert "End the mediation" in client.get(f"/cases/{expired.id}").get_data(as_text=True)
