"""Confidential material reaches no one it is not for, by any route.

A case has a private submission from each side (a message and a document, each carrying a
unique marker in its message, its file's content and its file name), a private session (caucus)
with the claimant's side, scheduled and held through the hearing operations, whose minutes carry
a marker, and the mediator's private notes (one recorded with the session, one made directly;
a marker in their text). Every GET route in ``app.url_map`` is opened, with every id of
the kind its arguments name (and each viewer's own calendar-feed token), as each kind of
viewer. The other side, a registrar, an unassigned
mediator, a party of another case and anonymous users get no marker in any response; each side
gets exactly its own; the assigned mediator gets them all. The outbox (every column of every
queued e-mail) and ``flask casework cases --json`` carry none at all.
"""

from __future__ import annotations

import io
import itertools
import secrets
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa
from werkzeug.routing import IntegerConverter

from casework.accounts.models import Role
from casework.cases.models import CaseLanguage, CaseState, PartySide
from casework.db import now_utc
from casework.extensions import db
from casework.hearings.confidential_models import PrivateSubmission
from casework.hearings.models import HearingKind, MediatorNote, VenueKind
from casework.hearings.operations import (
    HearingPlan,
    Venue,
    create_feed_token,
    hold_first_session,
    schedule_hearing,
)
from casework.notifications.models import OutboxMessage
from casework.parties.models import Jurisdiction
from tests.factories import make_case, make_org, make_user
from tests.hearings.test_confidential import pdf_with

pytestmark = pytest.mark.usefixtures("quick_password_hashes", "store_dir")

VIEWERS = ("anonymous", "claimant", "respondent", "mediator", "assigned_mediator", "registrar",
           "other_party")


def _marker(label: str) -> str:
    return f"{label}-{uuid.uuid4().hex}"


@pytest.fixture()
def world(app):
    """The case with both sides' private submissions (sent through the page), a held caucus
    with the claimant's side and the mediator's notes; the viewers, and the markers each viewer
    may see."""
    claimant_org, respondent_org = make_org(), make_org(Jurisdiction.CN)
    claimant = make_user(Role.PARTY, organisation=claimant_org)
    respondent = make_user(Role.PARTY, organisation=respondent_org)
    assigned = make_user(Role.MEDIATOR)
    case = make_case(CaseState.MEDIATOR_APPOINTED, claimant_org=claimant_org,
                     respondent_org=respondent_org, claimant_user=claimant, mediator=assigned)
    other_case = make_case(CaseState.MEDIATOR_APPOINTED)
    viewers = {
        "anonymous": None,
        "claimant": claimant,
        "respondent": respondent,
        "mediator": make_user(Role.MEDIATOR),
        "assigned_mediator": assigned,
        "registrar": make_user(Role.REGISTRAR),
        "other_party": other_case.created_by,
    }
    markers = {side: {kind: _marker(f"{side}-{kind}") for kind in ("message", "file", "name")}
               for side in ("claimant", "respondent")}
    for side, sender in (("claimant", claimant), ("respondent", respondent)):
        client = app.test_client()
        with client.session_transaction() as session:
            session["_user_id"] = str(sender.id)
        response = client.post(f"/cases/{case.id}/private-submissions/new", data={
            "version": str(case.version),
            "message": f"Only for the mediator: {markers[side]['message']}",
            "files": [(io.BytesIO(pdf_with(markers[side]["file"])),
                       f"{markers[side]['name']}.pdf")],
        })
        assert response.status_code == 302, response.get_data(as_text=True)
    caucus, note = _marker("caucus-minutes"), _marker("note")
    _hold_private_session(case, claimant, minutes=f"Caucus: {caucus}",
                          private_notes=f"After the caucus: {note}")
    db.session.add(MediatorNote(case_id=case.id, author_id=assigned.id,
                                text=f"My private view: {note}"))
    feed_tokens = {viewer: create_feed_token(user, now=now_utc())
                   for viewer, user in viewers.items() if user is not None}
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(PrivateSubmission)) == 2
    claimants = set(markers["claimant"].values()) | {caucus}
    respondents = set(markers["respondent"].values())
    visible = {
        "claimant": claimants,
        "respondent": respondents,
        "assigned_mediator": claimants | respondents | {note},
    }
    return {
        "viewers": viewers,
        "feed_tokens": feed_tokens,
        "all_markers": claimants | respondents | {note},
        "visible": {viewer: visible.get(viewer, set()) for viewer in VIEWERS},
        "private_documents": [d.id for s in db.session.scalars(sa.select(PrivateSubmission))
                              for d in s.documents],
    }


def _hold_private_session(case, side_user, *, minutes: str, private_notes: str) -> None:
    """The mediator schedules a private session (caucus) with the claimant's side (its
    participants are e-mailed invitations) and, once it has started, records it as the first
    session held with ``minutes`` (the claimant's side and the mediator see them) and
    ``private_notes`` (the mediator's alone); the parties and the registry are e-mailed."""
    starts_at = now_utc().replace(microsecond=0) - timedelta(hours=1)
    plan = HearingPlan(
        kind=HearingKind.PRIVATE_SESSION, private_side=PartySide.CLAIMANT,
        starts_at=starts_at, ends_at=starts_at + timedelta(hours=2),
        venue=Venue(VenueKind.SINGAPORE, "Asia/Singapore", "Maxwell Chambers, Singapore"),
        language=CaseLanguage.EN,
    )
    hearing = schedule_hearing(case.mediator, case, plan, [side_user],
                               expected_version=case.version, now=starts_at - timedelta(days=7))
    hold_first_session(case.mediator, case, hearing, {case.mediator_id, side_user.id}, minutes,
                       private_notes, expected_version=case.version, now=now_utc())
    assert case.state == CaseState.IN_MEDIATION


def _ids_by_argument(app) -> dict[str, list[int]]:
    """For an argument ``<thing>_id``, the ids of the tables holding things (``things``,
    ``*_things``); for any other name, every id of every table."""
    ids_by_table = {
        table.name: sorted(db.session.scalars(sa.select(table.c.id)))
        for table in db.metadata.sorted_tables if "id" in table.c
    }
    every_id = sorted(set(itertools.chain.from_iterable(ids_by_table.values())))

    def ids_for(argument: str) -> list[int]:
        thing = argument.removesuffix("_id")
        plural = f"{thing[:-1]}ies" if thing.endswith("y") else f"{thing}s"
        named = [ids for name, ids in ids_by_table.items()
                 if name == plural or name.endswith(f"_{plural}")]
        return sorted(set(itertools.chain.from_iterable(named))) if named else every_id

    return {
        argument: ids_for(argument)
        for rule in app.url_map.iter_rules() for argument in rule.arguments
    }


def _urls(app, own_token: str | None) -> list[str]:
    """Every GET route with every combination of candidate values for its arguments (for a
    secret token: a made-up one and the viewer's own calendar-feed token)."""
    ids = _ids_by_argument(app)
    urls = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods:
            continue
        choices = {}
        for argument in rule.arguments:
            if argument == "filename":
                choices[argument] = ["css/app.css"]
            elif isinstance(rule._converters[argument], IntegerConverter):
                choices[argument] = ids[argument]
            else:
                choices[argument] = [secrets.token_urlsafe(16), *filter(None, [own_token])]
        names = sorted(choices)
        for values in itertools.product(*(choices[name] for name in names)):
            with app.test_request_context():
                urls.append(app.url_for(rule.endpoint, **dict(zip(names, values, strict=True))))
    return urls


def _signed_in_client(app, user):
    client = app.test_client()
    if user is not None:
        with client.session_transaction() as session:
            session["_user_id"] = str(user.id)
            session["_fresh"] = True
    return client


def _exposed(response, markers: set[str]) -> set[str]:
    """The markers found in the response's body or headers."""
    body = response.get_data()
    headers = str(response.headers).encode()
    return {marker for marker in markers if marker.encode() in body or marker.encode() in headers}


@pytest.mark.parametrize("viewer", VIEWERS)
def test_no_route_shows_confidential_material_to_anyone_it_is_not_for(app, world, viewer):
    client = _signed_in_client(app, world["viewers"][viewer])
    allowed = world["visible"][viewer]
    forbidden = world["all_markers"] - allowed
    urls = _urls(app, world["feed_tokens"].get(viewer))
    leaks, seen = [], set()
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        found = _exposed(response, world["all_markers"])
        leaks.extend(f"{url}: {marker}" for marker in found & forbidden)
        seen |= found
        db.session.rollback()

    assert len(urls) > 40
    assert leaks == []
    # The material is there to be seen by those it is for (so this test can fail).
    assert seen == allowed


@pytest.mark.parametrize("viewer", ["respondent", "mediator", "registrar", "other_party"])
def test_the_other_side_and_outsiders_cannot_download_a_private_document(app, world, viewer):
    client = _signed_in_client(app, world["viewers"][viewer])
    claimants_document = world["private_documents"][0]
    response = client.get(f"/documents/{claimants_document}/download")
    assert response.status_code in (403, 404)


def test_anonymous_users_are_sent_to_sign_in_for_a_private_document(app, world):
    response = app.test_client().get(f"/documents/{world['private_documents'][0]}/download")
    assert response.status_code == 302
    assert "/login" in response.headers["Location"]


def test_no_email_carries_confidential_material(world):
    outbox = [table for table in db.metadata.sorted_tables if table.name.startswith("outbox")]
    assert outbox
    rows = [row for table in outbox for row in db.session.execute(sa.select(table)).all()]
    kinds = db.session.scalars(sa.select(OutboxMessage.kind)).all()

    assert kinds.count("private_submission_received") == 2  # one per submission, to the mediator
    assert len(kinds) > 2  # and the caucus's invitations and the first-session notices
    for row in rows:
        text = " ".join(
            value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
            for value in row
        )
        assert not [marker for marker in world["all_markers"] if marker in text]


def test_the_cases_command_exports_no_confidential_material(runner, world):
    result = runner.invoke(args=["casework", "cases", "--json"])

    assert result.exit_code == 0
    assert '"state": "mediator_appointed"' in result.output
    assert not [marker for marker in world["all_markers"] if marker in result.output]
