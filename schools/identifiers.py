"""National identifier rules (FEEDS.md section 2), shared by the importer, forms and
the demo city. python-stdnum computes the check characters; the UPN's LA code is not
checked against a list because authorities change."""

import re

from stdnum import exceptions as stdnum_exceptions
from stdnum.gb import nhs, upn

_UPN_SHAPE = re.compile(r"^[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]$")
_NHS_LAYOUT = re.compile(r"^(\d{10}|\d{3} \d{3} \d{4})$")


def normalise_upn(value: str) -> str:
    return value.strip().upper()


def typed_upn(value: str) -> str:
    """A UPN as it is stored, however a person typed it: read aloud in groups (spaces)
    or in lower case."""
    return re.sub(r"\s", "", value).upper()


def upn_check_letter(body: str) -> str:
    """The check letter for positions 2–13 of a UPN."""
    return upn.calc_check_digit(body.upper())


def upn_problem(value: str) -> str | None:
    """Why a UPN is invalid, in words a data officer can act on, or None if it is valid."""
    number = normalise_upn(value)
    if len(number) != 13:
        return f"UPN must be 13 characters; this has {len(number)}"
    if not _UPN_SHAPE.match(number):
        return (
            "UPN must be a check letter (not I, O or S), 11 digits, then a digit or, "
            "for a temporary UPN, a letter other than I, O or S"
        )
    expected = upn_check_letter(number[1:])
    if number[0] != expected:
        return f"UPN check letter is {number[0]} but should be {expected}"
    return None


def normalise_nhs_number(value: str) -> str:
    return nhs.compact(value)


def nhs_number_problem(value: str) -> str | None:
    """FEEDS.md allows spaces only as 3-3-4: another layout (hyphens, 5-5) is refused
    even when its digits pass the check, because it says the source's extract is not
    the one agreed."""
    if not _NHS_LAYOUT.match(value.strip()):
        return "NHS number must be 10 digits (spaces allowed as 3-3-4)"
    number = normalise_nhs_number(value)
    try:
        nhs.validate(number)
    except stdnum_exceptions.ValidationError:
        return "NHS number check digit is wrong"
    return None
