"""Builders for test data. Cases are built directly in any state (bypassing the workflow) so
tests can start where they need to; the workflow itself is tested through the operations."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

from stdnum.cn import uscc
from stdnum.sg import uen

from casework.accounts.models import Locale, Role, User
from casework.cases.models import (
    Case,
    CaseLanguage,
    CaseParty,
    CaseState,
    Currency,
    PartySide,
    Venue,
)
from casework.db import now_utc
from casework.extensions import db
from casework.mediators.models import MediatorProfile, MediatorProposal
from casework.parties.models import Jurisdiction, Organisation

_sequence = itertools.count(1)

PASSWORD = "correct horse battery staple"


def valid_uscc(serial: int) -> str:
    """A Unified Social Credit Code that passes both checks (organisation code and final)."""
    from stdnum.cn.uscc import calc_check_digit

    body = f"91440300{serial:08d}"
    org_code_body = body[8:16]  # positions 9-16; position 17 is its mod-11 check
    weights = (3, 7, 9, 10, 5, 8, 4, 2)
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    total = sum(alphabet.index(c) * w for c, w in zip(org_code_body, weights, strict=True))
    check = 11 - total % 11
    org_check = {10: "X", 11: "0"}.get(check, str(check))
    first17 = body + org_check
    number = first17 + calc_check_digit(first17)
    uscc.validate(number)
    return number


def valid_uen(serial: int) -> str:
    """A valid Singapore local-company UEN (year 2015 + five digits + check letter)."""
    body = f"2015{serial:05d}"
    number = body + uen.calc_local_company_check_digit(body)
    uen.validate(number)
    return number


def make_user(role: Role = Role.PARTY, *, organisation=None, locale=Locale.EN,
              timezone="Asia/Singapore", email=None, name=None, password=PASSWORD) -> User:
    """A saved user with ``password``."""
    n = next(_sequence)
    user = User(
        email=email or f"{role.value}{n}@example.com",
        name=name or f"{role.value.title()} {n}",
        role=role,
        locale=locale,
        timezone=timezone,
        organisation=organisation,
    )
    user.set_password(password)
    db.session.add(user)
    if role == Role.MEDIATOR:
        db.session.add(MediatorProfile(user=user, languages="English, 中文",
                                       expertise="Construction", nationality="Malaysian"))
    db.session.flush()
    return user


def make_org(jurisdiction: Jurisdiction = Jurisdiction.SG, **fields) -> Organisation:
    """A saved organisation with a valid registry number for its jurisdiction."""
    n = next(_sequence)
    number = valid_uscc(n) if jurisdiction == Jurisdiction.CN else valid_uen(n)
    defaults = {
        "name_en": f"Example Trading {n} Pte. Ltd." if jurisdiction == Jurisdiction.SG
        else f"Shenzhen Example {n} Co., Ltd.",
        "name_zh": f"示例贸易{n}有限公司",
        "jurisdiction": jurisdiction,
        "registry_number": number,
        "domicile_en": "1 Example Road, Singapore" if jurisdiction == Jurisdiction.SG
        else "1 Example Road, Nanshan District, Shenzhen",
        "domicile_zh": "新加坡示例路1号" if jurisdiction == Jurisdiction.SG else "深圳市南山区示例路1号",
        "legal_representative": "Tan Wei Ming" if jurisdiction == Jurisdiction.SG else "王伟",
        "legal_representative_title": "Director" if jurisdiction == Jurisdiction.SG else "董事长",
    }
    defaults.update(fields)
    org = Organisation(**defaults)
    db.session.add(org)
    db.session.flush()
    return org


# The fields each state implies, so a case built "in" a state looks like one that got there.
_FILED_STATES = {s for s in CaseState if s != CaseState.DRAFT}
_COMMENCED_STATES = {CaseState.COMMENCED, CaseState.MEDIATOR_PROPOSED, CaseState.MEDIATOR_APPOINTED}


def make_case(state: CaseState = CaseState.FILED, *, claimant_org=None, respondent_org=None,
              claimant_user=None, mediator=None, registrar=None, **fields) -> Case:
    """A saved case in ``state`` with a claimant and a respondent organisation.

    For ``mediator_proposed`` a pending proposal of ``mediator`` is created; for
    ``mediator_appointed`` ``mediator`` is the appointed mediator.
    """
    claimant_org = claimant_org or make_org(Jurisdiction.SG)
    respondent_org = respondent_org or make_org(Jurisdiction.CN)
    claimant_user = claimant_user or make_user(Role.PARTY, organisation=claimant_org)
    case = Case(
        state=state,
        created_by_id=claimant_user.id,
        dispute_summary="Unpaid invoices for the supply of LED panels.",
        amount_in_dispute=Decimal("250000.00"),
        currency=Currency.SGD,
        clause_text="Any dispute shall be referred to mediation at SIMC and, failing settlement, "
        "to arbitration at the Shenzhen Court of International Arbitration.",
        clause_names_scia=True,
        prior_agreement_to_mediate=True,
        preferred_language=CaseLanguage.BILINGUAL,
        preferred_venue=Venue.ONLINE,
        respondent_contact_name="Li Na",
        respondent_contact_email=f"respondent{next(_sequence)}@example.cn",
        filing_fee=Decimal("1000.00"),
    )
    if state in _FILED_STATES:
        n = next(_sequence)
        case.reference = f"SIMC-{date.today().year}-{9000 + n:04d}"
        case.submitted_at = now_utc()
    if state in _COMMENCED_STATES:
        case.acknowledged_on = date.today() - timedelta(days=3)
        case.filing_date = case.acknowledged_on
        case.commencement_date = case.acknowledged_on
    if state == CaseState.CLOSED:
        case.closed_at = now_utc()
    for key, value in fields.items():
        setattr(case, key, value)
    case.parties = [
        CaseParty(side=PartySide.CLAIMANT, organisation=claimant_org, confirmed_at=now_utc()),
        CaseParty(side=PartySide.RESPONDENT, organisation=respondent_org),
    ]
    db.session.add(case)
    db.session.flush()
    if state in (CaseState.MEDIATOR_PROPOSED, CaseState.MEDIATOR_APPOINTED):
        mediator = mediator or make_user(Role.MEDIATOR)
        registrar = registrar or make_user(Role.REGISTRAR)
        if state == CaseState.MEDIATOR_APPOINTED:
            case.mediator_id = mediator.id
        else:
            db.session.add(MediatorProposal(
                case_id=case.id, mediator_id=mediator.id, proposed_by_id=registrar.id,
                proposed_at=now_utc(), objection_deadline=now_utc() + timedelta(days=7),
            ))
        db.session.flush()
    db.session.commit()
    return case


def stored_files(root) -> list:
    """The files in the document store at ``root`` (none if it was never created)."""
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []
