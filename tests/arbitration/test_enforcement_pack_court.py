"""The competent intermediate people's court from the debtor's domicile, and the data sheet's
parties, court and amounts for a foreign debtor and for an award made after escalation."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from casework.accounts.models import Role
from casework.arbitration.enforcement_court import competent_court
from casework.arbitration.enforcement_sheet import data_sheet_context, data_sheet_snapshot
from casework.arbitration.proceedings import proceeding_for
from casework.cases.models import CaseState
from casework.extensions import db
from casework.parties.models import Jurisdiction
from tests.arbitration.award_helpers import add_escalated_proceeding
from tests.arbitration.performance_scenes import add_award
from tests.factories import make_case, make_user
from tests.settlement.helpers import signed_scene
from tests.settlement.samples import LUMP_SUM, VALID_TERMS

pytestmark = pytest.mark.usefixtures("quick_password_hashes", "store_dir")


@pytest.mark.parametrize(("domicile_zh", "domicile_en", "court"), [
    ("广东省深圳市南山区科技路8号", "", "深圳市中级人民法院"),
    ("广东省广州市天河区珠江新城", "", "广州市中级人民法院"),
    ("浙江省杭州市西湖区文三路1号", "", "杭州市中级人民法院"),
    ("", "No. 8 Guangzhou Road, Nanshan District, Shenzhen, Guangdong", "深圳市中级人民法院"),
    ("江苏省苏州市工业园区星湖街1号", "", "苏州市中级人民法院"),
])
def test_a_mainland_debtor_in_a_mapped_city_gets_its_court(domicile_zh, domicile_en, court):
    found = competent_court(jurisdiction="CN", domicile_zh=domicile_zh, domicile_en=domicile_en)
    assert found.in_mainland and found.named
    assert found.court_zh == court


def test_a_street_named_after_a_city_is_not_that_city():
    found = competent_court(jurisdiction="CN", domicile_zh="北京市海淀区苏州街18号",
                            domicile_en="")
    assert not found.named  # Beijing has several intermediate courts
    assert found.city_zh == "北京市"


@pytest.mark.parametrize("domicile_zh", ["上海市浦东新区世纪大道100号", "重庆市渝中区解放碑"])
def test_a_municipality_leaves_the_court_to_fill_in(domicile_zh):
    found = competent_court(jurisdiction="CN", domicile_zh=domicile_zh, domicile_en="")
    assert found.in_mainland and not found.named and found.city_zh == domicile_zh[:3]


def test_an_unmapped_mainland_city_gets_the_generic_wording():
    found = competent_court(jurisdiction="CN", domicile_zh="江西省南昌市中山路1号",
                            domicile_en="")
    assert found.in_mainland and not found.named and found.city_zh is None


@pytest.mark.parametrize("jurisdiction", ["SG", "OTHER"])
def test_a_debtor_outside_mainland_china_is_pursued_where_its_property_is(jurisdiction):
    found = competent_court(jurisdiction=jurisdiction, domicile_zh="深圳市福田区",
                            domicile_en="Shenzhen")
    assert not found.in_mainland and not found.named


def test_a_singapore_debtor_gets_the_property_wording_on_the_sheet():
    # the claimant (Singapore) pays the respondent (PRC): the debtor is foreign
    reversed_payment = replace(LUMP_SUM, obligor="claimant", obligee="respondent")
    scene = signed_scene(replace(VALID_TERMS, obligations=(reversed_payment,)))
    proceeding = add_award(scene)

    snapshot = data_sheet_snapshot(scene.case, proceeding, date(2026, 12, 10),
                                   settlement_agreement=False)

    assert [p["side"] for p in snapshot["applicants"]] == ["respondent"]
    (debtor,) = snapshot["respondents"]
    assert debtor["side"] == "claimant" and debtor["jurisdiction"] == "SG"
    assert debtor["court"] == {"in_mainland": False, "court_zh": None, "court_en": None,
                               "city_zh": None, "city_en": None}
    assert [line["owed"] for line in snapshot["amounts_owed"]] == ["325.04"]
    context = data_sheet_context(snapshot)
    assert context["totals"][0]["owed"]["capitals"] == "人民币叁佰贰拾伍元零肆分"
    assert [d["name_en"] for d in snapshot["documents"]][:2] == [
        "The award", "The arbitration agreement (the clause relied on)"]


def test_an_award_after_escalation_is_enforced_by_the_claimant_as_the_award_orders():
    registrar = make_user(Role.REGISTRAR)
    case = make_case(CaseState.AWARD_ISSUED)
    case.respondent.organisation.jurisdiction = Jurisdiction.CN
    case.respondent.organisation.domicile_zh = "广东省深圳市福田区深南大道1号"
    proceeding = add_escalated_proceeding(case, registrar)
    db.session.commit()

    snapshot = data_sheet_snapshot(case, proceeding_for(case), date(2026, 12, 10),
                                   settlement_agreement=False)

    assert snapshot["settlement_terms"] is False
    assert [p["side"] for p in snapshot["applicants"]] == ["claimant"]
    assert [p["side"] for p in snapshot["respondents"]] == ["respondent"]
    assert snapshot["respondents"][0]["court"]["court_zh"] == "深圳市中级人民法院"
    assert snapshot["amounts_owed"] == [] and snapshot["other_obligations"] == []
    assert proceeding.route.value == "escalation"
