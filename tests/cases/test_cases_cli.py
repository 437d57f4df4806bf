"""``flask casework cases``: list cases as lines or JSON, optionally in one state."""

import json

from casework.cases.models import CaseState
from tests.factories import make_case, make_org


def test_lists_one_line_per_case(runner):
    filed = make_case(
        CaseState.FILED,
        claimant_org=make_org(name_en="Lion Trading Pte. Ltd."),
        respondent_org=make_org(name_en="Pearl River Co., Ltd."),
    )
    draft = make_case(CaseState.DRAFT)

    result = runner.invoke(args=["casework", "cases"])

    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines == [
        f"{filed.reference}\tfiled\tLion Trading Pte. Ltd. v Pearl River Co., Ltd.",
        f"draft #{draft.id}\tdraft\t{draft.claimant.organisation.name_en} v "
        f"{draft.respondent.organisation.name_en}",
    ]


def test_json_output(runner):
    case = make_case(CaseState.COMMENCED, respondent_org=make_org(name_en="", name_zh="深圳示例有限公司"))

    result = runner.invoke(args=["casework", "cases", "--json"])

    assert result.exit_code == 0, result.output
    [listed] = json.loads(result.output)
    assert listed["id"] == case.id
    assert listed["reference"] == case.reference
    assert listed["state"] == "commenced"
    assert listed["claimant"] == case.claimant.organisation.name_en
    assert listed["respondent"] == "深圳示例有限公司"
    assert listed["submitted_at"] == case.submitted_at.isoformat()


def test_state_filter(runner):
    make_case(CaseState.FILED)
    withdrawn = make_case(CaseState.WITHDRAWN)

    result = runner.invoke(args=["casework", "cases", "--state", "withdrawn", "--json"])

    assert result.exit_code == 0, result.output
    assert [case["id"] for case in json.loads(result.output)] == [withdrawn.id]


def test_no_cases_gives_an_empty_json_array(runner):
    result = runner.invoke(args=["casework", "cases", "--json"])

    assert result.exit_code == 0
    assert json.loads(result.output) == []


def test_unknown_state_is_a_clear_error(runner):
    make_case(CaseState.FILED)

    result = runner.invoke(args=["casework", "cases", "--state", "archived"])

    assert result.exit_code != 0
    assert "Invalid value for '--state'" in result.output
    assert "'archived' is not one of" in result.output
