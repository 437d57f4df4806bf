"""Closing a case with a reason (the registry): the reason kept on the SCIA proceeding when there
is one and always in the audit entry, ``closed_at`` set, open hearings cancelled, everyone
told; refused without a reason, in the wrong state and for anyone but the registry."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from casework.accounts.models import Role
from casework.arbitration.closing import MAX_REASON_CHARS, close_case
from casework.arbitration.proceedings import proceeding_for
from casework.audit.models import AuditEntry
from casework.cases.models import CaseLanguage, CaseState
from casework.db import now_utc
from casework.errors import IllegalTransition
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
from tests.arbitration.award_helpers import add_escalated_proceeding
from tests.arbitration.performance_scenes import settlement_case_in
from tests.factories import make_case, make_user

pytestmark = pytest.mark.usefixtures("quick_password_hashes", "store_dir")

REASON = "The parties settled the dispute between themselves and asked the registry to close."


def url(case) -> str:
    return f"/cases/{case.id}/arbitration/close"


def close(client, case, reason: str = REASON):
    return client.post(url(case), data={"version": str(case.version), "reason": reason})


def add_open_hearing(case, mediator) -> Hearing:
    """A joint session of ``case`` next week, still scheduled."""
    starts_at = now_utc() + timedelta(days=7)
    hearing = Hearing(
        case=case, kind=HearingKind.JOINT_SESSION, starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2), venue_kind=VenueKind.SINGAPORE,
        venue_zone="Asia/Singapore", language=CaseLanguage.EN, scheduled_by=mediator,
        participants=[HearingParticipant(user=mediator, role=ParticipantRole.MEDIATOR)],
    )
    db.session.add(hearing)
    db.session.commit()
    return hearing


def counts() -> tuple[int, int]:
    return tuple(db.session.scalar(sa.select(sa.func.count()).select_from(model))
                 for model in (AuditEntry, OutboxMessage))


def test_the_registry_closes_an_unsettled_case_with_a_reason(client, login):
    mediator = make_user(Role.MEDIATOR)
    registrar = make_user(Role.REGISTRAR)
    case = make_case(CaseState.NOT_SETTLED, mediator_id=mediator.id)
    hearing = add_open_hearing(case, mediator)
    login(registrar)
    form = client.get(url(case))
    assert form.status_code == 200
    assert "1 hearing still scheduled is cancelled" in form.get_data(as_text=True)

    response = close(client, case)

    assert response.status_code == 302
    db.session.expire_all()
    assert case.state == CaseState.CLOSED and case.closed_at is not None
    (entry,) = db.session.scalars(sa.select(AuditEntry).filter_by(
        case_id=case.id, action="close_case")).all()
    assert entry.actor_id == registrar.id
    assert entry.changes["closed_reason"] == [None, REASON]
    assert entry.changes["state"] == ["not_settled", "closed"]
    assert hearing.status == HearingStatus.CANCELLED
    told = {m.recipient: m for m in db.session.scalars(
        sa.select(OutboxMessage).filter_by(kind="case_closed"))}
    assert {case.created_by.email, registrar.email, mediator.email} <= set(told)
    assert REASON in told[case.created_by.email].body


def test_the_reason_is_kept_on_the_scia_proceeding(client, login):
    registrar = make_user(Role.REGISTRAR)
    case = make_case(CaseState.IN_ARBITRATION)
    add_escalated_proceeding(case, registrar)
    login(registrar)

    assert close(client, case).status_code == 302

    db.session.expire_all()
    assert proceeding_for(case).closed_reason == REASON
    page = client.get(f"/cases/{case.id}/arbitration").get_data(as_text=True)
    assert REASON in page


def test_closing_after_the_award_warns_of_what_is_still_owed(client, login):
    scene = settlement_case_in(CaseState.AWARD_ISSUED)
    login(scene.registrar)

    page = client.get(url(scene.case)).get_data(as_text=True)

    assert "not fully performed" in page and "¥100,325.04" in page
    assert close(client, scene.case).status_code == 302
    db.session.expire_all()
    assert scene.case.state == CaseState.CLOSED
    assert proceeding_for(scene.case).closed_reason == REASON


@pytest.mark.parametrize(("reason", "message"), [
    ("", "Reason for closing the case: Give the reason for closing the case."),
    ("   ", "Reason for closing the case: Give the reason for closing the case."),
    ("x" * (MAX_REASON_CHARS + 1), "Reason for closing the case: Field cannot be longer"),
])
def test_a_reason_is_required(client, login, reason, message):
    registrar = make_user(Role.REGISTRAR)
    case = make_case(CaseState.DECLINED)
    login(registrar)
    before, version = counts(), case.version

    response = close(client, case, reason)

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert case.state == CaseState.DECLINED and case.closed_at is None
    assert case.version == version and counts() == before


def test_the_operation_refuses_a_blank_reason_too():
    registrar = make_user(Role.REGISTRAR)
    case = make_case(CaseState.NOT_SETTLED)
    with pytest.raises(Exception, match="Give the reason for closing the case"):
        close_case(registrar, case, "  ", expected_version=None)
    db.session.rollback()
    assert case.state == CaseState.NOT_SETTLED


@pytest.mark.parametrize("state", [CaseState.IN_MEDIATION, CaseState.SETTLEMENT_SIGNED,
                                   CaseState.AWARD_REQUESTED, CaseState.CLOSED])
def test_closing_is_refused_in_other_states(client, login, state):
    registrar = make_user(Role.REGISTRAR)
    case = make_case(state)
    login(registrar)
    before = counts()

    assert client.get(url(case)).status_code == 409
    assert close(client, case).status_code == 409
    with pytest.raises(IllegalTransition):
        close_case(registrar, case, REASON, expected_version=None)
    db.session.rollback()
    assert counts() == before


def test_only_the_registry_closes(client, login):
    mediator = make_user(Role.MEDIATOR)
    case = make_case(CaseState.NOT_SETTLED, mediator_id=mediator.id)
    other = make_case(CaseState.NOT_SETTLED).created_by
    respondent = make_user(Role.PARTY, organisation=case.respondent.organisation)
    db.session.commit()
    for user in (case.created_by, respondent, mediator, other):
        login(user)
        assert client.get(url(case)).status_code == 403
        assert close(client, case).status_code == 403
    db.session.expire_all()
    assert case.state == CaseState.NOT_SETTLED
    assert client.get(f"/cases/{case.id + 1000}/arbitration/close").status_code == 404
