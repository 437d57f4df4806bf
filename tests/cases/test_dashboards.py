"""Dashboards: each role sees its own cases; registrars filter and page through all cases."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from casework.accounts.models import Role
from casework.cases.models import CaseState
from casework.extensions import db
from casework.mediators.models import MediatorProposal, ProposalStatus
from tests.factories import make_case, make_org, make_user


def committed_user(role, **fields):
    user = make_user(role, **fields)
    db.session.commit()
    return user


def listed_ids(page: str) -> list[int]:
    """The ids of the cases listed on a dashboard, in order."""
    return [int(found) for found in re.findall(r'data-case-id="(\d+)"', page)]


def dashboard(client, query: str = "") -> str:
    response = client.get(f"/{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/")

    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


# --- parties -----------------------------------------------------------------------------------


def test_party_sees_its_organisations_cases_with_drafts_on_the_claimant_side(client, login):
    ours = make_org()
    as_claimant = make_case(CaseState.FILED, claimant_org=ours)
    our_draft = make_case(CaseState.DRAFT, claimant_org=ours)
    as_respondent = make_case(CaseState.COMMENCED, respondent_org=ours)
    their_draft = make_case(CaseState.DRAFT, respondent_org=ours)  # not ours to see yet
    someone_elses = make_case(CaseState.FILED)
    login(committed_user(Role.PARTY, organisation=ours))

    page = dashboard(client)

    assert sorted(listed_ids(page)) == sorted([as_claimant.id, our_draft.id, as_respondent.id])
    assert their_draft.id not in listed_ids(page)
    assert someone_elses.id not in listed_ids(page)
    assert f"Draft #{our_draft.id}" in page
    assert as_claimant.reference in page


def test_party_dashboard_shows_state_and_next_step(client, login):
    case = make_case(CaseState.INFO_REQUESTED)
    login(case.created_by)

    page = dashboard(client)
    row = page.split(f'data-case-id="{case.id}"')[1].split("</tr>")[0]

    assert "More information requested" in row
    assert f'href="/cases/{case.id}/provide-information"' in row
    assert "Provide the information requested" in row


def test_party_without_organisation_is_told_so_and_may_file(client, login):
    make_case(CaseState.FILED)
    login(committed_user(Role.PARTY))

    page = dashboard(client)

    assert listed_ids(page) == []
    assert "does not act for an organisation yet" in page
    assert "registers your organisation as the claimant" in page
    assert 'href="/cases/new"' in page.split("<main>")[1]


# --- mediators ---------------------------------------------------------------------------------


def test_mediator_sees_assigned_and_pending_proposed_cases_only(client, login):
    mediator = committed_user(Role.MEDIATOR)
    assigned = make_case(CaseState.MEDIATOR_APPOINTED, mediator=mediator)
    proposed = make_case(CaseState.MEDIATOR_PROPOSED, mediator=mediator)
    replaced = make_case(CaseState.MEDIATOR_PROPOSED, mediator=mediator)
    proposal = db.session.scalars(
        db.select(MediatorProposal).filter_by(case_id=replaced.id)
    ).one()
    proposal.status = ProposalStatus.REPLACED
    db.session.commit()
    make_case(CaseState.MEDIATOR_APPOINTED)  # another mediator's
    make_case(CaseState.FILED)
    login(mediator)

    page = dashboard(client)
    proposed_section = page.split('id="proposed"')[1].split("</section>")[0]
    assigned_section = page.split('id="assigned"')[1].split("</section>")[0]

    assert listed_ids(proposed_section) == [proposed.id]
    assert listed_ids(assigned_section) == [assigned.id]


# --- admins ------------------------------------------------------------------------------------


def test_admin_is_pointed_to_user_administration(client, login):
    make_case(CaseState.FILED)
    login(committed_user(Role.ADMIN))

    page = dashboard(client)

    assert listed_ids(page) == []
    assert 'href="/users"' in page


# --- registrars --------------------------------------------------------------------------------


@pytest.fixture()
def registrar(client, login):
    return login(committed_user(Role.REGISTRAR))


def test_registrar_sees_all_submitted_cases_but_no_drafts(client, registrar):
    cases = [make_case(state) for state in CaseState if state != CaseState.DRAFT]
    draft = make_case(CaseState.DRAFT)

    ids = listed_ids(dashboard(client))

    assert sorted(ids) == sorted(case.id for case in cases)
    assert draft.id not in ids


def test_registrar_filters_by_state(client, registrar):
    filed = make_case(CaseState.FILED)
    make_case(CaseState.COMMENCED)

    assert listed_ids(dashboard(client, "?state=filed")) == [filed.id]


def test_registrar_filters_by_inclusive_date_range_in_their_zone(client, registrar):
    # 17:00 UTC on 1 March is 01:00 on 2 March in Singapore (the registrar's zone).
    early_march = make_case(CaseState.FILED, submitted_at=datetime(2026, 3, 1, 17, 0, tzinfo=UTC))
    late_march = make_case(CaseState.FILED, submitted_at=datetime(2026, 3, 31, 15, 59, tzinfo=UTC))
    april = make_case(CaseState.FILED, submitted_at=datetime(2026, 3, 31, 16, 0, tzinfo=UTC))

    march = listed_ids(dashboard(client, "?submitted_from=2026-03-02&submitted_to=2026-03-31"))
    first = listed_ids(dashboard(client, "?submitted_to=2026-03-01"))
    from_april = listed_ids(dashboard(client, "?submitted_from=2026-04-01"))

    assert sorted(march) == sorted([early_march.id, late_march.id])
    assert first == []
    assert from_april == [april.id]


def test_registrar_filters_by_english_name_case_insensitively(client, registrar):
    acme = make_org(name_en="ACME Lighting Pte. Ltd.", name_zh="艾克美照明有限公司")
    as_claimant = make_case(CaseState.FILED, claimant_org=acme)
    as_respondent = make_case(CaseState.COMMENCED, respondent_org=acme)
    make_case(CaseState.FILED)

    ids = listed_ids(dashboard(client, "?party=acme+lighting"))

    assert sorted(ids) == sorted([as_claimant.id, as_respondent.id])


def test_registrar_filters_by_chinese_name(client, registrar):
    acme = make_org(name_en="ACME Lighting Pte. Ltd.", name_zh="艾克美照明有限公司")
    case = make_case(CaseState.FILED, respondent_org=acme)
    make_case(CaseState.FILED)

    assert listed_ids(dashboard(client, "?party=克美照明")) == [case.id]


def test_party_filter_treats_wildcards_literally(client, registrar):
    make_case(CaseState.FILED)

    assert listed_ids(dashboard(client, "?party=%25")) == []


def test_registrar_filters_by_reference(client, registrar):
    case = make_case(CaseState.FILED, reference="SIMC-2026-0042")
    make_case(CaseState.FILED, reference="SIMC-2026-0043")

    assert listed_ids(dashboard(client, "?reference=simc-2026-0042")) == [case.id]
    assert len(listed_ids(dashboard(client, "?reference=2026-004"))) == 2


def test_filters_combine(client, registrar):
    acme = make_org(name_en="ACME Lighting Pte. Ltd.")
    wanted = make_case(CaseState.FILED, claimant_org=acme)
    make_case(CaseState.COMMENCED, claimant_org=acme)

    assert listed_ids(dashboard(client, "?party=acme&state=filed")) == [wanted.id]


def test_pagination_keeps_the_filters(app, client, registrar, monkeypatch):
    monkeypatch.setitem(app.config, "CASES_PER_PAGE", 2)
    start = datetime(2026, 5, 1, 4, 0, tzinfo=UTC)
    filed = [
        make_case(CaseState.FILED, submitted_at=start + timedelta(days=n)) for n in range(5)
    ]
    make_case(CaseState.COMMENCED)

    first = dashboard(client, "?state=filed")
    second = dashboard(client, "?state=filed&page=2")
    third = dashboard(client, "?state=filed&page=3")

    newest_first = [case.id for case in reversed(filed)]
    assert listed_ids(first) == newest_first[:2]
    assert listed_ids(second) == newest_first[2:4]
    assert listed_ids(third) == newest_first[4:]
    assert "5 cases" in first
    assert 'href="/?page=2&amp;state=filed"' in first
    assert listed_ids(dashboard(client, "?state=filed&page=9")) == []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?submitted_from=2026-02-31", "Filed from: Not a valid date value."),
        ("?submitted_to=yesterday", "Filed until: Not a valid date value."),
        ("?state=bogus", "State: Not a valid choice."),
        ("?submitted_from=2026-03-05&submitted_to=2026-03-01",
         "Filed until: The end of the range is before its start."),
        ("?page=abc", "Page: Not a valid integer value."),
        ("?page=0", "Page: Pages are numbered from 1."),
    ],
)
def test_bad_filters_give_a_form_error(client, registrar, query, message):
    make_case(CaseState.FILED)

    response = client.get(f"/{query}")

    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert message in page
    assert listed_ids(page) == []
