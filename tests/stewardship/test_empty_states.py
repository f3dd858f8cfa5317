"""Feed health on a portal just set up (no feed registered) and for a feed that has not
been imported in the last 90 days: words saying what is missing, not a table of
headers or charts with no line."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.roles import Role
from chronology.models import Feed
from tests.factories import FeedFactory
from tests.factories.access import user_with_role
from tests.page_text import page_text

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.DATA_OFFICER, Role.IG_OFFICER, Role.TASKFORCE])
def test_feed_health_with_no_feed_registered_says_so(client, role):
    client.force_login(user_with_role(role))
    response = client.get(reverse("stewardship:health"))
    assert response.status_code == 200
    text = page_text(response)
    assert "No feeds are registered yet" in text
    assert "Rows in latest import" not in text
    # Nothing is watched yet, so nothing is said to be well.
    assert "No feed has a problem" not in text


def test_a_feed_never_imported_has_no_empty_charts(ig_client):
    feed = FeedFactory(code=Feed.Code.POLICE_INCIDENTS, cadence_days=7)
    response = ig_client.get(reverse("stewardship:health_feed", args=[feed.code]))
    assert response.status_code == 200
    text = page_text(response)
    assert "No imports in the last 90 days, so there is nothing to chart." in text
    assert "No row has waited for review in the last 90 days." in text
    assert "portal-chart" not in response.content.decode()


def test_the_command_with_no_feed_registered_says_so():
    out = io.StringIO()
    call_command("feed_health", stdout=out)
    assert out.getvalue() == "No feeds are registered yet, so none is watched.\n"
