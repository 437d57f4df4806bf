"""Every translated message in the templates gets exactly the values its placeholders name.

A ``%(name)s`` typed inside ``{% trans %}`` is shown literally (a trans block takes
``{{ name }}``), and a placeholder without its value, or a value without a placeholder, breaks
the message in one language or another.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import Environment, nodes

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
GETTEXT = {"_", "gettext", "ngettext"}
PLACEHOLDER = re.compile(r"%\((\w+)\)")


def message_calls(env, source: str) -> list[nodes.Call]:
    """The gettext calls with a literal message in a template's ``source`` (``{% trans %}``
    blocks included: Jinja turns them into such calls)."""
    return [
        call for call in env.parse(source).find_all(nodes.Call)
        if isinstance(call.node, nodes.Name) and call.node.name in GETTEXT
        and call.args and isinstance(call.args[0], nodes.Const)
    ]


def message_problems(env, source: str, name: str = "<template>") -> list[str]:
    """What is wrong with the translated messages of one template's ``source``."""
    problems = []
    for call in message_calls(env, source):
        message = call.args[0].value
        if "%%(" in message:
            problems.append(f"{name}: “{message}” shows a %(…)s placeholder literally")
            continue
        wanted = set(PLACEHOLDER.findall(message.replace("%%", "")))
        given = {keyword.key for keyword in call.kwargs}
        if call.node.name == "ngettext":
            given.add("num")
        if wanted != given:
            problems.append(f"{name}: “{message}” needs {sorted(wanted)}, is given {sorted(given)}")
    return problems


def test_every_template_message_gets_the_values_it_names(app):
    sources = sorted(TEMPLATES.rglob("*.html")) + sorted(TEMPLATES.rglob("*.txt"))
    problems, messages = [], 0
    for path in sources:
        name, source = str(path.relative_to(TEMPLATES)), path.read_text("utf-8")
        messages += len(message_calls(app.jinja_env, source))
        problems += message_problems(app.jinja_env, source, name)

    assert messages > 300  # the scan sees the templates' messages
    assert problems == []


def newstyle_env():
    """A Jinja environment parsing messages as the app does (Flask-Babel's newstyle gettext)."""
    env = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    env.install_null_translations(newstyle=True)
    return env


def test_the_check_reads_messages_with_values():
    env = newstyle_env()
    good = ('{{ _("Case %(ref)s", ref=r) }}{% trans n=3 %}{{ n }} days{% endtrans %}'
            '{{ ngettext("%(num)s file", "%(num)s files", k) }}')

    assert message_problems(env, good) == []


@pytest.mark.parametrize(("source", "problem"), [
    ('{% trans %}Signatory %(number)s{% endtrans %}', "literally"),
    ('{{ _("Signatory %(number)s") }}', "needs ['number'], is given []"),
    ('{{ _("Signatory", number=1) }}', "needs [], is given ['number']"),
])
def test_the_check_finds_each_mistake(source, problem):
    found = message_problems(newstyle_env(), source)

    assert [problem in message for message in found] == [True]
