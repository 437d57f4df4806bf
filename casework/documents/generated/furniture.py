"""Page furniture of generated PDFs: the verification link and its QR code."""

from __future__ import annotations

import segno
from flask import current_app


def verification_url(code: str) -> str:
    """The public address where a document with this verification code can be checked."""
    return f"{current_app.config['BASE_URL'].rstrip('/')}/verify/{code}"


def verification_qr(code: str) -> str:
    """A QR code (a ``data:`` PNG URI the restricted renderer may read) for the verification
    address of ``code``."""
    return segno.make(verification_url(code), error="m").png_data_uri(scale=4, border=0)


def furniture_context(*, case_reference: str, verification_code: str, title: str) -> dict:
    """The template context ``templates/documents/pdf/_base.html`` needs."""
    return {
        "document_title": title,
        "case_reference": case_reference,
        "verification_code": verification_code,
        "verification_url": verification_url(verification_code),
        "verification_qr": verification_qr(verification_code),
    }
