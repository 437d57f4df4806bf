"""Private submissions to the mediator: sending one, what is stored, audited and e-mailed, and
who sees it on the pages that show it (the walk over every route is in
``test_confidential_walk.py``)."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
import sqlalchemy as sa

from casework.accounts.models import Locale, Role, User
from casework.audit.log import record
from casework.audit.models import AuditEntry
from casework.cases.models import Case, CaseState, PartySide
from casework.documents.models import Document
from casework.documents.operations import replace_document, withdraw_document
from casework.documents.permissions import can_view_document
from casework.errors import IllegalTransition, InvalidInput, NotPermitted
from casework.extensions import db
from casework.hearings.confidential import (
    AttachedFile,
    private_submissions_for,
    send_private_submission,
)
from casework.hearings.confidential_models import PrivateSubmission
from casework.hearings.confidential_permissions import (
    can_view_mediator_notes,
    can_view_private_submission,
)
from casework.hearings.models import MediatorNote
from casework.notifications.models import OutboxMessage
from casework.parties.models import Jurisdiction
from tests.factories import make_case, make_org, make_user, stored_files

pytestmark = pytest.mark.usefixtures("quick_password_hashes", "store_dir")

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
BANNER = "Confidential — seen only by the mediator and your side"


def pdf_with(marker: str) -> bytes:
    """A PDF whose body contains ``marker``."""
    return PDF.replace(b"%%EOF", f"% {marker}\n%%EOF".encode())


@dataclass
class People:
    """A case with an assigned mediator and everyone around it."""

    case: Case
    claimant: User
    respondent: User
    mediator: User
    other_mediator: User
    registrar: User
    other_party: User


def make_people(state: CaseState = CaseState.MEDIATOR_APPOINTED, **mediator_fields) -> People:
    """The case (``mediator_appointed`` by default) with a mediator assigned in any state."""
    claimant_org, respondent_org = make_org(), make_org(Jurisdiction.CN)
    claimant = make_user(Role.PARTY, organisation=claimant_org)
    respondent = make_user(Role.PARTY, organisation=respondent_org)
    mediator = make_user(Role.MEDIATOR, **mediator_fields)
    case = make_case(state, claimant_org=claimant_org, respondent_org=respondent_org,
                     claimant_user=claimant, mediator=mediator)
    case.mediator_id = mediator.id
    other_case = make_case(CaseState.MEDIATOR_APPOINTED)
    people = People(case, claimant, respondent, mediator, make_user(Role.MEDIATOR),
                    make_user(Role.REGISTRAR), other_case.created_by)
    db.session.commit()
    return people


def count(model) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


def new_url(case) -> str:
    return f"/cases/{case.id}/private-submissions/new"


def list_url(case) -> str:
    return f"/cases/{case.id}/private-submissions"


# Sending ------------------------------------------------------------------------------------


def test_a_party_sends_a_message_and_documents_to_the_mediator(client, login):
    people = make_people(locale=Locale.ZH)
    case = people.case
    version = case.version
    login(people.claimant)

    form = client.get(new_url(case))
    response = client.post(new_url(case), data={
        "version": str(version),
        "message": "Our bottom line is SGD 180,000.",
        "files": [(io.BytesIO(PDF), "bottom-line.pdf"), (io.BytesIO(PDF), "draft-terms.pdf")],
    })

    assert form.status_code == 200
    assert BANNER in form.get_data(as_text=True)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(list_url(case))
    db.session.expire_all()
    (submission,) = db.session.scalars(sa.select(PrivateSubmission)).all()
    assert (submission.case_id, submission.side, submission.author_id, submission.message) == (
        case.id, PartySide.CLAIMANT, people.claimant.id, "Our bottom line is SGD 180,000.",
    )
    assert [d.filename for d in submission.documents] == ["bottom-line.pdf", "draft-terms.pdf"]
    assert all(d.case_id == case.id for d in submission.documents)
    # Sending changes nothing on the case row: the other side's forms do not turn stale.
    assert case.version == version


def test_the_audit_entries_record_the_sending_but_not_the_content(client, login):
    people = make_people()
    login(people.claimant)
    client.post(new_url(people.case), data={
        "version": str(people.case.version), "message": "Secret offer of SGD 180,000.",
        "files": [(io.BytesIO(PDF), "secret-offer.pdf")],
    })

    entries = db.session.scalars(sa.select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.actor_id) for e in entries] == [
        ("private_document_attached", people.claimant.id),
        ("private_submission_sent", people.claimant.id),
    ]
    for entry in entries:
        recorded = f"{entry.summary} {entry.changes}"
        assert "180,000" not in recorded
        assert "secret-offer" not in recorded
        assert entry.changes["side"] == "claimant"


def test_the_mediator_is_emailed_in_their_language_without_the_content(client, login):
    people = make_people(locale=Locale.ZH)
    login(people.respondent)
    client.post(new_url(people.case), data={
        "version": str(people.case.version), "message": "We can pay in two instalments.",
        "files": [(io.BytesIO(PDF), "instalments.pdf")],
    })

    (message,) = db.session.scalars(sa.select(OutboxMessage)).all()
    assert (message.kind, message.recipient, message.locale) == (
        "private_submission_received", people.mediator.email, "zh_Hans",
    )
    assert people.case.reference in message.subject
    assert f"/cases/{people.case.id}/private-submissions" in message.body
    for secret in ("instalments", "two instalments"):
        assert secret not in message.subject + message.body


def test_a_message_alone_or_documents_alone_are_enough(app):
    people = make_people()
    with app.test_request_context():
        by_message = send_private_submission(people.claimant, people.case, "  Only words.  ",
                                             expected_version=people.case.version)
        by_document = send_private_submission(
            people.respondent, people.case, "", [AttachedFile(io.BytesIO(PDF), "a.pdf")],
            expected_version=people.case.version,
        )
    assert (by_message.message, by_message.documents) == ("Only words.", [])
    assert (by_document.message, [d.filename for d in by_document.documents]) == ("", ["a.pdf"])
    assert by_document.side == PartySide.RESPONDENT


def test_neither_message_nor_document_is_refused_and_stores_nothing(client, login, store_dir):
    people = make_people()
    login(people.claimant)

    response = client.post(new_url(people.case), data={
        "version": str(people.case.version), "message": "   ",
        "files": [(io.BytesIO(b""), "")],  # what a browser sends when no file is chosen
    })

    assert response.status_code == 422
    assert ("Message to the mediator: Write a message to the mediator or attach at least one "
            "document.") in response.get_data(as_text=True)
    assert (count(PrivateSubmission), count(Document), count(AuditEntry),
            count(OutboxMessage)) == (0, 0, 0, 0)
    assert stored_files(store_dir) == []


def test_the_operation_refuses_an_empty_submission_too(app):
    people = make_people()
    with app.test_request_context(), pytest.raises(InvalidInput):
        send_private_submission(people.claimant, people.case, " \n ",
                                expected_version=people.case.version)


def test_a_refused_file_stores_nothing(client, login, store_dir):
    people = make_people()
    login(people.claimant)

    response = client.post(new_url(people.case), data={
        "version": str(people.case.version), "message": "See the attachments.",
        "files": [(io.BytesIO(PDF), "fine.pdf"), (io.BytesIO(b"<html></html>"), "page.pdf")],
    })

    assert response.status_code == 422
    assert "page.pdf" in response.get_data(as_text=True)
    db.session.expire_all()
    assert (count(PrivateSubmission), count(Document), count(AuditEntry),
            count(OutboxMessage)) == (0, 0, 0, 0)
    assert stored_files(store_dir) == []


@pytest.mark.parametrize("state", [CaseState.COMMENCED, CaseState.SETTLED, CaseState.WITHDRAWN])
def test_sending_in_the_wrong_state_is_409(client, login, store_dir, state):
    people = make_people(state)
    login(people.claimant)

    form = client.get(new_url(people.case))
    response = client.post(new_url(people.case), data={
        "version": str(people.case.version), "message": "Too late or too early.",
        "files": [(io.BytesIO(PDF), "x.pdf")],
    })

    assert form.status_code == 409
    assert response.status_code == 409
    assert (count(PrivateSubmission), count(Document)) == (0, 0)
    assert stored_files(store_dir) == []


def test_a_stale_form_is_409(client, login):
    people = make_people()
    login(people.claimant)
    version = people.case.version
    people.case.mediator_attributes = "Changed meanwhile."
    db.session.commit()

    response = client.post(new_url(people.case), data={"version": str(version), "message": "Hi"})

    assert response.status_code == 409
    assert count(PrivateSubmission) == 0


@pytest.mark.parametrize("who", ["mediator", "registrar", "other_mediator", "other_party"])
def test_only_the_parties_may_send(client, login, who):
    people = make_people()
    login(getattr(people, who))

    form = client.get(new_url(people.case))
    response = client.post(new_url(people.case), data={
        "version": str(people.case.version), "message": "Let me in."
    })

    assert form.status_code == 403
    assert response.status_code == 403
    assert count(PrivateSubmission) == 0


def test_the_operation_refuses_the_registrar(app):
    people = make_people()
    with app.test_request_context(), pytest.raises(NotPermitted):
        send_private_submission(people.registrar, people.case, "x",
                                expected_version=people.case.version)


def test_the_operation_refuses_a_wrong_state(app):
    people = make_people(CaseState.NOT_SETTLED)
    with app.test_request_context(), pytest.raises(IllegalTransition):
        send_private_submission(people.claimant, people.case, "x",
                                expected_version=people.case.version)


def test_the_side_is_the_senders_own_whatever_the_form_says(client, login):
    people = make_people()
    login(people.respondent)

    client.post(new_url(people.case), data={
        "version": str(people.case.version), "message": "Posing as the claimant.",
        "side": "claimant",
    })

    (submission,) = db.session.scalars(sa.select(PrivateSubmission)).all()
    assert submission.side == PartySide.RESPONDENT
    login(people.claimant)
    assert "Posing as the claimant." not in client.get(list_url(people.case)).get_data(
        as_text=True
    )


# Seeing ---------------------------------------------------------------------------------------


def send_both(app, people: People) -> tuple[PrivateSubmission, PrivateSubmission]:
    """One private submission from each side, each with a document; committed."""
    with app.test_request_context():
        from_claimant = send_private_submission(
            people.claimant, people.case, "Claimant's secret",
            [AttachedFile(io.BytesIO(pdf_with("claimant-doc")), "claimant-secret.pdf")],
            expected_version=people.case.version,
        )
        from_respondent = send_private_submission(
            people.respondent, people.case, "Respondent's secret",
            [AttachedFile(io.BytesIO(pdf_with("respondent-doc")), "respondent-secret.pdf")],
            expected_version=people.case.version,
        )
    db.session.commit()
    return from_claimant, from_respondent


def test_the_policy_lets_only_the_mediator_and_the_submitting_side_see(app):
    people = make_people()
    from_claimant, from_respondent = send_both(app, people)
    (claimant_document,) = from_claimant.documents
    expected = {
        "claimant": (True, False),
        "respondent": (False, True),
        "mediator": (True, True),
        "other_mediator": (False, False),
        "registrar": (False, False),
        "other_party": (False, False),
    }
    for who, (sees_claimants, sees_respondents) in expected.items():
        user = getattr(people, who)
        assert can_view_private_submission(user, from_claimant) is sees_claimants, who
        assert can_view_private_submission(user, from_respondent) is sees_respondents, who
        assert can_view_document(user, claimant_document) is sees_claimants, who
        assert can_view_mediator_notes(user, people.case) is (who == "mediator"), who
    assert not can_view_private_submission(None, from_claimant)


def test_an_inactive_user_of_the_side_sees_nothing(app):
    people = make_people()
    from_claimant, _ = send_both(app, people)
    people.claimant.active = False
    db.session.commit()
    assert not can_view_private_submission(people.claimant, from_claimant)
    assert private_submissions_for(people.claimant, people.case) == []


def test_the_list_page_shows_each_side_its_own_and_the_mediator_both(app, client, login):
    people = make_people()
    send_both(app, people)

    pages = {}
    for who in ("claimant", "respondent", "mediator"):
        login(getattr(people, who))
        response = client.get(list_url(people.case))
        assert response.status_code == 200, who
        pages[who] = response.get_data(as_text=True)

    assert "Claimant&#39;s secret" in pages["claimant"]
    assert "claimant-secret.pdf" in pages["claimant"]
    assert "Respondent&#39;s secret" not in pages["claimant"]
    assert "Respondent&#39;s secret" in pages["respondent"]
    assert "Claimant&#39;s secret" not in pages["respondent"]
    assert BANNER in pages["claimant"]
    for text in ("Claimant&#39;s secret", "Respondent&#39;s secret",
                 "claimant-secret.pdf", "respondent-secret.pdf"):
        assert text in pages["mediator"]


@pytest.mark.parametrize("who", ["registrar", "other_mediator", "other_party"])
def test_the_list_page_is_closed_to_everyone_else(app, client, login, who):
    people = make_people()
    send_both(app, people)
    login(getattr(people, who))
    assert client.get(list_url(people.case)).status_code == 403


def test_downloads_of_private_documents(app, client, login):
    people = make_people()
    from_claimant, _ = send_both(app, people)
    url = f"/documents/{from_claimant.documents[0].id}/download"

    for who, status in (("claimant", 200), ("mediator", 200), ("respondent", 404),
                        ("registrar", 404), ("other_mediator", 403), ("other_party", 403)):
        login(getattr(people, who))
        response = client.get(url)
        assert response.status_code == status, who
        assert (b"claimant-doc" in response.data) is (status == 200), who


@pytest.mark.parametrize("who", ["claimant", "respondent", "registrar"])
def test_private_documents_cannot_be_replaced_or_withdrawn(app, client, login, who):
    people = make_people()
    from_claimant, _ = send_both(app, people)
    document = from_claimant.documents[0]
    login(getattr(people, who))
    expected = 403 if who == "claimant" else 404

    replace_form = client.get(f"/documents/{document.id}/replace")
    replace = client.post(f"/documents/{document.id}/replace", data={
        "version": str(people.case.version), "circulation": "case_file",
        "file": (io.BytesIO(PDF), "other.pdf"),
    })
    withdraw = client.post(f"/documents/{document.id}/withdraw", data={
        "version": str(people.case.version), "reason": "Mine now.",
    })

    assert (replace_form.status_code, replace.status_code, withdraw.status_code) == (
        expected, expected, expected,
    )
    db.session.expire_all()
    assert document.withdrawn_at is None
    assert count(Document) == 2


def test_the_operations_refuse_to_replace_or_withdraw_a_private_document(app):
    people = make_people()
    from_claimant, _ = send_both(app, people)
    document = from_claimant.documents[0]
    with app.test_request_context():
        with pytest.raises(NotPermitted):
            replace_document(people.claimant, document, io.BytesIO(PDF), "v2.pdf",
                             expected_version=people.case.version)
        with pytest.raises(NotPermitted):
            withdraw_document(people.claimant, document, "Changed my mind.",
                              expected_version=people.case.version)
    assert document.withdrawn_at is None


def test_the_case_documents_and_the_receipt_leave_private_documents_out(app, client, login):
    people = make_people()
    send_both(app, people)
    login(people.claimant)

    case_page = client.get(f"/cases/{people.case.id}").get_data(as_text=True)
    receipt = client.get(f"/cases/{people.case.id}/receipt").get_data(as_text=True)

    documents_section = case_page.split('class="card case-documents"')[1].split("</section>")[0]
    assert "No documents yet." in documents_section
    assert "claimant-secret.pdf" not in documents_section
    assert "claimant-secret.pdf" in case_page  # in the confidential section instead
    assert "claimant-secret.pdf" not in receipt


def timeline_actions(page: str) -> list[str]:
    timeline = page.split('id="timeline"')[1]
    return [part.split('"')[0] for part in timeline.split('data-action="')[1:]]


def test_the_timeline_shows_confidential_entries_only_to_those_who_may_see_them(
    app, client, login
):
    people = make_people()
    send_both(app, people)

    seen = {}
    for who in ("claimant", "respondent", "mediator", "registrar"):
        login(getattr(people, who))
        seen[who] = timeline_actions(client.get(f"/cases/{people.case.id}").get_data(as_text=True))

    assert seen["claimant"].count("private_submission_sent") == 1
    assert seen["claimant"].count("private_document_attached") == 1
    assert seen["respondent"].count("private_submission_sent") == 1
    assert seen["mediator"].count("private_submission_sent") == 2
    assert seen["mediator"].count("private_document_attached") == 2
    assert "private_submission_sent" not in seen["registrar"]
    assert "private_document_attached" not in seen["registrar"]


def test_the_timeline_shows_a_private_note_entry_to_the_mediator_alone(client, login):
    people = make_people()
    record(people.mediator, "mediator_note_added", "The mediator added a private note",
           case=people.case)
    db.session.commit()

    seen = {}
    for who in ("claimant", "respondent", "mediator", "registrar"):
        login(getattr(people, who))
        seen[who] = timeline_actions(client.get(f"/cases/{people.case.id}").get_data(as_text=True))

    assert [who for who, actions in seen.items() if "mediator_note_added" in actions] == [
        "mediator"
    ]


def test_the_case_page_section_for_a_party_and_for_the_mediator(app, client, login):
    people = make_people()
    send_both(app, people)
    db.session.add(MediatorNote(case_id=people.case.id, author_id=people.mediator.id,
                                text="Claimant seems flexible on timing."))
    db.session.commit()

    login(people.claimant)
    party_page = client.get(f"/cases/{people.case.id}").get_data(as_text=True)
    login(people.mediator)
    mediator_page = client.get(f"/cases/{people.case.id}").get_data(as_text=True)
    login(people.registrar)
    registrar_page = client.get(f"/cases/{people.case.id}").get_data(as_text=True)

    assert BANNER in party_page
    assert f'href="{new_url(people.case)}"' in party_page
    assert "Claimant&#39;s secret" in party_page
    assert "Respondent&#39;s secret" not in party_page
    assert "Claimant seems flexible" not in party_page
    assert "Your private notes" not in party_page
    for text in ("Claimant&#39;s secret", "Respondent&#39;s secret",
                 "Claimant seems flexible on timing.", "Your private notes"):
        assert text in mediator_page
    assert f'href="{new_url(people.case)}"' not in mediator_page
    assert 'class="card confidential"' not in registrar_page
