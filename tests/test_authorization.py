"""Every route in ``app.url_map`` against every kind of viewer.

Each endpoint has an expectation for: anonymous, a party of the case, a party of another case, an
unassigned mediator, the assigned mediator and a registrar. A route added without an expectation
fails :func:`test_every_route_has_an_expectation`. Outcomes:

- ``LOGIN``: redirected to the sign-in page;
- ``DENIED``: 403 or 404 — never the page;
- ``PERMITTED``: the page or the action is reached (any status but 401/403/404, a sign-in
  redirect or a server error: a 409 for the case's state, or 400/422 for the empty form, count);
- ``PUBLIC``: a page for everyone (any status below 500).
"""

from __future__ import annotations

import io
import secrets
from datetime import date, timedelta

import pytest

from casework.accounts.models import Role
from casework.cases.models import CaseLanguage, CaseState
from casework.db import now_utc
from casework.deadlines.closures import add_closure
from casework.documents.generated.operations import record_generated_document
from casework.documents.generated_models import GeneratedDocumentKind, new_verification_code
from casework.documents.operations import upload_document
from casework.extensions import db
from casework.hearings.models import HearingKind, VenueKind
from casework.hearings.operations import HearingPlan, Venue, schedule_hearing
from casework.parties.models import Jurisdiction
from tests.factories import make_case, make_org, make_user

LOGIN, DENIED, PERMITTED, PUBLIC = "login", "denied", "permitted", "public"
VIEWERS = (
    "anonymous", "party", "respondent", "other_party", "mediator", "assigned_mediator", "registrar"
)


def _row(anonymous, party, respondent, other_party, mediator, assigned_mediator, registrar):
    return dict(zip(VIEWERS, (anonymous, party, respondent, other_party, mediator,
                              assigned_mediator, registrar), strict=True))


L, D, P, U = LOGIN, DENIED, PERMITTED, PUBLIC
CASE_PARTIES_AND_STAFF = _row(L, P, P, D, D, P, P)
CASE_PARTIES_AND_REGISTRAR = _row(L, P, P, D, D, D, P)
UPLOADER_AND_REGISTRAR = _row(L, P, D, D, D, D, P)  # the claimant uploaded the document
CASE_PARTIES = _row(L, P, P, D, D, D, D)
CASE_PARTIES_AND_MEDIATOR = _row(L, P, P, D, D, P, D)  # confidential: never the registry
CLAIMANT_ONLY = _row(L, P, D, D, D, D, D)
RESPONDENT_ONLY = _row(L, D, P, D, D, D, D)
CASE_MEDIATOR_ONLY = _row(L, D, D, D, D, D, D)  # the pending *proposed* mediator; none here
ASSIGNED_MEDIATOR_ONLY = _row(L, D, D, D, D, P, D)
REGISTRAR_ONLY = _row(L, D, D, D, D, D, P)
OWN_ORGANISATION = _row(L, P, D, D, D, D, P)  # the claimant's organisation
OWN_PROFILE = _row(L, D, D, D, D, P, P)  # the assigned mediator's panel profile
SIGNED_IN = _row(L, P, P, P, P, P, P)
PARTY_USERS = _row(L, P, P, P, D, D, D)
SETTLEMENT_DRAFTERS = _row(L, D, D, D, D, P, P)  # the case's mediator and the registry
EVERYONE = _row(U, U, U, U, U, U, U)

EXPECTATIONS: dict[str, dict[str, str]] = {
    # accounts
    "accounts.login": EVERYONE,
    "accounts.logout": EVERYONE,
    "accounts.register": EVERYONE,
    "accounts.forgot_password": EVERYONE,
    "accounts.reset_password": EVERYONE,
    "accounts.set_language": EVERYONE,
    "accounts.profile": SIGNED_IN,
    "accounts.change_password": SIGNED_IN,
    "accounts.users": REGISTRAR_ONLY,
    "accounts.new_user": REGISTRAR_ONLY,
    "accounts.user_detail": REGISTRAR_ONLY,
    "accounts.change_role": REGISTRAR_ONLY,
    "accounts.deactivate_user": REGISTRAR_ONLY,
    "accounts.reactivate_user": REGISTRAR_ONLY,
    # cases
    "cases.dashboard": SIGNED_IN,
    "cases.new_filing": PARTY_USERS,
    "cases.registry_queue": REGISTRAR_ONLY,
    "cases.view_case": CASE_PARTIES_AND_STAFF,
    "cases.receipt": CASE_PARTIES_AND_STAFF,
    "cases.edit_draft": CLAIMANT_ONLY,
    "cases.submit": CLAIMANT_ONLY,
    "cases.acknowledge": REGISTRAR_ONLY,
    "cases.request_info": REGISTRAR_ONLY,
    "cases.provide_info": CLAIMANT_ONLY,
    "cases.reject": REGISTRAR_ONLY,
    "cases.record_fee_payment": REGISTRAR_ONLY,
    "cases.withdraw": CLAIMANT_ONLY,
    "cases.resend_invitation": REGISTRAR_ONLY,
    "cases.respond": RESPONDENT_ONLY,
    "cases.respondent_invitation": EVERYONE,
    # deadlines: calendar closures and the mediation window
    "deadlines.closures": REGISTRAR_ONLY,
    "deadlines.remove_closure": REGISTRAR_ONLY,
    "deadlines.extend_window": REGISTRAR_ONLY,
    "deadlines.end_mediation": REGISTRAR_ONLY,
    # documents
    "documents.upload": CASE_PARTIES_AND_REGISTRAR,
    "documents.download": CASE_PARTIES_AND_STAFF,
    "documents.replace": UPLOADER_AND_REGISTRAR,
    "documents.withdraw": UPLOADER_AND_REGISTRAR,
    "documents.mark": UPLOADER_AND_REGISTRAR,
    # generated documents (the walk case has one; generating answers 409 before a signed
    # settlement, revoking 422 for the missing reason)
    "generated.case_documents": CASE_PARTIES_AND_STAFF,
    "generated.generate": REGISTRAR_ONLY,
    "generated.download": CASE_PARTIES_AND_STAFF,
    "generated.revoke": REGISTRAR_ONLY,
    # hearings: confidential material (each side sees only its own private submissions)
    "hearings.new_private_submission": CASE_PARTIES,
    "hearings.private_submissions": CASE_PARTIES_AND_MEDIATOR,
    # hearings (the walk case awaits its first session; its hearing is a joint session)
    "hearings.case_hearings": CASE_PARTIES_AND_STAFF,
    "hearings.record_first_session": ASSIGNED_MEDIATOR_ONLY,
    "hearings.schedule": ASSIGNED_MEDIATOR_ONLY,
    "hearings.hearing": CASE_PARTIES_AND_STAFF,
    "hearings.invitation": CASE_PARTIES_AND_STAFF,
    "hearings.reschedule": ASSIGNED_MEDIATOR_ONLY,
    "hearings.adjourn": ASSIGNED_MEDIATOR_ONLY,
    "hearings.cancel": ASSIGNED_MEDIATOR_ONLY,
    "hearings.record_outcome": ASSIGNED_MEDIATOR_ONLY,
    "hearings.record_result": ASSIGNED_MEDIATOR_ONLY,
    "hearings.calendar": SIGNED_IN,
    "hearings.create_calendar_feed": SIGNED_IN,
    "hearings.revoke_calendar_feed": SIGNED_IN,
    "hearings.calendar_feed": EVERYONE,
    # mediators
    "mediators.panel": REGISTRAR_ONLY,
    "mediators.profile": OWN_PROFILE,
    "mediators.edit_profile": OWN_PROFILE,
    "mediators.propose": REGISTRAR_ONLY,
    "mediators.disclose": CASE_MEDIATOR_ONLY,
    "mediators.answer_proposal": CASE_PARTIES,
    "mediators.confirm_appointment": REGISTRAR_ONLY,
    # settlement terms (the walk case has not settled: drafting and approval answer 409)
    "settlement.show": CASE_PARTIES_AND_STAFF,
    "arbitration.case_page": CASE_PARTIES_AND_STAFF,
    # escalation (the walk case is in mediation: a party may withdraw from it; the registry's
    # escalation pages answer 409; no referral yet, so the bundle answers 409 to those allowed)
    "arbitration.withdraw_from_mediation": CASE_PARTIES,
    "arbitration.arbitration_agreement": REGISTRAR_ONLY,
    "arbitration.escalate": REGISTRAR_ONLY,
    "arbitration.referral": REGISTRAR_ONLY,
    "arbitration.referral_bundle": CASE_PARTIES_AND_REGISTRAR,
    # the SCIA case (registry; the walk case is not at SCIA: 409 for the registrar)
    "arbitration.scia_details": REGISTRAR_ONLY,
    "arbitration.add_scia_hearing": REGISTRAR_ONLY,
    "arbitration.remove_scia_hearing": REGISTRAR_ONLY,
    "arbitration.mediator_consent": REGISTRAR_ONLY,
    "arbitration.tribunal": REGISTRAR_ONLY,
    # the consent award and the award (registry; the walk case has not settled: 409)
    "arbitration.request_consent_award": REGISTRAR_ONLY,
    "arbitration.record_award": REGISTRAR_ONLY,
    # performance, closing and the enforcement pack (registry; the pack also for the parties;
    # the walk case has no settlement nor award: 409 for those allowed)
    "arbitration.performance": REGISTRAR_ONLY,
    "arbitration.close": REGISTRAR_ONLY,
    "arbitration.enforcement_data_sheet": REGISTRAR_ONLY,
    "arbitration.enforcement_pack": CASE_PARTIES_AND_REGISTRAR,
    "settlement.edit_clauses": SETTLEMENT_DRAFTERS,
    "settlement.new_obligation": SETTLEMENT_DRAFTERS,
    "settlement.edit_obligation": SETTLEMENT_DRAFTERS,
    "settlement.remove_obligation": SETTLEMENT_DRAFTERS,
    "settlement.approve": CASE_PARTIES,
    # parties
    "parties.organisations": REGISTRAR_ONLY,
    "parties.new_organisation": REGISTRAR_ONLY,
    "parties.organisation": OWN_ORGANISATION,
    "parties.edit_organisation": OWN_ORGANISATION,
    # verification of generated documents is public
    "verification.verify": EVERYONE,
    # static files are public
    "static": EVERYONE,
}


def _routes(app):
    for rule in app.url_map.iter_rules():
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield rule, method


def test_every_route_has_an_expectation(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert endpoints - set(EXPECTATIONS) == set(), "add the new routes to EXPECTATIONS"
    assert set(EXPECTATIONS) - endpoints == set(), "remove expectations of removed routes"


@pytest.fixture()
def world():
    """One case with an assigned mediator and a document, and one person for each viewer."""
    claimant_org, respondent_org = make_org(), make_org(Jurisdiction.CN)
    party = make_user(Role.PARTY, organisation=claimant_org)
    respondent = make_user(Role.PARTY, organisation=respondent_org)
    assigned = make_user(Role.MEDIATOR)
    case = make_case(CaseState.MEDIATOR_APPOINTED, claimant_org=claimant_org,
                     respondent_org=respondent_org, claimant_user=party, mediator=assigned)
    other_case = make_case(CaseState.MEDIATOR_APPOINTED)
    viewers = {
        "anonymous": None,
        "party": party,
        "respondent": respondent,
        "other_party": other_case.created_by,
        "mediator": make_user(Role.MEDIATOR),
        "assigned_mediator": assigned,
        "registrar": make_user(Role.REGISTRAR),
    }
    document = upload_document(party, case, io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "claim.pdf",
                               "Statement of claim")
    target_user = make_user(Role.PARTY, organisation=make_org())
    hearing = schedule_hearing(
        assigned, case, HearingPlan(
            kind=HearingKind.JOINT_SESSION, starts_at=now_utc() + timedelta(days=7),
            ends_at=now_utc() + timedelta(days=7, hours=2),
            venue=Venue(VenueKind.SINGAPORE, "Asia/Singapore"), language=CaseLanguage.EN,
        ), [party, respondent], expected_version=case.version, now=now_utc(),
    )
    closure = add_closure(viewers["registrar"], Jurisdiction.SG, date(2026, 12, 24), "Year end")
    generated = record_generated_document(
        viewers["registrar"], case, GeneratedDocumentKind.SETTLEMENT_AGREEMENT,
        b"%PDF-1.7\n%%EOF\n", verification_code=new_verification_code(),
        template="documents/pdf/settlement_agreement.html", template_version="1", snapshot={},
    )
    db.session.commit()
    return {
        "viewers": viewers,
        "values": {
            "case_id": case.id,
            "document_id": document.id,
            "generated_document_id": generated.id,
            "hearing_id": hearing.id,
            "closure_id": closure.id,
            "organisation_id": claimant_org.id,
            "token": secrets.token_urlsafe(16),
            "filename": "css/app.css",
            "code": "UNKNOWNCODE2",
            "kind": "payment",
            "number": 1,
        },
        "user_ids": {"mediators": assigned.id, "accounts": target_user.id},
    }


def _url(app, rule, world):
    values = dict(world["values"])
    if "user_id" in rule.arguments:
        values["user_id"] = world["user_ids"][rule.endpoint.split(".")[0]]
    if rule.endpoint.startswith("generated."):
        values["document_id"] = values["generated_document_id"]
    with app.test_request_context():
        return app.url_for(rule.endpoint, **{k: values[k] for k in rule.arguments})


def _outcome(response) -> str:
    if response.status_code >= 500:
        return f"server error {response.status_code}"
    location = response.headers.get("Location", "")
    if response.status_code in (301, 302, 303) and "/login" in location:
        return LOGIN
    if response.status_code in (401, 403, 404):
        return DENIED
    return PERMITTED


@pytest.mark.parametrize("viewer", VIEWERS)
def test_route_outcomes_for_each_viewer(app, world, login, viewer):
    failures = []
    for rule, method in _routes(app):
        expected = EXPECTATIONS[rule.endpoint][viewer]
        client = app.test_client()
        user = world["viewers"][viewer]
        if user is not None:
            with client.session_transaction() as session:
                session["_user_id"] = str(user.id)
                session["_fresh"] = True
        url = _url(app, rule, world)
        response = client.open(url, method=method, data={})
        outcome = _outcome(response)
        db.session.rollback()
        if expected == PUBLIC:
            if response.status_code >= 500:
                failures.append(f"{method} {url}: {outcome}")
        elif outcome != expected:
            failures.append(f"{method} {url}: expected {expected}, got {outcome} "
                            f"({response.status_code})")
    assert failures == [], "\n".join(failures)
