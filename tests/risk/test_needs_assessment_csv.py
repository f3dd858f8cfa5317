"""The needs-assessment CSV as a council analyst opens it in a spreadsheet: each
breakdown named as the page heads it, and every suppressed count explained on its own
row in a Note column, so the file still reads as one table (the symbols stay in the
count column, as issue 16 asks: counts below 5 are `<5`)."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from risk.selectors_fairness import ALL_FLAGS
from risk.suppression import BELOW, NOT_BROKEN_DOWN, WITHHELD
from tests.csv_download import csv_dicts, csv_rows
from tests.factories import EnrolmentFactory, SchoolFactory
from tests.factories.access import user_with_role
from tests.factories.risk import FlagFactory, IndicatorVersionFactory
from tests.risk.pages_world import client_for

pytestmark = pytest.mark.django_db
CSV = reverse("trigger_points:needs_assessment_csv")
NOTES = {
    BELOW: "Fewer than 5 (0 to 4), suppressed so that no young person can be singled out",
    WITHHELD: "5 or more, withheld so that a count below 5 cannot be worked out from the total",
    NOT_BROKEN_DOWN: (
        "Not broken down: every count in this breakdown is below 5 while their total is not, so none is given"
    ),
}


def _flag_pupils(sizes: dict[str, int], postcodes: list[str]) -> None:
    version = IndicatorVersionFactory(indicator__code="tp01", name="Persistent absence")
    for name, size in sizes.items():
        school = SchoolFactory(name=name)
        for _ in range(size):
            FlagFactory(
                person=EnrolmentFactory(school=school, person__postcode=postcodes.pop()).person,
                version=version,
            )


def _download() -> list[dict[str, str]]:
    return csv_dicts(client_for(user_with_role(Role.TASKFORCE)).get(CSV))


def test_each_breakdown_is_named_as_the_page_heads_it():
    _flag_pupils({"Ashgrove Academy": 7, "Birch Primary School": 2}, ["NB1 1AA"] * 9)
    response = client_for(user_with_role(Role.TASKFORCE)).get(CSV)

    assert csv_rows(response)[0] == ["Breakdown", "Group", "Young people", "Note"]
    rows = csv_dicts(response)
    assert [r["Breakdown"] for r in rows] == ["School"] * 3 + ["Postcode district"] * 2 + [
        "Trigger point"
    ] * 2
    assert [r["Group"] for r in rows if r["Breakdown"] == "Trigger point"] == [
        "tp01 Persistent absence",
        ALL_FLAGS,
    ]


def test_every_suppressed_count_says_what_its_symbol_means_and_no_shown_count_has_a_note():
    _flag_pupils({"Ashgrove Academy": 7, "Birch Primary School": 2}, ["NB1 1AA"] * 9)
    rows = _download()

    schools = {r["Group"]: r for r in rows if r["Breakdown"] == "School"}
    assert schools["Birch Primary School"]["Young people"] == BELOW
    for row in rows:
        assert row["Note"] == NOTES.get(row["Young people"], ""), row


def test_a_breakdown_not_broken_down_says_so_on_each_of_its_rows():
    districts = ["NB1 1AA"] * 6 + ["NB2 2BB"] * 5
    _flag_pupils({"Ashgrove Academy": 4, "Birch Primary School": 4, "Cedar School": 3}, districts)
    schools = [r for r in _download() if r["Breakdown"] == "School"]

    assert [r["Young people"] for r in schools] == [NOT_BROKEN_DOWN] * 3 + ["11"]
    assert [r["Note"] for r in schools] == [NOTES[NOT_BROKEN_DOWN]] * 3 + [""]
