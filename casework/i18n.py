"""Language and time-zone selection, and the display helpers templates use."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import has_request_context, request, session
from flask_babel import format_datetime, get_locale
from flask_babel.speaklater import LazyString
from flask_login import current_user
from flask_wtf.i18n import translations as wtforms_translations
from markupsafe import escape

from casework.accounts.models import Locale

SUPPORTED = [locale.value for locale in Locale]


def _escaped_html(lazy: LazyString) -> str:
    return escape(str(lazy))


# Flask-Babel's lazy strings declare themselves safe HTML (``__html__`` returns the text), so
# a lazily translated message interpolating user input (a registry number, a file name) would
# reach the page unescaped. Casework's messages hold no markup: escape them like any text.
LazyString.__html__ = _escaped_html
LANGUAGE_NAMES = {Locale.EN.value: "English", Locale.ZH.value: "简体中文"}


class TranslatedFormMeta:
    """``Meta`` for plain WTForms forms (sub-forms, GET filters), which Flask-WTF does not reach:
    WTForms' own messages, such as "This field is required.", in the user's language."""

    def get_translations(self, form):
        """WTForms' catalogue for the current request's language (via Flask-WTF)."""
        return wtforms_translations


def select_locale() -> str:
    """The signed-in user's language, else the session's choice, else the browser's.

    Outside a request (CLI commands) it is the default, English, unless forced.
    """
    if not has_request_context():
        return Locale.EN.value
    if current_user and current_user.is_authenticated:
        return current_user.locale.value
    chosen = session.get("locale")
    if chosen in SUPPORTED:
        return chosen
    best = request.accept_languages.best_match(["en", "zh", "zh-CN", "zh-Hans"])
    return Locale.ZH.value if best and best.startswith("zh") else Locale.EN.value


def select_timezone() -> str:
    """The signed-in user's time zone, else Singapore's (SIMC's own)."""
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user.timezone
    return "Asia/Singapore"


def html_lang() -> str:
    """The BCP 47 tag for the ``lang`` attribute of the page."""
    return "zh-CN" if str(get_locale()).startswith("zh") else "en"


def local_datetime(value: datetime | None) -> str:
    """An instant in the viewer's time zone, with the zone named (e.g. ``Asia/Shanghai``)."""
    if value is None:
        return ""
    zone = select_timezone()
    return f"{format_datetime(value, 'medium')} ({zone})"


def zone_names() -> list[str]:
    """Time zones offered in profile forms: the common ones for SIMC/SCIA users first."""
    from zoneinfo import available_timezones

    common = ["Asia/Singapore", "Asia/Shanghai", "Asia/Hong_Kong", "Europe/London", "UTC"]
    return common + sorted(z for z in available_timezones() if z not in common and "/" in z)


def is_valid_zone(name: str) -> bool:
    """Whether ``name`` is a known IANA time zone."""
    try:
        ZoneInfo(name)
    except (KeyError, ValueError):
        return False
    return bool(name)
