"""The clause check: only a clause naming SCIA (by any registered name) alone passes."""

import pytest

from casework.arbitration import clause
from casework.arbitration.clause import ClauseProblem, check_clause

PASSING = [
    # English
    ("Any dispute arising out of or in connection with this contract shall be submitted to the "
     "Shenzhen Court of International Arbitration for arbitration in accordance with its "
     "arbitration rules in effect at the time of applying for arbitration.",
     "Shenzhen Court of International Arbitration"),
    ("Disputes shall be referred to SCIA for arbitration.", "SCIA"),
    ("Disputes shall be referred to SCIA's arbitration.", "SCIA"),
    ("disputes go to the shenzhen COURT of\n   international\tarbitration.",
     "Shenzhen Court of International Arbitration"),
    ("the Shenzhen Court of International Arbitration (SCIA) in Shenzhen",
     "Shenzhen Court of International Arbitration"),
    ("Disputes shall be referred to ＳＣＩＡ.", "SCIA"),  # full-width letters
    # Chinese
    ("凡因本合同引起的或与本合同有关的任何争议，均应提交深圳国际仲裁院，按照申请仲裁时该院现行有效的"
     "仲裁规则进行仲裁。", "深圳国际仲裁院"),
    ("争议提交深圳 国际\n仲裁院仲裁。", "深圳国际仲裁院"),
    ("争议提交深圳国际仲裁院（华南国际经济贸易仲裁委员会）仲裁。", "深圳国际仲裁院"),
    # other registered names
    ("争议提交华南国际经济贸易仲裁委员会仲裁。", "华南国际经济贸易仲裁委员会"),
    ("Disputes shall be submitted to the South China International Economic and Trade "
     "Arbitration Commission.", "South China International Economic and Trade Arbitration "
     "Commission"),
    ("Disputes shall be submitted to the South China International Economic & Trade "
     "Arbitration Commission (SCIETAC).", "South China International Economic and Trade "
     "Arbitration Commission"),
    ("Arbitration by SCIETAC.", "SCIETAC"),
    ("争议提交深圳仲裁委员会仲裁。", "深圳仲裁委员会"),
    ("Disputes shall be arbitrated by the Shenzhen Arbitration Commission.",
     "Shenzhen Arbitration Commission"),
    ("争议提交中国国际经济贸易仲裁委员会华南分会仲裁。", "中国国际经济贸易仲裁委员会华南分会"),
    ("争议提交中国国际经济贸易仲裁委员会（华南分会）仲裁。", "中国国际经济贸易仲裁委员会华南分会"),
    ("争议提交中国国际经济贸易仲裁委员会深圳分会仲裁。", "中国国际经济贸易仲裁委员会深圳分会"),
    ("Disputes shall be submitted to the CIETAC South China Sub-Commission.",
     "CIETAC South China Sub-Commission"),
    ("Disputes shall be submitted to China International Economic and Trade Arbitration "
     "Commission, South China Sub-\nCommission.", "CIETAC South China Sub-Commission"),
    ("Disputes shall be submitted to the South China Sub-Commission of CIETAC.",
     "CIETAC South China Sub-Commission"),
    ("Disputes shall be submitted to the CIETAC Shenzhen Sub-Commission.",
     "CIETAC Shenzhen Sub-Commission"),
    ("Disputes shall be submitted to the CIETAC Shenzhen Subcommission.",
     "CIETAC Shenzhen Sub-Commission"),
    # referring back to the institution is not naming another one
    ("争议提交深圳国际仲裁院，按照申请仲裁时该仲裁院现行有效的仲裁规则仲裁。", "深圳国际仲裁院"),
    ("争议提交深圳国际仲裁院（以下简称仲裁院）仲裁。", "深圳国际仲裁院"),
    ("Disputes shall be submitted to SCIA. The Arbitration Court of SCIA shall appoint the "
     "tribunal; the arbitration commission's rules apply.", "SCIA"),
    # a mediation institution beside SCIA is no second arbitration institution
    ("The parties shall first mediate at the Singapore International Mediation Centre (SIMC); "
     "failing settlement within 60 days, the dispute shall be submitted to the Shenzhen Court "
     "of International Arbitration.", "Shenzhen Court of International Arbitration"),
]


@pytest.mark.parametrize(("text", "name"), PASSING)
def test_clauses_naming_scia_pass(text, name):
    check = check_clause(text)
    assert check.names_scia
    assert check.scia_name == name
    assert check.institutions == (clause.SCIA,)
    assert check.problem is None
    assert check.reason is None


def test_bilingual_clause_naming_scia_in_both_languages_passes():
    check = check_clause(
        "Disputes shall be submitted to the Shenzhen Court of International Arbitration.\n"
        "争议提交深圳国际仲裁院仲裁。"
    )
    assert check.names_scia
    assert check.scia_name == "Shenzhen Court of International Arbitration"


OTHER_INSTITUTIONS = [
    ("Disputes shall be submitted to the Singapore International Arbitration Centre.",
     clause.SIAC),
    ("Arbitration under the SIAC Rules administered by SIAC.", clause.SIAC),
    ("争议提交新加坡国际仲裁中心仲裁。", clause.SIAC),
    ("Disputes shall be referred to the Hong Kong International Arbitration Centre.",
     clause.HKIAC),
    ("争议提交香港国际仲裁中心仲裁。", clause.HKIAC),
    ("Disputes shall be finally settled under the Rules of Arbitration of the International "
     "Chamber of Commerce.", clause.ICC),
    ("ICC arbitration, seat Paris.", clause.ICC),
    ("争议提交国际商会仲裁院仲裁。", clause.ICC),
    ("Disputes shall be referred to the LCIA.", clause.LCIA),
    ("争议提交上海国际仲裁中心仲裁。", clause.SHIAC),
    ("争议提交北京仲裁委员会仲裁。", clause.BAC),
    ("Disputes shall be submitted to the Guangzhou Arbitration Commission.", clause.GZAC),
]


@pytest.mark.parametrize(("text", "institution"), OTHER_INSTITUTIONS)
def test_clauses_naming_another_institution_fail(text, institution):
    check = check_clause(text)
    assert not check.names_scia
    assert check.problem == ClauseProblem.OTHER_INSTITUTION
    assert check.institutions == (institution,)
    assert check.scia_name is None
    assert str(institution.label) in str(check.reason)
    assert "not SCIA" in str(check.reason)


@pytest.mark.parametrize("text", [
    "Disputes shall be submitted to the China International Economic and Trade Arbitration "
    "Commission (CIETAC) for arbitration in Beijing.",
    "Arbitration by CIETAC.",
    "争议提交中国国际经济贸易仲裁委员会仲裁。",
    "争议提交中国国际经济贸易仲裁委员会上海分会仲裁。",
    "Disputes shall be submitted to the CIETAC Shanghai Sub-Commission.",
    "争议提交中国国际商会仲裁院仲裁。",
])
def test_cietac_without_the_south_china_or_shenzhen_sub_commission_fails(text):
    check = check_clause(text)
    assert not check.names_scia
    assert check.problem == ClauseProblem.CIETAC
    assert check.institutions == (clause.CIETAC,)
    assert check.reason is clause.CIETAC_REASON


@pytest.mark.parametrize(("text", "institutions", "scia_name"), [
    ("Disputes shall be submitted to SCIA or SIAC, at the claimant's choice.",
     (clause.SCIA, clause.SIAC), "SCIA"),
    ("争议提交深圳国际仲裁院或中国国际经济贸易仲裁委员会仲裁。",
     (clause.SCIA, clause.CIETAC), "深圳国际仲裁院"),
    ("Either CIETAC or the HKIAC may administer the arbitration.",
     (clause.CIETAC, clause.HKIAC), None),
    ("Arbitration by the HKIAC under the rules of the Shenzhen Court of International "
     "Arbitration.", (clause.HKIAC, clause.SCIA), "Shenzhen Court of International Arbitration"),
])
def test_clauses_naming_two_institutions_are_ambiguous(text, institutions, scia_name):
    check = check_clause(text)
    assert not check.names_scia
    assert check.problem == ClauseProblem.AMBIGUOUS
    assert check.institutions == institutions
    assert check.scia_name == scia_name
    reason = str(check.reason)
    assert "more than one arbitration institution" in reason
    for institution in institutions:
        assert str(institution.label) in reason


@pytest.mark.parametrize(("text", "name"), [
    ("Disputes shall be submitted to the Shenzhen International Arbitration Court.",
     "Shenzhen International Arbitration Court"),
    ("Disputes shall be submitted to the Wuhan Arbitration Commission.",
     "Wuhan Arbitration Commission"),
    ("争议提交武汉仲裁委员会仲裁。", "武汉仲裁委员会"),
    ("争议提交深圳市仲裁中心仲裁。", "深圳市仲裁中心"),
])
def test_clauses_naming_an_unrecognised_institution_fail_quoting_it(text, name):
    check = check_clause(text)
    assert not check.names_scia
    assert check.problem == ClauseProblem.UNRECOGNISED_INSTITUTION
    assert len(check.institutions) == 1
    assert f"“{name}”" in str(check.reason)
    assert "neither SCIA nor one of SCIA's registered names" in str(check.reason)


@pytest.mark.parametrize(("text", "unrecognised"), [
    ("Disputes shall be submitted to SCIA or the Wuhan Arbitration Commission.",
     "Wuhan Arbitration Commission"),
    ("争议提交深圳国际仲裁院或武汉仲裁委员会仲裁。", "武汉仲裁委员会"),
])
def test_scia_beside_an_unrecognised_institution_is_ambiguous(text, unrecognised):
    check = check_clause(text)
    assert not check.names_scia
    assert check.problem == ClauseProblem.AMBIGUOUS
    assert check.institutions[0] == clause.SCIA
    assert f"“{unrecognised}”" in str(check.reason)


@pytest.mark.parametrize("text", [
    "Any dispute shall be finally resolved by arbitration in Shenzhen.",
    "争议应在深圳通过仲裁解决。",
    "Arbitration seated in SHENZHEN under the UNCITRAL Arbitration Rules.",
])
def test_arbitration_in_shenzhen_without_an_institution_fails(text):
    check = check_clause(text)
    assert not check.names_scia
    assert check.problem == ClauseProblem.SEAT_ONLY
    assert check.institutions == ()
    assert check.reason is clause.SEAT_ONLY_REASON


@pytest.mark.parametrize("text", [
    "Any dispute shall be settled by arbitration.",
    "The courts of Shenzhen shall have exclusive jurisdiction over any dispute.",
    "This agreement is governed by the laws of Singapore.",
])
def test_clauses_naming_no_institution_fail(text):
    check = check_clause(text)
    assert not check.names_scia
    assert check.problem == ClauseProblem.NO_INSTITUTION
    assert check.scia_name is None
    assert check.reason is clause.NO_INSTITUTION_REASON


@pytest.mark.parametrize("text", [
    "Any dispute shall be referred to mediation at the Singapore International Mediation "
    "Centre (SIMC) in accordance with its Mediation Rules.",
    "争议应提交新加坡国际调解中心调解解决。",
    "The parties shall attempt to settle any dispute by conciliation.",
])
def test_mediation_only_clauses_fail(text):
    check = check_clause(text)
    assert not check.names_scia
    assert check.problem == ClauseProblem.MEDIATION_ONLY
    assert check.reason is clause.MEDIATION_ONLY_REASON


@pytest.mark.parametrize("text", ["", "   \n\t  ", None])
def test_an_empty_clause_fails(text):
    check = check_clause(text)
    assert not check.names_scia
    assert check.problem == ClauseProblem.EMPTY
    assert check.reason is clause.EMPTY_REASON


def test_normalise_folds_full_width_forms_and_white_space():
    assert clause.normalise(" 深圳 国际\n仲裁院（华南）  SCIA\u3000Rules ") == (
        "深圳国际仲裁院(华南) SCIA Rules"
    )
