"""The renderer's only way to the outside world: files under ``static/`` and ``data:`` URIs.

Every other URL (other files, ``http``, ``https``, ``ftp`` ...) raises :class:`ResourceRefused`,
a :class:`weasyprint.urls.FatalURLFetchingError`, which aborts most fetches at once. Some callers
inside WeasyPrint (images referenced from an SVG) swallow even that, so every refused URL is also
kept in :attr:`StaticOnlyFetcher.refused` and the worker refuses the render if it is not empty.
Nothing is opened before the check, so a refused URL is never read or requested.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import NoReturn
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse


class ResourceRefused(FatalURLFetchingError):
    """A URL the renderer may not read; carries the URL for the error message."""

    def __init__(self, url: str):
        super().__init__(url)
        self.url = url


class StaticOnlyFetcher(URLFetcher):
    """A URL fetcher that reads only regular files inside ``static_root`` and ``data:`` URIs."""

    def __init__(self, static_root: Path):
        super().__init__(allowed_protocols=("data",), allow_redirects=False, fail_on_errors=True)
        self.static_root = Path(static_root).resolve(strict=True)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        """Return the resource at ``url`` or raise :class:`ResourceRefused`."""
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            self.refuse(url)
        path = self.static_file(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type},
        )

    def refuse(self, url: str) -> NoReturn:
        """Remember ``url`` as refused and raise :class:`ResourceRefused`."""
        self.refused.append(url)
        raise ResourceRefused(url)

    def static_file(self, url: str) -> Path:
        """The real path of a ``file:`` URL if it names a regular file inside the static root
        (after resolving ``..`` and symbolic links); otherwise :class:`ResourceRefused`."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            self.refuse(url)
        try:
            path = Path(unquote(parts.path)).resolve(strict=True)
        except (OSError, RuntimeError):
            self.refuse(url)
        if not path.is_relative_to(self.static_root) or not path.is_file():
            self.refuse(url)
        return path
