"""The flagged list's CSV says what the page says: after the contract's columns (UPN,
name, year group, trigger-point codes, tier) each row's trigger points in the viewer's
words, a restricted one as the head teacher's page words it, and for the taskforce the
school, "Not at school" for a young person on no roll."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.access import ADDITIONAL_FACTOR
from tests.csv_download import csv_rows
from tests.factories import EnrolmentFactory
from tests.factories.risk import FlagFactory
from tests.risk.hidden_world import HIDDEN_CODES, HIDDEN_NAMES, build_hidden_world, web_client
from tests.risk.pages_world import build_world, client_for

pytestmark = pytest.mark.django_db
CSV = reverse("trigger_points:flagged_csv")
CONTRACT = ["UPN", "Name", "Year group", "Trigger points", "Tier"]


def _by_surname(rows: list[list[str]]) -> dict[str, dict[str, str]]:
    header, *body = rows
    return {row[1].split()[-1]: dict(zip(header, row, strict=True)) for row in body}


def test_a_head_teachers_csv_names_a_restricted_trigger_point_as_the_page_does():
    world = build_hidden_world()
    response = web_client(world.head).get(CSV)
    rows = csv_rows(response)

    assert rows[0] == [*CONTRACT, "Trigger point names"]
    bravo = _by_surname(rows)["Bravo"]
    assert bravo["Trigger points"] == "tp01 other"
    assert bravo["Trigger point names"] == f"tp01 Persistent absence; {ADDITIONAL_FACTOR}"
    raw = response.content.decode("utf-8-sig")
    for leak in (*HIDDEN_NAMES, *HIDDEN_CODES):
        assert leak not in raw


def test_a_dsl_who_may_see_them_gets_every_trigger_point_by_name():
    world = build_hidden_world()
    names = _by_surname(csv_rows(web_client(world.dsl).get(CSV)))["Alpha"]["Trigger point names"]
    assert names.startswith("tp01 Persistent absence; ")
    assert ADDITIONAL_FACTOR not in names
    assert any(name in names for name in HIDDEN_NAMES)


def test_the_taskforces_csv_names_each_school_and_says_not_at_school_for_one_on_no_roll():
    world = build_world()
    left = EnrolmentFactory(
        school=world.school, leaving_date=timezone.localdate() - timedelta(days=10), person__surname="Left"
    ).person
    FlagFactory(person=left, version=world.absent.flags.get().version, raised_at=timezone.now())

    rows = csv_rows(client_for(world.taskforce).get(CSV))

    assert rows[0] == [*CONTRACT, "Trigger point names", "School"]
    by_surname = _by_surname(rows)
    assert by_surname["Left"]["School"] == "Not at school"
    assert by_surname[world.absent.surname]["School"] == world.school.name
    assert by_surname[world.absent.surname]["Trigger point names"].startswith("tp01 ")


def test_filtered_to_a_day_the_names_mark_those_raised_since_as_the_list_tags_them():
    world = build_world()
    day = timezone.localdate() - timedelta(days=1)
    response = client_for(world.dsl).get(CSV, {"raised_since": day.isoformat()})

    rows = _by_surname(csv_rows(response))
    new = f"(new since {day:%-d %b})"
    assert rows[world.suspended.surname]["Trigger point names"] == (
        f"tp01 Persistent absence {new}; tp04 Two or more suspensions {new}"
    )
    page = client_for(world.dsl).get(reverse("trigger_points:flagged"), {"raised_since": day.isoformat()})
    tagged = page.content.decode().count(f">new since {day:%-d %b}</span>")
    assert tagged == sum(row["Trigger point names"].count(new) for row in rows.values())
