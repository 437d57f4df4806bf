"""``flask --app app casework seed-demo``: demo people, organisations and a case in every state.

The cases are driven through the same operations the pages use, so their timelines, e-mails and
audit trails look like real ones. Running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

import click

from casework.accounts.models import Locale, Role, User
from casework.arbitration import demo as arbitration_demo
from casework.cases import filing, joining, registry
from casework.cases.filing import RequestDetails
from casework.cases.joining import CounselDetails
from casework.cases.models import Case, CaseLanguage, CaseState, Currency, MediationResult, Venue
from casework.db import now_utc
from casework.extensions import db
from casework.hearings import operations as hearings
from casework.hearings.display import venue_instant
from casework.hearings.models import HearingKind, VenueKind
from casework.mediators import appointment
from casework.mediators.models import Disclosure, MediatorProfile, ProposalAnswer
from casework.parties.models import Jurisdiction, Organisation
from casework.parties.operations import find_or_register_organisation
from casework.settlement import demo as settlement_demo

DEMO_PASSWORD = "casework-demo-2026"
REGISTRAR_EMAIL = "registrar@simc.example"
# The exchange rate the demo registrar enters when referring an SGD claim to SCIA.
DEMO_SGD_TO_RMB = Decimal("5.4213")
# Demo goals reached through a settlement every party approved.
_SIGNED_SETTLEMENT_GOALS = (
    CaseState.SETTLEMENT_SIGNED, CaseState.AWARD_REQUESTED, CaseState.AWARD_ISSUED,
)


@dataclass(frozen=True)
class DemoPerson:
    """A demo account."""

    email: str
    name: str
    role: Role
    locale: Locale = Locale.EN
    timezone: str = "Asia/Singapore"


STAFF = (
    DemoPerson(REGISTRAR_EMAIL, "Grace Tan", Role.REGISTRAR),
    DemoPerson("admin@simc.example", "Casework Administrator", Role.ADMIN),
)
MEDIATORS = {
    "margaret.lim@simc.example": (
        DemoPerson("margaret.lim@simc.example", "Margaret Lim", Role.MEDIATOR),
        MediatorProfile(languages="English, Mandarin", nationality="Malaysian",
                        expertise="Construction, supply of goods",
                        bio="Former construction counsel; SIMC panel since 2019."),
    ),
    "chen.jing@simc.example": (
        DemoPerson("chen.jing@simc.example", "陈静 Chen Jing", Role.MEDIATOR, Locale.ZH,
                   "Asia/Shanghai"),
        MediatorProfile(languages="Mandarin, English", nationality="Hong Kong SAR",
                        expertise="International trade, shipping",
                        bio="Arbitrator and mediator in Shenzhen and Hong Kong."),
    ),
    "arjun.menon@simc.example": (
        DemoPerson("arjun.menon@simc.example", "Arjun Menon", Role.MEDIATOR,
                   timezone="Europe/London"),
        MediatorProfile(languages="English", nationality="Indian",
                        expertise="Technology licensing, joint ventures",
                        bio="Technology disputes specialist based in London."),
    ),
}

# Organisations with valid registry numbers, and their representative.
ORGANISATIONS = {
    "lionpoint": (
        {
            "name_en": "Lion Point Engineering Pte. Ltd.", "name_zh": "狮点工程私人有限公司",
            "short_name_en": "Lion Point", "short_name_zh": "狮点工程",
            "jurisdiction": Jurisdiction.SG.value, "registry_number": "201912345R",
            "domicile_en": "10 Anson Road, #20-05 International Plaza, Singapore 079903",
            "domicile_zh": "新加坡安顺路10号国际广场20-05室 邮编079903",
            "legal_representative": "Daniel Ng", "legal_representative_title": "Director",
            "signatories": [{"name": "Daniel Ng", "title": "Director",
                             "email": "daniel.ng@lionpoint.example.sg"}],
        },
        DemoPerson("daniel.ng@lionpoint.example.sg", "Daniel Ng", Role.PARTY),
    ),
    "pengcheng": (
        {
            "name_en": "Shenzhen Pengcheng Optoelectronics Co., Ltd.",
            "name_zh": "深圳鹏城光电有限公司",
            "short_name_en": "Pengcheng", "short_name_zh": "鹏城光电",
            "jurisdiction": Jurisdiction.CN.value, "registry_number": "91440300512345678J",
            "domicile_en": "8 Keji South Road, Nanshan District, Shenzhen, Guangdong",
            "domicile_zh": "广东省深圳市南山区科技南路8号",
            "legal_representative": "王伟", "legal_representative_title": "董事长",
            "signatories": [{"name": "李娜", "title": "法务总监",
                             "email": "li.na@pengcheng.example.cn"}],
        },
        DemoPerson("li.na@pengcheng.example.cn", "李娜 Li Na", Role.PARTY, Locale.ZH,
                   "Asia/Shanghai"),
    ),
    "harbourfront": (
        {
            "name_en": "Harbourfront Logistics Pte. Ltd.", "name_zh": "港湾物流私人有限公司",
            "short_name_en": "Harbourfront", "short_name_zh": "港湾物流",
            "jurisdiction": Jurisdiction.SG.value, "registry_number": "53312345C",
            "domicile_en": "1 Maritime Square, #09-01, Singapore 099253",
            "domicile_zh": "新加坡海事广场1号09-01室 邮编099253",
            "legal_representative": "Sarah Koh", "legal_representative_title": "Managing Director",
            "signatories": [{"name": "Sarah Koh", "title": "Managing Director",
                             "email": "sarah.koh@harbourfront.example.sg"}],
        },
        DemoPerson("sarah.koh@harbourfront.example.sg", "Sarah Koh", Role.PARTY),
    ),
    "qianhai": (
        {
            "name_en": "Shenzhen Qianhai Yuanhang Trading Co., Ltd.",
            "name_zh": "深圳前海远航贸易有限公司",
            "short_name_en": "Yuanhang", "short_name_zh": "远航贸易",
            "jurisdiction": Jurisdiction.CN.value, "registry_number": "914403006234567842",
            "domicile_en": "Room 201, Building A, 1 Qianwan Road, Qianhai, Shenzhen",
            "domicile_zh": "深圳市前海深港合作区前湾一路1号A栋201室",
            "legal_representative": "赵磊", "legal_representative_title": "总经理",
            "signatories": [{"name": "赵磊", "title": "总经理",
                             "email": "zhao.lei@qianhai-trading.example.cn"}],
        },
        DemoPerson("zhao.lei@qianhai-trading.example.cn", "赵磊 Zhao Lei", Role.PARTY,
                   Locale.ZH, "Asia/Shanghai"),
    ),
}

SCIA_CLAUSE = (
    "Any dispute arising out of or in connection with this contract shall first be referred to "
    "mediation at the Singapore International Mediation Centre. If the dispute is not settled, it "
    "shall be submitted to the Shenzhen Court of International Arbitration (深圳国际仲裁院) for "
    "arbitration in Shenzhen."
)


@dataclass(frozen=True)
class DemoCase:
    """One demo dispute: who files against whom, about what, and how far it has gone."""

    claimant: str
    respondent: str
    summary: str
    amount: str
    currency: Currency
    goal: CaseState
    prior_agreement: bool = True


CASES = (
    DemoCase("qianhai", "pengcheng", "Defective battery modules for energy-storage cabinets; "
             "claim for replacement and lost profit.", "5200000.00", Currency.CNY,
             CaseState.IN_MEDIATION),
    DemoCase("harbourfront", "qianhai", "Unpaid freight forwarding fees for 2025 shipments.",
             "640000.00", Currency.SGD, CaseState.SETTLED),
    DemoCase("lionpoint", "pengcheng", "LED panel driver units of batch LP-2025-07 failed in "
             "service on the Marina Bay façade; Lion Point claims a price reduction and "
             "replacement panels.", "1680000.00", Currency.CNY, CaseState.SETTLEMENT_SIGNED),
    DemoCase("pengcheng", "lionpoint", "Termination of a distribution agreement for LED "
             "drivers.", "1800000.00", Currency.CNY, CaseState.NOT_SETTLED),
    DemoCase("qianhai", "lionpoint", "Unpaid balance for switchgear cabinets supplied to the "
             "Tuas data centre; Lion Point alleges late delivery and sets off delay damages.",
             "860000.00", Currency.SGD, CaseState.REFERRED_TO_SCIA),
    DemoCase("harbourfront", "pengcheng", "Lost and damaged containers of optical modules on "
             "the Shekou-Singapore service; claim under the 2024 logistics agreement.",
             "2650000.00", Currency.CNY, CaseState.IN_ARBITRATION),
    DemoCase("lionpoint", "pengcheng", "Replacement of cracked LED façade tiles at the Changi "
             "logistics hub; price reduction agreed in mediation.", "920000.00", Currency.CNY,
             CaseState.AWARD_REQUESTED),
    DemoCase("lionpoint", "pengcheng", "Defective driver boards in LED street lights for "
             "Jurong; settlement recorded as an SCIA consent award.", "1400000.00",
             Currency.CNY, CaseState.AWARD_ISSUED),
    DemoCase("harbourfront", "qianhai", "Storage charges for goods abandoned at the Pasir "
             "Panjang warehouse.", "72000.00", Currency.SGD, CaseState.CLOSED,
             prior_agreement=False),
    DemoCase("lionpoint", "pengcheng", "LED panels for the Marina Bay façade delivered with a "
             "12% failure rate; Lion Point withholds the final instalment and claims "
             "replacement costs.",
             "1250000.00", Currency.SGD, CaseState.MEDIATOR_APPOINTED),
    DemoCase("qianhai", "harbourfront", "Containers of electronic components damaged in transit "
             "from Yantian to Singapore; cargo claim under the logistics agreement.",
             "3860000.00", Currency.CNY, CaseState.MEDIATOR_PROPOSED),
    DemoCase("harbourfront", "pengcheng", "Unpaid warehousing and handling charges for 2025.",
             "186400.00", Currency.USD, CaseState.COMMENCED),
    DemoCase("lionpoint", "qianhai", "Late delivery of steel fittings; liquidated damages.",
             "420000.00", Currency.SGD, CaseState.AWAITING_RESPONDENT, prior_agreement=False),
    DemoCase("pengcheng", "lionpoint", "Unpaid invoices for control units delivered in 2026.",
             "2400000.00", Currency.CNY, CaseState.INFO_REQUESTED),
    DemoCase("harbourfront", "qianhai", "Demurrage charges at Shekou port.",
             "95000.00", Currency.HKD, CaseState.FILED),
    DemoCase("qianhai", "lionpoint", "Quality dispute over solar inverter housings.",
             "310000.00", Currency.EUR, CaseState.DECLINED, prior_agreement=False),
    DemoCase("lionpoint", "harbourfront", "Claim filed against the wrong group company.",
             "50000.00", Currency.SGD, CaseState.REJECTED),
    DemoCase("pengcheng", "harbourfront", "Freight rate adjustment dispute, since settled "
             "directly between the parties.", "780000.00", Currency.CNY, CaseState.WITHDRAWN),
    DemoCase("harbourfront", "lionpoint", "Draft: crane hire charges for the Tuas project.",
             "64000.00", Currency.SGD, CaseState.DRAFT),
)


def seed_demo() -> bool:
    """Create the demo data; ``False`` (and nothing done) when it is already there."""
    if db.session.scalar(db.select(User).filter_by(email=REGISTRAR_EMAIL)) is not None:
        return False
    registrar, *_ = [_person(person) for person in STAFF]
    mediators = {
        email: _mediator(person, profile) for email, (person, profile) in MEDIATORS.items()
    }
    organisations, representatives = {}, {}
    for key, (particulars, person) in ORGANISATIONS.items():
        organisations[key] = find_or_register_organisation(registrar, particulars)
        representatives[key] = _person(person, organisations[key])
    for demo in CASES:
        _drive(demo, registrar, representatives, organisations, mediators)
    db.session.flush()
    return True


def _person(person: DemoPerson, organisation: Organisation | None = None) -> User:
    user = User(email=person.email, name=person.name, role=person.role, locale=person.locale,
                timezone=person.timezone, organisation=organisation)
    user.set_password(DEMO_PASSWORD)
    db.session.add(user)
    db.session.flush()
    return user


def _mediator(person: DemoPerson, profile: MediatorProfile) -> User:
    user = _person(person)
    db.session.add(MediatorProfile(user=user, languages=profile.languages,
                                   nationality=profile.nationality, expertise=profile.expertise,
                                   bio=profile.bio, on_panel=True))
    db.session.flush()
    return user


def _drive(demo: DemoCase, registrar: User, representatives: dict, organisations: dict,
           mediators: dict) -> Case:
    """File the demo case as its claimant and take it to ``demo.goal`` through the operations."""
    claimant = representatives[demo.claimant]
    respondent_user = representatives[demo.respondent]
    respondent_org = organisations[demo.respondent]
    particulars = ORGANISATIONS[demo.respondent][0]
    details = RequestDetails(
        dispute_summary=demo.summary, amount_in_dispute=Decimal(demo.amount),
        currency=demo.currency, clause_text=SCIA_CLAUSE, clause_names_scia=True,
        prior_agreement_to_mediate=demo.prior_agreement,
        preferred_language=CaseLanguage.BILINGUAL, preferred_venue=Venue.ONLINE,
        mediator_attributes="Bilingual (English and Mandarin); construction or trade experience.",
        respondent_contact_name=respondent_user.name,
        respondent_contact_email=respondent_user.email,
        respondent_details=particulars,
        counsel_name="", counsel_firm="", counsel_email="",
    )
    case = filing.start_request_for_mediation(claimant, details)
    if demo.goal == CaseState.DRAFT:
        return case
    now = now_utc()
    today = registry.simc_today()
    filing.submit_request_for_mediation(claimant, case, expected_version=case.version, now=now)
    if demo.goal == CaseState.FILED:
        return case
    if demo.goal == CaseState.INFO_REQUESTED:
        registry.request_information(registrar, case, "Please upload the contract containing the "
                                     "dispute-resolution clause.", expected_version=case.version)
        return case
    if demo.goal == CaseState.REJECTED:
        registry.reject_filing(registrar, case, "The respondent named is not a party to the "
                               "contract; please file against the contracting entity.",
                               expected_version=case.version)
        return case
    if demo.goal == CaseState.WITHDRAWN:
        registry.withdraw_case(claimant, case, "Settled directly between the parties.",
                               expected_version=case.version)
        return case
    _join_as_respondent(case, respondent_user, respondent_org)
    if demo.goal in (CaseState.DECLINED, CaseState.CLOSED):
        joining.decline_to_mediate(
            respondent_user, case,
            "We consider the claim time-barred and prefer to await any arbitration.",
            expected_version=case.version,
        )
        if demo.goal == CaseState.CLOSED:
            arbitration_demo.close_declined(case, registrar)
        return case
    registry.acknowledge_filing(registrar, case, expected_version=case.version, today=today)
    if demo.goal == CaseState.AWAITING_RESPONDENT:
        return case
    registry.record_fee_payment(registrar, case, today - timedelta(days=1),
                                f"DBS-TT-{case.reference}", expected_version=case.version)
    if demo.goal == CaseState.COMMENCED:
        return case
    mediator = mediators["margaret.lim@simc.example" if demo.goal == CaseState.MEDIATOR_APPOINTED
                         else "chen.jing@simc.example"]
    appointment.propose_mediator(registrar, case, mediator, expected_version=case.version,
                                 now=now)
    if demo.goal == CaseState.MEDIATOR_PROPOSED:
        return case
    appointment.file_disclosure(mediator, case, Disclosure.NONE, expected_version=case.version,
                                now=now)
    for party, user in ((case.claimant, claimant), (case.respondent, respondent_user)):
        appointment.answer_proposal(user, case, party.side, ProposalAnswer.ACCEPT,
                                    expected_version=case.version, now=now)
    appointment.confirm_appointment(registrar, case, expected_version=case.version, now=now)
    parties = [claimant, respondent_user]
    if demo.goal == CaseState.MEDIATOR_APPOINTED:
        _hearing(mediator, case, parties, today + timedelta(days=10), now)
        return case
    held = _hearing(mediator, case, parties, today - timedelta(days=1), now - timedelta(days=3))
    hearings.record_attendance_and_outcome(
        mediator, held, {mediator.id, *(user.id for user in parties)},
        "Both parties presented their positions; they will exchange settlement proposals.",
        expected_version=case.version, now=now,
    )
    if demo.goal == CaseState.IN_MEDIATION:
        _hearing(mediator, case, parties, today + timedelta(days=7), now)
        return case
    settled = demo.goal in (CaseState.SETTLED, *_SIGNED_SETTLEMENT_GOALS)
    result = MediationResult.SETTLED_IN_FULL if settled else MediationResult.IMPASSE
    hearings.record_mediation_result(mediator, case, result, today, today=today,
                                     expected_version=case.version, now=now)
    if demo.goal in (CaseState.REFERRED_TO_SCIA, CaseState.IN_ARBITRATION):
        rate = DEMO_SGD_TO_RMB if demo.currency == Currency.SGD else None
        arbitration_demo.escalate(case, registrar, rate, today=today,
                                  constitute=demo.goal == CaseState.IN_ARBITRATION)
    if demo.goal in _SIGNED_SETTLEMENT_GOALS:
        settlement_demo.settle(case, mediator, registrar, parties, today=today, issue=True)
    if demo.goal in (CaseState.AWARD_REQUESTED, CaseState.AWARD_ISSUED):
        arbitration_demo.request_and_record_award(
            case, registrar, today=today, record=demo.goal == CaseState.AWARD_ISSUED)
    return case


def _hearing(mediator: User, case: Case, parties: list[User], day, now: datetime):
    """A joint session of ``case`` online, 10:00-12:00 Singapore time on ``day``, scheduled at
    ``now``."""
    starts_at = venue_instant(day, time(10), "Asia/Singapore")
    plan = hearings.HearingPlan(
        kind=HearingKind.JOINT_SESSION, starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        venue=hearings.Venue(VenueKind.ONLINE, "Asia/Singapore", "",
                             "https://meet.simc.example/demo-" + case.reference.lower()),
        language=CaseLanguage.BILINGUAL, interpretation="English–Mandarin consecutive",
    )
    return hearings.schedule_hearing(mediator, case, plan, parties,
                                     expected_version=case.version, now=now)


def _join_as_respondent(case: Case, user: User, organisation: Organisation) -> None:
    """The respondent's representative follows the invitation and confirms the particulars."""
    token = joining.issue_respondent_invitation(case, user.email, now=now_utc())
    particulars = ORGANISATIONS[_key_of(organisation)][0]
    joining.accept_respondent_invitation(user, token, particulars,
                                         CounselDetails(name="", firm="", email=""))


def _key_of(organisation: Organisation) -> str:
    return next(key for key, (particulars, _) in ORGANISATIONS.items()
                if particulars["registry_number"] == organisation.registry_number)


def register(group) -> None:
    """Add ``seed-demo`` to the ``casework`` command group."""

    @group.command("seed-demo")
    def seed_demo_command() -> None:
        """Load demo users, organisations and a case in every state (once)."""
        if seed_demo():
            db.session.commit()
            click.echo(f"Demo data loaded. Every demo account's password: {DEMO_PASSWORD}")
        else:
            click.echo("Demo data is already there; nothing changed.")

