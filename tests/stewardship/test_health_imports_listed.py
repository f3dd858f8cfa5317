"""A feed's health page listed its imports by day alone: four rows all "6 Dec 2026",
with no time and no way to each import's report."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from chronology.models import Feed
from tests.factories import FeedFactory
from tests.factories.access import user_with_role
from tests.stewardship.conftest import imported

pytestmark = pytest.mark.django_db


@pytest.fixture
def same_day_runs():
    feed = FeedFactory(code=Feed.Code.POLICE_INCIDENTS, cadence_days=7)
    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0) - timedelta(days=1)
    runs = [imported(feed, days_ago=0, now=noon + timedelta(hours=h, minutes=5)) for h in range(4)]
    return feed, runs


def _page(role: str, feed: Feed) -> str:
    client = Client()
    client.force_login(user_with_role(role))
    return client.get(reverse("stewardship:health_feed", args=[feed.code])).content.decode()


def test_each_import_is_listed_at_its_time_with_a_link_to_its_report(same_day_runs):
    feed, runs = same_day_runs

    html = _page(Role.DATA_OFFICER, feed)

    for run in runs:
        when = timezone.localtime(run.finished_at).strftime("%-d %b %Y %H:%M")
        assert f'href="{reverse("chronology:run", args=[run.pk])}">{when}' in html
    day = timezone.localtime(runs[0].finished_at).strftime("%-d %b %Y")
    assert f'<th scope="row" class="govuk-table__header">{day}</th>' not in html, "a chart's row by day alone"


def test_roles_that_cannot_open_reports_see_the_times_without_links(same_day_runs):
    feed, runs = same_day_runs

    html = _page(Role.IG_OFFICER, feed)

    for run in runs:
        assert timezone.localtime(run.finished_at).strftime("%-d %b %Y %H:%M") in html
        assert reverse("chronology:run", args=[run.pk]) not in html
