"""Pages use only the site's own stylesheet: the Content-Security-Policy (``style-src 'self'``,
``script-src 'self'``) blocks inline ``style`` attributes, ``<style>`` and inline scripts, so a
template using them would silently lose that styling or behaviour in the browser."""

from __future__ import annotations

import re
from pathlib import Path

from casework.web import CONTENT_SECURITY_POLICY

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
INLINE = re.compile(r"""\sstyle\s*=|<style[\s>]|<script(?![^>]*\ssrc=)|\son[a-z]+\s*=\s*["']""",
                    re.IGNORECASE)


def test_the_policy_forbids_inline_styles_and_scripts():
    assert "style-src 'self';" in CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in CONTENT_SECURITY_POLICY


def test_page_templates_have_no_inline_styles_or_scripts():
    pages = [p for p in TEMPLATES.rglob("*.html") if "pdf" not in p.relative_to(TEMPLATES).parts]
    found = [
        f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()[:80]}"
        for path in pages
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1)
        if INLINE.search(line)
    ]

    assert len(pages) > 40
    assert found == []


def test_the_check_sees_each_kind_of_inline_code():
    for line in ('<dd style="white-space: pre-line">', "<style>p {}</style>",
                 "<script>alert(1)</script>", '<a onclick="go()">'):
        assert INLINE.search(line), line
    assert not INLINE.search('<script src="/static/app.js"></script>')
    assert not INLINE.search('<dd class="pre-line">')
