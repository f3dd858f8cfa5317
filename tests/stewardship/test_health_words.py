"""An overdue feed's problem on the feed-health page counts its days right at 1: most
feeds arrive daily, so "last imported 1 day ago; it arrives every 1 day" is the usual
case, not an edge."""

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from chronology.models import Feed
from tests.factories import FeedFactory
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
