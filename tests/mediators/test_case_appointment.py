"""The appointment partial the case page includes, and the data behind it."""

from flask import render_template_string

from casework.cases.models import CaseState, PartySide
from casework.db import now_utc
from casework.extensions import db
from casework.mediators import appointment
from casework.mediators.models import Disclosure, ProposalAnswer, ProposalStatus
from tests.factories import make_case
from tests.mediators.helpers import make_mediator, respondent_user


def render_partial(app, case) -> str:
    with app.test_request_context("/"):
        return render_template_string(
            '{% include "mediators/_case_appointment.html" %}', case=case
        )


def test_nothing_proposed_yet(app):
    case = make_case(CaseState.COMMENCED)
    overview = appointment.appointment_overview(case)
    assert (overview.visible, overview.current, overview.earlier, overview.mediator) == (
        True, None, [], None)
    assert "No mediator has been proposed yet." in render_partial(app, case)


def test_hidden_before_the_mediation_commenced(app):
    case = make_case(CaseState.FILED)
    assert appointment.appointment_overview(case).visible is False
    assert "mediator-appointment" not in render_partial(app, case)


def test_case_page_shows_the_appointment_to_everyone_on_the_case(client, login):
    mediator = make_mediator(name="Proposed Mediator")
    case = make_case(CaseState.MEDIATOR_PROPOSED, mediator=mediator)
    respondent = respondent_user(case)
    now = now_utc()
    appointment.file_disclosure(mediator, case, Disclosure.CIRCUMSTANCES,
                               "Former colleague of the respondent's counsel.",
                               expected_version=case.version, now=now)
    appointment.answer_proposal(respondent, case, PartySide.RESPONDENT, ProposalAnswer.OBJECT,
                               "Too close to our counsel's firm.", expected_version=case.version,
                               now=now)
    db.session.commit()

    for viewer in (case.created_by, respondent, mediator):
        login(viewer)
        html = client.get(f"/cases/{case.id}").get_data(as_text=True)
        assert "Former colleague of the respondent&#39;s counsel." in html
        assert "Too close to our counsel&#39;s firm." in html


def test_current_and_earlier_proposals_with_disclosures_and_answers(app, registrar):
    first = make_mediator(name="First Mediator")
    case = make_case(CaseState.MEDIATOR_PROPOSED, mediator=first, registrar=registrar)
    respondent = respondent_user(case)
    now = now_utc()
    appointment.answer_proposal(respondent, case, PartySide.RESPONDENT, ProposalAnswer.OBJECT,
                               "Sat with the claimant's counsel last year.",
                               expected_version=case.version, now=now)
    second = make_mediator(name="Second Mediator", expertise="Electronics supply",
                           nationality="Malaysian")
    appointment.propose_mediator(registrar, case, second, expected_version=case.version, now=now)
    appointment.file_disclosure(second, case, Disclosure.CIRCUMSTANCES,
                               "Spoke at a seminar the respondent sponsored.",
                               expected_version=case.version, now=now)
    appointment.answer_proposal(case.created_by, case, PartySide.CLAIMANT, ProposalAnswer.ACCEPT,
                               expected_version=case.version, now=now)
    db.session.commit()

    overview = appointment.appointment_overview(case)

    assert overview.current.proposal.mediator_id == second.id
    assert [a.party.side for a in overview.current.answers] == [PartySide.CLAIMANT,
                                                                PartySide.RESPONDENT]
    assert overview.current.answers[0].response.answer == ProposalAnswer.ACCEPT
    assert overview.current.answers[1].response is None
    assert [s.proposal.mediator_id for s in overview.earlier] == [first.id]
    html = render_partial(app, case)
    for text in ("Current proposal", "Second Mediator", "Electronics supply",
                 "Spoke at a seminar the respondent sponsored.", "Accepted the proposed mediator",
                 "No answer yet", "Earlier proposals", "First Mediator",
                 "Replaced by another proposal", "Sat with the claimant&#39;s counsel last year.",
                 "(Asia/Singapore)"):
        assert text in html, text
    assert html.index("Second Mediator") < html.index("Earlier proposals") < html.index(
        "First Mediator")


def test_appointed_mediator(app):
    mediator = make_mediator(name="Appointed Mediator")
    case = make_case(CaseState.MEDIATOR_PROPOSED, mediator=mediator)
    proposal = appointment.pending_proposal(case)
    proposal.status = ProposalStatus.CONFIRMED
    case.mediator_id = mediator.id
    db.session.commit()

    html = render_partial(app, case)

    assert "Appointed mediator: Appointed Mediator" in html
    assert "The appointment" in html and "Confirmed" in html
