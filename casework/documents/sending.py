"""Sending a stored file to the browser: always as an attachment, never sniffed or rendered."""

from __future__ import annotations

from flask import abort, current_app, send_file


def send_stored_file(store, *, sha256: str, size_bytes: int, media_type: str,
                     filename: str, what: str):
    """A response with the stored file ``sha256`` as an attachment named ``filename`` (404 and
    an error logged, naming ``what``, when the store has lost it)."""
    try:
        stream = store.open(sha256)
    except FileNotFoundError:
        current_app.logger.error("%s: file %s missing", what, sha256)
        abort(404)
    response = send_file(
        stream,
        mimetype=media_type,
        as_attachment=True,
        download_name=filename,
        conditional=False,
        etag=sha256,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "private, no-store"
    response.content_length = size_bytes
    return response
