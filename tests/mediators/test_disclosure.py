"""The proposed mediator's conflict disclosure."""

from datetime import UTC, datetime

import pytest

from casework.cases.models import CaseState
from casework.errors import IllegalTransition, InvalidInput
from casework.extensions import db
from casework.mediators import appointment
from casework.mediators.models import Disclosure
from tests.factories import make_case
from tests.mediators.helpers import (
    audit_actions,
    make_mediator,
    outbox,
    proposal_of,
    recipients,
    respondent_user,
)

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)


@pytest.fixture()
def proposed(registrar):
    """A case with a pending proposal of a mediator, and a respondent representative."""
    mediator = make_mediator(name="Proposed Mediator")
    case = make_case(CaseState.MEDIATOR_PROPOSED, mediator=mediator, registrar=registrar)
    return case, mediator, respondent_user(case)


def test_proposed_mediator_files_no_circumstances(client, login, registrar, proposed):
    case, mediator, respondent = proposed
    version = case.version
    login(mediator)
    assert "File the disclosure" in client.get(
        f"/cases/{case.id}/mediator/disclosure").get_data(as_text=True)

    response = client.post(f"/cases/{case.id}/mediator/disclosure",
                           data={"disclosure": "none", "circumstances": "ignored",
                                 "version": version})

    assert response.status_code == 302
    db.session.expire_all()
    proposal = proposal_of(case)
    assert proposal.disclosure == Disclosure.NONE
    assert proposal.disclosure_text == ""
    assert proposal.disclosed_at is not None
    assert case.version > version
    assert audit_actions(case) == ["file_disclosure"]
    assert recipients("disclosure_filed") == sorted(
        [registrar.email, case.created_by.email, respondent.email])
    assert "No circumstances to disclose" in outbox("disclosure_filed")[0].body
    page = client.get(f"/cases/{case.id}/mediator/disclosure").get_data(as_text=True)
    assert "cannot be changed" in page and "File the disclosure" not in page


def test_circumstances_are_stored_and_sent(client, login, proposed):
    case, mediator, _ = proposed
    login(mediator)

    client.post(f"/cases/{case.id}/mediator/disclosure",
                data={"disclosure": "circumstances",
                      "circumstances": "  I advised the claimant's parent company in 2019. ",
                      "version": case.version})

    proposal = proposal_of(case)
    assert proposal.disclosure == Disclosure.CIRCUMSTANCES
    assert proposal.disclosure_text == "I advised the claimant's parent company in 2019."
    assert all("I advised the claimant's parent company in 2019." in m.body
               for m in outbox("disclosure_filed"))


@pytest.mark.parametrize("text", ["", "   "])
def test_circumstances_need_a_description(client, login, proposed, text):
    case, mediator, _ = proposed
    login(mediator)

    response = client.post(f"/cases/{case.id}/mediator/disclosure",
                           data={"disclosure": "circumstances", "circumstances": text,
                                 "version": case.version})

    assert response.status_code == 422
    assert "Circumstances: Describe the circumstances you disclose." in response.get_data(
        as_text=True)
    db.session.expire_all()
    assert proposal_of(case).disclosure is None
    assert audit_actions(case) == [] and recipients("disclosure_filed") == []


def test_a_disclosure_choice_is_required(client, login, proposed):
    case, mediator, _ = proposed
    login(mediator)

    response = client.post(f"/cases/{case.id}/mediator/disclosure",
                           data={"version": case.version})

    assert response.status_code == 422
    assert "Disclosure: Choose one of the two statements." in response.get_data(as_text=True)
    assert proposal_of(case).disclosure is None


def test_second_disclosure_is_refused(client, login, proposed):
    case, mediator, _ = proposed
    login(mediator)
    client.post(f"/cases/{case.id}/mediator/disclosure",
                data={"disclosure": "none", "version": case.version})
    db.session.expire_all()

    response = client.post(f"/cases/{case.id}/mediator/disclosure",
                           data={"disclosure": "circumstances", "circumstances": "Changed mind",
                                 "version": case.version})

    assert response.status_code == 409
    assert "cannot be changed" in response.get_data(as_text=True)
    db.session.expire_all()
    assert proposal_of(case).disclosure == Disclosure.NONE
    assert audit_actions(case) == ["file_disclosure"]


@pytest.mark.parametrize("who", ["other_mediator", "claimant", "registrar"])
def test_only_the_proposed_mediator_discloses(client, login, registrar, proposed, who):
    case, _, _ = proposed
    user = {"other_mediator": make_mediator(), "claimant": case.created_by,
            "registrar": registrar}[who]
    login(user)

    response = client.post(f"/cases/{case.id}/mediator/disclosure",
                           data={"disclosure": "none", "version": case.version})

    assert response.status_code == 403
    db.session.expire_all()
    assert proposal_of(case).disclosure is None


def test_operation_refuses_bad_and_repeated_disclosures(proposed):
    case, mediator, _ = proposed
    with pytest.raises(InvalidInput):
        appointment.file_disclosure(mediator, case, Disclosure.CIRCUMSTANCES, " ",
                                   expected_version=case.version, now=NOW)
    appointment.file_disclosure(mediator, case, Disclosure.NONE,
                               expected_version=case.version, now=NOW)
    assert proposal_of(case).disclosed_at == NOW
    with pytest.raises(IllegalTransition):
        appointment.file_disclosure(mediator, case, Disclosure.NONE,
                                   expected_version=case.version, now=NOW)


def test_disclosure_refused_once_the_case_was_withdrawn(client, login):
    mediator = make_mediator()
    case = make_case(CaseState.MEDIATOR_PROPOSED, mediator=mediator)
    case.state = CaseState.WITHDRAWN
    db.session.commit()
    login(mediator)

    assert client.get(f"/cases/{case.id}/mediator/disclosure").status_code == 409
    response = client.post(f"/cases/{case.id}/mediator/disclosure",
                           data={"disclosure": "none", "version": case.version})

    assert response.status_code == 409
    db.session.expire_all()
    assert proposal_of(case).disclosure is None


def test_the_appointed_mediator_files_no_disclosure(client, login):
    mediator = make_mediator()
    case = make_case(CaseState.MEDIATOR_APPOINTED, mediator=mediator)
    login(mediator)
    assert client.get(f"/cases/{case.id}/mediator/disclosure").status_code == 403
