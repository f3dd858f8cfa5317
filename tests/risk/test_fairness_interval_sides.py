"""A rate ratio's interval rounded to two decimals hid which side of 1 a bound was on:
"1.18 (1.00 to 1.38) higher" beside an untagged "1.25 (1.00 to 1.56)" read as a
contradiction, when one lower bound was 1.004 and the other 0.999. A bound (or ratio)
that two decimals would show as 1.00 is shown with the decimals it takes to be on its
side of 1, alike in the page's table, the chart's data table and the chart itself."""

import re

import pytest
from django.urls import reverse

from accounts.roles import Role
from portal.charts import sided
from tests.factories.access import user_with_role
from tests.risk.pages_world import client_for
from tests.risk.test_fairness_pages import _city

pytestmark = pytest.mark.django_db


def _cells(page: str, group: str) -> list[str]:
    """Each row headed `group`, as its cells' text: the fairness table's row, then the
    chart's data table's."""
    rows = re.findall(rf'<th scope="row" class="govuk-table__header">{group}</th>(.*?)</tr>', page, re.S)
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        for row in rows
    ]


def test_a_bound_near_1_shows_which_side_of_1_it_is_on_in_the_table_and_the_chart():
    # Lower bounds 1.0042 (girls, tagged higher) and 0.9990 (boys, not tagged).
    _city({"F": (9, 8), "M": (14, 12), "": (14, 5)})

    page = client_for(user_with_role(Role.TASKFORCE)).get(reverse("trigger_points:fairness")).content.decode()

    female, female_data = _cells(page, "Female")
    male, male_data = _cells(page, "Male")
    assert female[-1] == "1.46 (1.004 to 2.13) higher"
    assert male[-1] == "1.52 (0.999 to 2.30)"
    assert female_data == ["1.46", "1.004", "2.13"]
    assert male_data == ["1.52", "0.999", "2.30"]
    assert "Female: 1.46 (1.004 to 2.13)" in page, "the chart's point says the same"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1.18, "1.18"),
        (2.134, "2.13"),
        (1.0, "1.00"),
        (1.0042, "1.004"),
        (0.999, "0.999"),
        (0.9951, "0.995"),
        (1.00004, "1.00004"),
        (0.99996, "0.99996"),
        (1.000000001, "1.000001"),
    ],
)
def test_two_decimals_or_as_many_as_it_takes_to_be_on_the_right_side_of_1(value, shown):
    assert sided(value) == shown
