import pytest

from schools.identifiers import nhs_number_problem, upn_check_letter, upn_problem

SHAPE = (
    "UPN must be a check letter (not I, O or S), 11 digits, then a digit or, "
    "for a temporary UPN, a letter other than I, O or S"
)
NHS_LAYOUT = "NHS number must be 10 digits (spaces allowed as 3-3-4)"


@pytest.mark.parametrize("upn", ["H801200001001", "h801200001001", " H801200001001 "])
def test_the_feeds_example_upn_is_valid(upn):
    assert upn_problem(upn) is None


def test_a_wrong_check_letter_is_named():
    assert upn_problem("A801200001001") == "UPN check letter is A but should be H"


def test_a_temporary_upn_with_a_letter_in_position_13_is_checked():
    body = "80120000100A"
    assert upn_problem(upn_check_letter(body) + body) is None


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("H80120000100", "UPN must be 13 characters; this has 12"),
        ("180120000100A", SHAPE),
        ("H80120000I001", SHAPE),
        ("X80100002603I", SHAPE),
    ],
)
def test_badly_shaped_upns_are_refused(value, problem):
    assert upn_problem(value) == problem


@pytest.mark.parametrize("value", ["9434765919", "943 476 5919", " 943 476 5919 "])
def test_valid_nhs_numbers(value):
    assert nhs_number_problem(value) is None


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("9434765918", "NHS number check digit is wrong"),
        ("94347659", NHS_LAYOUT),
        ("94347659AB", NHS_LAYOUT),
        ("943-476-5919", NHS_LAYOUT),
        ("94347 65919", NHS_LAYOUT),
        ("943  476 5919", NHS_LAYOUT),
    ],
)
def test_invalid_nhs_numbers(value, problem):
    assert nhs_number_problem(value) == problem
