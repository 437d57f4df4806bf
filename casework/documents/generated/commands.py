"""Operator command: ``flask --app app casework export-case REF OUTDIR``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import click

from casework.cases.models import Case
from casework.documents.generated.operations import current_generated_documents
from casework.documents.storage import current_store
from casework.extensions import db

MANIFEST = "manifest.json"


def register(group) -> None:
    """Add this area's commands to the ``casework`` command group."""
    group.add_command(export_case)


@click.command("export-case")
@click.argument("reference")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
def export_case(reference: str, outdir: Path) -> None:
    """Write the current generated documents of case REFERENCE and a manifest.json (file, kind,
    sha256, status) into OUTDIR, for archiving and hand-over."""
    case = db.session.scalar(db.select(Case).filter_by(reference=reference.strip()))
    if case is None:
        raise click.ClickException(f"No case has the reference {reference!r}.")
    documents = current_generated_documents(case)
    outdir.mkdir(parents=True, exist_ok=True)
    store = current_store()
    manifest = []
    for document in documents:
        with store.open(document.sha256) as source, (outdir / document.filename).open(
                "wb") as target:
            shutil.copyfileobj(source, target)
        manifest.append({
            "file": document.filename, "kind": document.kind.value,
            "version": document.version_number, "sha256": document.sha256,
            "status": document.status.value,
            "verification_code": document.verification_code,
            "generated_at": document.generated_at.isoformat(),
        })
    (outdir / MANIFEST).write_text(
        json.dumps({"case": case.reference, "documents": manifest}, indent=2) + "\n",
        encoding="utf-8",
    )
    click.echo(f"Exported {len(manifest)} document(s) of {case.reference} to {outdir}.")
