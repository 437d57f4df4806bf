"""Registry numbers: China's Unified Social Credit Code (USCC) and Singapore's UEN.

:func:`check_registry_number` normalises a number and lists every problem with it, each saying
exactly what is wrong (which character, at which position, what the check character should be),
so a form can show it to the person who typed it. python-stdnum's check-character formulas are
used; the positions and messages are ours.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from stdnum.cn import uscc as stdnum_uscc
from stdnum.sg import uen as stdnum_uen

from casework.parties.models import Jurisdiction

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_LENGTH = 18
# GB 11714: weights of the eight body characters of the organisation code (positions 9-16).
_ORG_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
UEN_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
OTHER_NUMBER_MAX_LENGTH = 32
# Separators people type inside numbers; they are not part of the number.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]+")


class ProblemKind(enum.StrEnum):
    """What sort of problem a registry number has. Only checksum problems may be overridden."""

    LENGTH = "length"
    ALPHABET = "alphabet"
    FORMAT = "format"
    CHECKSUM = "checksum"


@dataclass(frozen=True)
class RegistryNumberProblem:
    """One thing wrong with a number; ``expected`` is the right check character, if any."""

    kind: ProblemKind
    message: str
    expected: str | None = None


@dataclass(frozen=True)
class RegistryNumberCheck:
    """The normalised number and everything wrong with it (nothing: it is valid)."""

    jurisdiction: Jurisdiction
    number: str
    problems: tuple[RegistryNumberProblem, ...] = ()

    @property
    def is_valid(self) -> bool:
        """Whether the number has no problem at all."""
        return not self.problems

    @property
    def hard_problems(self) -> tuple[RegistryNumberProblem, ...]:
        """Length, alphabet and format problems: never acceptable, whoever asks."""
        return tuple(p for p in self.problems if p.kind != ProblemKind.CHECKSUM)

    @property
    def checksum_problems(self) -> tuple[RegistryNumberProblem, ...]:
        """Check-character problems: a registrar may accept them with a recorded reason."""
        return tuple(p for p in self.problems if p.kind == ProblemKind.CHECKSUM)

    @property
    def fails_only_checksum(self) -> bool:
        """Whether the number is well-formed but fails a check character."""
        return bool(self.problems) and not self.hard_problems


def normalise_registry_number(jurisdiction: Jurisdiction | str, raw: str) -> str:
    """The number as stored: for USCC/UEN without spaces or hyphens and upper-cased; for other
    jurisdictions as given (surrounding spaces removed)."""
    raw = (raw or "").strip()
    if Jurisdiction(jurisdiction) == Jurisdiction.OTHER:
        return raw
    return _SEPARATORS.sub("", raw).upper()


def check_registry_number(jurisdiction: Jurisdiction | str, raw: str) -> RegistryNumberCheck:
    """Normalise ``raw`` for ``jurisdiction`` and list its problems (see :class:`ProblemKind`)."""
    jurisdiction = Jurisdiction(jurisdiction)
    number = normalise_registry_number(jurisdiction, raw)
    if jurisdiction == Jurisdiction.CN:
        problems = _uscc_problems(number)
    elif jurisdiction == Jurisdiction.SG:
        problems = _uen_problems(number)
    else:
        problems = _other_problems(number)
    return RegistryNumberCheck(jurisdiction, number, tuple(problems))


def _length(expected: int, number: str) -> RegistryNumberProblem:
    return RegistryNumberProblem(
        ProblemKind.LENGTH,
        _l("must be %(expected)d characters (you entered %(count)d)",
           expected=expected, count=len(number)),
    )


def _wrong_check(message, expected: str) -> RegistryNumberProblem:
    return RegistryNumberProblem(ProblemKind.CHECKSUM, message, expected)


# --- USCC (GB 32100-2015) -------------------------------------------------------------------


def _uscc_problems(number: str) -> list[RegistryNumberProblem]:
    problems: list[RegistryNumberProblem] = []
    if len(number) != USCC_LENGTH:
        problems.append(_length(USCC_LENGTH, number))
    for position, char in enumerate(number, start=1):
        if char not in USCC_ALPHABET:
            problems.append(RegistryNumberProblem(
                ProblemKind.ALPHABET,
                _l("‘%(char)s’ at position %(position)d is not allowed — a USCC uses digits and "
                   "capital letters except I, O, S, V and Z", char=char, position=position),
            ))
    if problems:
        return problems
    for position in range(3, 9):
        char = number[position - 1]
        if not char.isdigit():
            problems.append(RegistryNumberProblem(
                ProblemKind.FORMAT,
                _l("‘%(char)s’ at position %(position)d is not allowed — positions 3 to 8 are "
                   "the administrative division code and must be digits",
                   char=char, position=position),
            ))
    if problems:
        return problems
    org_check = _organisation_code_check(number[8:16])
    if number[16] != org_check:
        problems.append(_wrong_check(
            _l("the organisation code check character (position 17) should be ‘%(expected)s’, "
               "not ‘%(found)s’", expected=org_check, found=number[16]),
            org_check,
        ))
    final_check = stdnum_uscc.calc_check_digit(number[:17])
    if number[17] != final_check:
        problems.append(_wrong_check(
            _l("the check character should be ‘%(expected)s’, not ‘%(found)s’",
               expected=final_check, found=number[17]),
            final_check,
        ))
    return problems


def _organisation_code_check(body: str) -> str:
    """GB 11714 check character of an eight-character organisation code body (letters count
    10 for A up to 35 for Z): 11 minus the weighted sum modulo 11, 10 written X and 11 as 0."""
    weighted = zip(body, _ORG_CODE_WEIGHTS, strict=True)
    total = sum(int(char, 36) * weight for char, weight in weighted)
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


# --- UEN (Singapore) ------------------------------------------------------------------------


def _uen_problems(number: str) -> list[RegistryNumberProblem]:
    problems: list[RegistryNumberProblem] = []
    if len(number) not in (9, 10):
        problems.append(RegistryNumberProblem(
            ProblemKind.LENGTH,
            _l("must be 9 characters (a business) or 10 characters (a local company or other "
               "entity) — you entered %(count)d", count=len(number)),
        ))
    for position, char in enumerate(number, start=1):
        if char not in UEN_ALPHABET:
            problems.append(RegistryNumberProblem(
                ProblemKind.ALPHABET,
                _l("‘%(char)s’ at position %(position)d is not allowed — a UEN uses only digits "
                   "and capital letters", char=char, position=position),
            ))
    if problems:
        return problems
    if len(number) == 9:
        return _uen_business_problems(number)
    if number[0].isdigit():
        return _uen_local_company_problems(number)
    return _uen_other_entity_problems(number)


def _not_digit(number: str, positions: range, part) -> list[RegistryNumberProblem]:
    return [
        RegistryNumberProblem(
            ProblemKind.FORMAT,
            _l("‘%(char)s’ at position %(position)d should be a digit — %(part)s",
               char=number[p - 1], position=p, part=part),
        )
        for p in positions
        if not number[p - 1].isdigit()
    ]


def _check_letter_problem(number: str, expected: str) -> list[RegistryNumberProblem]:
    found = number[-1]
    if found == expected:
        return []
    return [_wrong_check(
        _l("the check letter should be ‘%(expected)s’, not ‘%(found)s’",
           expected=expected, found=found),
        expected,
    )]


def _last_is_letter(number: str) -> list[RegistryNumberProblem]:
    if number[-1].isalpha():
        return []
    return [RegistryNumberProblem(
        ProblemKind.FORMAT,
        _l("the last character must be a check letter, not ‘%(char)s’", char=number[-1]),
    )]


def _uen_business_problems(number: str) -> list[RegistryNumberProblem]:
    problems = _not_digit(
        number, range(1, 9), _l("a 9-character UEN (business) is 8 digits and a check letter")
    ) + _last_is_letter(number)
    if problems:
        return problems
    return _check_letter_problem(number, stdnum_uen.calc_business_check_digit(number[:8]))


def _uen_local_company_problems(number: str) -> list[RegistryNumberProblem]:
    problems = _not_digit(
        number, range(1, 10),
        _l("a 10-character UEN starting with a digit (local company) is 9 digits and a check "
           "letter"),
    ) + _last_is_letter(number)
    if problems:
        return problems
    year = int(number[:4])
    if not 1800 <= year <= date.today().year:
        return [RegistryNumberProblem(
            ProblemKind.FORMAT,
            _l("the first four digits are the year of registration; %(year)s is not possible",
               year=number[:4]),
        )]
    return _check_letter_problem(number, stdnum_uen.calc_local_company_check_digit(number[:9]))


def _uen_other_entity_problems(number: str) -> list[RegistryNumberProblem]:
    problems: list[RegistryNumberProblem] = []
    if number[0] not in "RST":
        problems.append(RegistryNumberProblem(
            ProblemKind.FORMAT,
            _l("‘%(char)s’ at position 1 is not allowed — a 10-character UEN starting with a "
               "letter begins with R, S or T (the century of registration)", char=number[0]),
        ))
    problems += _not_digit(
        number, range(2, 4), _l("positions 2 and 3 are the year of registration")
    )
    entity_type = number[3:5]
    if entity_type not in stdnum_uen.OTHER_UEN_ENTITY_TYPES:
        problems.append(RegistryNumberProblem(
            ProblemKind.FORMAT,
            _l("‘%(code)s’ (positions 4 and 5) is not a known entity type code", code=entity_type),
        ))
    problems += _not_digit(
        number, range(6, 10), _l("positions 6 to 9 are the entity's serial number")
    ) + _last_is_letter(number)
    if problems:
        return problems
    century = {"R": 1800, "S": 1900, "T": 2000}[number[0]]
    if century + int(number[1:3]) > date.today().year:
        return [RegistryNumberProblem(
            ProblemKind.FORMAT,
            _l("‘%(prefix)s’ stands for the year %(year)d, which has not begun",
               prefix=number[:3], year=century + int(number[1:3])),
        )]
    return _check_letter_problem(number, stdnum_uen.calc_other_check_digit(number[:9]))


# --- elsewhere ------------------------------------------------------------------------------


def _other_problems(number: str) -> list[RegistryNumberProblem]:
    if not number:
        return [RegistryNumberProblem(ProblemKind.LENGTH, _l("must not be empty"))]
    if len(number) > OTHER_NUMBER_MAX_LENGTH:
        return [RegistryNumberProblem(
            ProblemKind.LENGTH,
            _l("must be at most %(limit)d characters (you entered %(count)d)",
               limit=OTHER_NUMBER_MAX_LENGTH, count=len(number)),
        )]
    if any(not char.isprintable() for char in number):
        return [RegistryNumberProblem(
            ProblemKind.ALPHABET, _l("must not contain control characters")
        )]
    return []
