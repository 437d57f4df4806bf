"""Fixtures of the hearing tests: a case with its appointed mediator and a representative of
each side."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from casework.accounts.models import Locale, Role
from casework.cases.models import Case, CaseState
from casework.extensions import db
from casework.parties.models import Jurisdiction
from tests.factories import make_case, make_org, make_user


@dataclass
class Mediation:
    """A case awaiting its first session, and the people on it."""

    case: Case
    mediator: object
    claimant: object
    respondent: object
    registrar: object


@pytest.fixture()
def mediation():
    """A case in ``mediator_appointed``: a Singapore claimant (London-based counsel), a
    Chinese respondent whose representative reads Chinese, the mediator in Singapore."""
    claimant_org, respondent_org = make_org(), make_org(Jurisdiction.CN)
    claimant = make_user(Role.PARTY, organisation=claimant_org, name="Counsel Claimant",
                         timezone="Europe/London")
    respondent = make_user(Role.PARTY, organisation=respondent_org, name="王伟",
                           locale=Locale.ZH, timezone="Asia/Shanghai")
    mediator = make_user(Role.MEDIATOR, name="Mediator Tan")
    registrar = make_user(Role.REGISTRAR)
    case = make_case(CaseState.MEDIATOR_APPOINTED, claimant_org=claimant_org,
                     respondent_org=respondent_org, claimant_user=claimant, mediator=mediator,
                     registrar=registrar)
    db.session.commit()
    return Mediation(case, mediator, claimant, respondent, registrar)
