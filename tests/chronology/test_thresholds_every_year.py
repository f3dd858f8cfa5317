"""Threshold events for weekly counts written in bulk rather than by imports (the bench's
city): announce_every_year leaves each school year's latest event saying what imports
week by week would have left it saying, so the next import announces only changes."""

from datetime import date, timedelta

import pytest

from chronology.importing.attendance_weeks_sql import announce_every_year
from chronology.models import Event, Feed, FeedRun
from tests.chronology.test_attendance_thresholds import HEADER, UPN1, register, thresholds
from tests.factories import PersonFactory


@pytest.fixture
def ada(school):
    return PersonFactory(upn=UPN1, forename="Ada", surname="Lovelace", date_of_birth="2012-03-04")


def last_year_absent() -> str:
    """Two weeks of June 2025, every session missed: severe in 2024/25."""
    weekdays = [date(2025, 6, 2) + timedelta(days=d) for d in (0, 1, 2, 3, 4, 7, 8, 9, 10, 11)]
    return HEADER + "".join(
        f"L{n},100001,{UPN1},{weekdays[n // 2]},{'AM' if n % 2 == 0 else 'PM'},O\n" for n in range(20)
    )


def test_each_years_band_is_announced_once_and_the_next_import_finds_nothing_new(ada, run_import):
    run_import("attendance", last_year_absent())
    run = run_import("attendance", register(0, 2, absent=3))
    by_imports = thresholds(ada)
    Event.objects.filter(category="attendance_threshold").delete()
    feed = Feed.objects.get(code=Feed.Code.ATTENDANCE)

    assert announce_every_year(feed=feed, run=FeedRun.objects.get(pk=run.pk)) == 2
    assert thresholds(ada) == by_imports, "the bands and words the imports announced, year by year"
    assert announce_every_year(feed=feed, run=run) == 0, "nothing has changed since"
    run_import("attendance", register(2, 1))
    assert thresholds(ada) == by_imports, "still persistently absent (3 of 30): nothing new to say"


def test_a_good_attender_gets_no_event(ada, run_import):
    run = run_import("attendance", register(0, 3))
    assert announce_every_year(feed=Feed.objects.get(code=Feed.Code.ATTENDANCE), run=run) == 0
    assert thresholds(ada) == []
