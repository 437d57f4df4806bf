"""The Simplified Chinese catalogue is complete, well-formed and current with the code.

A failure names the messages concerned. To fix: ``make translations-extract``, translate what the
test lists in ``casework/translations/zh_Hans/LC_MESSAGES/messages.po`` (terms in
``docs/glossary.md``), and run the tests again.
"""

from __future__ import annotations

import os
import re
from fnmatch import fnmatch
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_keywords, parse_mapping_cfg
from babel.messages.pofile import read_po
from babel.support import Translations

from casework.config import PROJECT_ROOT

ROOT = Path(PROJECT_ROOT)
TRANSLATIONS = ROOT / "casework" / "translations"
CHINESE_PO = TRANSLATIONS / "zh_Hans" / "LC_MESSAGES" / "messages.po"

# ``%(name)s``-style placeholders (any conversion) and the escaped percent sign.
PLACEHOLDER = re.compile(r"%\([^)]*\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%%")
# Text a translation must carry over unchanged: currency codes, URLs, file extensions, zone names.
VERBATIM = re.compile(
    r"\b(?:SGD|CNY|RMB|USD|HKD|EUR)\b|https?://\S+|\.(?:docx|xlsx|doc|xls|pdf)\b|\bAsia/\w+"
)


@cache
def chinese_catalogue():
    """The parsed ``zh_Hans`` catalogue."""
    with CHINESE_PO.open("rb") as po_file:
        return read_po(po_file)


def translated_entries():
    """``(message, [(source text, translation), ...])`` for every message of the catalogue.

    A plural message pairs the singular with its first form and the plural with the others.
    """
    for message in chinese_catalogue():
        if not message.id:
            continue
        if message.pluralizable:
            singular, plural = message.id
            forms = list(message.string)
            pairs = [(singular, forms[0])] + [(plural, form) for form in forms[1:]]
        else:
            pairs = [(message.id, message.string)]
        yield message, pairs


def describe(message) -> str:
    """A message's source text (singular) and first location, for failure reports."""
    text = message.id[0] if message.pluralizable else message.id
    where = "{}:{}".format(*message.locations[0]) if message.locations else "no location"
    return f"{text!r} ({where})"


def makefile_extract_command() -> str:
    """The ``pybabel extract`` command of the Makefile's ``translations-extract``, on one line."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    recipe = re.search(r"^translations-extract:.*\n((?:\t.*\n?)+)", text, re.MULTILINE)
    assert recipe, "the Makefile has no translations-extract target"
    command = next(line for line in recipe.group(1).splitlines() if "pybabel extract" in line)
    assert "-F babel.cfg" in command, "translations-extract must extract with babel.cfg"
    return command


def ignored_directory_filter(command: str):
    """The directory filter ``pybabel extract`` builds from the command's ``--ignore-dirs``."""
    patterns = re.search(r'--ignore-dirs[ =]"([^"]*)"', command)
    assert patterns, "translations-extract must set --ignore-dirs (see the Makefile)"

    def keep(dirname: str) -> bool:
        name = os.path.basename(dirname)
        return not any(fnmatch(name, pattern) for pattern in patterns.group(1).split())

    return keep


@cache
def extracted_messages() -> dict[tuple[str, str | None], str]:
    """Every message the code holds, extracted as ``make translations-extract`` does.

    Keys are ``(msgid, context)``; values name the first place the message appears.
    """
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config, "babel.cfg")
    command = makefile_extract_command()
    keywords = dict(DEFAULT_KEYWORDS)
    keywords.update(parse_keywords(re.findall(r"(?:-k|--keyword)[ =](\S+)", command)))
    found: dict[tuple[str, str | None], str] = {}
    for filename, lineno, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords,
        directory_filter=ignored_directory_filter(command),
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        found.setdefault((msgid, context), f"{filename}:{lineno}")
    return found


def test_every_message_is_translated():
    problems = [
        f"{'fuzzy' if message.fuzzy else 'untranslated'}: {describe(message)}"
        for message, pairs in translated_entries()
        if message.fuzzy or not all(translation.strip() for _, translation in pairs)
    ]
    assert not problems, "Translate these messages:\n" + "\n".join(problems)


def test_catalogue_header_is_for_simplified_chinese():
    catalogue = chinese_catalogue()
    assert str(catalogue.locale) == "zh_Hans"
    assert catalogue.num_plurals == 1
    assert not catalogue.fuzzy


def test_placeholders_are_kept_exactly():
    problems = []
    for message, pairs in translated_entries():
        for source, translation in pairs:
            if not translation:
                continue
            expected = sorted(set(PLACEHOLDER.findall(source)))
            actual = sorted(set(PLACEHOLDER.findall(translation)))
            stray = "%" in PLACEHOLDER.sub("", translation)
            if expected != actual or stray:
                problems.append(f"{describe(message)}: expects {expected}, has {actual}"
                                + (" and a stray %" if stray else ""))
    assert not problems, "Placeholders differ:\n" + "\n".join(problems)


def test_babel_format_checks_pass():
    problems = [
        f"{describe(message)}: {'; '.join(str(error) for error in errors)}"
        for message, errors in chinese_catalogue().check()
    ]
    assert not problems, "\n".join(problems)


def test_codes_urls_and_line_structure_are_kept():
    problems = []
    for message, pairs in translated_entries():
        for source, translation in pairs:
            if not translation:
                continue
            missing = [token for token in VERBATIM.findall(source) if token not in translation]
            if missing:
                problems.append(f"{describe(message)}: must keep {missing}")
            if source.count("\n") != translation.count("\n"):
                problems.append(f"{describe(message)}: line breaks differ (e-mail subjects and "
                                "one-line labels must stay on one line)")
    assert not problems, "\n".join(problems)


def test_extraction_covers_python_pages_and_emails():
    places = {where.split(":")[0] for where in extracted_messages().values()}
    assert any(place.startswith("casework/") and place.endswith(".py") for place in places)
    assert any(place.startswith("templates/") and place.endswith(".html") for place in places)
    assert any(place.startswith("templates/emails/") for place in places)
    assert ("Not permitted", None) in extracted_messages()  # gettext as _ in Python
    assert ("Registrar", None) in extracted_messages()  # lazy_gettext as _l
    assert ("%(num)d case", None) in extracted_messages()  # ngettext in a template
    assert any(place.startswith("templates/_layouts/") for place in places)  # "_" folders too


def test_catalogue_holds_every_message_of_the_code():
    catalogue = chinese_catalogue()
    missing = [
        f"{msgid!r}" + (f" [context {context!r}]" if context else "") + f" ({where})"
        for (msgid, context), where in sorted(extracted_messages().items())
        if catalogue.get(msgid, context=context) is None
    ]
    assert not missing, (
        "Not in the Chinese catalogue -- run `make translations-extract` and translate:\n"
        + "\n".join(missing)
    )


@pytest.mark.parametrize(
    ("english", "chinese"),
    [("Sign in", "登录"), ("Request for Mediation received", "调解申请书已收到"),
     ("Registrar", "案件秘书")],
)
def test_compiled_catalogue_is_current_and_loads(compiled_catalogues, english, chinese):
    mo_path = CHINESE_PO.with_suffix(".mo")
    assert mo_path in compiled_catalogues
    assert mo_path.stat().st_mtime >= CHINESE_PO.stat().st_mtime
    translations = Translations.load(str(TRANSLATIONS), ["zh_Hans"], "messages")
    assert translations.gettext(english) == chinese
