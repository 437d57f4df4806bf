"""Language and time-zone selection, and the display helpers templates use."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from flask import request, session
from flask_babel import format_datetime, get_locale
from flask_login import current_user

from casework.accounts.models import Locale

SUPPORTED = [locale.value for locale in Locale]
LANGUAGE_NAMES = {Locale.EN.value: "English", Locale.ZH.value: "简体中文"}


def select_locale() -> str:
    """The signed-in user's language, else the session's choice, else the browser's."""
    if current_user and current_user.is_authenticated:
        return current_user.locale.value
    chosen = session.get("locale")
    if chosen in SUPPORTED:
        return chosen
    best = request.accept_languages.best_match(["en", "zh", "zh-CN", "zh-Hans"])
    return Locale.ZH.value if best and best.startswith("zh") else Locale.EN.value


def select_timezone() -> str:
    """The signed-in user's time zone, else Singapore's (SIMC's own)."""
    if current_user and current_user.is_authenticated:
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
