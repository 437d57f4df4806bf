"""The parties' answers to a proposed mediator."""

import pytest

from casework.cases.models import CaseState, PartySide
from casework.db import now_utc
from casework.errors import IllegalTransition, InvalidInput, NotPermitted
from casework.extensions import db
from casework.mediators import appointment
from casework.mediators.models import Disclosure, ProposalAnswer, ProposalResponse
from tests.factories import make_case, make_user
from tests.mediators.helpers import (
    audit_actions,
    end_objection_period,
    make_mediator,
    outbox,
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


def answers(case) -> list[tuple[PartySide, ProposalAnswer, str]]:
    proposal = proposal_of(case)
    return [(r.case_party.side, r.answer, r.reasons) for r in db.session.scalars(
        db.select(ProposalResponse).filter_by(proposal_id=proposal.id)
        .order_by(ProposalResponse.id))]


def answer(client, case, side, choice, reasons="", version=None):
    return client.post(f"/cases/{case.id}/mediator/answer", data={
        "side": side, "answer": choice, "reasons": reasons,
        "version": case.version if version is None else version,
    })


def test_claimant_accepts(client, login, registrar, proposed):
    case, _, _ = proposed
    version = case.version
    login(case.created_by)
    page = client.get(f"/cases/{case.id}/mediator/answer")
    assert page.status_code == 200 and "Send the answer" in page.get_data(as_text=True)

    response = answer(client, case, "claimant", "accept", reasons="not needed")

    assert response.status_code == 302
    db.session.expire_all()
    assert answers(case) == [(PartySide.CLAIMANT, ProposalAnswer.ACCEPT, "")]
    assert case.version > version
    assert audit_actions(case) == ["answer_proposal"]
    assert recipients("proposal_answered") == [registrar.email]
    assert "Accepted the proposed mediator" in outbox("proposal_answered")[0].body
    page = client.get(f"/cases/{case.id}/mediator/answer").get_data(as_text=True)
    assert "Your side answered" in page and "Send the answer" not in page


def test_respondent_objects_with_reasons(client, login, registrar, proposed):
    case, _, respondent = proposed
    login(respondent)

    response = answer(client, case, "respondent", "object",
                      reasons="The mediator's firm acts for the claimant's bank.")

    assert response.status_code == 302
    assert answers(case) == [(PartySide.RESPONDENT, ProposalAnswer.OBJECT,
                              "The mediator's firm acts for the claimant's bank.")]
    message = outbox("proposal_answered")[0]
    assert "respondent" in message.subject
    assert "The mediator's firm acts for the claimant's bank." in message.body


def test_an_objection_needs_reasons(client, login, proposed):
    case, _, respondent = proposed
    login(respondent)

    response = answer(client, case, "respondent", "object", reasons="  ")

    assert response.status_code == 422
    assert "Reasons for the objection: Give the reasons for the objection." in (
        response.get_data(as_text=True))
    assert answers(case) == [] and audit_actions(case) == []
    with pytest.raises(InvalidInput):
        appointment.answer_proposal(respondent, case, PartySide.RESPONDENT,
                                   ProposalAnswer.OBJECT, "", expected_version=case.version,
                                   now=now_utc())


def test_an_answer_must_be_chosen(client, login, proposed):
    case, _, _ = proposed
    login(case.created_by)

    response = answer(client, case, "claimant", "")

    assert response.status_code == 422
    assert "Your answer: Choose whether you accept or object." in response.get_data(as_text=True)
    assert answers(case) == []


def test_second_answer_for_a_side_is_refused(client, login, proposed):
    case, _, _ = proposed
    colleague = make_user(organisation=case.claimant.organisation)
    db.session.commit()
    login(case.created_by)
    answer(client, case, "claimant", "accept")
    db.session.expire_all()
    login(colleague)

    response = answer(client, case, "claimant", "object", reasons="Second thoughts")

    assert response.status_code == 409
    assert "The claimant has already answered" in response.get_data(as_text=True)
    assert answers(case) == [(PartySide.CLAIMANT, ProposalAnswer.ACCEPT, "")]


def test_answer_after_the_deadline_is_refused(client, login, proposed):
    case, _, respondent = proposed
    proposal = proposal_of(case)
    end_objection_period(proposal)
    db.session.commit()
    login(respondent)
    assert "The objection period ended on" in client.get(
        f"/cases/{case.id}/mediator/answer").get_data(as_text=True)

    response = answer(client, case, "respondent", "object", reasons="Too late")

    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "The objection period ended on" in html and respondent.timezone in html
    assert answers(case) == []
    with pytest.raises(IllegalTransition):
        appointment.answer_proposal(respondent, case, PartySide.RESPONDENT, ProposalAnswer.ACCEPT,
                                   expected_version=case.version, now=now_utc())


def test_a_party_cannot_answer_for_the_other_side(client, login, proposed):
    case, _, _ = proposed
    login(case.created_by)

    response = answer(client, case, "respondent", "accept")

    assert response.status_code == 403
    assert answers(case) == []
    with pytest.raises(NotPermitted):
        appointment.answer_proposal(case.created_by, case, PartySide.RESPONDENT,
                                   ProposalAnswer.ACCEPT, expected_version=case.version,
                                   now=now_utc())


def test_a_damaged_side_is_a_bad_request(client, login, proposed):
    case, _, _ = proposed
    login(case.created_by)
    assert answer(client, case, "arbitrator", "accept").status_code == 400
    assert answers(case) == []


@pytest.mark.parametrize("who", ["mediator", "registrar"])
def test_only_parties_answer(client, login, registrar, proposed, who):
    case, mediator, _ = proposed
    login(mediator if who == "mediator" else registrar)

    assert client.get(f"/cases/{case.id}/mediator/answer").status_code == 403
    assert answer(client, case, "claimant", "accept").status_code == 403
    assert answers(case) == []


def test_answer_with_a_stale_version_is_refused(client, login, registrar, proposed):
    """A form loaded before the registrar proposed someone else must not answer the new one."""
    case, _, respondent = proposed
    old_version = case.version
    appointment.propose_mediator(registrar, case, make_mediator(), expected_version=old_version,
                                now=now_utc())
    db.session.commit()
    login(respondent)

    response = answer(client, case, "respondent", "accept", version=old_version)

    assert response.status_code == 409
    assert "changed by someone else" in response.get_data(as_text=True)
    assert answers(case) == []


def test_answers_refused_outside_the_proposal_state(client, login):
    case = make_case(CaseState.COMMENCED)
    login(case.created_by)
    assert client.get(f"/cases/{case.id}/mediator/answer").status_code == 409
    assert answer(client, case, "claimant", "accept").status_code == 409


def test_everyone_on_the_case_sees_the_disclosure_and_both_answers(client, login, proposed):
    case, mediator, respondent = proposed
    now = now_utc()
    appointment.file_disclosure(mediator, case, Disclosure.CIRCUMSTANCES,
                               "Met the claimant's CEO at a conference.",
                               expected_version=case.version, now=now)
    appointment.answer_proposal(respondent, case, PartySide.RESPONDENT, ProposalAnswer.OBJECT,
                               "Too close to the claimant.", expected_version=case.version,
                               now=now)
    db.session.commit()
    login(case.created_by)

    html = client.get(f"/cases/{case.id}/mediator/answer").get_data(as_text=True)

    assert "Met the claimant&#39;s CEO at a conference." in html
    assert "Objected to the proposed mediator" in html
    assert "Too close to the claimant." in html


def test_every_appointment_step_moves_the_case_version(registrar, proposed):
    """Each step makes forms loaded before it stale, even when two happen at the same instant."""
    case, mediator, respondent = proposed
    now = now_utc()
    versions = [case.version]
    appointment.file_disclosure(mediator, case, Disclosure.NONE, expected_version=case.version,
                               now=now)
    versions.append(case.version)
    appointment.answer_proposal(respondent, case, PartySide.RESPONDENT, ProposalAnswer.ACCEPT,
                               expected_version=case.version, now=now)
    versions.append(case.version)
    appointment.answer_proposal(case.created_by, case, PartySide.CLAIMANT, ProposalAnswer.ACCEPT,
                               expected_version=case.version, now=now)
    versions.append(case.version)
    assert versions == sorted(set(versions))
