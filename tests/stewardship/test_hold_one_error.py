"""A legal hold's identifier, family id or feed refused for its own sake is told only
that: "No young person has this UPN" or "Choose the feed" beside it would say something
else about what was just typed or chosen."""

import pytest

from stewardship.forms import LegalHoldForm

pytestmark = pytest.mark.django_db

HOLD = {"reason": "Civil claim", "ends_on_day": "31", "ends_on_month": "12", "ends_on_year": "2999"}


@pytest.mark.parametrize(
    ("covers", "field", "error"),
    [
        (
            {"covers": "person", "identifier": "x" * 65},
            "identifier",
            "Enter the young person's UPN, NHS number or local person id in 64 characters or fewer",
        ),
        (
            {"covers": "family", "family_id": "x" * 65},
            "family_id",
            "Enter family id in 64 characters or fewer",
        ),
        ({"covers": "feed", "feed": "999999"}, "feed", "Choose feed from the options given"),
    ],
)
def test_a_value_refused_for_its_own_sake_has_that_error_alone(covers, field, error):
    form = LegalHoldForm(HOLD | covers)
    assert not form.is_valid()
    assert form.errors == {field: [error]}
