"""The workflow table is the single source: docs, labels and UI endpoints all follow it."""

from casework.cases.models import CaseState
from casework.cases.next_steps import ACTION_ENDPOINTS
from casework.cases.workflow import (
    ACTION_LABELS,
    STATE_LABELS,
    TRANSITIONS,
    Action,
    workflow_markdown,
)
from casework.config import PROJECT_ROOT


def test_docs_page_is_generated_from_the_table():
    assert (PROJECT_ROOT / "docs" / "workflow.md").read_text() == workflow_markdown()


def test_every_state_and_action_has_a_label():
    assert set(STATE_LABELS) == set(CaseState)
    assert set(ACTION_LABELS) == set(Action)


def test_every_action_is_used_and_has_an_existing_endpoint(app):
    assert {action for (_, action) in TRANSITIONS} == set(Action)
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()}
    missing = {a: e for a, e in ACTION_ENDPOINTS.items() if e not in endpoints}
    assert missing == {}
    assert set(ACTION_ENDPOINTS) == set(Action)


def test_every_state_but_the_ends_can_be_left():
    sources = {state for (state, _) in TRANSITIONS}
    assert set(CaseState) - sources == {CaseState.REJECTED, CaseState.WITHDRAWN, CaseState.CLOSED}
