"""Feed-health problems are raised, and cleared, at their thresholds."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.test import override_settings

from chronology.models import Feed, FeedRun, LinkReview
from stewardship.selectors.health import feed_health
from stewardship.selectors.health_charts import review_age_by_week
from tests.factories import FeedFactory, SourceRecordFactory
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


def test_a_latest_import_rejected_or_failed_is_a_problem_until_one_completes(feed):
    """A nightly extract sent through the API and rejected whole (a supplier renamed a
    column) is seen the same day, not once the feed is overdue."""
    imported(feed, days_ago=3)
    rejected = imported(feed, days_ago=1)
    FeedRun.objects.filter(pk=rejected.pk).update(status=FeedRun.Status.REJECTED, rows_read=0)
    (health,) = feed_health(feed=feed, now=NOW)
    assert [(p.kind, p.message) for p in health.problems] == [
        (
            "failed",
            f"Police incidents: its latest import, on {rejected.finished_at:%-d %b %Y}, did not complete "
            "(the file was rejected or the import failed); no import has completed since.",
        )
    ]
    assert [r.run_id for r in health.runs] == [health.runs[0].run_id], "the rejected run is no import"
    imported(feed, days_ago=0.5)
    assert kinds(feed) == [], "a completed import clears it"


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


def test_the_review_queue_chart_counts_the_reviews_open_at_the_end_of_each_week(
    feed, django_assert_num_queries
):
    now = NOW.astimezone(UTC)  # whole days apart, across the change to summer time

    def review(*, created_days_ago: float, decided_days_ago: float | None = None) -> None:
        record = SourceRecordFactory(feed=feed, person=None)
        LinkReview.objects.create(
            source_record=record,
            reason="No one matched with certainty",
            status=LinkReview.Status.OPEN if decided_days_ago is None else LinkReview.Status.REJECTED,
        )
        LinkReview.objects.filter(source_record=record).update(
            created_at=now - timedelta(days=created_days_ago),
            decided_at=None if decided_days_ago is None else now - timedelta(days=decided_days_ago),
        )

    review(created_days_ago=200, decided_days_ago=190)
    review(created_days_ago=100, decided_days_ago=20)
    review(created_days_ago=10)
    review(created_days_ago=3, decided_days_ago=1)
    (health,) = feed_health(feed=feed, now=now)
    with django_assert_num_queries(1):
        weeks = review_age_by_week(health, now=now)
    assert [(n, age) for _, n, age in weeks] == [
        *[(1, 100 - 7 * weeks_back) for weeks_back in range(11, 2, -1)],
        (0, 0),
        (1, 10 - 7),
        (1, 10),
    ]


def test_the_weeks_of_the_review_chart_end_on_the_same_weekday_across_a_clock_change(feed):
    """Seen at 00:30 BST on a Monday, every week of the chart ends on a Monday at 00:30,
    also the weeks before the clocks went forward (24-hour days would put them at 23:30
    on the Sunday before)."""
    now = datetime(2027, 4, 11, 23, 30, tzinfo=UTC)  # 00:30 BST, Monday 12 April 2027
    (health,) = feed_health(feed=feed, now=now)
    ends = [moment for moment, _, _ in review_age_by_week(health, now=now)]
    assert {(m.isoweekday(), m.hour, m.minute) for m in ends} == {(1, 0, 30)}
    assert ends[0].date() == date(2027, 1, 25)
