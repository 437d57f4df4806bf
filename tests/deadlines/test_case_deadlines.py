"""The deadlines of a case, with their status, and how the case page shows them."""

from datetime import UTC, date, datetime

import pytest

from casework.accounts.models import Locale, Role
from casework.cases.models import CaseState, PartySide, RespondentAnswer
from casework.deadlines.case_deadlines import DeadlineStatus, deadlines_for
from casework.errors import IllegalTransition
from casework.extensions import db
from casework.mediators import appointment
from casework.mediators.models import ProposalAnswer, ProposalResponse
from casework.parties.models import Jurisdiction
from tests.deadlines.helpers import singapore_morning
from tests.factories import make_case, make_org, make_user


def summary(deadlines) -> list[tuple]:
    return [(d.key.split(":")[0], d.side, d.due, d.status) for d in deadlines]


def test_the_respondents_answer_is_upcoming_then_overdue_then_met():
    case = make_case(CaseState.FILED, respondent_org=make_org(Jurisdiction.CN),
                     submitted_at=singapore_morning(date(2026, 9, 17)))

    assert summary(deadlines_for(case, today=date(2026, 10, 8))) == [
        ("respondent_answer", PartySide.RESPONDENT, date(2026, 10, 8), DeadlineStatus.UPCOMING),
    ]
    assert deadlines_for(case, today=date(2026, 10, 9))[0].status == DeadlineStatus.OVERDUE

    case.respondent_answer = RespondentAnswer.AGREE
    case.respondent_answered_on = date(2026, 10, 9)
    (deadline,) = deadlines_for(case, today=date(2026, 10, 9))
    assert deadline.status == DeadlineStatus.MET
    assert str(deadline.working[-1]) == "Met on Oct 9, 2026."


def test_no_answer_deadline_once_the_mediation_commenced_without_one():
    # with a prior agreement to mediate the acknowledgement commences the mediation
    case = make_case(CaseState.COMMENCED, commencement_date=date(2026, 11, 2))
    assert [d.rule.key for d in deadlines_for(case)] == ["mediation_window"]


def test_drafts_have_no_deadlines():
    assert deadlines_for(make_case(CaseState.DRAFT)) == []


def test_each_party_has_its_own_objection_deadline():
    case = make_case(CaseState.MEDIATOR_PROPOSED, claimant_org=make_org(Jurisdiction.SG),
                     respondent_org=make_org(Jurisdiction.CN),
                     commencement_date=date(2026, 7, 27))
    proposal = appointment.pending_proposal(case)
    proposal.proposed_at = singapore_morning(date(2026, 8, 3))
    db.session.add(ProposalResponse(
        proposal=proposal, case_party=case.respondent, answered_by=make_user(
            Role.PARTY, organisation=case.respondent.organisation),
        answered_at=singapore_morning(date(2026, 8, 5)), answer=ProposalAnswer.ACCEPT,
    ))
    db.session.commit()

    deadlines = deadlines_for(case, today=date(2026, 8, 11))

    assert summary(deadlines)[:2] == [
        ("mediator_objection", PartySide.CLAIMANT, date(2026, 8, 11), DeadlineStatus.UPCOMING),
        ("mediator_objection", PartySide.RESPONDENT, date(2026, 8, 10), DeadlineStatus.MET),
    ]
    assert deadlines[0].key == f"mediator_objection:{proposal.id}:claimant"
    assert deadlines[2].rule.key == "mediation_window"
    # answering uses the answering party's own deadline: the respondent's ended on the 10th
    assert appointment.objection_deadline(proposal, case.respondent) < appointment.\
        objection_deadline(proposal, case.claimant)


def test_answering_uses_the_answering_partys_own_deadline():
    case = make_case(CaseState.MEDIATOR_PROPOSED, claimant_org=make_org(Jurisdiction.SG),
                     respondent_org=make_org(Jurisdiction.CN))
    respondent = make_user(Role.PARTY, organisation=case.respondent.organisation)
    proposal = appointment.pending_proposal(case)
    proposal.proposed_at = singapore_morning(date(2026, 8, 3))
    db.session.commit()
    # 1:00 on 11 August in Singapore and Shenzhen: the respondent's period ended at midnight,
    # the claimant's runs to the end of the day (10 August was a Singapore holiday)
    now = datetime(2026, 8, 10, 17, 0, tzinfo=UTC)

    with pytest.raises(IllegalTransition, match="The objection period ended on"):
        appointment.answer_proposal(respondent, case, PartySide.RESPONDENT,
                                    ProposalAnswer.ACCEPT, expected_version=case.version,
                                    now=now)
    response = appointment.answer_proposal(
        case.created_by, case, PartySide.CLAIMANT, ProposalAnswer.ACCEPT,
        expected_version=case.version, now=now,
    )
    assert response.answer == ProposalAnswer.ACCEPT


def test_the_case_page_shows_each_deadline_whose_it_is_and_how_it_was_computed(client, login):
    case = make_case(CaseState.FILED, respondent_org=make_org(Jurisdiction.CN),
                     submitted_at=singapore_morning(date(2026, 9, 17)))
    login(case.created_by)

    page = client.get(f"/cases/{case.id}").get_data(as_text=True)

    assert "Respondent&#39;s answer to the Request for Mediation" in page
    assert 'data-deadline="respondent_answer"' in page
    assert "The respondent" in page
    assert 'datetime="2026-10-08"' in page and "Thursday, October 8, 2026" in page
    assert "until the end of that day in Asia/Shanghai" in page
    assert ("Oct 1, 2026 is not a working day in mainland China (National Day); the deadline "
            "rolls to the next working day, Oct 8, 2026.") in page
    assert "The respondent has 14 days from the submission" in page


def test_the_case_page_shows_dates_in_the_viewers_language(client, login):
    case = make_case(CaseState.FILED, respondent_org=make_org(Jurisdiction.CN),
                     submitted_at=singapore_morning(date(2026, 9, 17)))
    case.created_by.locale = Locale.ZH
    db.session.commit()
    login(case.created_by)

    page = client.get(f"/cases/{case.id}").get_data(as_text=True)

    assert "2026年10月8日" in page and "国庆节" in page


def test_the_appointment_shows_each_partys_objection_deadline(client, login):
    case = make_case(CaseState.MEDIATOR_PROPOSED, claimant_org=make_org(Jurisdiction.SG),
                     respondent_org=make_org(Jurisdiction.CN))
    proposal = appointment.pending_proposal(case)
    proposal.proposed_at = singapore_morning(date(2026, 8, 3))
    db.session.commit()
    login(case.created_by)  # in Asia/Singapore

    page = client.get(f"/cases/{case.id}").get_data(as_text=True)

    assert "Aug 11, 2026, 11:59:59\u202fPM (Asia/Singapore)" in page  # the claimant's
    assert "Aug 10, 2026, 11:59:59\u202fPM (Asia/Singapore)" in page  # the respondent's
