"""The missing-glyph guard: every character drawn must exist in one of the document fonts.

The fonts are found the way WeasyPrint finds them, through fontconfig (``fc-match``), so a system
without the Chinese font (or a ``FONTCONFIG_FILE`` hiding it) resolves the family to some other
font that lacks the Chinese characters, and the guard names them instead of letting boxes through.
"""

from __future__ import annotations

import subprocess
import unicodedata
from collections.abc import Iterable
from functools import cache

from fontTools.ttLib import TTCollection, TTFont

# The families print.css uses, in order: Latin text, then Chinese (``lang="zh-CN"``).
DOCUMENT_FONT_FAMILIES = ("DejaVu Serif", "Noto Serif CJK SC")

# Characters that are never drawn: controls, format characters, line and paragraph separators.
_NOT_DRAWN = {"Cc", "Cf", "Zl", "Zp"}


def font_file_for(family: str) -> tuple[str, int]:
    """The font file and face index fontconfig resolves ``family`` to."""
    result = subprocess.run(  # noqa: S603 - fixed program, the family is a fixed argument
        ["fc-match", "--format=%{file}\n%{index}", family],  # noqa: S607
        capture_output=True, text=True, check=True, timeout=30,
    )
    file, _, index = result.stdout.partition("\n")
    return file, int(index or 0)


@cache
def _codepoints(file: str, index: int) -> frozenset[int]:
    if file.lower().endswith((".ttc", ".otc")):
        font = TTCollection(file, lazy=True).fonts[index]
    else:
        font = TTFont(file, fontNumber=index, lazy=True)
    return frozenset(font.getBestCmap() or {})


def covered_codepoints(families: Iterable[str] = DOCUMENT_FONT_FAMILIES) -> frozenset[int]:
    """Every code point that at least one of ``families`` (as installed) can draw."""
    covered: set[int] = set()
    for family in families:
        covered |= _codepoints(*font_file_for(family))
    return frozenset(covered)


def missing_characters(text: str, covered: frozenset[int]) -> str:
    """The distinct drawable characters of ``text`` not in ``covered``, in order of appearance."""
    missing: dict[str, None] = {}
    for char in text:
        if ord(char) in covered or char.isspace() or unicodedata.category(char) in _NOT_DRAWN:
            continue
        missing[char] = None
    return "".join(missing)
