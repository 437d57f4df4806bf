"""Confirming the appointment of the proposed mediator."""

import pytest

from casework.cases.models import CaseState, PartySide
from casework.cases.permissions import case_roles
from casework.cases.workflow import CaseRole
from casework.db import now_utc
from casework.errors import IllegalTransition
from casework.extensions import db
from casework.mediators import appointment
from casework.mediators.models import Disclosure, ProposalAnswer, ProposalStatus
from tests.factories import make_case
from tests.mediators.helpers import (
    audit_actions,
    end_objection_period,
    make_mediator,
    proposal_of,
    recipients,
    respondent_user,
)


@pytest.fixture()
def proposed(registrar):
    """A case with a pending proposal, its mediator and a respondent representative."""
    mediator = make_mediator(name="Proposed Mediator")
    case = make_case(CaseState.MEDIATOR_PROPOSED, mediator=mediator, registrar=registrar)
    return case, mediator, respondent_user(case)


def disclose(case, mediator):
    appointment.file_disclosure(mediator, case, Disclosure.NONE, expected_version=case.version,
                               now=now_utc())
    db.session.commit()


def answer(case, user, side, choice=ProposalAnswer.ACCEPT, reasons=""):
    appointment.answer_proposal(user, case, side, choice, reasons,
                               expected_version=case.version, now=now_utc())
    db.session.commit()


def confirm(client, case, version=None):
    return client.post(f"/cases/{case.id}/mediator/confirm",
                       data={"version": case.version if version is None else version})


def assert_unchanged(case, version):
    db.session.expire_all()
    assert (case.state, case.version, case.mediator_id) == (
        CaseState.MEDIATOR_PROPOSED, version, None)
    assert proposal_of(case).status == ProposalStatus.PROPOSED
    assert recipients("appointment_confirmed") == []


def test_confirmed_when_every_party_accepts(client, login, registrar, proposed):
    case, mediator, respondent = proposed
    disclose(case, mediator)
    answer(case, case.created_by, PartySide.CLAIMANT)
    answer(case, respondent, PartySide.RESPONDENT)
    login(registrar)
    assert "Confirm the appointment" in client.get(
        f"/cases/{case.id}/mediator/confirm").get_data(as_text=True)

    response = confirm(client, case)

    assert response.status_code == 302
    db.session.expire_all()
    assert case.state == CaseState.MEDIATOR_APPOINTED
    assert case.mediator_id == mediator.id
    assert proposal_of(case, ProposalStatus.CONFIRMED).mediator_id == mediator.id
    assert proposal_of(case) is None
    assert audit_actions(case)[-1] == "confirm_appointment"
    assert recipients("appointment_confirmed") == sorted(
        [mediator.email, case.created_by.email, respondent.email])
    assert case_roles(mediator, case) == {CaseRole.MEDIATOR}


def test_confirmed_after_the_objection_period_without_answers(client, login, registrar,
                                                              proposed):
    case, mediator, _ = proposed
    disclose(case, mediator)
    end_objection_period(proposal_of(case))
    db.session.commit()
    login(registrar)

    response = confirm(client, case)

    assert response.status_code == 302
    db.session.expire_all()
    assert (case.state, case.mediator_id) == (CaseState.MEDIATOR_APPOINTED, mediator.id)


def test_refused_without_the_disclosure(client, login, registrar, proposed):
    case, _, respondent = proposed
    answer(case, case.created_by, PartySide.CLAIMANT)
    answer(case, respondent, PartySide.RESPONDENT)
    version = case.version
    login(registrar)
    page = client.get(f"/cases/{case.id}/mediator/confirm").get_data(as_text=True)
    assert "has not filed the conflict disclosure" in page
    assert "Confirm the appointment</button>" not in page

    response = confirm(client, case)

    assert response.status_code == 409
    assert "has not filed the conflict disclosure" in response.get_data(as_text=True)
    assert_unchanged(case, version)


def test_refused_after_an_objection(client, login, registrar, proposed):
    case, mediator, respondent = proposed
    disclose(case, mediator)
    answer(case, case.created_by, PartySide.CLAIMANT)
    answer(case, respondent, PartySide.RESPONDENT, ProposalAnswer.OBJECT, "Conflict.")
    end_objection_period(proposal_of(case))
    db.session.commit()
    version = case.version
    login(registrar)

    response = confirm(client, case)

    assert response.status_code == 409
    assert "The respondent objected to the proposed mediator: propose another mediator." in (
        response.get_data(as_text=True))
    assert_unchanged(case, version)


def test_refused_before_the_deadline_without_every_acceptance(client, login, registrar,
                                                              proposed):
    case, mediator, _ = proposed
    disclose(case, mediator)
    answer(case, case.created_by, PartySide.CLAIMANT)
    version = case.version
    login(registrar)

    response = confirm(client, case)

    assert response.status_code == 409
    assert "Not every party has accepted" in response.get_data(as_text=True)
    assert_unchanged(case, version)


def test_all_reasons_are_given_together(registrar, proposed):
    case, _, respondent = proposed
    answer(case, respondent, PartySide.RESPONDENT, ProposalAnswer.OBJECT, "Conflict.")
    proposal = proposal_of(case)

    blockers = appointment.appointment_blockers(case, proposal, now_utc(), registrar)

    assert len(blockers) == 2  # no disclosure, and an objection
    with pytest.raises(IllegalTransition):
        appointment.confirm_appointment(registrar, case, expected_version=case.version,
                                       now=now_utc())


def test_confirm_from_the_wrong_state_changes_nothing(client, login, registrar):
    case = make_case(CaseState.COMMENCED)
    version = case.version
    login(registrar)

    assert client.get(f"/cases/{case.id}/mediator/confirm").status_code == 409
    response = confirm(client, case)

    assert response.status_code == 409
    assert "Confirm the mediator" in response.get_data(as_text=True)
    db.session.expire_all()
    assert (case.state, case.version, case.mediator_id) == (CaseState.COMMENCED, version, None)
    assert audit_actions(case) == [] and recipients("appointment_confirmed") == []


def test_confirm_twice_is_refused(client, login, registrar, proposed):
    case, mediator, respondent = proposed
    disclose(case, mediator)
    answer(case, case.created_by, PartySide.CLAIMANT)
    answer(case, respondent, PartySide.RESPONDENT)
    login(registrar)
    confirm(client, case)
    db.session.expire_all()

    assert confirm(client, case).status_code == 409
    assert recipients("appointment_confirmed") == sorted(
        [mediator.email, case.created_by.email, respondent.email])


def test_confirm_with_a_stale_version_is_refused(client, login, registrar, proposed):
    case, mediator, respondent = proposed
    version_seen = case.version
    disclose(case, mediator)
    answer(case, case.created_by, PartySide.CLAIMANT)
    answer(case, respondent, PartySide.RESPONDENT)
    version = case.version
    login(registrar)

    response = confirm(client, case, version=version_seen)

    assert response.status_code == 409
    assert "changed by someone else" in response.get_data(as_text=True)
    assert_unchanged(case, version)


@pytest.mark.parametrize("who", ["claimant", "mediator"])
def test_only_registrars_confirm(client, login, proposed, who):
    case, mediator, respondent = proposed
    disclose(case, mediator)
    answer(case, case.created_by, PartySide.CLAIMANT)
    answer(case, respondent, PartySide.RESPONDENT)
    version = case.version
    login(case.created_by if who == "claimant" else mediator)

    assert client.get(f"/cases/{case.id}/mediator/confirm").status_code == 403
    assert confirm(client, case).status_code == 403
    assert_unchanged(case, version)
