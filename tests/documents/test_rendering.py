"""The restricted PDF renderer: only static/ and data: URIs, PDF/A-3b, embedded fonts and JSON,
page furniture, the missing-glyph guard and the resource bounds."""

from __future__ import annotations

import builtins
import io
import json
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from casework.documents.generated.errors import MissingGlyphs, RenderingRefused
from casework.documents.generated.fetcher import ResourceRefused, StaticOnlyFetcher
from casework.documents.generated.furniture import furniture_context
from casework.documents.generated.rendering import STATIC_ROOT, render_pdf

CODE = "K7QM2XPR9TVW"
REFERENCE = "SIMC-2026-0042"
TERMS = {"obligations": [{"amount": "1250000.00", "currency": "CNY"}]}


def page_html(app, body: str, **context) -> str:
    """A generated-document page: ``body`` is trusted template markup, ``context`` is escaped."""
    template = app.jinja_env.from_string(
        '{% extends "documents/pdf/_base.html" %}{% block content %}' + body + "{% endblock %}"
    )
    return template.render(
        **furniture_context(case_reference=REFERENCE, verification_code=CODE, title="Test"),
        **context,
    )


def render(html: str, **kwargs) -> bytes:
    return render_pdf(
        html, attachments={"settlement-terms.json": json.dumps(TERMS).encode()},
        title="Settlement Agreement", lang="en", **kwargs,
    )


def poppler(tool: str, pdf: bytes, tmp_path: Path, *args: str) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [tool, *args, str(path), *(["-"] if tool == "pdftotext" else [])],
        capture_output=True, text=True, check=True,
    ).stdout


@pytest.fixture(scope="module")
def bilingual_pdf(app):
    """A three-page bilingual document, rendered once for the read-back tests."""
    with app.app_context():
        body = (
            '<h1>Settlement Agreement <span lang="zh-CN">和解协议</span></h1>'
            '<p lang="zh-CN">人民币壹佰贰拾伍万元整</p>'
            "{% for i in range(120) %}<p>Clause {{ i }}</p>{% endfor %}"
        )
        return render(page_html(app, body))


# --- reading back the PDF ---------------------------------------------------------------


def test_output_is_pdf_a_3b(bilingual_pdf, tmp_path):
    metadata = poppler("pdfinfo", bilingual_pdf, tmp_path, "-meta")
    assert 'pdfaid:part="3"' in metadata
    assert 'pdfaid:conformance="B"' in metadata
    assert PdfReader(io.BytesIO(bilingual_pdf)).metadata.title == "Settlement Agreement"


def test_json_attachment_round_trips(bilingual_pdf):
    attachments = PdfReader(io.BytesIO(bilingual_pdf)).attachments
    assert list(attachments) == ["settlement-terms.json"]
    assert json.loads(attachments["settlement-terms.json"][0]) == TERMS


def test_every_font_is_embedded_including_the_chinese_one(bilingual_pdf, tmp_path):
    rows = poppler("pdffonts", bilingual_pdf, tmp_path).splitlines()[2:]
    assert rows
    assert any("Noto-Serif-CJK-SC" in row for row in rows)
    for row in rows:
        assert row.split()[-5] == "yes", row  # the "emb" column


def test_every_page_shows_reference_numbering_code_and_qr(bilingual_pdf, tmp_path):
    pages = PdfReader(io.BytesIO(bilingual_pdf)).pages
    count = len(pages)
    assert count >= 2
    text = poppler("pdftotext", bilingual_pdf, tmp_path, "-layout")
    page_texts = text.split("\f")[:count]
    for number, page_text in enumerate(page_texts, start=1):
        assert f"Page {number} of {count} / 第{number}页 共{count}页" in page_text
        assert REFERENCE in page_text
        assert CODE in page_text
    assert "和解协议" in text and "人民币壹佰贰拾伍万元整" in text
    images = poppler("pdfimages", bilingual_pdf, tmp_path, "-list").splitlines()[2:]
    assert sorted(int(row.split()[0]) for row in images) == list(range(1, count + 1))


def test_qr_code_links_to_the_verification_page(app):
    context = furniture_context(case_reference=REFERENCE, verification_code=CODE, title="T")
    assert context["verification_url"] == f"http://localhost/verify/{CODE}"
    assert context["verification_qr"].startswith("data:image/png;base64,")


def test_user_text_is_escaped_not_interpreted(app, tmp_path):
    hostile = '<img src="file:///etc/passwd"> & <b>bold</b>'
    pdf = render(page_html(app, "<p>{{ party }}</p>", party=hostile))
    assert '<img src="file:///etc/passwd"> & <b>bold</b>' in poppler(
        "pdftotext", pdf, tmp_path)


# --- refused resources --------------------------------------------------------------------


@pytest.mark.parametrize("markup", [
    '<img src="file:///etc/passwd">',
    '<link rel="attachment" href="file:///etc/hostname">',
    '<link rel="stylesheet" href="file:///etc/passwd">',
    '<img src="../../etc/passwd">',
    '<img src="https://example.com/logo.png">',
    "<style>@import url(file:///etc/passwd);</style>",
    "<style>@font-face { font-family: X; src: url(file:///etc/passwd) } p { font-family: X }"
    "</style>",
    '<img src="data:image/svg+xml;utf8,<svg xmlns=%22http://www.w3.org/2000/svg%22 '
    'xmlns:xlink=%22http://www.w3.org/1999/xlink%22 width=%2210%22 height=%2210%22>'
    '<image xlink:href=%22file:///etc/passwd%22 width=%2210%22 height=%2210%22/></svg>">',
])
def test_references_outside_static_abort_the_render(app, markup):
    with pytest.raises(RenderingRefused, match="may not use"):
        render(page_html(app, "<p>Terms</p>" + markup))


@pytest.mark.parametrize("markup", [
    "<style>body {{ background: url(http://127.0.0.1:{port}/css-background) }}</style>",
    '<img src="http://127.0.0.1:{port}/image">',
    '<link rel="attachment" href="http://127.0.0.1:{port}/attachment">',
    '<img src="data:image/svg+xml;utf8,<svg xmlns=%22http://www.w3.org/2000/svg%22 '
    'xmlns:xlink=%22http://www.w3.org/1999/xlink%22 width=%2210%22 height=%2210%22>'
    '<image xlink:href=%22http://127.0.0.1:{port}/svg-image%22 width=%2210%22 '
    'height=%2210%22/></svg>">',
])
def test_local_http_urls_abort_without_a_request(app, http_server, markup):
    port, requests = http_server
    with pytest.raises(RenderingRefused, match=f"127.0.0.1:{port}"):
        render(page_html(app, "<p>Terms</p>" + markup.format(port=port)))
    assert requests == []


def test_fetcher_reads_nothing_it_refuses(tmp_path, monkeypatch):
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    static = tmp_path / "static"
    static.mkdir()
    (static / "escape").symlink_to(secret)
    opened: list = []
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda *a, **k: opened.append(a) or real_open(*a, **k))
    monkeypatch.setattr(Path, "read_bytes", lambda self: opened.append(self))
    fetcher = StaticOnlyFetcher(static)
    for url in (secret.as_uri(), (static / "escape").as_uri(), f"{static.as_uri()}/../secret.txt",
                "file://otherhost/etc/passwd", "http://127.0.0.1:1/x", "ftp://example.com/x"):
        with pytest.raises(ResourceRefused):
            fetcher.fetch(url)
    assert opened == []
    assert len(fetcher.refused) == 6


def test_fetcher_serves_static_files_and_data_uris():
    fetcher = StaticOnlyFetcher(STATIC_ROOT)
    css = fetcher.fetch((STATIC_ROOT / "css" / "print.css").as_uri())
    assert css.content_type == "text/css"
    assert b"@page" in css.read()
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"


# --- missing glyphs and bounds ------------------------------------------------------------


def test_character_no_font_has_is_named(app):
    with pytest.raises(MissingGlyphs) as refused:
        render(page_html(app, "<p>Linear B: \U00010000 and \U00010001</p>"))
    assert refused.value.characters == "\U00010000\U00010001"
    assert "U+10000" in refused.value.message


def test_missing_chinese_font_names_the_chinese_characters(app, tmp_path, monkeypatch):
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        "<dir>/usr/share/fonts/truetype/dejavu</dir>"
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    with pytest.raises(MissingGlyphs) as refused:
        render(page_html(app, '<p lang="zh-CN">和解协议</p>'))
    assert set("和解协议") <= set(refused.value.characters)
    assert "和" in refused.value.message


def test_render_beyond_its_memory_bound_is_stopped(app):
    with pytest.raises(RenderingRefused, match="memory limit"):
        render(page_html(app, "<p>Terms</p>"), memory_limit=64 * 1024 * 1024)


def test_render_beyond_its_time_bound_is_stopped(app):
    with pytest.raises(RenderingRefused, match="longer than 1 seconds"):
        render(page_html(app, "{% for i in range(20000) %}<p>Clause {{ i }}</p>{% endfor %}"),
               time_limit=1)
