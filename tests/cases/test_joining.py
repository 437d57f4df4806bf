"""The respondent's invitation: the e-mailed link, its single use and expiry, joining, re-sending."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa
from flask_babel import force_locale, gettext

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.cases.joining import (
    InvitationUnavailable,
    hash_token,
    issue_respondent_invitation,
    usable_invitation,
)
from casework.cases.models import CaseState, RespondentInvitation
from casework.db import now_utc
from casework.extensions import db
from casework.notifications.delivery import deliver_pending
from casework.notifications.models import OutboxMessage
from casework.parties.forms import organisation_form_data
from tests.cases.test_filing import make_draft, organisation_fields, sign_in
from tests.factories import make_case, make_org, make_user

LINK = re.compile(r"http://localhost(/invitations/[A-Za-z0-9_-]+)")


def sign_out(client) -> None:
    with client.session_transaction() as session:
        session.clear()


def invite(app, case, *, now=None) -> str:
    """Issue an invitation for ``case`` (built in any state) and return its link path."""
    token = issue_respondent_invitation(case, case.respondent_contact_email,
                                        now=now or now_utc())
    db.session.commit()
    return f"/invitations/{token}"


def join_form(case, **overrides) -> dict:
    """The join form as posted: the respondent's particulars as registered, plus counsel."""
    particulars = organisation_form_data(case.respondent.organisation)
    if not particulars["signatories"]:
        particulars["signatories"] = [{"name": "Zhang Wei", "title": "Chairman", "email": ""}]
    particulars.update(overrides)
    return {
        **organisation_fields("organisation", particulars),
        "counsel_name": "Mr Chen Hao",
        "counsel_firm": "Chen & Co",
        "counsel_email": "chen@chenco.example.cn",
    }


def test_the_e_mailed_link_works_once(client, login, app, smtp_server):
    case = make_draft(app)
    sign_in(login, case.created_by)
    assert client.post(f"/cases/{case.id}/submit",
                       data={"version": str(case.version)}).status_code == 302
    deliver_pending()
    db.session.expire_all()

    (email,) = [m for m in smtp_server.messages if m["To"] == case.respondent_contact_email]
    assert case.reference in email["Subject"]
    path = LINK.search(email.get_content()).group(1)
    token = path.rsplit("/", 1)[1]
    stored = db.session.scalars(sa.select(RespondentInvitation)).one()
    assert stored.token_hash == hash_token(token)
    assert token not in stored.token_hash

    # Anonymous: what the case is, and how to sign up or in -- not the dispute itself.
    sign_out(client)
    response = client.get(path)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert case.reference in page
    assert case.claimant.organisation.name_en in page
    assert case.dispute_summary not in page
    assert "250,000" not in page
    register = re.search(r'href="([^"]*/register\?[^"]*)"', page).group(1).replace("&amp;", "&")
    query = parse_qs(urlsplit(register).query)
    assert query["email"] == [case.respondent_contact_email]
    assert query["next"] == [path]
    sign_in_link = re.search(r'href="([^"]*/login\?[^"]*)"', page).group(1)
    assert parse_qs(urlsplit(sign_in_link).query)["next"] == [path]

    # A new account without an organisation joins and is linked to the respondent.
    user = sign_in(login, make_user(Role.PARTY, email=case.respondent_contact_email))
    page = client.get(path).get_data(as_text=True)
    assert 'value="Shenzhen Bright Lights 700 Co., Ltd."' in page
    response = client.post(path, data=join_form(
        case, domicile_en="9 Keji Road, Nanshan District, Shenzhen"))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{case.id}/respond")
    db.session.expire_all()
    respondent = case.respondent
    assert user.organisation_id == respondent.organisation_id
    assert respondent.confirmed_at is not None
    assert respondent.counsel_firm == "Chen & Co"
    assert respondent.organisation.domicile_en == "9 Keji Road, Nanshan District, Shenzhen"
    assert stored.used_at is not None and stored.used_by_id == user.id
    assert db.session.scalar(sa.select(AuditEntry).filter_by(case_id=case.id,
                                                             action="respondent_joined"))
    assert client.get(f"/cases/{case.id}/respond").status_code == 200

    # The link is spent, for everyone.
    response = client.get(path)
    assert response.status_code == 410
    assert "already been used" in response.get_data(as_text=True)
    sign_out(client)
    assert client.get(path).status_code == 410
    assert client.post(path, data=join_form(case)).status_code == 410


def test_an_expired_link_is_refused(client, login, app):
    case = make_case(CaseState.FILED)
    path = invite(app, case, now=now_utc() - timedelta(days=app.config["INVITATION_DAYS"] + 1))
    response = client.get(path)
    assert response.status_code == 410
    page = response.get_data(as_text=True)
    assert "expired" in page
    assert "SIMC registry" in page
    user = sign_in(login, make_user(Role.PARTY))
    assert client.post(path, data=join_form(case)).status_code == 410
    db.session.expire_all()
    assert user.organisation_id is None
    assert case.respondent.confirmed_at is None


def test_expiry_is_exact(app):
    case = make_case(CaseState.FILED)
    issued = now_utc()
    token = invite(app, case, now=issued).rsplit("/", 1)[1]
    lifetime = timedelta(days=app.config["INVITATION_DAYS"])
    assert usable_invitation(token, issued + lifetime - timedelta(seconds=1)).case_id == case.id
    with pytest.raises(InvitationUnavailable) as refused:
        usable_invitation(token, issued + lifetime)
    assert refused.value.status == 410


def test_an_unknown_link_is_not_found(client):
    response = client.get("/invitations/not-a-real-token")
    assert response.status_code == 404
    assert "contact the SIMC registry" in response.get_data(as_text=True)


def test_a_representative_of_another_organisation_is_refused(client, login, app):
    case = make_case(CaseState.FILED)
    path = invite(app, case)
    other = make_org()
    user = sign_in(login, make_user(Role.PARTY, organisation=other))
    response = client.get(path)
    assert response.status_code == 403
    assert other.name_en in response.get_data(as_text=True)
    response = client.post(path, data=join_form(case))
    assert response.status_code == 403
    db.session.expire_all()
    assert user.organisation_id == other.id
    assert case.respondent.confirmed_at is None
    assert db.session.scalars(sa.select(RespondentInvitation)).one().used_at is None


def test_the_claimant_cannot_join_as_respondent(client, login, app):
    case = make_case(CaseState.FILED)
    path = invite(app, case)
    sign_in(login, case.created_by)
    assert client.post(path, data=join_form(case)).status_code == 403
    db.session.expire_all()
    assert case.created_by.organisation_id == case.claimant.organisation_id


def test_a_registrar_account_cannot_accept(client, login, app):
    case = make_case(CaseState.FILED)
    path = invite(app, case)
    sign_in(login, make_user(Role.REGISTRAR))
    assert client.get(path).status_code == 403
    assert client.post(path, data=join_form(case)).status_code == 403


def test_anonymous_posting_is_sent_to_sign_in(client, app):
    case = make_case(CaseState.FILED)
    path = invite(app, case)
    response = client.post(path, data=join_form(case))
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]
    db.session.expire_all()
    assert case.respondent.confirmed_at is None


def test_joining_with_invalid_particulars_changes_nothing(client, login, app):
    case = make_case(CaseState.FILED)
    path = invite(app, case)
    user = sign_in(login, make_user(Role.PARTY))
    response = client.post(path, data=join_form(case, registry_number="12345"))
    assert response.status_code == 422
    assert "Registry number:" in response.get_data(as_text=True)
    db.session.expire_all()
    assert user.organisation_id is None
    assert db.session.scalars(sa.select(RespondentInvitation)).one().used_at is None


def test_a_closed_case_cannot_be_joined(client, login, app):
    case = make_case(CaseState.WITHDRAWN)
    path = invite(app, case)
    user = sign_in(login, make_user(Role.PARTY))
    assert client.post(path, data=join_form(case)).status_code == 409
    db.session.expire_all()
    assert user.organisation_id is None


# --- re-sending -------------------------------------------------------------------------------


def test_a_registrar_resends_and_the_old_link_stops_working(client, login, app):
    case = make_case(CaseState.FILED)
    old_path = invite(app, case)
    sign_in(login, make_user(Role.REGISTRAR))
    response = client.post(f"/cases/{case.id}/invitation/resend", data={
        "version": str(case.version), "email": "legal@brightlights.example.cn"})
    assert response.status_code == 302
    db.session.expire_all()
    assert case.respondent_contact_email == "legal@brightlights.example.cn"
    old, new = db.session.scalars(
        sa.select(RespondentInvitation).order_by(RespondentInvitation.id)).all()
    assert old.revoked_at is not None and new.revoked_at is None
    assert new.email == "legal@brightlights.example.cn"
    message = db.session.scalars(sa.select(OutboxMessage).filter_by(
        kind="respondent_invitation")).one()
    assert message.recipient == "legal@brightlights.example.cn"
    assert message.locale == "zh_Hans"  # the respondent is registered in mainland China
    with force_locale(message.locale):
        assert gettext("This link replaces any earlier invitation for this case; earlier links "
                       "no longer work.") in message.body
    new_path = LINK.search(message.body).group(1)
    assert new_path != old_path

    sign_out(client)
    response = client.get(old_path)
    assert response.status_code == 410
    assert "replaced by a newer one" in response.get_data(as_text=True)
    assert client.get(new_path).status_code == 200
    assert db.session.scalar(sa.select(AuditEntry).filter_by(
        case_id=case.id, action="respondent_invitation_resent"))


def test_only_registrars_resend_and_only_before_the_respondent_joined(client, login, app):
    case = make_case(CaseState.FILED)
    invite(app, case)
    url = f"/cases/{case.id}/invitation/resend"
    sign_in(login, case.created_by)
    assert client.post(url, data={"version": str(case.version)}).status_code == 403
    sign_in(login, make_user(Role.PARTY, organisation=make_org()))
    assert client.post(url, data={"version": str(case.version)}).status_code == 403
    registrar = sign_in(login, make_user(Role.REGISTRAR))
    assert client.get(url).status_code == 405
    assert client.post(url, data={"version": str(case.version + 1)}).status_code == 409
    case.respondent.confirmed_at = now_utc()
    db.session.commit()
    assert client.post(url, data={"version": str(case.version)}).status_code == 409
    withdrawn = make_case(CaseState.WITHDRAWN)
    login(registrar)
    assert client.post(f"/cases/{withdrawn.id}/invitation/resend",
                       data={"version": str(withdrawn.version)}).status_code == 409
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RespondentInvitation)) == 1


def test_names_on_the_invitation_pages_are_escaped(client, login, app):
    script = "<script>alert('x')</script>"
    case = make_case(CaseState.FILED, claimant_org=make_org(name_en=script))
    path = invite(app, case)
    page = client.get(path).get_data(as_text=True)
    assert script not in page and "&lt;script&gt;" in page
    sign_in(login, make_user(Role.PARTY))
    page = client.get(path).get_data(as_text=True)
    assert script not in page and "&lt;script&gt;" in page


def test_the_case_page_shows_registrars_a_working_resend_form(client, login, app):
    case = make_case(CaseState.AWAITING_RESPONDENT)
    invite(app, case)
    sign_in(login, make_user(Role.REGISTRAR))
    html = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert f'action="/cases/{case.id}/invitation/resend"' in html
    assert f"Sent to {case.respondent_contact_email}" in html
    version = re.search(r'name="version" value="(\d+)"', html).group(1)
    response = client.post(f"/cases/{case.id}/invitation/resend",
                           data={"version": version, "email": ""})
    assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(RespondentInvitation)) == 2
