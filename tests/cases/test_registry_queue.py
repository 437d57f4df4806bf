"""The registry queue: filings needing the registry, oldest first, registrars only."""

from datetime import UTC, date, datetime, timedelta

import pytest

from casework.accounts.models import Role
from casework.cases import queries
from casework.cases.models import CaseState, RespondentAnswer
from casework.extensions import db
from tests.factories import make_case, make_org, make_user


def committed_user(role, **fields):
    user = make_user(role, **fields)
    db.session.commit()
    return user


def test_queue_lists_waiting_filings_oldest_first():
    now = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
    old = make_case(CaseState.INFO_REQUESTED, submitted_at=now - timedelta(days=9))
    new = make_case(CaseState.FILED, submitted_at=now - timedelta(days=1))
    middle = make_case(CaseState.AWAITING_RESPONDENT, submitted_at=now - timedelta(days=4))
    commenced = make_case(CaseState.COMMENCED, submitted_at=now - timedelta(days=6))
    for state in (CaseState.DRAFT, CaseState.MEDIATOR_PROPOSED, CaseState.MEDIATOR_APPOINTED,
                  CaseState.REJECTED, CaseState.WITHDRAWN, CaseState.DECLINED):
        make_case(state)

    items = queries.registry_queue(date(2026, 11, 30))

    assert [item.case.id for item in items] == [old.id, commenced.id, middle.id, new.id]
    assert [item.days_waiting for item in items] == [9, 6, 4, 1]


def test_days_waiting_counts_singapore_dates():
    # 17:00 UTC on 28 Nov is 01:00 on 29 Nov in Singapore: one day waiting on the 30th.
    make_case(CaseState.FILED, submitted_at=datetime(2026, 11, 28, 17, 0, tzinfo=UTC))

    [item] = queries.registry_queue(date(2026, 11, 30), "Asia/Singapore")

    assert item.days_waiting == 1


def test_queue_page_shows_fee_answer_and_prior_agreement(client, login):
    unpaid = make_case(CaseState.FILED, prior_agreement_to_mediate=False,
                       respondent_answer=RespondentAnswer.AGREE)
    paid = make_case(CaseState.FILED, fee_paid_on=date(2026, 11, 1), fee_payment_reference="X")
    login(committed_user(Role.REGISTRAR))

    response = client.get("/registry")

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert unpaid.reference in page and paid.reference in page
    unpaid_row = page.split(f'data-case-id="{unpaid.id}"')[1].split("</tr>")[0]
    paid_row = page.split(f'data-case-id="{paid.id}"')[1].split("</tr>")[0]
    assert "<td>Not paid</td>" in unpaid_row and "<td>No</td>" in unpaid_row
    assert "Agreed" in unpaid_row
    assert "<td>Paid</td>" in paid_row and "<td>Yes</td>" in paid_row
    assert "No answer yet" in paid_row


def test_empty_queue_says_so(client, login):
    login(committed_user(Role.REGISTRAR))

    assert "No filing is waiting" in client.get("/registry").get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.PARTY, Role.MEDIATOR, Role.ADMIN])
def test_queue_is_for_registrars_only(client, login, role):
    fields = {"organisation": make_org()} if role == Role.PARTY else {}
    login(committed_user(role, **fields))

    assert client.get("/registry").status_code == 403


def test_queue_needs_sign_in(client):
    response = client.get("/registry")

    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
