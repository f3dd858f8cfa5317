"""Feed-health problems are raised, and cleared, at their thresholds."""

from datetime import timedelta

import pytest
from django.test import override_settings

from chronology.models import Feed
from stewardship.selectors.health import feed_health
from tests.factories import FeedFactory
from tests.stewardship.conftest import NOW, imported


def kinds(feed, now=NOW) -> list[str]:
    (health,) = feed_health(feed=feed, now=now)
    return [p.kind for p in health.problems]


@override_settings(FEED_OVERDUE_GRACE_HOURS=24)
def test_a_feed_is_overdue_after_its_cadence_and_the_grace_period(feed):
    imported(feed, days_ago=8)
    assert kinds(feed, now=NOW - timedelta(minutes=1)) == []
    assert kinds(feed, now=NOW + timedelta(minutes=1)) == ["overdue"]
    (health,) = feed_health(feed=feed, now=NOW + timedelta(minutes=1))
    assert health.problems[0].message == (
        "Police incidents is overdue: last imported 8 days ago; it arrives every 7 days."
    )
    imported(feed, days_ago=0)
    assert kinds(feed) == [], "a new import clears it"


def test_a_feed_on_the_register_never_imported_is_overdue_but_one_without_references_is_not(db):
    ready = FeedFactory(code=Feed.Code.HEALTH)
    unready = FeedFactory(code=Feed.Code.EARLY_HELP, dsa_reference="")
    assert kinds(ready) == ["overdue"]
    assert kinds(unready) == []


@pytest.mark.parametrize(
    ("rejected", "expected"),
    [(6, []), (7, ["reject_rate"])],
    ids=["4 points above: fine", "5 points above and over twice: problem"],
)
def test_a_reject_rate_far_above_its_recent_level_is_a_problem(feed, rejected, expected):
    for days in (6, 5, 4, 3):
        imported(feed, days_ago=days, rows=100, rejected=2)
    imported(feed, days_ago=1, rows=100, rejected=rejected)
    assert kinds(feed) == expected


def test_a_high_reject_rate_that_is_usual_for_the_feed_is_not_a_problem(feed):
    for days in (6, 5, 4):
        imported(feed, days_ago=days, rows=100, rejected=30)
    imported(feed, days_ago=1, rows=100, rejected=36)
    assert kinds(feed) == [], "36% against a usual 30%: higher, but not twice as high"


@pytest.mark.parametrize(("rows", "expected"), [(500, []), (499, ["row_drop"])])
def test_a_drop_of_more_than_half_the_rows_is_a_problem(feed, rows, expected):
    for days in (6, 5, 4):
        imported(feed, days_ago=days, rows=1000)
    imported(feed, days_ago=1, rows=rows)
    assert kinds(feed) == expected


def test_problems_clear_when_the_next_import_is_usual_again(feed):
    for days in (6, 5, 4):
        imported(feed, days_ago=days, rows=1000, rejected=10)
    imported(feed, days_ago=2, rows=300, rejected=150)
    assert kinds(feed) == ["reject_rate", "row_drop"]
    imported(feed, days_ago=1, rows=1000, rejected=10)
    assert kinds(feed) == []


def test_the_health_of_every_feed_takes_the_same_queries_however_many_runs(
    feed, django_assert_max_num_queries
):
    other = FeedFactory(code=Feed.Code.HEALTH)
    for days in range(60):
        imported(feed, days_ago=days)
        imported(other, days_ago=days)
    with django_assert_max_num_queries(4):
        health = feed_health(now=NOW)
    assert [len(h.runs) for h in health] == [60, 60]
