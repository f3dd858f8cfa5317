"""The chronology's CSV as a spreadsheet keeps it: a filtered file says so in its name
(as the flagged list's does), and the head teacher's restricted-information notice is
said once, in a row of its own before the entries, as the page and the print view say it
once above theirs. It was in the Note of every row, which read as though every entry,
attendance weeks included, were restricted."""

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


def test_the_head_teachers_notice_is_said_once_before_the_entries_which_carry_no_note(world):
    rows = csv_dicts(_csv(world, "head_teacher"))
    notice, *entries = rows
    assert notice["Note"] == RESTRICTED_NOTICE
    assert not any(value for key, value in notice.items() if key != "Note")
    assert len(entries) > 1
    assert all(row["Date"] for row in entries)
    assert {row["Note"] for row in entries} == {""}
    assert csv_rows(_csv(world, "head_teacher"))[0][-1] == "Note"


def test_the_notice_is_said_whatever_the_filter_and_only_once(world):
    rows = csv_dicts(_csv(world, "head_teacher", {"people": "young_person", "order": "oldest"}))
    assert [row["Note"] for row in rows].count(RESTRICTED_NOTICE) == 1
    assert rows[0]["Note"] == RESTRICTED_NOTICE


def test_with_no_entries_the_notice_is_the_files_one_row(world):
    [row] = csv_dicts(_csv(world, "head_teacher", {"q": "nothing is called this"}))
    assert row["Note"] == RESTRICTED_NOTICE
    assert not any(value for key, value in row.items() if key != "Note")


def test_a_dsl_who_sees_everything_has_an_empty_note(world):
    rows = csv_dicts(_csv(world, "dsl"))
    assert rows
    assert {row["Note"] for row in rows} == {""}
