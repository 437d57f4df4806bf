"""Why a generated document could not be rendered."""

from __future__ import annotations

from casework.errors import DomainError


class RenderingRefused(DomainError):
    """The document cannot be rendered safely: a forbidden resource, a missing glyph, or a render
    that exceeded its time or memory bound (HTTP 422)."""

    status = 422


class MissingGlyphs(RenderingRefused):
    """Characters in the document that none of the document fonts can draw."""

    def __init__(self, message: str, characters: str):
        super().__init__(message)
        self.characters = characters


class SigningCertificateUnusable(RenderingRefused):
    """The configured signing certificate cannot be used (missing or unreadable file, wrong
    password, no private key, outside its validity period): nothing is issued until an
    administrator fixes the configuration (HTTP 503)."""

    status = 503

