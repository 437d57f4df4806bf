"""The content-addressed document store: files named by their sha256 under ``STORAGE_DIR``.

An upload is streamed in chunks into a temporary file inside the store while it is hashed and
counted; it is refused as soon as it passes ``MAX_UPLOAD_BYTES``. Once accepted it is moved to
``<root>/<aa>/<bb>/<sha256>``; an existing file there is never overwritten (same name, same
content). A file newly created in a database transaction is deleted again if that transaction
is rolled back or closed without a commit, so a failed operation leaves no file behind.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.orm import Session

from casework.errors import InvalidInput

CHUNK_BYTES = 64 * 1024
_INCOMING = ".incoming"
_NEW_FILES = "casework.documents.new_files"


@dataclass(frozen=True)
class ReceivedFile:
    """An upload received into a temporary file of the store, not yet kept."""

    temp_path: Path
    sha256: str
    size_bytes: int

    def discard(self) -> None:
        """Delete the temporary file (nothing happens if it is already gone)."""
        self.temp_path.unlink(missing_ok=True)


class DocumentStore:
    """Files addressed by sha256 under ``root`` (outside the web root)."""

    def __init__(self, root: str | os.PathLike):
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        """Where the file with this sha256 is (or would be) stored."""
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise ValueError(f"not a sha256 hex digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def receive(self, stream: BinaryIO, max_bytes: int) -> ReceivedFile:
        """Copy ``stream`` into a temporary file of the store, hashing and counting it.

        Raises :class:`InvalidInput` (and removes the temporary file) past ``max_bytes``.
        """
        incoming = self.root / _INCOMING
        incoming.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        handle, name = tempfile.mkstemp(dir=incoming, prefix="upload-")
        temp_path = Path(name)
        try:
            with os.fdopen(handle, "wb") as temp:
                while chunk := stream.read(CHUNK_BYTES):
                    size += len(chunk)
                    if size > max_bytes:
                        raise InvalidInput(_l(
                            "The file is larger than %(limit)s, the most one upload may be.",
                            limit=describe_size(max_bytes),
                        ))
                    digest.update(chunk)
                    temp.write(chunk)
        except BaseException:
            temp_path.unlink(missing_ok=True)
            raise
        return ReceivedFile(temp_path, digest.hexdigest(), size)

    def keep(self, received: ReceivedFile, session: Session) -> Path:
        """Move a received file to its content address; if that file exists already it is
        left untouched. A newly created file is tied to ``session``'s transaction."""
        target = self.path_for(received.sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(received.temp_path, target)  # fails, never overwrites, if it exists
        except FileExistsError:
            pass
        else:
            _remember_new_file(session, target)
        finally:
            received.discard()
        return target

    def open(self, sha256: str) -> BinaryIO:
        """Open a stored file for reading."""
        return self.path_for(sha256).open("rb")


def current_store() -> DocumentStore:
    """The store configured for the running application."""
    return DocumentStore(current_app.config["STORAGE_DIR"])


def describe_size(size_bytes: int) -> str:
    """A byte count for people: ``25 MB``, ``512 KB``, ``300 bytes``."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size_bytes >= factor:
            value = size_bytes / factor
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{size_bytes} bytes"


# --- removing files created by a transaction that did not commit -------------------------


def _remember_new_file(session: Session, path: Path) -> None:
    transaction = (
        session.get_nested_transaction() or session.get_transaction() or session.begin()
    )
    session.info.setdefault(_NEW_FILES, []).append((path, transaction))


def _forget_committed(session: Session) -> None:
    session.info.pop(_NEW_FILES, None)


def _delete_uncommitted(session: Session, transaction) -> None:
    """When the outermost transaction ends without a commit, delete every file it created."""
    if transaction.parent is None:
        for path, _ in session.info.pop(_NEW_FILES, []):
            path.unlink(missing_ok=True)


def _delete_rolled_back_savepoint(session: Session, previous_transaction) -> None:
    """When a savepoint is rolled back, delete the files created inside it."""
    if not previous_transaction.nested:
        return
    kept = []
    for path, transaction in session.info.get(_NEW_FILES, []):
        if _within(transaction, previous_transaction):
            path.unlink(missing_ok=True)
        else:
            kept.append((path, transaction))
    session.info[_NEW_FILES] = kept


def _within(transaction, ancestor) -> bool:
    while transaction is not None:
        if transaction is ancestor:
            return True
        transaction = transaction.parent
    return False


_LISTENERS = (
    ("after_commit", _forget_committed),
    ("after_transaction_end", _delete_uncommitted),
    ("after_soft_rollback", _delete_rolled_back_savepoint),
)


def install_transaction_cleanup() -> None:
    """Listen to every session's transactions so uncommitted new files are deleted (idempotent)."""
    for name, listener in _LISTENERS:
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)
