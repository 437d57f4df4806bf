"""The case page: facts, parties, timeline and next steps for each kind of viewer."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from casework.accounts.models import Locale, Role
from casework.audit.log import record
from casework.audit.models import AuditEntry
from casework.cases.joining import issue_respondent_invitation, latest_invitation
from casework.cases.models import CaseState, Currency
from casework.db import now_utc
from casework.extensions import db
from tests.factories import make_case, make_org, make_user


def committed_user(role, **fields):
    user = make_user(role, **fields)
    db.session.commit()
    return user


def page_for(client, login, user, case) -> str:
    login(user)
    response = client.get(f"/cases/{case.id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def next_steps_of(page: str) -> str:
    return page.split('id="next-steps"')[1].split("</section>")[0]


def test_registrar_sees_the_facts_and_parties(client, login):
    case = make_case(
        CaseState.FILED,
        amount_in_dispute=Decimal("1234567.89"),
        currency=Currency.CNY,
        mediator_attributes="Mandarin-speaking, construction expertise",
        fee_paid_on=date(2026, 11, 2),
        fee_payment_reference="TT-4471",
    )
    case.claimant.counsel_name = "Ms Lim"
    case.claimant.counsel_firm = "Lim & Co"
    db.session.commit()

    page = page_for(client, login, committed_user(Role.REGISTRAR), case)

    assert case.reference in page
    assert "Filed" in page
    assert "CNY\u00a01,234,567.89" in page
    assert "Shenzhen Court of International Arbitration" in page  # the clause text
    assert "Mandarin-speaking, construction expertise" in page
    assert "English and Chinese" in page and "Online" in page
    assert "TT-4471" in page
    assert "SGD\u00a01,000.00" in page  # the fee due
    respondent = case.respondent.organisation
    assert respondent.name_en in page
    assert f'<strong lang="zh-CN">{respondent.name_zh}</strong>' in page
    assert respondent.registry_number in page
    assert f'<span lang="zh-CN">{respondent.domicile_zh}</span>' in page
    assert "王伟, 董事长" in page
    assert "Ms Lim, Lim &amp; Co" in page
    assert "Not yet confirmed by the party" in page  # the respondent's particulars
    assert "Confirmed by the party on" in page  # the claimant's


def test_clause_without_scia_is_flagged(client, login):
    case = make_case(CaseState.FILED, clause_names_scia=False, prior_agreement_to_mediate=False)

    page = page_for(client, login, committed_user(Role.REGISTRAR), case)

    assert "cannot be recorded as an SCIA award" in page


def test_registrar_sees_acknowledge_and_claimant_does_not(client, login):
    case = make_case(CaseState.FILED, prior_agreement_to_mediate=True)

    registrar_steps = next_steps_of(page_for(client, login, committed_user(Role.REGISTRAR), case))
    claimant_steps = next_steps_of(page_for(client, login, case.created_by, case))

    assert "Acknowledge and commence the mediation" in registrar_steps
    assert f'href="/cases/{case.id}/acknowledge"' in registrar_steps
    assert "Request more information" in registrar_steps
    assert "Reject the request" in registrar_steps
    # only the acknowledgement that applies is offered
    assert "await the respondent" not in registrar_steps
    assert "Acknowledge" not in claimant_steps
    assert "Withdraw the request" in claimant_steps
    assert f'href="/cases/{case.id}/withdraw"' in claimant_steps


def test_without_prior_agreement_the_registrar_is_offered_plain_acknowledgement(client, login):
    case = make_case(CaseState.FILED, prior_agreement_to_mediate=False)

    steps = next_steps_of(page_for(client, login, committed_user(Role.REGISTRAR), case))

    assert "Acknowledge the filing (await the respondent" in steps
    assert "Acknowledge and commence" not in steps


def test_claimant_is_asked_to_provide_information(client, login):
    case = make_case(CaseState.INFO_REQUESTED, info_request="Please file the signed contract.")

    page = page_for(client, login, case.created_by, case)

    assert "Please file the signed contract." in page
    assert "Provide the information requested" in next_steps_of(page)


def test_respondent_sees_the_case_but_no_registry_actions(client, login):
    case = make_case(CaseState.FILED)
    respondent = committed_user(Role.PARTY, organisation=case.respondent.organisation)

    steps = next_steps_of(page_for(client, login, respondent, case))

    assert "Acknowledge" not in steps
    assert "Withdraw the request" not in steps


def test_closed_case_shows_reasons_and_no_actions(client, login):
    case = make_case(CaseState.WITHDRAWN, withdrawal_reasons="Settled directly.")

    page = page_for(client, login, case.created_by, case)

    assert "Settled directly." in page
    assert "Nothing for you to do on this case now." in page


def test_rejection_and_decline_reasons_are_shown(client, login):
    rejected = make_case(CaseState.REJECTED, rejection_reasons="No agreement to mediate.")
    declined = make_case(CaseState.DECLINED, decline_reasons="We prefer litigation.")
    registrar = committed_user(Role.REGISTRAR)

    assert "No agreement to mediate." in page_for(client, login, registrar, rejected)
    assert "We prefer litigation." in page_for(client, login, registrar, declined)


def test_timeline_is_newest_first_in_the_viewers_zone(client, login):
    case = make_case(CaseState.FILED)
    registrar = committed_user(Role.REGISTRAR, name="Rita Registrar")
    first = record(registrar, "request_info", "First entry", case=case)
    first.at = datetime(2026, 11, 2, 1, 30, tzinfo=UTC)
    second = record(None, "reminder", "Second entry", case=case)
    second.at = datetime(2026, 11, 3, 1, 30, tzinfo=UTC)
    record(registrar, "other", "Entry of another case", case=make_case(CaseState.FILED))
    db.session.commit()
    viewer = committed_user(
        Role.PARTY, organisation=case.claimant.organisation, timezone="Asia/Shanghai"
    )

    page = page_for(client, login, viewer, case)
    timeline = page.split('id="timeline"')[1]

    assert timeline.index("Second entry") < timeline.index("First entry")
    assert "Rita Registrar" in timeline and "System" in timeline
    assert "Nov 2, 2026, 9:30:00\u202fAM (Asia/Shanghai)" in timeline
    assert "Entry of another case" not in timeline
    assert len(db.session.scalars(db.select(AuditEntry)).all()) == 3


def test_chinese_viewer_gets_the_page_in_chinese_locale(client, login):
    case = make_case(CaseState.FILED)
    viewer = committed_user(
        Role.PARTY, organisation=case.claimant.organisation, locale=Locale.ZH
    )

    page = page_for(client, login, viewer, case)

    assert '<html lang="zh-CN">' in page


def test_draft_is_visible_to_the_claimant_only(client, login):
    case = make_case(CaseState.DRAFT)
    respondent = committed_user(Role.PARTY, organisation=case.respondent.organisation)

    page = page_for(client, login, case.created_by, case)
    assert f"Draft #{case.id}" in page
    assert "Not yet submitted" in page

    for user in (respondent, committed_user(Role.REGISTRAR)):
        login(user)
        assert client.get(f"/cases/{case.id}").status_code == 403


@pytest.mark.parametrize("role", [Role.PARTY, Role.MEDIATOR, Role.ADMIN])
def test_outsiders_get_403(client, login, role):
    case = make_case(CaseState.FILED)
    fields = {"organisation": make_org()} if role == Role.PARTY else {}
    login(committed_user(role, **fields))

    assert client.get(f"/cases/{case.id}").status_code == 403


def test_appointed_mediator_sees_the_case(client, login):
    mediator = committed_user(Role.MEDIATOR, name="Mary Mediator")
    case = make_case(CaseState.MEDIATOR_APPOINTED, mediator=mediator)

    page = page_for(client, login, mediator, case)

    assert "Mary Mediator" in page


def test_missing_case_is_404(client, login):
    login(committed_user(Role.REGISTRAR))

    assert client.get("/cases/999999").status_code == 404


def test_anonymous_is_sent_to_sign_in(client):
    case = make_case(CaseState.FILED)

    response = client.get(f"/cases/{case.id}")

    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def invitation_of(case):
    """The case's latest invitation (one is issued if there is none yet)."""
    if latest_invitation(case) is None:
        issue_respondent_invitation(case, case.respondent_contact_email, now=now_utc())
    return latest_invitation(case)


def invitation_section(page: str) -> str | None:
    if 'id="invitation-heading"' not in page:
        return None
    return page.split('id="invitation-heading"')[1].split("</section>")[0]


def test_registrars_see_the_invitation_and_may_send_a_new_one(client, login):
    case = make_case(CaseState.AWAITING_RESPONDENT)
    issue_respondent_invitation(case, "legal@respondent.example", now=now_utc())
    db.session.commit()

    section = invitation_section(page_for(client, login, committed_user(Role.REGISTRAR), case))

    assert "Sent to legal@respondent.example" in section
    assert f'action="/cases/{case.id}/invitation/resend"' in section
    assert f'name="version" value="{case.version}"' in section


def test_once_the_respondent_joined_the_invitation_shows_accepted_without_a_form(client, login):
    case = make_case(CaseState.FILED)
    invitation_of(case).used_at = case.respondent.confirmed_at = now_utc()
    db.session.commit()

    section = invitation_section(page_for(client, login, committed_user(Role.REGISTRAR), case))

    assert "Accepted" in section
    assert "<form" not in section


def test_an_expired_invitation_is_said_to_have_expired(client, login):
    case = make_case(CaseState.AWAITING_RESPONDENT)
    issue_respondent_invitation(case, "legal@respondent.example",
                                now=now_utc() - timedelta(days=90))
    db.session.commit()

    section = invitation_section(page_for(client, login, committed_user(Role.REGISTRAR), case))

    assert "it expired" in section
    assert "<form" in section


def test_a_closed_case_offers_no_new_invitation(client, login):
    case = make_case(CaseState.WITHDRAWN, withdrawal_reasons="Settled.")

    section = invitation_section(page_for(client, login, committed_user(Role.REGISTRAR), case))

    assert section is not None and "<form" not in section


def test_parties_do_not_see_the_invitation_panel(client, login):
    case = make_case(CaseState.AWAITING_RESPONDENT)
    issue_respondent_invitation(case, "legal@respondent.example", now=now_utc())
    db.session.commit()

    assert invitation_section(page_for(client, login, case.created_by, case)) is None


def test_submitted_cases_link_to_the_filing_receipt_and_drafts_do_not(client, login):
    filed = make_case(CaseState.FILED)
    draft = make_case(CaseState.DRAFT)

    assert f'href="/cases/{filed.id}/receipt"' in page_for(client, login, filed.created_by, filed)
    assert "/receipt" not in page_for(client, login, draft.created_by, draft)
