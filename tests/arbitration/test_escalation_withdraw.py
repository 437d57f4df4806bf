"""A party withdraws from the mediation: the mediation ends without settlement (the dispute stays,
and may go to SCIA), open hearings are cancelled, everyone is told — and the page says how this
differs from withdrawing the whole request."""

from __future__ import annotations

from datetime import timedelta

import pytest

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.cases.models import CaseLanguage, CaseState, MediationResult
from casework.cases.simc_clock import simc_today
from casework.db import now_utc
from casework.extensions import db
from casework.hearings.models import (
    Hearing,
    HearingKind,
    HearingParticipant,
    HearingStatus,
    ParticipantRole,
    VenueKind,
)
from casework.notifications.models import OutboxMessage
from tests.factories import make_case, make_user

pytestmark = pytest.mark.usefixtures("quick_password_hashes")

REASONS = "We no longer believe a negotiated outcome is possible."


@pytest.fixture()
def mediation():
    """A case in mediation with its mediator, a registrar, a respondent user and a session
    scheduled next week."""
    mediator = make_user(Role.MEDIATOR)
    case = make_case(CaseState.IN_MEDIATION, mediator_id=mediator.id,
                     commencement_date=simc_today() - timedelta(days=20))
    respondent = make_user(Role.PARTY, organisation=case.respondent.organisation)
    registrar = make_user(Role.REGISTRAR)
    starts_at = now_utc() + timedelta(days=7)
    hearing = Hearing(
        case=case, kind=HearingKind.JOINT_SESSION, starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2), venue_kind=VenueKind.SINGAPORE,
        venue_zone="Asia/Singapore", language=CaseLanguage.EN, scheduled_by=mediator,
        participants=[HearingParticipant(user=mediator, role=ParticipantRole.MEDIATOR)],
    )
    db.session.add(hearing)
    db.session.commit()
    return {"case": case, "mediator": mediator, "respondent": respondent,
            "registrar": registrar, "hearing": hearing}


def url(case) -> str:
    return f"/cases/{case.id}/arbitration/withdraw-from-mediation"


def test_the_respondent_withdraws_from_the_mediation(client, login, mediation):
    case = mediation["case"]
    login(mediation["respondent"])

    response = client.post(url(case), data={"version": case.version, "reasons": REASONS})

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{case.id}")
    db.session.expire_all()
    assert case.state == CaseState.NOT_SETTLED
    assert case.mediation_result == MediationResult.PARTY_WITHDREW
    assert case.mediation_ended_on == simc_today()
    assert case.withdrawal_reasons is None  # the request itself is not withdrawn
    assert mediation["hearing"].status == HearingStatus.CANCELLED
    entry = db.session.scalars(db.select(AuditEntry).filter_by(
        case_id=case.id, action="withdraw_from_mediation")).one()
    assert entry.actor_id == mediation["respondent"].id
    assert entry.changes["side"] == "respondent"
    assert entry.changes["reasons"] == REASONS
    assert entry.changes["mediation_result"] == [None, "party_withdrew"]
    messages = db.session.scalars(db.select(OutboxMessage).filter_by(
        case_id=case.id, kind="mediation_withdrawn")).all()
    assert {m.recipient for m in messages} == {
        case.created_by.email, mediation["respondent"].email, mediation["registrar"].email,
        mediation["mediator"].email,
    }
    assert all(REASONS in m.body and case.respondent.organisation.name_en in m.body
               for m in messages)
    assert "is not withdrawn" in messages[0].body


def test_the_arbitration_page_then_shows_the_withdrawal_as_the_trigger(client, login,
                                                                       mediation):
    case = mediation["case"]
    login(case.created_by)
    client.post(url(case), data={"version": case.version, "reasons": REASONS})

    page = client.get(f"/cases/{case.id}/arbitration").get_data(as_text=True)

    assert "A party withdrew from the mediation" in page


def test_the_page_tells_it_apart_from_withdrawing_the_request(client, login, mediation):
    case = mediation["case"]
    login(case.created_by)
    claimant_page = client.get(url(case)).get_data(as_text=True)
    login(mediation["respondent"])
    respondent_page = client.get(url(case)).get_data(as_text=True)

    for page in (claimant_page, respondent_page):
        assert "The dispute is not withdrawn" in page
        assert "This is not the withdrawal of the Request for Mediation" in page
    # only the claimant may withdraw the whole request, so only the claimant is offered it
    assert f'href="/cases/{case.id}/withdraw"' in claimant_page
    assert f'href="/cases/{case.id}/withdraw"' not in respondent_page


def test_reasons_are_required_and_nothing_changes_without_them(client, login, mediation):
    case = mediation["case"]
    login(case.created_by)
    version = case.version

    response = client.post(url(case), data={"version": version, "reasons": "   "})

    assert response.status_code == 422
    assert ("Reasons for withdrawing from the mediation: Give the reasons for withdrawing "
            "from the mediation.") in response.get_data(as_text=True)
    db.session.expire_all()
    assert (case.state, case.version, case.mediation_result) == (
        CaseState.IN_MEDIATION, version, None)
    assert mediation["hearing"].status == HearingStatus.SCHEDULED
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 0


@pytest.mark.parametrize("who", ["registrar", "mediator"])
def test_only_a_party_withdraws_from_the_mediation(client, login, mediation, who):
    case = mediation["case"]
    login(mediation[who])

    assert client.get(url(case)).status_code == 403
    response = client.post(url(case), data={"version": case.version, "reasons": REASONS})

    assert response.status_code == 403
    db.session.expire_all()
    assert case.state == CaseState.IN_MEDIATION


def test_there_is_no_mediation_to_withdraw_from_once_it_ended(client, login):
    case = make_case(CaseState.NOT_SETTLED, mediation_result=MediationResult.IMPASSE,
                     mediation_ended_on=simc_today())
    login(case.created_by)

    response = client.post(url(case), data={"version": case.version, "reasons": REASONS})

    assert response.status_code == 409
    assert "is not possible while the case is" in response.get_data(as_text=True)
    db.session.expire_all()
    assert case.mediation_result == MediationResult.IMPASSE


def test_an_outsider_cannot_see_the_page(client, login, mediation):
    outsider = make_case(CaseState.IN_MEDIATION).created_by
    login(outsider)

    assert client.get(url(mediation["case"])).status_code == 403
