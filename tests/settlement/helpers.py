"""Builders for settlement tests: a settled case whose parties have signatories, its terms, and
a case whose terms every party approved (settlement signed)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from casework.accounts.models import Role, User
from casework.cases.models import Case, CaseState, MediationResult
from casework.extensions import db
from casework.parties.models import AuthorisedSignatory, Jurisdiction
from casework.settlement import operations
from casework.settlement.terms import SettlementTerms
from tests.factories import make_case, make_org, make_user
from tests.settlement.samples import VALID_TERMS


@dataclass
class SettledScene:
    """A settled case with the people who act on its settlement."""

    case: Case
    mediator: User
    registrar: User
    claimant: User  # the claimant's authorised signatory
    respondent: User  # the respondent's authorised signatory


def _signatory_user(organisation, name: str, title: str) -> User:
    user = make_user(Role.PARTY, organisation=organisation, name=name)
    organisation.signatories.append(
        AuthorisedSignatory(name=name, title=title, email=user.email))
    db.session.flush()
    return user


def settled_scene(**case_fields) -> SettledScene:
    """A case settled in full by its mediator, each party represented by an authorised
    signatory (a Singapore claimant, a PRC respondent)."""
    claimant_org = make_org(Jurisdiction.SG, short_name_en="Lion City", short_name_zh="狮城公司")
    respondent_org = make_org(Jurisdiction.CN, short_name_en="Pearl River",
                              short_name_zh="珠江公司")
    claimant = _signatory_user(claimant_org, "Tan Wei Ming", "Director")
    respondent = _signatory_user(respondent_org, "李娜", "法务总监")
    mediator = make_user(Role.MEDIATOR, name="Margaret Lim")
    registrar = make_user(Role.REGISTRAR)
    commenced = date.today() - timedelta(days=40)
    case = make_case(
        CaseState.SETTLED, claimant_org=claimant_org, respondent_org=respondent_org,
        claimant_user=claimant, mediator_id=mediator.id, acknowledged_on=commenced,
        filing_date=commenced, commencement_date=commenced,
        mediation_result=MediationResult.SETTLED_IN_FULL,
        mediation_ended_on=date.today() - timedelta(days=1), **case_fields,
    )
    return SettledScene(case, mediator, registrar, claimant, respondent)


def draft_terms(scene: SettledScene, terms: SettlementTerms = VALID_TERMS):
    """Save ``terms`` (the sample settlement by default) as the next version, by the mediator."""
    settlement = operations.settlement_for(scene.case)
    number = settlement.current_version.number if settlement is not None else None
    version = operations.save_terms(scene.mediator, scene.case, replace(terms),
                                    expected_number=number)
    db.session.commit()
    return version


def approve(scene: SettledScene, user: User):
    """``user`` approves the current version for their party."""
    version = operations.settlement_for(scene.case).current_version
    approval = operations.approve_settlement(user, scene.case, version.terms_sha256,
                                             expected_version=None)
    db.session.commit()
    return approval


def signed_scene(terms: SettlementTerms = VALID_TERMS, **case_fields) -> SettledScene:
    """A case whose settlement terms (``terms``) both parties approved: settlement signed."""
    scene = settled_scene(**case_fields)
    draft_terms(scene, terms)
    approve(scene, scene.claimant)
    approve(scene, scene.respondent)
    assert scene.case.state == CaseState.SETTLEMENT_SIGNED
    return scene
