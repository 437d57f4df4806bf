"""Proposing a panel mediator for a case, and proposing another one."""

from datetime import UTC, datetime, timedelta

import pytest

from casework.cases.models import CaseState
from casework.db import now_utc
from casework.errors import IllegalTransition, InvalidInput, StaleCase
from casework.extensions import db
from casework.mediators import appointment
from casework.mediators.models import MediatorProposal, ProposalStatus
from casework.parties.models import Jurisdiction
from tests.factories import make_case, make_org
from tests.mediators.helpers import (
    audit_actions,
    make_mediator,
    outbox,
    proposal_of,
    recipients,
    respondent_user,
)

NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


def proposals(case) -> list[tuple[int, ProposalStatus]]:
    return [
        (p.mediator_id, p.status) for p in db.session.scalars(
            db.select(MediatorProposal).filter_by(case_id=case.id).order_by(MediatorProposal.id)
        )
    ]


def test_propose_from_commenced(client, login, registrar):
    case = make_case(CaseState.COMMENCED)
    case.created_by.timezone = "Europe/London"
    respondent = respondent_user(case, timezone="Asia/Shanghai")
    mediator = make_mediator(name="Mei Ling Tan", languages="English, 中文",
                             expertise="Construction", nationality="Malaysian",
                             bio="Twenty years of construction mediation.")
    version = case.version
    login(registrar)

    before = now_utc()
    response = client.post(f"/cases/{case.id}/mediator/propose",
                           data={"mediator_id": mediator.id, "version": version})
    after = now_utc()

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{case.id}")
    db.session.expire_all()
    assert case.state == CaseState.MEDIATOR_PROPOSED
    assert case.version > version
    proposal = proposal_of(case)
    assert (proposal.mediator_id, proposal.proposed_by_id) == (mediator.id, registrar.id)
    assert before <= proposal.proposed_at <= after
    # the latest of the parties' deadlines, each at least 7 days after the proposal
    deadlines = appointment.objection_deadlines(case, proposal.proposed_at)
    assert proposal.objection_deadline == max(deadlines.values())
    assert min(deadlines.values()) >= proposal.proposed_at + timedelta(days=7)
    assert audit_actions(case) == ["propose_mediator"]
    assert recipients("disclosure_requested") == [mediator.email]
    assert recipients("mediator_proposed") == sorted([case.created_by.email, respondent.email])
    by_recipient = {m.recipient: m for m in outbox("mediator_proposed")}
    for user in (case.created_by, respondent):
        message = by_recipient[user.email]
        assert "Mei Ling Tan" in message.subject
        assert "Construction" in message.body and "Malaysian" in message.body
        assert "Twenty years of construction mediation." in message.body
        assert f"({user.timezone})" in message.body
        assert f"/cases/{case.id}/mediator/answer" in message.body
    assert f"/cases/{case.id}/mediator/disclosure" in outbox("disclosure_requested")[0].body


def test_objection_deadline_in_each_recipients_zone(registrar):
    case = make_case(CaseState.COMMENCED)
    case.created_by.timezone = "Europe/London"
    respondent = respondent_user(case, timezone="Asia/Shanghai")
    mediator = make_mediator()

    appointment.propose_mediator(registrar, case, mediator, expected_version=case.version,
                                now=NOW)

    bodies = {m.recipient: m.body for m in outbox("mediator_proposed")}
    # 8 December 2026 (a Tuesday) ends at midnight in each party's jurisdiction (SG, CN)
    assert "Dec 8, 2026, 3:59:59\u202fPM (Europe/London)" in bodies[case.created_by.email]
    assert "Dec 8, 2026, 11:59:59\u202fPM (Asia/Shanghai)" in bodies[respondent.email]


def test_objection_period_follows_the_configuration(app, registrar):
    case = make_case(CaseState.COMMENCED)
    app.config["OBJECTION_DAYS"] = 10
    try:
        proposal = appointment.propose_mediator(
            registrar, case, make_mediator(), expected_version=case.version, now=NOW
        )
    finally:
        app.config["OBJECTION_DAYS"] = 7
    # 1 December + 10 days = Friday 11 December, to midnight in Singapore and in Shenzhen
    assert proposal.objection_deadline == datetime(2026, 12, 11, 15, 59, 59, tzinfo=UTC)


def test_proposing_another_mediator_replaces_the_pending_proposal(client, login, registrar):
    first = make_mediator(name="First Mediator")
    case = make_case(CaseState.MEDIATOR_PROPOSED, mediator=first)
    second = make_mediator(name="Second Mediator")
    login(first)
    assert client.get(f"/cases/{case.id}/mediator/disclosure").status_code == 200
    login(registrar)

    response = client.post(f"/cases/{case.id}/mediator/propose",
                           data={"mediator_id": second.id, "version": case.version})

    assert response.status_code == 302
    db.session.expire_all()
    assert case.state == CaseState.MEDIATOR_PROPOSED
    assert proposals(case) == [(first.id, ProposalStatus.REPLACED),
                               (second.id, ProposalStatus.PROPOSED)]
    assert recipients("disclosure_requested") == [second.email]
    # The replaced mediator loses access to the case ...
    login(first)
    assert client.get(f"/cases/{case.id}/mediator/disclosure").status_code == 403
    # ... and is not offered again.
    login(registrar)
    page = client.get(f"/cases/{case.id}/mediator/propose").get_data(as_text=True)
    assert f'data-mediator="{first.id}"' not in page
    assert f'data-mediator="{second.id}"' not in page  # pending: proposing again is pointless
    third = make_mediator(name="Third Mediator")
    page = client.get(f"/cases/{case.id}/mediator/propose").get_data(as_text=True)
    assert f'data-mediator="{third.id}"' in page


def test_replaced_mediator_cannot_be_proposed_again(client, login, registrar):
    first = make_mediator()
    case = make_case(CaseState.MEDIATOR_PROPOSED, mediator=first)
    second = make_mediator()
    appointment.propose_mediator(registrar, case, second, expected_version=case.version, now=NOW)
    db.session.commit()
    login(registrar)

    response = client.post(f"/cases/{case.id}/mediator/propose",
                           data={"mediator_id": first.id, "version": case.version})

    assert response.status_code == 422
    assert "Mediator: Not a valid choice" in response.get_data(as_text=True)
    db.session.expire_all()
    assert proposals(case) == [(first.id, ProposalStatus.REPLACED),
                               (second.id, ProposalStatus.PROPOSED)]
    with pytest.raises(InvalidInput):
        appointment.propose_mediator(registrar, case, first, expected_version=case.version,
                                    now=NOW)


def test_mediator_off_the_panel_cannot_be_proposed(registrar):
    case = make_case(CaseState.COMMENCED)
    with pytest.raises(InvalidInput):
        appointment.propose_mediator(registrar, case, make_mediator(on_panel=False),
                                    expected_version=case.version, now=NOW)
    assert case.state == CaseState.COMMENCED
    assert proposals(case) == []


def test_propose_page_shows_the_parties_wishes_and_flags_shared_nationality(
    client, login, registrar
):
    case = make_case(CaseState.COMMENCED, claimant_org=make_org(Jurisdiction.SG),
                     respondent_org=make_org(Jurisdiction.CN),
                     mediator_attributes="Experience with LED supply chains")
    singaporean = make_mediator(name="Singaporean Mediator", nationality="Singaporean")
    chinese = make_mediator(name="Chinese Mediator", nationality="Chinese")
    neutral = make_mediator(name="Neutral Mediator", nationality="Malaysian")
    login(registrar)

    response = client.get(f"/cases/{case.id}/mediator/propose")

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "English and Chinese" in html and "Online" in html
    assert "Experience with LED supply chains" in html
    flagged = {
        m.id for m in (singaporean, chinese, neutral)
        if appointment.shares_party_nationality(case, m.mediator_profile)
    }
    assert flagged == {singaporean.id, chinese.id}
    assert html.count("nationality-hint") == 2
    filtered = client.get(f"/cases/{case.id}/mediator/propose?nationality=malay")
    assert f'data-mediator="{neutral.id}"' in filtered.get_data(as_text=True)
    assert f'data-mediator="{chinese.id}"' not in filtered.get_data(as_text=True)


def test_choosing_no_mediator_names_the_problem(client, login, registrar):
    case = make_case(CaseState.COMMENCED)
    make_mediator()
    login(registrar)

    response = client.post(f"/cases/{case.id}/mediator/propose", data={"version": case.version})

    assert response.status_code == 422
    assert "Mediator: Choose a mediator from the panel." in response.get_data(as_text=True)
    db.session.expire_all()
    assert case.state == CaseState.COMMENCED
    assert proposals(case) == []


@pytest.mark.parametrize("who", ["claimant", "mediator"])
def test_only_registrars_propose(client, login, who):
    case = make_case(CaseState.COMMENCED)
    mediator = make_mediator()
    login(case.created_by if who == "claimant" else mediator)

    assert client.get(f"/cases/{case.id}/mediator/propose").status_code == 403
    response = client.post(f"/cases/{case.id}/mediator/propose",
                           data={"mediator_id": mediator.id, "version": case.version})

    assert response.status_code == 403
    assert proposals(case) == []


def test_propose_refused_in_the_wrong_state(client, login, registrar):
    case = make_case(CaseState.FILED)
    mediator = make_mediator()
    version = case.version
    login(registrar)

    assert client.get(f"/cases/{case.id}/mediator/propose").status_code == 409
    response = client.post(f"/cases/{case.id}/mediator/propose",
                           data={"mediator_id": mediator.id, "version": version})

    assert response.status_code == 409
    assert "Propose a mediator" in response.get_data(as_text=True)
    db.session.expire_all()
    assert (case.state, case.version) == (CaseState.FILED, version)
    assert proposals(case) == [] and recipients("mediator_proposed") == []
    with pytest.raises(IllegalTransition):
        appointment.propose_mediator(registrar, case, mediator, expected_version=version,
                                    now=NOW)


def test_propose_with_a_stale_version_is_refused(client, login, registrar):
    case = make_case(CaseState.COMMENCED)
    mediator = make_mediator()
    login(registrar)

    response = client.post(f"/cases/{case.id}/mediator/propose",
                           data={"mediator_id": mediator.id, "version": case.version - 1})

    assert response.status_code == 409
    assert "changed by someone else" in response.get_data(as_text=True)
    db.session.expire_all()
    assert case.state == CaseState.COMMENCED
    assert proposals(case) == [] and audit_actions(case) == []
    with pytest.raises(StaleCase):
        appointment.propose_mediator(registrar, case, mediator,
                                    expected_version=case.version - 1, now=NOW)


def test_case_of_another_party_is_refused(client, login, registrar):
    case = make_case(CaseState.COMMENCED)
    outsider = make_case(CaseState.COMMENCED).created_by
    login(outsider)
    assert client.get(f"/cases/{case.id}/mediator/propose").status_code == 403
    login(registrar)
    assert client.get("/cases/999999/mediator/propose").status_code == 404
