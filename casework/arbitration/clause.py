"""The clause check: does the dispute-resolution clause name SCIA unambiguously?

PRC law requires an arbitration agreement to name the arbitration institution; a clause that
names none, names another one, or names two at once gives SCIA no jurisdiction, and a
settlement under it cannot become an SCIA award. SCIA is recognised by any of its registered
names, present and former (see :data:`SCIA_NAMES`).

The check reads the clause case-insensitively, ignores line breaks and extra spaces (also
between Chinese characters) and treats full-width characters such as （ ） as their ASCII
forms. It knows SCIA's names and those of the institutions most often named instead (CIETAC,
SIAC, HKIAC, ICC, LCIA, SHIAC, the Beijing and Guangzhou commissions); any other name shaped
like an institution's ("Wuhan Arbitration Commission", 武汉仲裁委员会, or a loose translation
of SCIA's name such as "Shenzhen International Arbitration Court") is quoted back as
unrecognised. A clause naming SCIA and any other institution — even only for its rules — fails
as ambiguous: the registrar then records the parties' new agreement.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from dataclasses import dataclass, field

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from casework.deadlines.computation import step


class ClauseProblem(enum.StrEnum):
    """Why a clause does not name SCIA unambiguously."""

    EMPTY = "empty"
    MEDIATION_ONLY = "mediation_only"
    SEAT_ONLY = "seat_only"
    NO_INSTITUTION = "no_institution"
    CIETAC = "cietac"
    OTHER_INSTITUTION = "other_institution"
    UNRECOGNISED_INSTITUTION = "unrecognised_institution"
    AMBIGUOUS = "ambiguous"


EMPTY_REASON = _l("No dispute-resolution clause has been entered, so it cannot be checked.")
MEDIATION_ONLY_REASON = _l(
    "The clause provides for mediation only: it contains no agreement to arbitrate. Escalation "
    "to SCIA needs an arbitration agreement naming SCIA."
)
SEAT_ONLY_REASON = _l(
    "The clause provides for arbitration in Shenzhen but names no arbitration institution. "
    "PRC law requires the arbitration agreement to name the institution: SCIA (深圳国际仲裁院) "
    "or one of its registered names."
)
NO_INSTITUTION_REASON = _l(
    "The clause does not name SCIA (深圳国际仲裁院) or any of its registered names as the "
    "arbitration institution. PRC law requires the arbitration agreement to name the "
    "institution."
)
CIETAC_REASON = _l(
    "The clause names CIETAC (中国国际经济贸易仲裁委员会) without its former South China or "
    "Shenzhen sub-commission. CIETAC is a different institution from SCIA, so the clause gives "
    "SCIA no jurisdiction."
)
OTHER_INSTITUTION_REASON = _l(
    "The clause names %(institution)s, not SCIA. The case cannot go to SCIA without a new "
    "arbitration agreement naming SCIA."
)
UNRECOGNISED_INSTITUTION_REASON = _l(
    "The clause names “%(name)s”, which is neither SCIA nor one of SCIA's registered names. "
    "PRC law requires the arbitration institution to be named unambiguously: the case cannot go "
    "to SCIA without an arbitration agreement naming SCIA."
)
UNRECOGNISED_LABEL = _l("“%(name)s” (not a name the check recognises)")
AMBIGUOUS_REASON = _l(
    "The clause names more than one arbitration institution (%(institutions)s). PRC law "
    "requires a single institution named unambiguously; the parties need to agree on SCIA "
    "alone."
)


@dataclass(frozen=True)
class Institution:
    """An arbitration institution named in a clause, with its name for the page; those the
    check recognises are the constants below."""

    key: str
    label: LazyString = field(compare=False)
    is_scia: bool = False


SCIA = Institution(
    "scia", _l("SCIA (Shenzhen Court of International Arbitration, 深圳国际仲裁院)"), is_scia=True
)
CIETAC = Institution(
    "cietac", _l("CIETAC (China International Economic and Trade Arbitration Commission, "
                 "中国国际经济贸易仲裁委员会)")
)
SIAC = Institution("siac", _l("SIAC (Singapore International Arbitration Centre)"))
HKIAC = Institution("hkiac", _l("HKIAC (Hong Kong International Arbitration Centre)"))
ICC = Institution("icc", _l("ICC (International Chamber of Commerce)"))
LCIA = Institution("lcia", _l("LCIA (London Court of International Arbitration)"))
SHIAC = Institution("shiac", _l("SHIAC (Shanghai International Arbitration Center)"))
BAC = Institution("bac", _l("Beijing Arbitration Commission (北京仲裁委员会)"))
GZAC = Institution("gzac", _l("Guangzhou Arbitration Commission (广州仲裁委员会)"))
RECOGNISED = (SCIA, CIETAC, SIAC, HKIAC, ICC, LCIA, SHIAC, BAC, GZAC)


@dataclass(frozen=True)
class ClauseCheck:
    """The result of the clause check.

    ``names_scia``: the clause names SCIA and no other institution. ``scia_name``: the first
    SCIA name found (its registered spelling), also when another institution spoils the clause.
    ``institutions``: every institution named (recognised, or an unrecognised name that
    looks like an institution's), in order of first mention.
    ``problem`` and ``reason`` (plain language, translated when shown) say why the clause fails;
    both are ``None`` when it passes.
    """

    names_scia: bool
    scia_name: str | None
    institutions: tuple[Institution, ...]
    problem: ClauseProblem | None
    reason: LazyString | None


def _english(*phrases: str) -> str:
    """A pattern matching any of the English ``phrases`` as whole words; words may be joined by
    spaces or hyphens (or nothing), "and" may be written "&"."""
    alternatives = []
    for phrase in phrases:
        words = [r"(?:and|&)" if word == "and" else word for word in phrase.split()]
        alternatives.append(r"[\s-]*".join(words))
    return r"\b(?:" + "|".join(alternatives) + r")\b"


_CIETAC_EN = r"(?:cietac|china international economic (?:and|&) trade arbitration commission)"
_SUB_COMMISSION_EN = r"(?:sub[\s-]*)?commission"


@dataclass(frozen=True)
class _Name:
    """One name of an institution: the spelling to show and how it is recognised."""

    institution: Institution
    spelling: str
    pattern: re.Pattern[str]


def _name(institution: Institution, spelling: str, pattern: str) -> _Name:
    """A name of ``institution`` spelt ``spelling``, matched by ``pattern`` ignoring case."""
    return _Name(institution, spelling, re.compile(pattern, re.IGNORECASE))


# Most specific names first: a name found is blanked out before the next one is looked for, so
# "CIETAC South China Sub-Commission" is not also read as CIETAC, nor "South China International
# Economic and Trade Arbitration Commission" as "China International Economic and Trade ...".
SCIA_NAMES: tuple[_Name, ...] = (
    _name(SCIA, "CIETAC South China Sub-Commission",
          rf"\b{_CIETAC_EN}[\s,(-]*south[\s-]*china[\s-]*{_SUB_COMMISSION_EN}\b"
          rf"|\bsouth[\s-]*china[\s-]*{_SUB_COMMISSION_EN} of (?:the )?{_CIETAC_EN}\b"),
    _name(SCIA, "CIETAC Shenzhen Sub-Commission",
          rf"\b{_CIETAC_EN}[\s,(-]*shenzhen[\s-]*{_SUB_COMMISSION_EN}\b"
          rf"|\bshenzhen[\s-]*{_SUB_COMMISSION_EN} of (?:the )?{_CIETAC_EN}\b"),
    _name(SCIA, "中国国际经济贸易仲裁委员会华南分会", r"中国国际经济贸易仲裁委员会[(]?华南分会"),
    _name(SCIA, "中国国际经济贸易仲裁委员会深圳分会", r"中国国际经济贸易仲裁委员会[(]?深圳分会"),
    _name(SCIA, "South China International Economic and Trade Arbitration Commission",
          _english("south china international economic and trade arbitration commission")),
    _name(SCIA, "SCIETAC", _english("scietac")),
    _name(SCIA, "华南国际经济贸易仲裁委员会", r"华南国际经济贸易仲裁委员会"),
    _name(SCIA, "Shenzhen Court of International Arbitration",
          _english("shenzhen court of international arbitration")),
    _name(SCIA, "SCIA", _english("scia")),
    _name(SCIA, "深圳国际仲裁院", r"深圳国际仲裁院"),
    _name(SCIA, "Shenzhen Arbitration Commission", _english("shenzhen arbitration commission")),
    _name(SCIA, "深圳仲裁委员会", r"深圳仲裁委(?:员会)?"),
)
OTHER_NAMES: tuple[_Name, ...] = (
    _name(CIETAC, "中国国际商会仲裁院", r"中国国际商会仲裁院"),
    _name(CIETAC, "Court of Arbitration of the China Chamber of International Commerce",
          _english("court of arbitration of the china chamber of international commerce",
                   "court of arbitration of china chamber of international commerce")),
    _name(CIETAC, "CIETAC", rf"\b{_CIETAC_EN}\b"),
    _name(CIETAC, "中国国际经济贸易仲裁委员会", r"中国国际经济贸易仲裁委员会"),
    _name(SIAC, "SIAC", _english("siac", "singapore international arbitration centre",
                                 "singapore international arbitration center")),
    _name(SIAC, "新加坡国际仲裁中心", r"新加坡国际仲裁中心"),
    _name(HKIAC, "HKIAC", _english("hkiac", "hong kong international arbitration centre",
                                   "hong kong international arbitration center")),
    _name(HKIAC, "香港国际仲裁中心", r"香港国际仲裁中心"),
    _name(ICC, "ICC", _english("icc", "international chamber of commerce",
                               "international court of arbitration")),
    _name(ICC, "国际商会", r"(?<!中国)国际商会"),
    _name(LCIA, "LCIA", _english("lcia", "london court of international arbitration")),
    _name(SHIAC, "SHIAC", _english("shiac", "shanghai international arbitration centre",
                                   "shanghai international arbitration center")),
    _name(SHIAC, "上海国际仲裁中心", r"上海国际仲裁中心|上海国际经济贸易仲裁委员会"),
    _name(BAC, "Beijing Arbitration Commission", _english("beijing arbitration commission")),
    _name(BAC, "北京仲裁委员会", r"北京仲裁委员会"),
    _name(GZAC, "Guangzhou Arbitration Commission",
          _english("guangzhou arbitration commission")),
    _name(GZAC, "广州仲裁委员会", r"广州仲裁委员会"),
)

_CJK = r"[\u2e80-\u9fff]"
_ARBITRATION = re.compile(r"arbitra|仲裁", re.IGNORECASE)
_MEDIATION = re.compile(r"mediat|conciliat|调解|调停", re.IGNORECASE)
_SHENZHEN = re.compile(r"shenzhen|深圳", re.IGNORECASE)
# Words that make a name look like an institution's, recognised or not.
_INSTITUTION_WORDS = re.compile(
    r"arbitra\w* (?:court|commission|cent(?:re|er)|institute)|court of (?:international )?"
    r"arbitration|仲裁(?:委员会|委|院|中心)",
    re.IGNORECASE,
)
# An institution the check does not know: a word (a place, usually) before "(International)
# Arbitration Commission/Centre/Institute/Court", or Chinese characters before 仲裁委员会 etc.
# that do not include a verb or pronoun such as 提交, 简称 or 该.
_UNLISTED_ENGLISH = re.compile(
    r"\b([a-z]+)(?: international)? arbitration (?:commission|cent(?:re|er)|institute|court)\b",
    re.IGNORECASE,
)
_NOT_A_NAME = frozenset(
    "a an and any another at before by for in its of one or other said same such that the "
    "their this to under which with".split()
)
_UNLISTED_CHINESE = re.compile(
    r"(?:(?![该本此其述称定交由向到至于在给请或和及与])[\u4e00-\u9fff]){2,8}"
    r"(?:仲裁委员会|仲裁委|仲裁院|仲裁中心)"
)
_BLANK = "\x00"


def normalise(text: str) -> str:
    """``text`` as the check reads it: full-width forms folded to ASCII (NFKC), every run of
    white space one space, and no space next to a Chinese character. (Names are matched
    ignoring case.)"""
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(rf" (?={_CJK})|(?<={_CJK}) ", "", text)


def _found_names(text: str) -> list[tuple[int, Institution, str]]:
    """Every institution named in the normalised ``text``: where, which, and its spelling (the
    registered one, or the text itself for a name the check does not know). Each place is read
    once, more specific names first."""
    found = []
    for name in SCIA_NAMES + OTHER_NAMES:
        for match in name.pattern.finditer(text):
            found.append((match.start(), name.institution, name.spelling))
        text = name.pattern.sub(lambda m: _BLANK * len(m.group()), text)
    unlisted = [match for match in _UNLISTED_ENGLISH.finditer(text)
                if match.group(1).casefold() not in _NOT_A_NAME]
    for match in unlisted + list(_UNLISTED_CHINESE.finditer(text)):
        spelling = match.group()
        label = step(UNRECOGNISED_LABEL, name=spelling)
        found.append((match.start(), Institution(spelling.casefold(), label), spelling))
    return sorted(found, key=lambda item: item[0])


def check_clause(text: str) -> ClauseCheck:
    """Check that the dispute-resolution clause ``text`` names SCIA, by one of its registered
    names, as the only arbitration institution; say why not otherwise."""
    clause = normalise(text or "")
    found = _found_names(clause)
    institutions: list[Institution] = []
    spellings: dict[Institution, str] = {}
    for _, institution, spelling in found:
        if institution not in institutions:
            institutions.append(institution)
            spellings[institution] = spelling
    if institutions == [SCIA]:
        return ClauseCheck(True, spellings[SCIA], (SCIA,), None, None)
    problem, reason = _problem(clause, institutions, spellings)
    return ClauseCheck(False, spellings.get(SCIA), tuple(institutions), problem, reason)


def _problem(
    clause: str, institutions: list[Institution], spellings: dict[Institution, str]
) -> tuple[ClauseProblem, LazyString]:
    """Why a clause naming ``institutions`` (not SCIA alone) fails."""
    if len(institutions) > 1:
        labels = [institution.label for institution in institutions]
        return ClauseProblem.AMBIGUOUS, step(AMBIGUOUS_REASON, institutions=labels)
    if institutions == [CIETAC]:
        return ClauseProblem.CIETAC, CIETAC_REASON
    if institutions and institutions[0] in RECOGNISED:
        return ClauseProblem.OTHER_INSTITUTION, step(
            OTHER_INSTITUTION_REASON, institution=institutions[0].label
        )
    if institutions:
        return ClauseProblem.UNRECOGNISED_INSTITUTION, step(
            UNRECOGNISED_INSTITUTION_REASON, name=spellings[institutions[0]]
        )
    if not clause:
        return ClauseProblem.EMPTY, EMPTY_REASON
    if not _ARBITRATION.search(clause) and _MEDIATION.search(clause):
        return ClauseProblem.MEDIATION_ONLY, MEDIATION_ONLY_REASON
    names_an_institution = _INSTITUTION_WORDS.search(clause)
    if _ARBITRATION.search(clause) and _SHENZHEN.search(clause) and not names_an_institution:
        return ClauseProblem.SEAT_ONLY, SEAT_ONLY_REASON
    return ClauseProblem.NO_INSTITUTION, NO_INSTITUTION_REASON
