"""``render_pdf``: HTML to PDF/A-3b in a bounded child process that reads only ``static/``.

The render runs in a fresh Python process (``worker.py``) that limits its own address space
(``RLIMIT_AS``) and CPU time before importing WeasyPrint, under a wall-clock timeout, so a
hostile or runaway document can neither exhaust the server's memory nor hang a request.
Refusals come back as domain errors.
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

from flask_babel import lazy_gettext as _l

from casework.config import PROJECT_ROOT
from casework.documents.generated.errors import MissingGlyphs, RenderingRefused
from casework.documents.generated.worker import REFUSED_EXIT

STATIC_ROOT = PROJECT_ROOT / "static"
MEMORY_LIMIT_BYTES = 2 * 1024**3
TIME_LIMIT_SECONDS = 120


def render_pdf(
    html: str, *, attachments: dict[str, bytes], title: str, lang: str,
    static_root: Path = STATIC_ROOT, memory_limit: int = MEMORY_LIMIT_BYTES,
    time_limit: int = TIME_LIMIT_SECONDS,
) -> bytes:
    """Render ``html`` to a PDF/A-3b with ``attachments`` (file name -> bytes) embedded.

    Only files under ``static_root`` and ``data:`` URIs may be read. Raises
    :class:`RenderingRefused` for any other URL or when a bound is exceeded, and
    :class:`MissingGlyphs` (naming the characters) when the fonts cannot draw some text.
    """
    request = json.dumps({
        "html": html,
        "attachments": {name: base64.b64encode(data).decode() for name, data in
                        attachments.items()},
        "title": title,
        "lang": lang,
        "static_root": str(static_root),
    })
    try:
        result = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "casework.documents.generated.worker", str(memory_limit),
             str(time_limit)],
            input=request.encode(), capture_output=True, timeout=time_limit, cwd=PROJECT_ROOT,
        )
    except subprocess.TimeoutExpired:
        raise RenderingRefused(str(_l(
            "Rendering the document took longer than %(seconds)s seconds and was stopped.",
            seconds=time_limit,
        ))) from None
    if result.returncode == 0:
        return result.stdout
    if result.returncode == REFUSED_EXIT:
        raise _refusal(json.loads(result.stdout))
    raise RenderingRefused(str(_l(
        "Rendering the document failed (it may have exceeded its memory limit): %(detail)s",
        detail=_last_line(result.stderr),
    )))


def _refusal(details: dict) -> RenderingRefused:
    if details["refused"] == "glyphs":
        characters = details["characters"]
        return MissingGlyphs(str(_l(
            "The document fonts cannot draw these characters: %(characters)s (%(codes)s). "
            "Install the missing font or change the text.",
            characters=" ".join(characters),
            codes=", ".join(f"U+{ord(c):04X}" for c in characters),
        )), characters)
    return RenderingRefused(str(_l(
        "The document refers to a resource it may not use: %(url)s. Only the application's own "
        "static files and embedded data may appear in a generated document.",
        url=details["url"],
    )))


def _last_line(stderr: bytes) -> str:
    lines = stderr.decode(errors="replace").strip().splitlines()
    return lines[-1] if lines else ""
