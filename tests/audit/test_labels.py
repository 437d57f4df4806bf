"""Every audited action has a translated label, and the case timeline shows it.

The action keys are read from the source: each ``record(actor, key, ...)`` call under
``casework/`` must name its key statically (a string, ``Action.X.value``, or a choice between
those), so a new action without a label fails here rather than showing a raw key.
"""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

import pytest

import casework
from casework.accounts.models import Role
from casework.audit.labels import AUDIT_LABELS, audit_label
from casework.audit.log import record
from casework.cases.models import CaseState
from casework.cases.workflow import Action
from casework.extensions import db
from tests.factories import make_case, make_user

SOURCE = Path(casework.__file__).parent


class UnreadableKey(Exception):
    """A ``record`` call whose action key cannot be read from the source."""


def _keys_of(node: ast.expr) -> set[str]:
    """The action keys an argument expression can evaluate to."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if (
        isinstance(node, ast.Attribute) and node.attr == "value"
        and isinstance(node.value, ast.Attribute)
        and isinstance(node.value.value, ast.Name) and node.value.value.id == "Action"
    ):
        return {Action[node.value.attr].value}
    if isinstance(node, ast.IfExp):
        return _keys_of(node.body) | _keys_of(node.orelse)
    raise UnreadableKey(ast.unparse(node))


def _is_record_call(node: ast.AST) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    return name == "record"


def recorded_keys(source: str, filename: str = "<source>") -> dict[str, list[str]]:
    """``{key: [where, ...]}`` for every ``record(...)`` call in ``source``; raises
    :class:`UnreadableKey` naming the place of a key it cannot read."""
    found: dict[str, list[str]] = {}
    for node in ast.walk(ast.parse(source, filename)):
        if not _is_record_call(node):
            continue
        where = f"{filename}:{node.lineno}"
        argument = node.args[1] if len(node.args) > 1 else next(
            (k.value for k in node.keywords if k.arg == "action"), None
        )
        if argument is None:
            raise UnreadableKey(f"{where}: no action key")
        try:
            keys = _keys_of(argument)
        except UnreadableKey as error:
            raise UnreadableKey(f"{where}: {error}") from None
        for key in keys:
            found.setdefault(key, []).append(where)
    return found


def keys_in_the_code() -> dict[str, list[str]]:
    """Every action key recorded anywhere under ``casework/``."""
    found: dict[str, list[str]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        relative = str(path.relative_to(SOURCE.parent))
        for key, places in recorded_keys(path.read_text("utf-8"), relative).items():
            found.setdefault(key, []).extend(places)
    return found


def test_the_scan_finds_the_audited_actions_of_every_area():
    places = [place for where in keys_in_the_code().values() for place in where]

    areas = {place.split("/")[1] for place in places}
    assert {"accounts", "cases", "documents", "mediators", "parties"} <= areas
    assert len(places) >= 30


def test_every_recorded_action_has_a_label():
    missing = {key: where for key, where in keys_in_the_code().items() if key not in AUDIT_LABELS}

    assert missing == {}, "add these keys to casework/audit/labels.py"


def test_every_label_belongs_to_a_recorded_action():
    unused = set(AUDIT_LABELS) - set(keys_in_the_code())

    assert unused == set(), "remove labels of actions nobody records"


def test_the_scan_reads_literal_enum_and_conditional_keys():
    source = (
        "record(actor, 'plain_key', 'Summary')\n"
        "log.record(actor, Action.SUBMIT.value, 'Summary')\n"
        "record(actor, Action.REJECT.value if rejected else 'other_key', 'Summary')\n"
        "_as_record(case)\n"
    )

    assert set(recorded_keys(source)) == {"plain_key", "submit", "reject", "other_key"}


@pytest.mark.parametrize("call", ["record(actor, key, 'Summary')", "record(actor)",
                                  "record(actor, f'{kind}_done', 'Summary')"])
def test_a_key_the_scan_cannot_read_fails(call):
    with pytest.raises(UnreadableKey, match="<source>:1"):
        recorded_keys(call)


def test_labels_are_translatable_and_unknown_keys_have_none():
    assert str(audit_label("acknowledge")) == "Filing acknowledged"
    assert audit_label("reminder") is None


def test_the_timeline_shows_the_label_actor_and_time_with_the_summary_as_detail(client, login):
    case = make_case(CaseState.FILED)
    registrar = make_user(Role.REGISTRAR, name="Rita Registrar")
    entry = record(registrar, Action.ACKNOWLEDGE_AND_COMMENCE.value,
                   "Filing acknowledged on 2026-11-02; mediation commenced", case=case)
    entry.at = datetime(2026, 11, 2, 1, 30, tzinfo=UTC)
    unlabelled = record(None, "reminder", "Reminder sent to the respondent", case=case)
    unlabelled.at = datetime(2026, 11, 3, 1, 30, tzinfo=UTC)
    viewer = make_user(Role.PARTY, organisation=case.claimant.organisation,
                       timezone="Europe/London")
    db.session.commit()
    login(viewer)

    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    timeline = page.split('id="timeline"')[1]
    acknowledged = timeline.split("<li")[2]

    assert "<strong>Filing acknowledged and mediation commenced</strong>" in acknowledged
    assert "Rita Registrar" in acknowledged
    assert "Nov 2, 2026, 1:30:00\u202fAM (Europe/London)" in acknowledged
    assert 'class="muted">Filing acknowledged on 2026-11-02; mediation commenced' in acknowledged
    reminder = timeline.split("<li")[1]  # newest first; no label: the summary stands in
    assert "<strong>Reminder sent to the respondent</strong>" in reminder
    assert "System" in reminder and 'class="muted"' not in reminder
