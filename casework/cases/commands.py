"""Operator commands of the cases area: ``flask --app app casework cases``."""

from __future__ import annotations

import json

import click

from casework.cases import queries
from casework.cases.models import Case, CaseState


def register(group) -> None:
    """Add this area's commands to the ``casework`` command group."""
    group.add_command(list_cases)


@click.command("cases")
@click.option(
    "--state",
    type=click.Choice([state.value for state in CaseState]),
    help="Only cases in this state.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array instead of lines.")
def list_cases(state: str | None, as_json: bool) -> None:
    """List cases: reference (or draft number), state, claimant v respondent."""
    cases = queries.cases_for_listing(CaseState(state) if state else None)
    if as_json:
        click.echo(json.dumps([_as_record(case) for case in cases], ensure_ascii=False, indent=2))
        return
    for case in cases:
        record = _as_record(case)
        label = case.reference or f"draft #{case.id}"
        click.echo(f"{label}\t{case.state.value}\t{record['claimant']} v {record['respondent']}")


def _as_record(case: Case) -> dict:
    """The case as plain values for output."""
    return {
        "id": case.id,
        "reference": case.reference,
        "state": case.state.value,
        "claimant": _party_name(case.claimant),
        "respondent": _party_name(case.respondent),
        "submitted_at": case.submitted_at.isoformat() if case.submitted_at else None,
    }


def _party_name(party) -> str:
    """The party's registered English name (or its Chinese one; "—" if not recorded)."""
    if party is None:
        return "—"
    return party.organisation.name_en or party.organisation.name_zh
