"""The chronology's CSV as a spreadsheet keeps it: a filtered file says so in its name
(as the flagged list's does), and the head teacher's restricted-information notice sits
in a Note column on every row, where sorting the sheet cannot carry it away from the
entries it is about (it was a row of its own with no date, which a sort moved)."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.access import RESTRICTED_NOTICE
from tests.chronology.timeline_world import build_world
from tests.csv_download import csv_dicts, csv_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def _csv(world, role, params=None):
    client = Client()
    client.force_login(world.users[role])
    return client.get(reverse("chronology:timeline_csv", args=[world.pupil.pk]), params or {})


def _filename(response) -> str:
    return response["Content-Disposition"].split('filename="')[1].rstrip('"')


@pytest.mark.parametrize(
    ("params", "filtered"),
    [({}, False), ({"order": "oldest"}, False), ({"people": "young_person"}, True), ({"q": "x"}, True)],
)
def test_a_filtered_file_says_so_in_its_name_and_the_order_is_no_filter(world, params, filtered):
    name = _filename(_csv(world, "dsl", params))
    assert name.startswith(f"chronology-{world.pupil.pk}-")
    assert name.endswith("-filtered.csv") == filtered


def test_the_head_teachers_notice_is_on_every_entry_and_no_row_is_without_a_date(world):
    rows = csv_dicts(_csv(world, "head_teacher"))
    assert len(rows) > 1
    assert all(row["Date"] for row in rows)
    assert {row["Note"] for row in rows} == {RESTRICTED_NOTICE}
    assert csv_rows(_csv(world, "head_teacher"))[0][-1] == "Note"


def test_with_no_entry_to_carry_it_the_notice_is_the_files_one_row(world):
    [row] = csv_dicts(_csv(world, "head_teacher", {"q": "nothing is called this"}))
    assert row["Note"] == RESTRICTED_NOTICE
    assert not any(value for key, value in row.items() if key != "Note")


def test_a_dsl_who_sees_everything_has_an_empty_note(world):
    rows = csv_dicts(_csv(world, "dsl"))
    assert rows
    assert {row["Note"] for row in rows} == {""}
