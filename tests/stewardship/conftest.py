from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from chronology.models import Feed
from tests.factories import FeedFactory, FeedRunFactory
from tests.factories.access import user_with_role

NOW = timezone.make_aware(datetime(2026, 6, 10, 9, 0))


@pytest.fixture
def ig_client(client, db):
    """A test client signed in as an information-governance officer."""
    client.force_login(user_with_role(Role.IG_OFFICER))
    return client


@pytest.fixture
def feed(db) -> Feed:
    """A weekly feed."""
    return FeedFactory(code=Feed.Code.POLICE_INCIDENTS, cadence_days=7)


def imported(feed: Feed, *, days_ago: float, rows: int = 100, rejected: int = 0, queued: int = 0, now=NOW):
    """A completed import of `rows` rows, finished `days_ago` days before now."""
    return FeedRunFactory(
        feed=feed,
        finished_at=now - timedelta(days=days_ago),
        rows_read=rows,
        rows_rejected=rejected,
        rows_queued=queued,
        rows_imported=rows - rejected - queued,
        rows_linked_certain=rows - rejected - queued,
    )
