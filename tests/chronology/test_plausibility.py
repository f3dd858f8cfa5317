"""Plausibility checks at import: values that parse but cannot be true reject exactly
their row, with the reason, and the good row beside them imports."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from chronology.models import AttendanceMark, Feed, FeedRun
from tests.chronology.conftest import UPN3
from tests.chronology.good_rows import GOOD_ROWS, feed_csv


def years_ago(years: int, *, days: int = 0) -> date:
    today = timezone.localdate()
    day = today.replace(day=28) if (today.month, today.day) == (2, 29) else today
    return day.replace(year=day.year - years) - timedelta(days=days)


def next_weekday() -> date:
    day = timezone.localdate() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def dated(text: str) -> str:
    """The cases name days relative to today as {tomorrow} and the like, filled in when
    a test runs: taken when the module was collected, a run that passed midnight
    offered "tomorrow" on the day it had become."""
    today = timezone.localdate()
    return text.format(
        tomorrow=today + timedelta(days=1),
        next_weekday=next_weekday(),
        age_26=years_ago(26),
        just_under_2=years_ago(2) + timedelta(days=1),
    )


RULES = [
    (
        "school_census",
        {"date_of_birth": "2099-01-01"},
        "date_of_birth",
        "date_of_birth 2099-01-01 is in the future",
    ),
    (
        "school_census",
        {"date_of_birth": "{age_26}"},
        "date_of_birth",
        "date_of_birth {age_26} gives an age of 26; a pupil on the census is 2 to 25",
    ),
    (
        "school_census",
        {"date_of_birth": "{just_under_2}", "entry_date": ""},
        "date_of_birth",
        "date_of_birth {just_under_2} gives an age of 1; a pupil on the census is 2 to 25",
    ),
    (
        "school_census",
        {"leaving_date": "2021-07-20"},
        "leaving_date",
        "leaving_date is before entry_date",
    ),
    (
        "attendance",
        {"date": "2025-03-01"},
        "date",
        "date 2025-03-01 is a Saturday: register marks are for weekdays",
    ),
    (
        "attendance",
        {"date": "2025-03-02"},
        "date",
        "date 2025-03-02 is a Sunday: register marks are for weekdays",
    ),
    ("attendance", {"date": "{next_weekday}"}, "date", "date {next_weekday} is in the future"),
    (
        "suspensions",
        {"start_date": "{tomorrow}"},
        "start_date",
        "start_date {tomorrow} is in the future",
    ),
    (
        "police_incidents",
        {"occurred_at": "{tomorrow}T09:00"},
        "occurred_at",
        "occurred_at {tomorrow} is in the future",
    ),
    (
        "police_incidents",
        {"occurred_at": "2012-03-03T23:00"},
        "occurred_at",
        "occurred_at 2012-03-03 is before date_of_birth 2012-03-04",
    ),
    (
        "police_intelligence",
        {"recorded_on": "2011-12-31"},
        "recorded_on",
        "recorded_on 2011-12-31 is before date_of_birth 2012-03-04",
    ),
    (
        "youth_justice",
        {"outcome_date": "{tomorrow}"},
        "outcome_date",
        "outcome_date {tomorrow} is in the future",
    ),
    (
        "missing_episodes",
        {"reported_at": "2010-01-01T10:00", "returned_at": ""},
        "reported_at",
        "reported_at 2010-01-01 is before date_of_birth 2012-03-04",
    ),
    (
        "social_care",
        {"start_date": "{tomorrow}"},
        "start_date",
        "start_date {tomorrow} is in the future",
    ),
    (
        "early_help",
        {"start_date": "2012-01-01"},
        "start_date",
        "start_date 2012-01-01 is before date_of_birth 2012-03-04",
    ),
    ("health", {"event_date": "{tomorrow}"}, "event_date", "event_date {tomorrow} is in the future"),
    (
        "domestic_abuse",
        {"incident_date": "{tomorrow}"},
        "incident_date",
        "incident_date {tomorrow} is in the future",
    ),
    (
        "housing_benefits",
        {"event_date": "{tomorrow}"},
        "event_date",
        "event_date {tomorrow} is in the future",
    ),
]


@pytest.mark.parametrize(("feed", "change", "column", "reason"), RULES, ids=lambda v: str(v)[:30])
def test_an_implausible_value_rejects_exactly_its_row(city, run_import, feed, change, column, reason):
    good = GOOD_ROWS[feed] | {"source_record_id": "OK1"}
    bad = good | {"source_record_id": "BAD1"} | {key: dated(value) for key, value in change.items()}
    run = run_import(feed, feed_csv(feed, [good, bad]))
    assert run.status == FeedRun.Status.COMPLETED
    assert (run.rows_read, run.rows_imported, run.rows_rejected) == (2, 1, 1)
    assert list(run.rejected_rows.values_list("line_number", "column", "reason")) == [
        (3, column, dated(reason))
    ]


@pytest.mark.parametrize("day", ["2025-03-01", "{next_weekday}"])
def test_a_register_mark_on_a_weekend_or_in_the_future_is_rejected_both_ways(
    city, run_import, attendance_path, day
):
    good = GOOD_ROWS["attendance"] | {"source_record_id": "OK1"}
    run = run_import(
        "attendance", feed_csv("attendance", [good, good | {"source_record_id": "BAD1", "date": dated(day)}])
    )
    assert (run.rows_imported, run.rows_rejected) == (1, 1)
    assert run.rejected_rows.get().line_number == 3
    assert list(AttendanceMark.objects.values_list("source_record_id", flat=True)) == ["OK1"]


def test_the_edges_are_plausible(city, run_import):
    """A pupil of exactly 2 or 25 today, an event today, an event on the day of birth."""
    census = GOOD_ROWS["school_census"] | {"entry_date": ""}
    rows = [
        census | {"source_record_id": "C1", "date_of_birth": years_ago(2).isoformat()},
        census | {"source_record_id": "C2", "date_of_birth": years_ago(26, days=-1).isoformat(), "upn": UPN3},
    ]
    run = run_import("school_census", feed_csv("school_census", rows))
    assert (run.rows_imported, run.rows_rejected) == (2, 0), list(run.rejected_rows.values("reason"))
    # Ada's birth in 2012 is older than the health feed's 72 months: retention, not
    # plausibility, would leave that row out (tests/chronology/test_past_retention.py).
    Feed.objects.filter(code=Feed.Code.HEALTH).update(retention_months=240)
    health = GOOD_ROWS["health"]
    rows = [
        health | {"source_record_id": "H1", "event_date": timezone.localdate().isoformat()},
        health | {"source_record_id": "H2", "event_date": "2012-03-04"},
    ]
    run = run_import("health", feed_csv("health", rows))
    assert (run.rows_imported, run.rows_rejected) == (2, 0)
