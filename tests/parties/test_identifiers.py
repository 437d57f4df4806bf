"""Registry numbers: every problem is found and named precisely."""

import pytest
from stdnum.cn.uscc import calc_check_digit

from casework.parties.identifiers import ProblemKind, check_registry_number
from tests.factories import valid_uscc


@pytest.fixture(autouse=True)
def _request(app):
    """Messages are translated, so they are read inside a request."""
    with app.test_request_context():
        yield


def kinds(check):
    return [problem.kind for problem in check.problems]


def messages(check):
    return [str(problem.message) for problem in check.problems]


# --- USCC -----------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["91110000600037341L", valid_uscc(7), valid_uscc(12345678)])
def test_valid_uscc_is_accepted(number):
    check = check_registry_number("CN", number)
    assert check.is_valid
    assert check.number == number


def test_uscc_is_normalised_spaces_hyphens_and_lower_case():
    check = check_registry_number("CN", " 9111 0000-6000 3734 1l ")
    assert check.number == "91110000600037341L"
    assert check.is_valid


def test_uscc_of_wrong_length_says_how_long_it_is():
    check = check_registry_number("CN", "91110000600037341")
    assert kinds(check) == [ProblemKind.LENGTH]
    assert messages(check) == ["must be 18 characters (you entered 17)"]
    assert not check.fails_only_checksum


@pytest.mark.parametrize("letter", ["I", "O", "S", "V", "Z"])
def test_uscc_letters_outside_the_alphabet_are_named_with_their_position(letter):
    number = "91110000" + letter + "00037341L"
    check = check_registry_number("CN", number)
    assert kinds(check) == [ProblemKind.ALPHABET]
    assert messages(check) == [
        f"‘{letter}’ at position 9 is not allowed — a USCC uses digits and capital letters "
        "except I, O, S, V and Z"
    ]


def test_lower_case_illegal_letter_is_normalised_then_reported():
    check = check_registry_number("CN", "91110000i00037341L")
    assert check.number == "91110000I00037341L"
    assert "‘I’ at position 9" in messages(check)[0]


def test_uscc_division_code_must_be_digits():
    check = check_registry_number("CN", "911A0000600037341L")
    assert kinds(check) == [ProblemKind.FORMAT]
    assert "position 4" in messages(check)[0]


def test_uscc_bad_final_check_character_names_the_right_one():
    check = check_registry_number("CN", "91110000600037341M")
    assert kinds(check) == [ProblemKind.CHECKSUM]
    assert check.problems[0].expected == "L"
    assert messages(check) == ["the check character should be ‘L’, not ‘M’"]
    assert check.fails_only_checksum


def test_uscc_bad_organisation_code_check_is_found_even_with_a_consistent_final_character():
    first17 = "9111000060003734" + "2"  # organisation code 60003734-1 given as -2
    number = first17 + calc_check_digit(first17)
    check = check_registry_number("CN", number)
    assert kinds(check) == [ProblemKind.CHECKSUM]
    assert check.problems[0].expected == "1"
    assert messages(check) == [
        "the organisation code check character (position 17) should be ‘1’, not ‘2’"
    ]


# --- UEN ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    [
        "00192200M",  # business: 8 digits + letter
        "197401143C",  # local company: year + 5 digits + letter
        "S16FC0121D",  # other entity: S + yy + type + 4 digits + letter
        "T01FC6132D",
    ],
)
def test_valid_uen_formats_are_accepted(number):
    assert check_registry_number("SG", number).is_valid


@pytest.mark.parametrize(
    ("number", "expected"),
    [("00192200A", "M"), ("197401143D", "C"), ("T01FC6132E", "D")],
)
def test_uen_wrong_check_letter_names_the_right_one(number, expected):
    check = check_registry_number("SG", number)
    assert kinds(check) == [ProblemKind.CHECKSUM]
    assert messages(check) == [f"the check letter should be ‘{expected}’, not ‘{number[-1]}’"]


def test_uen_business_with_a_letter_among_the_digits():
    check = check_registry_number("SG", "0019A200M")
    assert kinds(check) == [ProblemKind.FORMAT]
    assert "‘A’ at position 5 should be a digit" in messages(check)[0]


def test_uen_local_company_from_the_future_is_refused():
    check = check_registry_number("SG", "299901143C")
    assert kinds(check) == [ProblemKind.FORMAT]
    assert "2999" in messages(check)[0]


def test_uen_other_entity_with_unknown_type_or_prefix():
    assert "‘ZZ’ (positions 4 and 5) is not a known entity type code" in messages(
        check_registry_number("SG", "T01ZZ6132D")
    )
    check = check_registry_number("SG", "U01FC6132D")
    assert kinds(check) == [ProblemKind.FORMAT]
    assert "begins with R, S or T" in messages(check)[0]


def test_uen_wrong_length_and_alphabet():
    check = check_registry_number("SG", "1234567")
    assert kinds(check) == [ProblemKind.LENGTH]
    assert "you entered 7" in messages(check)[0]
    check = check_registry_number("SG", "00192#00M")
    assert kinds(check) == [ProblemKind.ALPHABET]
    assert "‘#’ at position 6" in messages(check)[0]


# --- elsewhere ------------------------------------------------------------------------------


def test_other_jurisdiction_number_is_recorded_as_given():
    check = check_registry_number("OTHER", "  HRB 12345 b ")
    assert check.is_valid
    assert check.number == "HRB 12345 b"
    assert kinds(check_registry_number("OTHER", "   ")) == [ProblemKind.LENGTH]
