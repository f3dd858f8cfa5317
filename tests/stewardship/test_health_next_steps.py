"""From a feed's health a data officer goes on to the import behind a problem (its
rejected rows, its counts), to the feed's waiting rows, or to uploading the file again.
The page named the problem and charted it, and led nowhere; IG and the taskforce, who
may not open import reports, get no links they could not follow."""

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from chronology.models import Feed, LinkReview
from tests.factories import FeedFactory, SourceRecordFactory
from tests.factories.access import user_with_role
from tests.stewardship.conftest import imported


@pytest.fixture
def dropped(db):
    feed = FeedFactory(code=Feed.Code.SOCIAL_CARE, cadence_days=7)
    now = timezone.now()
    for days in (3, 2):
        imported(feed, days_ago=days, rows=200, now=now)
    latest = imported(feed, days_ago=1, rows=40, queued=2, now=now)
    LinkReview.objects.create(
        source_record=SourceRecordFactory(feed=feed, person=None), reason="No matching person"
    )
    return feed, latest


def test_a_data_officer_goes_from_a_problem_to_the_import_the_queue_and_the_upload(client, dropped):
    feed, latest = dropped
    client.force_login(user_with_role(Role.DATA_OFFICER))

    html = client.get(reverse("stewardship:health_feed", args=[feed.code])).content.decode()

    assert f'href="{reverse("chronology:run", args=[latest.pk])}"' in html
    assert f'href="{reverse("chronology:review_queue")}?feed={feed.code}"' in html
    assert f'href="{reverse("chronology:upload", args=[feed.code])}"' in html


@pytest.mark.parametrize("role", [Role.IG_OFFICER, Role.TASKFORCE])
def test_roles_that_cannot_open_imports_get_no_links_to_them(client, dropped, role):
    feed, latest = dropped
    client.force_login(user_with_role(role))

    html = client.get(reverse("stewardship:health_feed", args=[feed.code])).content.decode()

    assert "the latest import had 40 rows" in html
    for page in ("chronology:review_queue", "chronology:index"):
        assert f'href="{reverse(page)}' not in html
    assert reverse("chronology:run", args=[latest.pk]) not in html
