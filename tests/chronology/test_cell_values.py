"""The rules for single cells that real extracts stretch: postcodes of every Royal Mail
shape (and the one that breaks the rules), and messages that show a cell as sent."""

import pytest

from chronology.importing.codes import parse_attendance_code
from chronology.importing.values import BadValue, parse_nhs_number, parse_postcode


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("M1 1AE", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("W1A 0AX", "W1A 0AX"),
        ("CR2 6XH", "CR2 6XH"),
        ("DN55 1PT", "DN55 1PT"),
        ("EC1A 1BB", "EC1A 1BB"),
        ("ec1a1bb", "EC1A 1BB"),
        ("sw1a   2aa", "SW1A 2AA"),
        ("m11ae", "M1 1AE"),
        ("GIR 0AA", "GIR 0AA"),
    ],
)
def test_every_shape_of_uk_postcode_is_accepted_and_stored_in_standard_form(sent, stored):
    assert parse_postcode(sent) == stored


@pytest.mark.parametrize(
    "sent",
    ["QV1 1AA", "NB1 3CD", "GIR 1AA", "NB1", "12345", "AA1 1AAA", "NB1 1A", "XB1 2AB"],
)
def test_what_royal_mail_never_issues_is_not_a_postcode(sent):
    with pytest.raises(BadValue, match=f"^'{sent}' is not a UK postcode$"):
        parse_postcode(sent)


def test_an_nhs_number_in_another_layout_is_refused_even_with_a_good_check_digit():
    with pytest.raises(BadValue, match=r"spaces allowed as 3-3-4"):
        parse_nhs_number("943-476-5919")
    assert parse_nhs_number("943 476 5919") == "9434765919"


def test_a_cell_is_quoted_as_sent_without_doubled_backslashes():
    with pytest.raises(BadValue, match=r"^'\\N' is not a DfE attendance code"):
        parse_attendance_code("\\N")
