"""An overdue feed's problem on the feed-health page counts its days right at 1: most
feeds arrive daily, so "last imported 1 day ago; it arrives every 1 day" is the usual
case, not an edge."""

from datetime import timedelta
from html import unescape

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from chronology.models import Feed, LinkReview
from tests.factories import FeedFactory, SourceRecordFactory
from tests.page_text import page_text
from tests.stewardship.conftest import imported


@override_settings(FEED_OVERDUE_GRACE_HOURS=6)
@pytest.mark.parametrize(
    ("cadence", "days_ago", "words"),
    [
        (1, 1.5, "last imported 1 day ago; it arrives every 1 day."),
        (7, 9, "last imported 9 days ago; it arrives every 7 days."),
    ],
)
def test_an_overdue_feed_counts_its_days_in_words(ig_client, cadence, days_ago, words):
    feed = FeedFactory(code=Feed.Code.POLICE_INCIDENTS, cadence_days=cadence)
    imported(feed, days_ago=days_ago, now=timezone.now())
    assert words in page_text(ig_client.get(reverse("stewardship:health")))


@pytest.mark.parametrize(
    ("hours_waiting", "in_table", "on_feed_page"),
    [
        (3, "1 waiting, oldest under a day", "1 row waiting; the oldest for under a day"),
        (50, "1 waiting, oldest 2 days", "1 row waiting; the oldest for 2 days"),
    ],
)
def test_a_row_queued_today_waits_under_a_day_not_0_days(ig_client, hours_waiting, in_table, on_feed_page):
    """A row the morning's import queued read "1 waiting, oldest 0 days", as though
    nothing waited."""
    feed = FeedFactory(code=Feed.Code.POLICE_INCIDENTS, cadence_days=1)
    imported(feed, days_ago=0.1, now=timezone.now())
    record = SourceRecordFactory(feed=feed, person=None)
    LinkReview.objects.create(source_record=record, reason="No one matched with certainty")
    LinkReview.objects.update(created_at=timezone.now() - timedelta(hours=hours_waiting))

    assert in_table in page_text(ig_client.get(reverse("stewardship:health")))
    assert on_feed_page in page_text(ig_client.get(reverse("stewardship:health_feed", args=[feed.code])))


@pytest.mark.parametrize(
    ("rows", "rejected", "queued", "shown"),
    [
        (311, 1, 0, "311 <1% >99% 0%"),
        (311, 0, 1, "311 0% >99% <1%"),
        (200, 50, 0, "200 25% 75% 0%"),
        (40, 0, 0, "40 0% 100% 0%"),
    ],
)
def test_a_share_that_rounds_to_nothing_is_not_shown_as_none(ig_client, rows, rejected, queued, shown):
    """One rejected row in 311 read "0%" rejected, beside the feeds page's 1 rejected row."""
    feed = FeedFactory(code=Feed.Code.HEALTH, cadence_days=1)
    imported(feed, days_ago=0.1, rows=rows, rejected=rejected, queued=queued, now=timezone.now())
    assert shown in unescape(page_text(ig_client.get(reverse("stewardship:health"))))
