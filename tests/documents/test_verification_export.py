"""``flask casework export-case REF OUTDIR``: current generated documents plus a manifest."""

from __future__ import annotations

import hashlib
import json

from casework.accounts.models import Role
from casework.cases.models import CaseState
from casework.documents.generated.operations import (
    record_generated_document,
    revoke_generated_document,
)
from casework.documents.generated_models import GeneratedDocumentKind, new_verification_code
from casework.extensions import db
from tests.factories import make_case, make_user


def issue(registrar, case, pdf, kind):
    return record_generated_document(
        registrar, case, kind, pdf, verification_code=new_verification_code(),
        template="t.html", template_version="1", snapshot={},
    )


def test_export_writes_current_documents_and_manifest(runner, tmp_path):
    registrar = make_user(Role.REGISTRAR)
    case = make_case(CaseState.SETTLED)
    issue(registrar, case, b"%PDF-1.7\nagreement v1", GeneratedDocumentKind.SETTLEMENT_AGREEMENT)
    agreement = issue(registrar, case, b"%PDF-1.7\nagreement v2",
                      GeneratedDocumentKind.SETTLEMENT_AGREEMENT)
    award = issue(registrar, case, b"%PDF-1.7\naward", GeneratedDocumentKind.CONSENT_AWARD_DRAFT)
    referral = issue(registrar, case, b"%PDF-1.7\nreferral", GeneratedDocumentKind.REFERRAL)
    revoke_generated_document(registrar, referral, "Sent in error.")
    db.session.commit()
    outdir = tmp_path / "export"

    result = runner.invoke(args=["casework", "export-case", case.reference, str(outdir)])

    assert result.exit_code == 0, result.output
    manifest = json.loads((outdir / "manifest.json").read_text())
    assert manifest["case"] == case.reference
    entries = {entry["kind"]: entry for entry in manifest["documents"]}
    assert set(entries) == {"settlement_agreement", "consent_award_draft"}
    for document in (agreement, award):
        entry = entries[document.kind.value]
        assert entry["status"] == "current" and entry["sha256"] == document.sha256
        written = (outdir / entry["file"]).read_bytes()
        assert hashlib.sha256(written).hexdigest() == document.sha256
    assert entries["settlement_agreement"]["version"] == 2
    assert sorted(p.name for p in outdir.iterdir()) == sorted(
        [e["file"] for e in manifest["documents"]] + ["manifest.json"])


def test_unknown_reference_is_a_clear_error(runner, tmp_path):
    result = runner.invoke(args=["casework", "export-case", "SIMC-2099-0001", str(tmp_path / "x")])
    assert result.exit_code != 0
    assert "No case has the reference 'SIMC-2099-0001'" in result.output
    assert not (tmp_path / "x").exists()
