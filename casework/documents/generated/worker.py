"""The render worker, run as ``python -m casework.documents.generated.worker`` in a child process.

Started with ``MEMORY_BYTES CPU_SECONDS``, it first limits its own address space and CPU time
(before importing WeasyPrint), then reads one JSON request on stdin (``html``, ``attachments``
as base64, ``title``, ``lang``, ``static_root``) and writes the PDF to stdout (exit 0), or a
JSON refusal (exit 3): ``{"refused": "resource", "url": ...}`` or
``{"refused": "glyphs", "characters": ...}``. The parent also applies a wall-clock timeout.
"""

from __future__ import annotations

import base64
import json
import resource
import sys
from datetime import UTC, datetime
from pathlib import Path

REFUSED_EXIT = 3


class _Refusal(Exception):
    def __init__(self, details: dict):
        super().__init__(details)
        self.details = details


def rendered_text(document) -> str:
    """All text WeasyPrint laid out on the pages, page furniture (margin boxes) included."""
    from weasyprint.formatting_structure import boxes

    parts = []
    for page in document.pages:
        for box in page._page_box.descendants():
            if isinstance(box, boxes.TextBox):
                parts.append(box.text)
    return "".join(parts)


def render(request: dict) -> bytes:
    """Render the requested PDF/A-3b, refusing forbidden resources and missing glyphs."""
    from weasyprint import HTML, Attachment

    from casework.documents.generated.fetcher import ResourceRefused, StaticOnlyFetcher
    from casework.documents.generated.glyphs import covered_codepoints, missing_characters

    static_root = Path(request["static_root"])
    fetcher = StaticOnlyFetcher(static_root)
    try:
        document = HTML(
            string=request["html"], base_url=static_root.resolve().as_uri() + "/",
            url_fetcher=fetcher,
        ).render(pdf_variant="pdf/a-3b")
        _refuse_swallowed(fetcher)
        missing = missing_characters(rendered_text(document), covered_codepoints())
        if missing:
            raise _Refusal({"refused": "glyphs", "characters": missing})
        document.metadata.title = request["title"]
        document.metadata.lang = request["lang"]
        moment = datetime.now(UTC)
        attachments = [
            Attachment(string=base64.b64decode(data), name=name, relationship="Data",
                       url_fetcher=fetcher, created=moment, modified=moment)
            for name, data in request["attachments"].items()
        ]
        pdf = document.write_pdf(
            pdf_variant="pdf/a-3b", attachments=attachments, url_fetcher=fetcher,
        )
    except ResourceRefused as refused:
        raise _Refusal({"refused": "resource", "url": refused.url}) from None
    _refuse_swallowed(fetcher)
    return pdf


def _refuse_swallowed(fetcher) -> None:
    """Refusals WeasyPrint caught itself (e.g. images inside an SVG) still abort the render."""
    if fetcher.refused:
        raise _Refusal({"refused": "resource", "url": fetcher.refused[0]})


def limit_resources(memory_bytes: int, cpu_seconds: int) -> None:
    """Bound this process: address space (``RLIMIT_AS``) and CPU time (``RLIMIT_CPU``)."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds))


def main(argv: list[str]) -> int:
    """Entry point of the child process."""
    limit_resources(int(argv[0]), int(argv[1]))
    request = json.load(sys.stdin)
    try:
        pdf = render(request)
    except _Refusal as refusal:
        sys.stdout.write(json.dumps(refusal.details))
        return REFUSED_EXIT
    sys.stdout.buffer.write(pdf)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
