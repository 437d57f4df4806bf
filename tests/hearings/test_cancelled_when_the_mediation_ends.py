"""Open hearings are cancelled (and participants told) when the case is withdrawn or the
registrar ends the mediation because its window expired."""

from __future__ import annotations

from datetime import timedelta

from casework.cases import registry
from casework.deadlines import window
from casework.extensions import db
from casework.hearings.models import HearingStatus
from tests.hearings.helpers import recipients, schedule


def test_withdrawal_cancels_open_hearings(mediation):
    case = mediation.case
    hearing = schedule(case, [mediation.claimant, mediation.respondent])
    registry.withdraw_case(mediation.claimant, case, "Settled between the parties.",
                           expected_version=case.version)
    db.session.commit()
    assert hearing.status == HearingStatus.CANCELLED
    assert hearing.status_reason == "The case was withdrawn."
    assert sorted(recipients("hearing_cancelled")) == sorted(
        [mediation.mediator.email, mediation.claimant.email, mediation.respondent.email])


def test_ending_an_expired_mediation_cancels_open_hearings(mediation):
    case = mediation.case
    hearing = schedule(case, [mediation.claimant])
    end = window.mediation_window(case).end
    window.end_mediation(mediation.registrar, case, expected_version=case.version,
                         today=end + timedelta(days=1))
    db.session.commit()
    assert hearing.status == HearingStatus.CANCELLED
    assert sorted(recipients("hearing_cancelled")) == sorted(
        [mediation.mediator.email, mediation.claimant.email])
