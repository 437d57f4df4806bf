"""The generated-documents pages: list every version, generate and generate again (registrar),
download, revoke; who may do what; the unsigned notice; the case page's section."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest
import sqlalchemy as sa
from markupsafe import escape

from casework.accounts.models import Role
from casework.audit.models import AuditEntry
from casework.cases.models import CaseState
from casework.documents.generated.operations import (
    record_generated_document,
    revoke_generated_document,
)
from casework.documents.generated_models import (
    GeneratedDocument,
    GeneratedDocumentKind,
    GeneratedDocumentStatus,
    new_verification_code,
)
from casework.documents.storage import current_store
from casework.extensions import db
from tests.documents.conftest import stored_files
from tests.factories import make_case, make_org, make_user
from tests.settlement.helpers import settled_scene, signed_scene
from tests.settlement.samples import VALID_TERMS

AGREEMENT = GeneratedDocumentKind.SETTLEMENT_AGREEMENT
AWARD = GeneratedDocumentKind.CONSENT_AWARD_DRAFT
UNSIGNED = "Unsigned — no signing certificate is configured"


def record(registrar, case, kind=AGREEMENT, body=b"agreement", signed_by=None):
    """A generated document recorded without rendering (the pages only read the record)."""
    document = record_generated_document(
        registrar, case, kind, b"%PDF-1.7\n" + body + b"\n%%EOF\n",
        verification_code=new_verification_code(),
        template=f"documents/pdf/{kind.value}.html", template_version="1",
        snapshot={"kind": kind.value}, signed_by=signed_by,
    )
    db.session.commit()
    return document


def saved(user):
    """``user``, committed (a refused request rolls back whatever the test left uncommitted)."""
    db.session.commit()
    return user


def generated(case_id=None) -> list[GeneratedDocument]:
    query = db.select(GeneratedDocument).order_by(GeneratedDocument.id)
    if case_id is not None:
        query = query.filter_by(case_id=case_id)
    return list(db.session.scalars(query))


def text(response) -> str:
    return response.get_data(as_text=True)


def generate(client, case, kind: str, version=None):
    return client.post(f"/cases/{case.id}/generated-documents", data={
        "kind": kind, "version": str(case.version if version is None else version),
    })


@pytest.fixture()
def registrar():
    return make_user(Role.REGISTRAR, name="Registrar Ong")


@pytest.fixture()
def signed():
    """A case in settlement_signed whose approved terms are enforceable."""
    return signed_scene()


@pytest.fixture()
def case(registrar):
    """A case in settlement_signed with both documents recorded: the agreement in version 2
    (version 1 superseded), the draft award revoked."""
    case = make_case(CaseState.SETTLEMENT_SIGNED)
    record(registrar, case, AGREEMENT, b"agreement one")
    record(registrar, case, AGREEMENT, b"agreement two")
    award = record(registrar, case, AWARD, b"award")
    revoke_generated_document(registrar, award, "Wrong arbitration clause quoted.")
    db.session.commit()
    return case


# Listing -------------------------------------------------------------------------------------


def test_the_page_lists_every_version_with_its_status_and_signature(client, login, case):
    login(case.created_by)
    first, second, award = generated(case.id)

    response = client.get(f"/cases/{case.id}/generated-documents")

    assert response.status_code == 200
    page = text(response)
    assert "Settlement Agreement" in page and "Draft Consent Award" in page
    for document, status in ((first, "superseded"), (second, "current"), (award, "revoked")):
        assert f'data-status="{status}" data-document-id="{document.id}"' in page
    assert "Superseded by version 2 on" in page
    assert ("Revoked by Registrar Ong on" in page
            and "Wrong arbitration clause quoted." in page)
    for document in (first, second, award):
        assert document.sha256 in page
        assert f'href="/verify/{document.verification_code}"' in page
        assert f'href="/generated-documents/{document.id}"' in page
    assert page.count(UNSIGNED) == 3
    assert "Registrar Ong" in page
    # a party neither generates nor revokes
    assert "data-generate=" not in page and "/revoke" not in page


def test_times_are_shown_in_the_viewers_zone(client, login, case):
    viewer = login(saved(make_user(Role.REGISTRAR, timezone="Europe/London")))
    page = text(client.get(f"/cases/{case.id}/generated-documents"))
    assert viewer.timezone == "Europe/London"
    assert "(Europe/London)" in page and "(Asia/Singapore)" not in page


def test_a_signed_document_names_its_signer(client, login, registrar):
    case = make_case(CaseState.SETTLEMENT_SIGNED)
    record(registrar, case, signed_by="SIMC Registry Signing Certificate")
    login(case.created_by)
    page = text(client.get(f"/cases/{case.id}/generated-documents"))
    assert "Signed by SIMC Registry Signing Certificate" in page
    assert UNSIGNED not in page


def test_the_registrar_sees_a_generate_button_per_kind(client, login, signed):
    login(signed.registrar)
    response = client.get(f"/cases/{signed.case.id}/generated-documents")
    assert response.status_code == 200
    page = text(response)
    assert 'data-generate="settlement_agreement"' in page
    assert 'data-generate="consent_award_draft"' in page
    assert f'name="version" type="hidden" value="{signed.case.version}"' in page
    assert "Generate the Settlement Agreement" in page
    assert "documents generated now will be unsigned" in page


def test_regenerating_is_announced_as_superseding(client, login, signed):
    record(signed.registrar, signed.case)
    login(signed.registrar)
    page = text(client.get(f"/cases/{signed.case.id}/generated-documents"))
    assert "Generate version 2" in page
    assert "Generating again supersedes the current version 1" in page


def test_no_generate_button_once_the_case_moved_on(client, login, registrar, case):
    case.state = CaseState.WITHDRAWN
    db.session.commit()
    login(registrar)
    page = text(client.get(f"/cases/{case.id}/generated-documents"))
    assert "data-generate=" not in page
    assert page.count("/generated-documents/") >= 3  # the records are still listed


# Generating ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [AGREEMENT, AWARD])
def test_the_registrar_generates_a_document(client, login, signed, store_dir, kind):
    login(signed.registrar)

    response = generate(client, signed.case, kind.value)

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{signed.case.id}/generated-documents")
    [document] = generated(signed.case.id)
    assert (document.kind, document.version_number, document.status) == (
        kind, 1, GeneratedDocumentStatus.CURRENT)
    assert document.generated_by_id == signed.registrar.id
    with current_store().open(document.sha256) as stored:
        content = stored.read()
    assert content.startswith(b"%PDF-") and hashlib.sha256(content).hexdigest() == document.sha256
    assert db.session.scalar(sa.select(AuditEntry).filter_by(
        action="generated_document_issued", case_id=signed.case.id)) is not None
    page = text(client.get(response.headers["Location"]))
    assert "Version 1 of the" in page and document.verification_code in page


def test_generating_again_supersedes_the_current_version(client, login, signed):
    earlier = record(signed.registrar, signed.case)
    login(signed.registrar)

    response = generate(client, signed.case, AGREEMENT.value)

    assert response.status_code == 302
    db.session.expire_all()
    first, second = generated(signed.case.id)
    assert first.id == earlier.id and first.status == GeneratedDocumentStatus.SUPERSEDED
    assert first.superseded_by_id == second.id
    assert (second.version_number, second.status) == (2, GeneratedDocumentStatus.CURRENT)
    assert "Superseded by a later version" in text(client.get(f"/verify/{first.verification_code}"))


def test_a_rendering_refusal_is_a_clear_page_and_records_nothing(client, login, store_dir):
    """Approved terms with a character no document font can draw: the renderer refuses
    (missing glyphs); the page names it and nothing is recorded or stored."""
    scene = signed_scene(replace(VALID_TERMS, costs_en="Each party bears its own costs 𓀀."))
    login(scene.registrar)
    audit_before = db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry))

    response = generate(client, scene.case, AGREEMENT.value)

    assert response.status_code == 422
    page = text(response)
    assert "The document was not generated" in page
    assert "could not be generated and nothing was recorded" in page
    assert "𓀀" in page
    assert generated() == []
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEntry)) == audit_before
    assert stored_files(store_dir) == []


def test_an_unknown_kind_is_refused_by_name(client, login, signed, store_dir):
    login(signed.registrar)
    response = generate(client, signed.case, "referral")
    assert response.status_code == 422
    assert "Document: This is not a document the registry generates." in text(response)
    assert generated() == [] and stored_files(store_dir) == []


def test_a_stale_form_is_refused(client, login, signed, store_dir):
    login(signed.registrar)
    response = generate(client, signed.case, AGREEMENT.value, version=signed.case.version - 1)
    assert response.status_code == 409
    assert "changed by someone else" in text(response)
    assert generated() == [] and stored_files(store_dir) == []


def test_generating_before_every_party_approved_is_refused(client, login, store_dir):
    scene = settled_scene()
    login(scene.registrar)
    response = generate(client, scene.case, AGREEMENT.value)
    assert response.status_code == 409
    assert "is not possible while the case is" in text(response)
    assert generated() == [] and stored_files(store_dir) == []


@pytest.mark.parametrize("who", ["claimant", "respondent", "mediator"])
def test_only_the_registrar_generates(client, login, signed, store_dir, who):
    login(getattr(signed, who))
    assert client.get(f"/cases/{signed.case.id}/generated-documents").status_code == 200
    assert generate(client, signed.case, AGREEMENT.value).status_code == 403
    assert generated() == [] and stored_files(store_dir) == []


def test_outsiders_do_not_see_the_page(client, login, case):
    login(make_case(CaseState.SETTLEMENT_SIGNED).created_by)
    assert client.get(f"/cases/{case.id}/generated-documents").status_code == 403
    login(saved(make_user(Role.MEDIATOR)))
    assert client.get(f"/cases/{case.id}/generated-documents").status_code == 403
    assert client.get("/cases/999999/generated-documents").status_code == 404


# Downloading ---------------------------------------------------------------------------------


def test_a_party_downloads_the_pdf_as_an_attachment(client, login, case):
    document = generated(case.id)[1]
    login(saved(make_user(Role.PARTY, organisation=case.respondent.organisation)))

    response = client.get(f"/generated-documents/{document.id}")

    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"{case.reference}-settlement_agreement-v2.pdf" in disposition
    body = response.get_data()
    with current_store().open(document.sha256) as stored:
        assert body == stored.read()
    assert hashlib.sha256(body).hexdigest() == document.sha256


def test_superseded_and_revoked_versions_stay_downloadable_by_the_case(client, login, case):
    login(case.created_by)
    for document in generated(case.id):
        assert client.get(f"/generated-documents/{document.id}").status_code == 200


def test_outsiders_cannot_download(client, login, case):
    document = generated(case.id)[1]
    assert client.get(f"/generated-documents/{document.id}").status_code == 302  # sign in
    login(saved(make_user(Role.PARTY, organisation=make_org())))
    assert client.get(f"/generated-documents/{document.id}").status_code == 403
    login(saved(make_user(Role.MEDIATOR)))
    assert client.get(f"/generated-documents/{document.id}").status_code == 403
    assert client.get("/generated-documents/999999").status_code == 404


# Revoking ------------------------------------------------------------------------------------


def test_the_registrar_revokes_with_a_reason(client, login, registrar, case):
    document = generated(case.id)[1]
    login(registrar)

    response = client.post(f"/generated-documents/{document.id}/revoke",
                           data={"reason": "Superseded by a signed paper original."})

    assert response.status_code == 302
    db.session.expire_all()
    assert document.status == GeneratedDocumentStatus.REVOKED
    assert document.revoked_by_id == registrar.id
    page = text(client.get(response.headers["Location"]))
    assert f'data-status="revoked" data-document-id="{document.id}"' in page
    assert "Superseded by a signed paper original." in page
    verification = text(client.get(f"/verify/{document.verification_code}"))
    assert "verification-status-revoked" in verification and "Revoked" in verification
    entry = db.session.scalar(sa.select(AuditEntry).filter_by(
        action="generated_document_revoked", case_id=case.id).order_by(AuditEntry.id.desc()))
    assert entry.changes["reason"] == "Superseded by a signed paper original."


def test_revoking_needs_a_reason(client, login, registrar, case):
    document = generated(case.id)[1]
    login(registrar)
    response = client.post(f"/generated-documents/{document.id}/revoke", data={"reason": "  "})
    assert response.status_code == 422
    assert (str(escape("Reason for revoking: Give the reason for revoking the document."))
            in text(response))
    db.session.expire_all()
    assert document.status == GeneratedDocumentStatus.CURRENT


def test_revoking_twice_is_refused(client, login, registrar, case):
    award = generated(case.id)[2]
    login(registrar)
    response = client.post(f"/generated-documents/{award.id}/revoke",
                           data={"reason": "Again."})
    assert response.status_code == 409
    assert "already been revoked" in text(response)
    db.session.expire_all()
    assert award.revocation_reason == "Wrong arbitration clause quoted."


def test_only_the_registrar_revokes(client, login, case):
    document = generated(case.id)[1]
    mediator = make_user(Role.MEDIATOR)
    case.mediator_id = mediator.id
    db.session.commit()
    for user in (case.created_by, mediator):
        login(user)
        response = client.post(f"/generated-documents/{document.id}/revoke",
                               data={"reason": "Not mine to revoke."})
        assert response.status_code == 403
    login(saved(make_user(Role.REGISTRAR)))
    assert client.post("/generated-documents/999999/revoke",
                       data={"reason": "Unknown."}).status_code == 404
    db.session.expire_all()
    assert document.status == GeneratedDocumentStatus.CURRENT


# The case page -------------------------------------------------------------------------------


def test_the_case_page_lists_the_current_documents(client, login, registrar, case):
    first, second, award = generated(case.id)
    login(case.created_by)
    page = text(client.get(f"/cases/{case.id}"))
    assert "Generated documents" in page
    assert f'href="/generated-documents/{second.id}"' in page
    assert f'href="/generated-documents/{first.id}"' not in page  # superseded
    assert f'href="/generated-documents/{award.id}"' not in page  # revoked
    assert f'href="/cases/{case.id}/generated-documents"' in page
    assert UNSIGNED in page


def test_the_registrar_is_offered_to_generate_from_the_case_page(client, login, signed):
    login(signed.registrar)
    page = text(client.get(f"/cases/{signed.case.id}"))
    assert "Generate the settlement documents" in page
    login(signed.claimant)
    page = text(client.get(f"/cases/{signed.case.id}"))
    assert "Generated documents" not in page
