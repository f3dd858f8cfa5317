"""A retention run's report as an information-governance officer reads it: each feed by
name and the first day it keeps as a date in words, not feed codes and ISO dates."""

from datetime import date

import pytest
from django.urls import reverse

from chronology.models import Feed
from chronology.retention_rules import cutoff_for
from stewardship.services.retention import apply_retention
from tests.factories import FeedFactory

pytestmark = pytest.mark.django_db


def test_a_retention_report_names_each_feed_and_writes_its_date_in_words(ig_client):
    feed = FeedFactory(code=Feed.Code.POLICE_INTELLIGENCE, retention_months=72)
    run = apply_retention(by=None, dry_run=True, today=date(2026, 12, 4))
    kept_from = cutoff_for(feed, date(2026, 12, 4))

    html = ig_client.get(reverse("stewardship:retention_run", args=[run.pk])).content.decode()

    assert '<th scope="row" class="govuk-table__header">Police intelligence</th>' in html
    assert "police_intelligence" not in html
    assert f"{kept_from:%-d %B %Y}" in html
    assert kept_from.isoformat() not in html
