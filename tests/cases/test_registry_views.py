"""The registry pages: forms on GET, one operation on POST, 403/404/409 and form errors."""

from datetime import timedelta

import pytest

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.cases.models import Case, CaseState
from casework.cases.registry import simc_today
from casework.extensions import db
from casework.notifications.models import OutboxMessage
from tests.factories import make_case, make_org
from tests.factories import make_user as build_user

REGISTRAR, CLAIMANT = "registrar", "claimant"

# (path suffix, a state where it is allowed, who acts, valid form data, state afterwards)
PAGES = [
    ("acknowledge", CaseState.FILED, REGISTRAR, {}, CaseState.COMMENCED),
    ("request-information", CaseState.FILED, REGISTRAR,
     {"request_text": "Please file the contract."}, CaseState.INFO_REQUESTED),
    ("provide-information", CaseState.INFO_REQUESTED, CLAIMANT,
     {"response_text": "Filed as document 2."}, CaseState.FILED),
    ("reject", CaseState.FILED, REGISTRAR, {"reasons": "Outside SIMC's remit."},
     CaseState.REJECTED),
    ("fee-payment", CaseState.FILED, REGISTRAR,
     {"paid_on": simc_today().isoformat(), "reference": "TT-88"}, CaseState.FILED),
    ("withdraw", CaseState.AWAITING_RESPONDENT, CLAIMANT, {"reasons": "Settled."},
     CaseState.WITHDRAWN),
]
IDS = [page[0] for page in PAGES]


def make_user(role, **fields):
    """A user committed before the request (a refused request rolls back what is pending)."""
    user = build_user(role, **fields)
    db.session.commit()
    return user


def actor_for(who: str, case):
    return make_user(Role.REGISTRAR) if who == REGISTRAR else case.created_by


def wrong_actor_for(who: str, case):
    """Someone on the case who may not take this action."""
    return case.created_by if who == REGISTRAR else make_user(Role.REGISTRAR)


def audit_count(case) -> int:
    return len(db.session.scalars(db.select(AuditEntry).filter_by(case_id=case.id)).all())


def snapshot(case_id: int) -> tuple:
    db.session.expire_all()
    case = db.session.get(Case, case_id)
    return (case.state, case.version, case.info_request, case.info_response,
            case.rejection_reasons, case.withdrawal_reasons, case.fee_paid_on, case.filing_date)


@pytest.mark.parametrize(("suffix", "state", "who", "data", "after"), PAGES, ids=IDS)
def test_get_shows_the_form_with_the_case_summary(client, login, suffix, state, who, data, after):
    case = make_case(state)
    login(actor_for(who, case))

    response = client.get(f"/cases/{case.id}/{suffix}")

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert case.reference in page
    assert case.claimant.organisation.name_en in page
    assert f'name="version" type="hidden" value="{case.version}"' in page


@pytest.mark.parametrize(("suffix", "state", "who", "data", "after"), PAGES, ids=IDS)
def test_post_acts_and_returns_to_the_case(client, login, suffix, state, who, data, after):
    case = make_case(state)
    login(actor_for(who, case))

    response = client.post(f"/cases/{case.id}/{suffix}", data={**data, "version": case.version})

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{case.id}")
    db.session.expire_all()
    assert db.session.get(Case, case.id).state == after
    assert audit_count(case) == 1


@pytest.mark.parametrize(("suffix", "state", "who", "data", "after"), PAGES, ids=IDS)
def test_stale_form_is_refused_and_changes_nothing(client, login, suffix, state, who, data, after):
    case = make_case(state)
    login(actor_for(who, case))
    before = snapshot(case.id)

    response = client.post(
        f"/cases/{case.id}/{suffix}", data={**data, "version": case.version - 1}
    )

    assert response.status_code == 409
    assert "changed by someone else" in response.get_data(as_text=True)
    assert snapshot(case.id) == before
    assert audit_count(case) == 0
    assert db.session.scalars(db.select(OutboxMessage)).all() == []


@pytest.mark.parametrize(("suffix", "state", "who", "data", "after"), PAGES, ids=IDS)
def test_wrong_state_is_409_and_changes_nothing(client, login, suffix, state, who, data, after):
    case = make_case(CaseState.REJECTED)
    login(actor_for(who, case))
    before = snapshot(case.id)

    assert client.get(f"/cases/{case.id}/{suffix}").status_code == 409
    response = client.post(f"/cases/{case.id}/{suffix}", data={**data, "version": case.version})

    assert response.status_code == 409
    assert snapshot(case.id) == before
    assert audit_count(case) == 0


@pytest.mark.parametrize(("suffix", "state", "who", "data", "after"), PAGES, ids=IDS)
def test_someone_else_on_the_case_gets_403(client, login, suffix, state, who, data, after):
    case = make_case(state)
    login(wrong_actor_for(who, case))
    before = snapshot(case.id)

    assert client.get(f"/cases/{case.id}/{suffix}").status_code == 403
    response = client.post(f"/cases/{case.id}/{suffix}", data={**data, "version": case.version})

    assert response.status_code == 403
    assert snapshot(case.id) == before


@pytest.mark.parametrize(("suffix", "state", "who", "data", "after"), PAGES, ids=IDS)
def test_respondent_and_outsiders_get_403(client, login, suffix, state, who, data, after):
    case = make_case(state)
    respondent = make_user(Role.PARTY, organisation=case.respondent.organisation)
    outsider = make_user(Role.PARTY, organisation=make_org())

    for user in (respondent, outsider, make_user(Role.MEDIATOR), make_user(Role.ADMIN)):
        login(user)
        response = client.post(
            f"/cases/{case.id}/{suffix}", data={**data, "version": case.version}
        )
        assert response.status_code == 403, user
    assert snapshot(case.id)[0] == state


@pytest.mark.parametrize(("suffix", "state", "who", "data", "after"), PAGES, ids=IDS)
def test_missing_case_is_404_and_anonymous_goes_to_login(client, login, suffix, state, who, data,
                                                       after):
    case = make_case(state)

    response = client.get(f"/cases/{case.id}/{suffix}")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]

    login(make_user(Role.REGISTRAR))
    assert client.get(f"/cases/{case.id + 1000}/{suffix}").status_code == 404


@pytest.mark.parametrize(
    ("suffix", "state", "who", "field", "label"),
    [
        ("request-information", CaseState.FILED, REGISTRAR, "request_text", "Information needed"),
        ("provide-information", CaseState.INFO_REQUESTED, CLAIMANT, "response_text",
         "Your answer"),
        ("reject", CaseState.FILED, REGISTRAR, "reasons", "Reasons for the rejection"),
        ("withdraw", CaseState.FILED, CLAIMANT, "reasons", "Reasons for the withdrawal"),
    ],
)
def test_required_text_missing_is_a_form_error(client, login, suffix, state, who, field, label):
    case = make_case(state)
    login(actor_for(who, case))
    before = snapshot(case.id)

    response = client.post(f"/cases/{case.id}/{suffix}", data={field: "   ", "version": case.version})

    assert response.status_code == 422
    assert f"{label}:" in response.get_data(as_text=True)
    assert snapshot(case.id) == before
    assert audit_count(case) == 0


def test_acknowledge_page_explains_commencement_with_prior_agreement(client, login):
    case = make_case(CaseState.FILED, prior_agreement_to_mediate=True)
    login(make_user(Role.REGISTRAR))

    page = client.get(f"/cases/{case.id}/acknowledge").get_data(as_text=True)

    assert 'data-outcome="commence"' in page
    assert "agreed to mediate before the dispute arose" in page
    assert "Acknowledge and commence the mediation" in page


def test_acknowledge_page_explains_waiting_for_the_respondent(client, login):
    case = make_case(CaseState.FILED, prior_agreement_to_mediate=False)
    login(make_user(Role.REGISTRAR))

    page = client.get(f"/cases/{case.id}/acknowledge").get_data(as_text=True)

    assert 'data-outcome="await"' in page
    assert "await the respondent" in page


def test_acknowledging_without_prior_agreement_sets_the_filing_date_only(client, login):
    case = make_case(CaseState.FILED, prior_agreement_to_mediate=False)
    login(make_user(Role.REGISTRAR))

    client.post(f"/cases/{case.id}/acknowledge", data={"version": case.version})

    db.session.expire_all()
    case = db.session.get(Case, case.id)
    assert case.state == CaseState.AWAITING_RESPONDENT
    assert case.filing_date == case.acknowledged_on == simc_today()
    assert case.commencement_date is None


def test_acknowledge_without_version_is_a_form_error(client, login):
    case = make_case(CaseState.FILED)
    login(make_user(Role.REGISTRAR))

    response = client.post(f"/cases/{case.id}/acknowledge", data={})

    assert response.status_code == 422
    assert snapshot(case.id)[0] == CaseState.FILED


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"paid_on": (simc_today() + timedelta(days=2)).isoformat(), "reference": "TT-1"},
         "Paid on: The payment date cannot be in the future."),
        ({"paid_on": "31/02/2026", "reference": "TT-1"}, "Paid on:"),
        ({"paid_on": "", "reference": "TT-1"}, "Paid on: Give the payment date."),
        ({"paid_on": simc_today().isoformat(), "reference": " "},
         "Payment reference: Give the payment reference."),
    ],
)
def test_fee_payment_form_errors(client, login, data, message):
    case = make_case(CaseState.FILED)
    login(make_user(Role.REGISTRAR))

    response = client.post(
        f"/cases/{case.id}/fee-payment", data={**data, "version": case.version}
    )

    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert snapshot(case.id)[6] is None


def test_fee_payment_already_recorded_is_409(client, login):
    paid = simc_today() - timedelta(days=3)
    case = make_case(CaseState.FILED, fee_paid_on=paid, fee_payment_reference="TT-1")
    login(make_user(Role.REGISTRAR))

    response = client.post(
        f"/cases/{case.id}/fee-payment",
        data={"paid_on": simc_today().isoformat(), "reference": "TT-2", "version": case.version},
    )

    assert response.status_code == 409
    db.session.expire_all()
    assert db.session.get(Case, case.id).fee_payment_reference == "TT-1"


def test_fee_payment_is_shown_on_the_case_page(client, login):
    case = make_case(CaseState.FILED)
    login(make_user(Role.REGISTRAR))

    response = client.post(
        f"/cases/{case.id}/fee-payment",
        data={"paid_on": simc_today().isoformat(), "reference": "TT-77", "version": case.version},
        follow_redirects=True,
    )

    page = response.get_data(as_text=True)
    assert "The filing fee payment was recorded." in page
    assert "TT-77" in page


def test_withdraw_page_names_the_reasons_field(client, login):
    case = make_case(CaseState.COMMENCED)
    login(case.created_by)

    page = client.get(f"/cases/{case.id}/withdraw").get_data(as_text=True)

    assert "Reasons for the withdrawal" in page
    assert "Everyone on the case receives these reasons by e-mail." in page
