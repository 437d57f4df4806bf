"""The respondent's answer: agree to mediate (commencing when awaited) or decline with reasons."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.cases.joining import agree_to_mediate, decline_to_mediate
from casework.cases.models import CaseState, RespondentAnswer
from casework.errors import IllegalTransition, InvalidInput
from casework.extensions import db
from casework.notifications.models import OutboxMessage
from tests.cases.test_filing import sign_in
from tests.factories import make_case, make_org, make_user


def respondent_user(case):
    return make_user(Role.PARTY, organisation=case.respondent.organisation)


def answered_to() -> set[str]:
    return set(db.session.scalars(
        sa.select(OutboxMessage.recipient).filter_by(kind="respondent_answered")))


def test_agreeing_while_awaited_commences_the_mediation(client, login):
    case = make_case(CaseState.AWAITING_RESPONDENT)
    registrar = make_user(Role.REGISTRAR)
    responder = sign_in(login, respondent_user(case))
    page = client.get(f"/cases/{case.id}/respond").get_data(as_text=True)
    assert f"/cases/{case.id}/documents/upload" in page
    response = client.post(f"/cases/{case.id}/respond",
                           data={"version": str(case.version), "answer": "agree"})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{case.id}")
    db.session.expire_all()
    assert case.state == CaseState.COMMENCED
    assert case.respondent_answer == RespondentAnswer.AGREE
    assert case.respondent_answered_on is not None
    assert case.commencement_date == case.respondent_answered_on
    # SIMC's written confirmation goes to both parties and the registry.
    assert answered_to() == {case.created_by.email, responder.email, registrar.email}
    message = db.session.scalars(sa.select(OutboxMessage).filter_by(
        recipient=case.created_by.email)).one()
    assert "Mediation commenced" in message.subject
    assert case.commencement_date.isoformat() in message.body
    audit = db.session.scalar(sa.select(AuditEntry).filter_by(case_id=case.id,
                                                              action="respondent_agreed"))
    assert audit.changes["state"] == ["awaiting_respondent", "commenced"]


def test_the_answer_date_is_the_date_in_singapore(app):
    case = make_case(CaseState.AWAITING_RESPONDENT)
    responder = respondent_user(case)
    # 17:00 UTC on 31 March is 01:00 on 1 April in Singapore.
    agree_to_mediate(responder, case, expected_version=case.version,
                     now=datetime(2026, 3, 31, 17, 0, tzinfo=UTC))
    assert case.respondent_answered_on == date(2026, 4, 1)
    assert case.commencement_date == date(2026, 4, 1)


def test_agreeing_before_the_acknowledgement_is_recorded_without_commencing(client, login):
    case = make_case(CaseState.FILED)
    registrar = make_user(Role.REGISTRAR)
    responder = sign_in(login, respondent_user(case))
    response = client.post(f"/cases/{case.id}/respond",
                           data={"version": str(case.version), "answer": "agree"})
    assert response.status_code == 302
    db.session.expire_all()
    assert case.state == CaseState.FILED
    assert case.respondent_answer == RespondentAnswer.AGREE
    assert case.commencement_date is None
    assert answered_to() == {case.created_by.email, registrar.email}
    assert responder.email not in answered_to()


def test_declining_needs_reasons(client, login):
    case = make_case(CaseState.FILED)
    sign_in(login, respondent_user(case))
    response = client.post(f"/cases/{case.id}/respond",
                           data={"version": str(case.version), "answer": "decline",
                                 "reasons": "   "})
    assert response.status_code == 422
    assert "Reasons for declining: Give your reasons for declining." in response.get_data(
        as_text=True)
    response = client.post(f"/cases/{case.id}/respond", data={"version": str(case.version)})
    assert response.status_code == 422
    assert "Choose whether you agree or decline." in response.get_data(as_text=True)
    db.session.expire_all()
    assert case.state == CaseState.FILED
    assert case.respondent_answer is None
    assert answered_to() == set()


@pytest.mark.parametrize("state", [CaseState.FILED, CaseState.INFO_REQUESTED,
                                   CaseState.AWAITING_RESPONDENT])
def test_declining_with_reasons_closes_the_request(client, login, state):
    case = make_case(state)
    registrar = make_user(Role.REGISTRAR)
    sign_in(login, respondent_user(case))
    response = client.post(f"/cases/{case.id}/respond", data={
        "version": str(case.version), "answer": "decline",
        "reasons": "The claim was settled in 2025."})
    assert response.status_code == 302
    db.session.expire_all()
    assert case.state == CaseState.DECLINED
    assert case.respondent_answer == RespondentAnswer.DECLINE
    assert case.decline_reasons == "The claim was settled in 2025."
    assert case.commencement_date is None
    assert answered_to() == {case.created_by.email, registrar.email}
    message = db.session.scalars(sa.select(OutboxMessage).filter_by(
        recipient=case.created_by.email)).one()
    assert "The claim was settled in 2025." in message.body


def test_the_operation_refuses_a_decline_without_reasons(app):
    case = make_case(CaseState.FILED)
    with pytest.raises(InvalidInput):
        decline_to_mediate(respondent_user(case), case, " ", expected_version=case.version)
    assert case.state == CaseState.FILED


def test_the_claimant_cannot_answer_for_the_respondent(client, login):
    case = make_case(CaseState.AWAITING_RESPONDENT)
    sign_in(login, case.created_by)
    assert client.get(f"/cases/{case.id}/respond").status_code == 403
    response = client.post(f"/cases/{case.id}/respond",
                           data={"version": str(case.version), "answer": "agree"})
    assert response.status_code == 403
    sign_in(login, make_user(Role.REGISTRAR))
    assert client.post(f"/cases/{case.id}/respond",
                       data={"version": str(case.version), "answer": "agree"}).status_code == 403
    sign_in(login, make_user(Role.PARTY, organisation=make_org()))
    assert client.post(f"/cases/{case.id}/respond",
                       data={"version": str(case.version), "answer": "agree"}).status_code == 403
    db.session.expire_all()
    assert case.state == CaseState.AWAITING_RESPONDENT
    assert case.respondent_answer is None


@pytest.mark.parametrize("state", [CaseState.COMMENCED, CaseState.DECLINED, CaseState.WITHDRAWN,
                                   CaseState.MEDIATOR_PROPOSED])
def test_answering_in_the_wrong_state_is_a_conflict_and_changes_nothing(client, login, state):
    case = make_case(state)
    sign_in(login, respondent_user(case))
    version = case.version
    assert client.get(f"/cases/{case.id}/respond").status_code == 409
    for data in ({"answer": "agree"}, {"answer": "decline", "reasons": "No."}):
        response = client.post(f"/cases/{case.id}/respond", data={"version": str(version), **data})
        assert response.status_code == 409
    db.session.expire_all()
    assert case.state == state
    assert case.version == version
    assert case.respondent_answer is None
    assert answered_to() == set()


def test_the_operation_refuses_the_wrong_state(app):
    case = make_case(CaseState.COMMENCED)
    with pytest.raises(IllegalTransition):
        agree_to_mediate(respondent_user(case), case, expected_version=case.version)


def test_a_stale_answer_is_refused(client, login):
    case = make_case(CaseState.AWAITING_RESPONDENT)
    sign_in(login, respondent_user(case))
    response = client.post(f"/cases/{case.id}/respond",
                           data={"version": str(case.version - 1), "answer": "agree"})
    assert response.status_code == 409
    db.session.expire_all()
    assert case.state == CaseState.AWAITING_RESPONDENT


def test_the_respondent_never_sees_a_draft(client, login):
    case = make_case(CaseState.DRAFT)
    sign_in(login, respondent_user(case))
    assert client.get(f"/cases/{case.id}/respond").status_code == 403
